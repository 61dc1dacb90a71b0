package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// TestFor: every index in [0, n) is visited exactly once, whatever n and
// the number of cores, on either side of Min.
func TestFor(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 3, 8} {
		runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, Min - 1, Min, 3*Min + 7} {
			seen := make([]atomic.Int32, n)
			For(n, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					seen[i].Add(1)
				}
			})
			for i := range seen {
				if c := seen[i].Load(); c != 1 {
					t.Fatalf("GOMAXPROCS %d, n %d: index %d visited %d times", procs, n, i, c)
				}
			}
		}
	}
}

// TestRangesAndEach: Ranges gives each worker its own consecutive range,
// in order, and Each visits every item once.
func TestRangesAndEach(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 5} {
		runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 7, 1000} {
			for _, workers := range []int{1, 2, 3, 8} {
				owner := make([]atomic.Int32, n)
				ends := make([][2]int, workers)
				Ranges(n, workers, func(w, lo, hi int) {
					ends[w] = [2]int{lo, hi}
					for i := lo; i < hi; i++ {
						owner[i].Add(int32(w) + 1)
					}
				})
				if workers > 1 && (ends[0][0] != 0 || ends[workers-1][1] != n) {
					t.Fatalf("n %d, %d workers: ranges %v do not cover [0, n)", n, workers, ends)
				}
				for w := 1; w < workers; w++ {
					if ends[w][0] != ends[w-1][1] {
						t.Fatalf("n %d, %d workers: ranges %v are not consecutive", n, workers, ends)
					}
				}
				prev := int32(0)
				for i := range owner {
					if o := owner[i].Load(); o < prev || o < 1 {
						t.Fatalf("n %d, %d workers: item %d has owner %d after %d", n, workers, i, o, prev)
					}
					prev = owner[i].Load()
				}
			}
			seen := make([]atomic.Int32, n)
			Each(n, func(i int) { seen[i].Add(1) })
			for i := range seen {
				if c := seen[i].Load(); c != 1 {
					t.Fatalf("Each, GOMAXPROCS %d, n %d: item %d visited %d times", procs, n, i, c)
				}
			}
		}
	}
	if got := Workers(100, 4, 30); got != 3 {
		t.Errorf("Workers(100, 4, 30) = %d, want 3", got)
	}
	if got := Workers(10, 4, 30); got != 1 {
		t.Errorf("Workers(10, 4, 30) = %d, want 1", got)
	}
}
