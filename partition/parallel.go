package partition

import (
	"runtime"
	"sync"
)

// parallelMin is the number of items from which inRanges uses more than
// one goroutine (workersFor): below it, starting goroutines costs more
// than it saves.
const parallelMin = 1 << 15

// workersFor returns the number of goroutines for n items: up to
// GOMAXPROCS, one per parallelMin items, at least one.
func workersFor(n int) int { return workersUpTo(n, runtime.GOMAXPROCS(0)) }

// inRanges calls fn(w, lo, hi) for w in [0, workers) on the consecutive
// ranges [lo, hi) that split [0, n) evenly, each on its own goroutine (the
// caller's alone when workers is 1), and returns when all are done. fn
// must write only what belongs to its range, so that the result does not
// depend on the number of workers.
func inRanges(n, workers int, fn func(w, lo, hi int)) {
	if workers <= 1 {
		fn(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(w, n*w/workers, n*(w+1)/workers)
		}()
	}
	wg.Wait()
}
