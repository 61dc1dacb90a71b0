package partition

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestAdjustedRand(t *testing.T) {
	cases := []struct {
		name string
		a, b []int32
		want float64
	}{
		// Hand computation: pairs within a-groups 3+3 = 6, within b-groups
		// 1+1+1 = 3, within both 1+1 = 2, of 15; expected 6·3/15 = 1.2,
		// maximum 4.5: (2-1.2)/(4.5-1.2) = 8/33.
		{"three vs two groups", []int32{0, 0, 0, 1, 1, 1}, []int32{0, 0, 1, 1, 2, 2}, 8.0 / 33},
		// Pairs 1, 2, 1 of 6; expected 1/3, maximum 3/2: (2/3)/(7/6) = 4/7.
		{"merge of two singletons", []int32{0, 0, 1, 2}, []int32{0, 0, 1, 1}, 4.0 / 7},
		{"identical", []int32{0, 0, 1, 1}, []int32{0, 0, 1, 1}, 1},
		{"identical relabelled", []int32{0, 0, 1, 1}, []int32{1, 1, 0, 0}, 1},
		{"minus one is a label", []int32{-1, -1, 5, 5, 9}, []int32{7, 7, -1, -1, 3}, 1},
		// Pairs 6, 0, 0 of 6: expected 0, maximum 3.
		{"one group vs singletons", []int32{0, 0, 0, 0}, []int32{0, 1, 2, 3}, 0},
		// Pairs 2, 2, 0 of 6: expected 2/3, maximum 2: (-2/3)/(4/3).
		{"crossed", []int32{0, 0, 1, 1}, []int32{0, 1, 0, 1}, -0.5},
		{"both one group", []int32{4, 4, 4}, []int32{2, 2, 2}, 1},
		{"both singletons", []int32{1, 2, 3}, []int32{3, 2, 1}, 1},
		{"single item", []int32{8}, []int32{-1}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := AdjustedRand(tc.a, tc.b)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("AdjustedRand = %v, want %v", got, tc.want)
			}
			back, _ := AdjustedRand(tc.b, tc.a)
			if back != got {
				t.Errorf("not symmetric: %v one way, %v the other", got, back)
			}
		})
	}
}

func TestKeptTogether(t *testing.T) {
	cases := []struct {
		name string
		a, b []int32
		want float64
	}{
		// a-group {0,1} stays together (2), {2,3} is split (0), {4} alone (1).
		{"one group split", []int32{0, 0, 1, 1, 2}, []int32{5, 5, 6, 7, 8}, 3.0 / 5},
		// The converse: every b-group is a singleton or inside an a-group.
		{"finer side kept", []int32{5, 5, 6, 7, 8}, []int32{0, 0, 1, 1, 2}, 1},
		{"identical relabelled", []int32{3, 3, 1}, []int32{-1, -1, 0}, 1},
		{"coarsening keeps all", []int32{0, 0, 1, 1}, []int32{9, 9, 9, 9}, 1},
		{"one group scattered", []int32{0, 0, 0, 0}, []int32{0, 1, 2, 3}, 0},
		{"all singletons", []int32{1, 2, 3}, []int32{4, 4, 5}, 1},
		{"minus one is a label", []int32{-1, -1, 2, 2}, []int32{0, 0, 0, 1}, 0.5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := KeptTogether(tc.a, tc.b)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("KeptTogether = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSimilarityErrors(t *testing.T) {
	cases := []struct {
		name string
		a, b []int32
		want error
	}{
		{"lengths differ", []int32{1, 2}, []int32{1}, ErrLabelsLength},
		{"both empty", nil, []int32{}, ErrNoLabels},
		{"one empty", []int32{}, []int32{0}, ErrLabelsLength},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := AdjustedRand(tc.a, tc.b); !errors.Is(err, tc.want) {
				t.Errorf("AdjustedRand: %v, want %v", err, tc.want)
			}
			if _, err := KeptTogether(tc.a, tc.b); !errors.Is(err, tc.want) {
				t.Errorf("KeptTogether: %v, want %v", err, tc.want)
			}
		})
	}
}

// randomLabels returns n labels drawn from k groups.
func randomLabels(r *rand.Rand, n, k int) []int32 {
	l := make([]int32, n)
	for i := range l {
		l[i] = int32(r.IntN(k))
	}
	return l
}

func TestAdjustedRandRandomNearZero(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, k := range []int{2, 50, 1000} {
		a, b := randomLabels(r, 20_000, k), randomLabels(r, 20_000, k)
		got, err := AdjustedRand(a, b)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got) > 0.01 {
			t.Errorf("%d random groups: ARI %v, want about 0", k, got)
		}
	}
}

// Relabelling the groups or reordering the items changes nothing, to the
// last bit: the sums are exact integers.
func TestSimilarityInvariance(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const n = 5000
	a := randomLabels(r, n, 300)
	b := make([]int32, n)
	for i := range b { // b: a, with about a fifth of the items moved
		b[i] = a[i] / 2
		if r.IntN(5) == 0 {
			b[i] = int32(r.IntN(150))
		}
	}
	ari, _ := AdjustedRand(a, b)
	kab, _ := KeptTogether(a, b)
	kba, _ := KeptTogether(b, a)
	if ari <= 0.2 || ari >= 1 || kab <= 0 || kab >= 1 || kba >= kab {
		t.Fatalf("unexpected baseline: ARI %v, kept %v / %v", ari, kab, kba)
	}

	relabel := r.Perm(300)
	ra := make([]int32, n)
	for i := range a {
		ra[i] = int32(relabel[a[i]]*7 - 1000)
	}
	perm := r.Perm(n)
	pa, pb := make([]int32, n), make([]int32, n)
	for i, j := range perm {
		pa[i], pb[i] = a[j], b[j]
	}
	for _, tc := range []struct {
		name string
		a, b []int32
	}{
		{"relabelled", ra, b},
		{"reordered", pa, pb},
		{"again", a, b},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := AdjustedRand(tc.a, tc.b)
			k1, _ := KeptTogether(tc.a, tc.b)
			k2, _ := KeptTogether(tc.b, tc.a)
			if got != ari || k1 != kab || k2 != kba {
				t.Errorf("ARI %v kept %v/%v, want %v, %v/%v", got, k1, k2, ari, kab, kba)
			}
		})
	}
}
