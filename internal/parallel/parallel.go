// Package parallel runs a loop over [0, n) on all cores. It holds the one
// parallel-for of the packages below it (graph, geo), so that they split
// work the same way and none grows a second copy.
//
// Callers keep results independent of the number of workers: each range
// writes only its own results, and whatever is combined across ranges
// (a minimum, a first index) is combined by a rule that does not depend on
// where the ranges were cut.
package parallel

import (
	"runtime"
	"sync"
)

// Min is the number of items from which For uses more than one goroutine:
// below it, starting goroutines costs more than it saves.
const Min = 1 << 16

// For calls do on consecutive ranges covering [0, n), one per goroutine up
// to GOMAXPROCS, and waits for them. do must write only its own range's
// results, so the outcome does not depend on the split.
func For(n int, do func(lo, hi int)) {
	workers := 1
	if n >= Min {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers == 1 {
		do(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			do(lo, hi)
		}()
	}
	wg.Wait()
}
