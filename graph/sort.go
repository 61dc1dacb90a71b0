package graph

import (
	"slices"
	"sync"

	"github.com/hubpart/hubpart/internal/parallel"
)

// sortUnique sorts a by cmp, a total order under which no two elements
// are equal, on up to workers goroutines: a large slice is cut in place
// around a sampled pivot and the two sides are sorted at once. With unique
// keys every correct sort gives the same order, so the result does not
// depend on workers.
func sortUnique[E any](a []E, cmp func(a, b E) int, workers int) {
	if workers < 2 || len(a) < parallel.Min {
		slices.SortFunc(a, cmp)
		return
	}
	const samples = 255
	sample := make([]E, samples)
	for i := range sample {
		sample[i] = a[(2*i+1)*len(a)/(2*samples)]
	}
	slices.SortFunc(sample, cmp)
	pivot := sample[samples/2]
	// a[:i] below the pivot, a[i:] at or above it.
	i, j := 0, len(a)-1
	for i <= j {
		if cmp(a[i], pivot) < 0 {
			i++
		} else {
			a[i], a[j] = a[j], a[i]
			j--
		}
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sortUnique(a[:i], cmp, workers/2)
	}()
	sortUnique(a[i:], cmp, workers-workers/2)
	wg.Wait()
}
