package partition

import (
	"math/rand/v2"
	"testing"
)

func BenchmarkAdjustedRand(b *testing.B) {
	for _, n := range []struct {
		name string
		n    int
	}{{"6k", 6_000}, {"1M", 1_000_000}} {
		r := rand.New(rand.NewPCG(1, 1))
		x, y := randomLabels(r, n.n, n.n/6), randomLabels(r, n.n, n.n/6)
		b.Run(n.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := AdjustedRand(x, y); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
