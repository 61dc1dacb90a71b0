package partition

import "sync"

// chunks cuts the indices [0, n) into k contiguous runs, chunk c being
// [n·c/k, n·(c+1)/k), for loops that run their chunks on separate
// goroutines. The cut depends on the number of workers; the loops that use
// it write only their own chunk's entries, or per-chunk buffers merged in
// chunk order (csrChunks), so their results do not.
type chunks struct{ n, k int }

// chunksOf cuts n indices into at most workers chunks of at least minLen
// indices each (one chunk when n < 2·minLen or workers <= 1): below that
// size a goroutine costs more than the loop.
func chunksOf(n, workers, minLen int) chunks {
	return chunks{n, max(1, min(workers, n/max(minLen, 1)))}
}

// bounds returns the indices [lo, hi) of chunk c.
func (ch chunks) bounds(c int) (lo, hi int) {
	return ch.n * c / ch.k, ch.n * (c + 1) / ch.k
}

// run calls f on every chunk, each on its own goroutine (the single chunk
// of a short loop on the caller's), and returns when all have returned.
func (ch chunks) run(f func(c, lo, hi int)) {
	if ch.k == 1 {
		f(0, 0, ch.n)
		return
	}
	var wg sync.WaitGroup
	for c := range ch.k {
		lo, hi := ch.bounds(c)
		wg.Go(func() { f(c, lo, hi) })
	}
	wg.Wait()
}

// csrChunks builds the neighbour lists of n vertices in chunks: fill(lo,
// hi, off) returns the lists of vertices lo..hi-1 end to end, in vertex
// order, having set off[v+1] to their length up to vertex v (or false when
// cancelled). The chunks' lists are then laid end to end and
// their offsets shifted, so that off and the returned adjacency are those
// of one sequential pass. off must have n+1 entries; off[0] is set to 0.
func csrChunks(ch chunks, off []int32, fill func(lo, hi int, off []int32) ([]int32, bool)) ([]int32, bool) {
	bufs := make([][]int32, ch.k)
	ok := make([]bool, ch.k)
	off[0] = 0
	ch.run(func(c, lo, hi int) { bufs[c], ok[c] = fill(lo, hi, off) })
	for _, o := range ok {
		if !o {
			return nil, false
		}
	}
	if ch.k == 1 {
		return bufs[0], true
	}
	base := make([]int32, ch.k+1)
	for c, b := range bufs {
		base[c+1] = base[c] + int32(len(b))
	}
	adj := make([]int32, base[ch.k])
	ch.run(func(c, lo, hi int) {
		copy(adj[base[c]:], bufs[c])
		for v := lo; v < hi; v++ {
			off[v+1] += base[c]
		}
	})
	return adj, true
}

// first returns the smallest index of [0, n) that scan finds, or -1:
// scan(lo, hi) returns the first index of [lo, hi) it looks for, or -1.
// The earliest chunk's answer wins, so the answer (and the error built
// from it) is that of a sequential scan.
func (ch chunks) first(scan func(lo, hi int) int) int {
	at := make([]int, ch.k)
	ch.run(func(c, lo, hi int) { at[c] = scan(lo, hi) })
	for _, i := range at {
		if i >= 0 {
			return i
		}
	}
	return -1
}

// minChunk is the fewest indices worth a goroutine in the simple loops
// over sites, practices, units and edges.
const minChunk = 1 << 15
