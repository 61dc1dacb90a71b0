package synth

import (
	"math"
	"testing"
)

// FuzzGenerate checks the invariants of small countries for arbitrary seeds:
// the requested size, every practice strictly inside the land (exact
// integer test), one practice on the islet, at least two on the island.
func FuzzGenerate(f *testing.F) {
	f.Add(uint64(1), uint16(0))
	f.Add(uint64(0), uint16(500))
	f.Add(^uint64(0), uint16(900))
	f.Fuzz(func(t *testing.T, seed uint64, extra uint16) {
		n := MinPractices + int(extra%1400)
		c, err := Generate(Options{Practices: n, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Practices) != n {
			t.Fatalf("%d practices, want %d", len(c.Practices), n)
		}
		l := newLand(seed)
		count := make([]int, len(l.rings))
		for _, p := range c.Practices {
			x, y := int64(math.Round(float64(p.Loc[0]*1e6))), int64(math.Round(float64(p.Loc[1]*1e6)))
			inside := false
			for k, r := range l.rings {
				if r.contains(x, y) {
					count[k]++
					inside = true
				}
			}
			if !inside || p.Patients < 1 {
				t.Fatalf("practice %+v off the land or empty", p)
			}
		}
		if count[1] < minIsland || count[2] != 1 {
			t.Fatalf("per ring %v", count)
		}
	})
}
