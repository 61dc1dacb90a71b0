package synth

import (
	"math"
	"testing"
)

func TestTurn(t *testing.T) {
	for _, m := range []int{1, 3, 8, 24, 96, 720} {
		for j := -m; j <= 2*m; j++ {
			c, s := turn(j, m)
			a := 2 * math.Pi * float64(j) / float64(m)
			if math.Abs(c-math.Cos(a)) > 4e-15 || math.Abs(s-math.Sin(a)) > 4e-15 {
				t.Fatalf("turn(%d, %d) = %v, %v; want %v, %v", j, m, c, s, math.Cos(a), math.Sin(a))
			}
		}
	}
	// Exact at the quarter turns.
	for j, want := range [][2]float64{{1, 0}, {0, 1}, {-1, 0}, {0, -1}} {
		if c, s := turn(j, 4); c != want[0] || s != want[1] {
			t.Errorf("turn(%d, 4) = %v, %v; want %v", j, c, s, want)
		}
	}
}

func TestDexp(t *testing.T) {
	for x := -20.0; x <= 20; x += 0.01 {
		if got, want := dexp(x), math.Exp(x); math.Abs(got-want) > 3e-16*want {
			t.Fatalf("dexp(%v) = %v, want %v", x, got, want)
		}
	}
	if dexp(0) != 1 {
		t.Errorf("dexp(0) = %v", dexp(0))
	}
}

func TestRNGMoments(t *testing.T) {
	r := newRNG(1, 2)
	const n = 200_000
	var s, s2 float64
	for range n {
		z := r.normal()
		s += z
		s2 += z * z
	}
	if mean, v := s/n, s2/n-(s/n)*(s/n); math.Abs(mean) > 0.01 || math.Abs(v-1) > 0.02 {
		t.Errorf("normal: mean %v, variance %v", mean, v)
	}
	hits := make([]int, 7)
	for range 70_000 {
		hits[r.intn(7)]++
	}
	for k, h := range hits {
		if h < 9_400 || h > 10_600 {
			t.Errorf("intn(7) gave %d %d times in 70,000", k, h)
		}
	}
}

func TestIsqrtCeil(t *testing.T) {
	for v := int64(0); v < 20_000; v++ {
		s := isqrtCeil(v)
		if s*s < v || (s > 0 && (s-1)*(s-1) >= v) {
			t.Fatalf("isqrtCeil(%d) = %d", v, s)
		}
	}
}
