package partition

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRadixByKey checks the radix sort against a stable comparison sort,
// on sizes below and above parallelRadix (where two goroutines count and
// scatter) and on keys with many repeats, where stability shows.
func TestRadixByKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, tc := range []struct {
		n    int
		keys uint32 // distinct keys drawn from [0, keys); 0: any 32-bit key
	}{
		{0, 0}, {1, 0}, {2048, 0}, {5000, 16}, {parallelRadix - 1, 1 << 20},
		{parallelRadix + 12345, 0}, {3 * parallelRadix, 300}, {3 * parallelRadix, 1 << 17},
	} {
		e := make([]tedge, tc.n)
		for i := range e {
			k := rng.Uint32()
			if tc.keys > 0 {
				k %= tc.keys
			}
			e[i] = tedge{key: k, u: int32(i), v: int32(rng.IntN(1000))}
		}
		want := slices.Clone(e)
		slices.SortStableFunc(want, func(a, b tedge) int { return cmp.Compare(a.key, b.key) })
		radixByKey(e, nil)
		if !slices.Equal(e, want) {
			i := 0
			for e[i] == want[i] {
				i++
			}
			t.Fatalf("n %d, keys %d: item %d is %+v, want %+v", tc.n, tc.keys, i, e[i], want[i])
		}
	}
}
