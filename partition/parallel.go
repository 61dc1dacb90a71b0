package partition

import (
	"runtime"
	"sync"
)

// parallelMin is the number of items from which inRanges uses more than
// one goroutine: below it, starting goroutines costs more than it saves.
const parallelMin = 1 << 15

// inRanges calls fn on consecutive ranges [lo, hi) that cover [0, n), one
// per goroutine on up to GOMAXPROCS goroutines (the caller's goroutine
// alone when n < parallelMin), and returns when all are done. fn must
// write only what belongs to its range, so that the result does not depend
// on the number of goroutines.
func inRanges(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n/parallelMin)
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(n*w/workers, n*(w+1)/workers)
		}()
	}
	wg.Wait()
}
