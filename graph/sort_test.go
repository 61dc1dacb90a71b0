package graph

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/hubpart/hubpart/internal/parallel"
)

// TestSortUnique: any number of workers gives the order of one sort, on
// sizes either side of parallel.Min, with many equal primary keys.
func TestSortUnique(t *testing.T) {
	type key struct{ a, i int32 }
	c := func(x, y key) int {
		if d := cmp.Compare(x.a, y.a); d != 0 {
			return d
		}
		return cmp.Compare(x.i, y.i)
	}
	for _, n := range []int{0, 1, 1000, parallel.Min, 3*parallel.Min + 7} {
		r := rand.New(rand.NewPCG(1, uint64(n)))
		in := make([]key, n)
		for i := range in {
			in[i] = key{int32(r.IntN(50)), int32(i)}
		}
		want := slices.Clone(in)
		slices.SortFunc(want, c)
		for _, w := range []int{1, 2, 3, 8} {
			got := slices.Clone(in)
			sortUnique(got, c, w)
			if !slices.Equal(got, want) {
				t.Fatalf("n %d, %d workers: order differs from one sort", n, w)
			}
		}
	}
}
