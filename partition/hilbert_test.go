package partition

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestHilbertOrder checks the radix-sorted order against a plain sort of
// (key, position), on points with many shared keys, and that a cancelled
// context gives nil.
func TestHilbertOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 3, 10, 1000, 70_000} {
		g := &pgraph{x: make([]float64, n), y: make([]float64, n)}
		for v := range n {
			g.x[v], g.y[v] = float64(rng.IntN(50)), float64(rng.IntN(50)) // many equal keys
		}
		atoms := make([]int32, n)
		for i := range atoms {
			atoms[i] = int32(n - 1 - i)
		}
		got := hilbertOrder(context.Background(), g, atoms, 1)
		want := make([]int32, n)
		for i := range want {
			want[i] = int32(i)
		}
		if n >= 3 {
			x0, y0 := slices.Min(g.x), slices.Min(g.y)
			span := max(slices.Max(g.x)-x0, slices.Max(g.y)-y0)
			key := func(i int32) uint64 {
				a := atoms[i]
				s := float64(1<<16-1) / span
				return hilbertD(min(uint32((g.x[a]-x0)*s), 1<<16-1), min(uint32((g.y[a]-y0)*s), 1<<16-1), 1<<16)
			}
			slices.SortStableFunc(want, func(a, b int32) int {
				ka, kb := key(a), key(b)
				if ka < kb {
					return -1
				}
				if ka > kb {
					return 1
				}
				return 0
			})
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%d atoms: order differs from a stable sort by key", n)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g := &pgraph{x: []float64{0, 1, 2, 3}, y: []float64{0, 1, 0, 1}}
	if got := hilbertOrder(ctx, g, []int32{0, 1, 2, 3}, 1); got != nil {
		t.Errorf("cancelled: got %v, want nil", got)
	}
}
