package partition

import (
	"runtime"

	"github.com/hubpart/hubpart/internal/parallel"
)

// Loops over many atoms, edges or practices run on several goroutines
// (parallel.Ranges), each range writing only its own results, so that the
// result is the same for any number of workers.

// parallelMin is the number of items from which a loop uses more than one
// goroutine: below it, starting goroutines costs more than it saves.
const parallelMin = 1 << 15

// workersFor returns the number of goroutines for n items: up to
// GOMAXPROCS, one per parallelMin items, at least one.
func workersFor(n int) int { return workersUpTo(n, runtime.GOMAXPROCS(0)) }

// workersUpTo returns the number of goroutines for n items with at most
// workers of them (WithWorkers): one per parallelMin items, at least one.
func workersUpTo(n, workers int) int { return parallel.Workers(n, workers, parallelMin) }

// csrInRanges builds the neighbour lists of n vertices on workers
// goroutines (parallel.Ranges): fill(lo, hi, off) returns the lists of vertices
// lo..hi-1 end to end, in vertex order, having set off[v+1] to their
// length up to vertex v (or false when cancelled). The ranges' lists are
// then laid end to end and their offsets shifted, so that off and the
// returned adjacency are those of one sequential pass. off must have n+1
// entries; off[0] is set to 0. It returns false if a fill did.
func csrInRanges(n, workers int, off []int32, fill func(lo, hi int, off []int32) ([]int32, bool)) ([]int32, bool) {
	bufs := make([][]int32, workers)
	ok := make([]bool, workers)
	off[0] = 0
	parallel.Ranges(n, workers, func(w, lo, hi int) { bufs[w], ok[w] = fill(lo, hi, off) })
	for _, o := range ok {
		if !o {
			return nil, false
		}
	}
	if workers <= 1 {
		return bufs[0], true
	}
	base := make([]int32, workers+1)
	for w, b := range bufs {
		base[w+1] = base[w] + int32(len(b))
	}
	adj := make([]int32, base[workers])
	parallel.Ranges(n, workers, func(w, lo, hi int) {
		copy(adj[base[w]:], bufs[w])
		for v := lo; v < hi; v++ {
			off[v+1] += base[w]
		}
	})
	return adj, true
}

// firstInRanges returns the smallest index of [0, n) that scan finds, or
// -1, on workers goroutines (parallel.Ranges): scan(lo, hi) returns the first
// index of [lo, hi) it looks for, or -1. The earliest range's answer wins,
// so the answer (and the error built from it) is that of a sequential
// scan.
func firstInRanges(n, workers int, scan func(lo, hi int) int) int {
	at := make([]int, max(workers, 1))
	parallel.Ranges(n, workers, func(w, lo, hi int) { at[w] = scan(lo, hi) })
	for _, i := range at {
		if i >= 0 {
			return i
		}
	}
	return -1
}
