// Package parallel runs loops on all cores. It holds the parallel loops of
// the whole module, so that packages split work the same way and none
// grows a copy of its own:
//
//   - Ranges cuts [0, n) into one consecutive range per worker and tells
//     each call which range it has (for per-range results laid end to end);
//   - For is Ranges on all cores for loops of at least Min items;
//   - Each hands out single items to the next free worker, for items of
//     very different cost (the polygons of groups of all sizes).
//
// Callers keep results independent of the number of workers: each range
// or item writes only its own results, and whatever is combined across
// ranges (a minimum, a first index, lists laid end to end) is combined by
// a rule that does not depend on where the ranges were cut.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Min is the number of items from which For uses more than one goroutine:
// below it, starting goroutines costs more than it saves.
const Min = 1 << 16

// Workers returns how many goroutines to use for n items: one per per
// items, at most limit, at least one.
func Workers(n, limit, per int) int { return max(1, min(limit, n/max(per, 1))) }

// Ranges calls do(w, lo, hi) for w in [0, workers) on the consecutive
// ranges [lo, hi) that split [0, n) evenly, each on its own goroutine (on
// the caller's alone when workers is 1), and returns when all are done.
func Ranges(n, workers int, do func(w, lo, hi int)) {
	if workers <= 1 {
		do(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() { do(w, lo, hi) })
	}
	wg.Wait()
}

// For calls do on consecutive ranges covering [0, n), one per goroutine up
// to GOMAXPROCS when n is at least Min, and waits for them.
func For(n int, do func(lo, hi int)) {
	workers := 1
	if n >= Min {
		workers = runtime.GOMAXPROCS(0)
	}
	Ranges(n, workers, func(_, lo, hi int) { do(lo, hi) })
}

// Each calls fn(0), ..., fn(n-1) on up to GOMAXPROCS goroutines, each
// taking the next item not yet taken, and returns when all are done.
func Each(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
}
