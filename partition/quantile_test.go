package partition

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// sortedQuantile is the definition weightedQuantile must meet: sort by
// distance and return the first distance at which the cumulative weight
// reaches target.
func sortedQuantile(pairs []distWeight, target float64) float64 {
	s := slices.Clone(pairs)
	slices.SortFunc(s, func(a, b distWeight) int { return cmp.Compare(a.d, b.d) })
	var cum float64
	for _, x := range s {
		cum += float64(x.w)
		if cum >= target {
			return x.d
		}
	}
	return 0
}

func TestWeightedQuantile(t *testing.T) {
	cases := []struct {
		name     string
		n        int
		distinct int   // distinct distances (0: all distinct)
		maxW     int64 // weights in [0, maxW]
	}{
		{"one", 1, 0, 5},
		{"distinct", 1000, 0, 1},
		{"many ties", 1000, 7, 3},
		{"all equal", 200, 1, 2},
		{"zero weights", 500, 20, 1},
		{"heavy", 300, 0, 60_000},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(3, uint64(tc.n)))
			pairs := make([]distWeight, tc.n)
			var W float64
			for i := range pairs {
				d := r.Float64() * 50
				if tc.distinct > 0 {
					d = float64(r.IntN(tc.distinct))
				}
				pairs[i] = distWeight{d, r.Int64N(tc.maxW + 1)}
				W += float64(pairs[i].w)
			}
			for _, f := range []float64{0, 0.01, 0.5, 0.95, 1, 1.01} {
				want := sortedQuantile(pairs, f*W)
				if got := weightedQuantile(slices.Clone(pairs), f*W); got != want {
					t.Errorf("quantile %v: got %v, want %v", f, got, want)
				}
			}
		})
	}
	if got := weightedQuantile(nil, 1); got != 0 {
		t.Errorf("empty: got %v, want 0", got)
	}
}
