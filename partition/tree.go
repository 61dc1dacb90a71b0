package partition

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/hubpart/hubpart/internal/disjoint"
	"github.com/hubpart/hubpart/internal/parallel"
)

// pgraph is the atom graph of one connected piece, in local indices: CSR
// adjacency, atom weights and planar coordinates in metres.
type pgraph struct {
	off, adj []int32
	w        []int64
	x, y     []float64
	ll       []float32 // parallel to adj: ln of edge length (m, +1 mm) + logShift

	// pin marks fixed hub sites (WithHubSites): no two pinned atoms are
	// ever in one group, and pinned atoms never move (sites.go). nil: none.
	pin []bool
}

// logShift keeps jittered log-lengths positive, so that their float32 bits
// sort like the values: ln(1 mm) ≈ −6.9, and the spread stays below 16.
const logShift = 32

// setLogLengths fills g.ll (a logarithm per edge end: on all CPUs for
// large graphs, each vertex's entries written by one goroutine).
func (g *pgraph) setLogLengths() {
	g.ll = make([]float32, len(g.adj))
	parallel.Ranges(g.n(), workersFor(g.n()), func(_, lo, hi int) {
		for u := lo; u < hi; u++ {
			for i := g.off[u]; i < g.off[u+1]; i++ {
				v := g.adj[i]
				dx, dy := g.x[u]-g.x[v], g.y[u]-g.y[v]
				g.ll[i] = float32(math.Log(math.Sqrt(dx*dx+dy*dy)+1e-3) + logShift)
			}
		}
	})
}

func (g *pgraph) n() int { return len(g.w) }

// bounds are one level's weight bounds; max is math.MaxInt64 when the level
// has no maximum.
type bounds struct{ min, max int64 }

// kRange returns the feasible numbers of groups [lo, hi] for weight W spread
// over n atoms: k·min <= W <= k·max and k <= n. lo > hi means infeasible.
func (b bounds) kRange(W int64, n int) (lo, hi int) {
	if n == 0 {
		return 1, 0
	}
	lo = 1
	if b.max < math.MaxInt64 && W > b.max {
		lo = int((W + b.max - 1) / b.max)
	}
	hi = n
	if b.min > 0 && W/b.min < int64(n) {
		hi = int(W / b.min)
	}
	return lo, hi
}

func (b bounds) in(W int64) bool { return W >= b.min && W <= b.max }

// mix derives an independent 64-bit seed from a seed and a stream number
// (splitmix64 finaliser), so sub-problems get seeds that do not depend on
// scheduling.
func mix(seed, stream uint64) uint64 {
	z := seed ^ (stream+0x9e3779b97f4a7c15)*0xbf58476d1ce4e5b9
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x853c49e6748fea9b)) }

// tedge is a candidate spanning-tree edge with its jittered length.
type tedge struct {
	key  uint32 // float32 bits of the jittered length (order-preserving for >= 0)
	u, v int32
}

// treeScratch holds the per-vertex arrays of spanning-tree work on one
// piece. Concurrent users must work on disjoint vertex sets.
type treeScratch struct {
	parent []int32
	uf     []int32
	head   []int32 // tree adjacency: first child-list entry per vertex
	cs, ce []int32 // candidate edges of a vertex: mstBuf.cand[cs:ce]
}

// tcand is a candidate tree edge to a higher-numbered vertex of the set,
// with its unjittered log-length.
type tcand struct {
	ll float32
	v  int32
}

// mstBuf holds reusable buffers of randomMST for one goroutine.
type mstBuf struct {
	edges    []tedge
	radix    []tedge // sortEdges scratch
	cand     []tcand
	next, to []int32
}

// mstPool recycles mstBufs between sub-problems (scratch only: results do
// not depend on which buffer is used).
var mstPool = sync.Pool{New: func() any { return new(mstBuf) }}

func newTreeScratch(n int) *treeScratch {
	return &treeScratch{parent: make([]int32, n), uf: make([]int32, n), head: make([]int32, n),
		cs: make([]int32, n), ce: make([]int32, n)}
}

// randomMST replaces order (a vertex set whose induced subgraph is
// connected; order[0] stays the root) by the breadth-first order of a
// minimum spanning tree of the induced subgraph under edge weights
// length × exp(spread·U(−1, 1)), and fills ts.parent for its vertices
// (root: -1). A small spread gives compact trees close to the Euclidean
// MST; a large one gives nearly uniform random trees, so repeated draws
// reach every connected bipartition.
// in reports membership of the set; buf is reused (nil: allocate). It
// returns the number of vertices reached from the root; when that is less
// than len(order) the set was not connected and order is scrambled.
//
// On a cancelled ctx it stops early (checked every 64Ki vertices) and
// returns 0; callers then check ctx.
//
// randomMST is collectEdges followed by redrawMST; callers drawing several
// trees of one set call collectEdges once and redrawMST per tree, with the
// same result.
func randomMST(ctx context.Context, g *pgraph, ts *treeScratch, order []int32, in func(int32) bool, rng *rand.Rand, spread float64, buf *mstBuf) int {
	if buf == nil {
		buf = mstPool.Get().(*mstBuf)
		defer mstPool.Put(buf)
	}
	if !collectEdges(ctx, g, ts, order, in, buf) {
		return 0
	}
	return redrawMST(ctx, ts, order, rng, spread, buf)
}

// collectEdges records in buf and ts the edges of the subgraph induced by
// the set order (membership in), for redrawMST. It returns false if ctx
// was cancelled. The record stays valid while the set is unchanged, in any
// order of its vertices.
func collectEdges(ctx context.Context, g *pgraph, ts *treeScratch, order []int32, in func(int32) bool, buf *mstBuf) bool {
	// A planar graph has fewer than 3 edges per vertex: one allocation
	// instead of a chain of doublings for a large set.
	cand := buf.cand[:0]
	if cap(cand) < 3*len(order) {
		cand = make([]tcand, 0, 3*len(order))
	}
	workers := workersFor(len(order))
	if workers == 1 {
		cand, ok := appendCandidates(ctx, g, ts, order, in, cand, 0)
		buf.cand = cand
		return ok
	}
	// Large sets: the ranges of order are counted, then each fills its own
	// stretch of cand, laid end to end as one pass would have made them.
	base := make([]int, workers+1)
	parallel.Ranges(len(order), workers, func(w, lo, hi int) {
		for _, u := range order[lo:hi] {
			for i := g.off[u]; i < g.off[u+1]; i++ {
				if v := g.adj[i]; v > u && in(v) {
					base[w+1]++
				}
			}
		}
	})
	for w := range workers {
		base[w+1] += base[w]
	}
	if ctx.Err() != nil {
		return false
	}
	cand = slices.Grow(cand, base[workers])[:base[workers]]
	oks := make([]bool, workers)
	parallel.Ranges(len(order), workers, func(w, lo, hi int) {
		_, oks[w] = appendCandidates(ctx, g, ts, order[lo:hi], in, cand[base[w]:base[w]:base[w+1]], int32(base[w]))
	})
	buf.cand = cand
	return !slices.Contains(oks, false)
}

// appendCandidates appends to cand the edges from each vertex of order to
// higher-numbered members of the set, recording where each vertex's run
// starts and ends (as positions in cand plus off); it reports false if ctx
// was cancelled.
func appendCandidates(ctx context.Context, g *pgraph, ts *treeScratch, order []int32, in func(int32) bool, cand []tcand, off int32) ([]tcand, bool) {
	for i, u := range order {
		if i&0xffff == 0xffff && ctx.Err() != nil {
			return cand, false
		}
		ts.cs[u] = off + int32(len(cand))
		for i := g.off[u]; i < g.off[u+1]; i++ {
			if v := g.adj[i]; v > u && in(v) {
				cand = append(cand, tcand{g.ll[i], v})
			}
		}
		ts.ce[u] = off + int32(len(cand))
	}
	return cand, true
}

// redrawMST is randomMST on the set whose edges collectEdges recorded in
// buf; order holds the set (in any order, its first vertex the root).
func redrawMST(ctx context.Context, ts *treeScratch, order []int32, rng *rand.Rand, spread float64, buf *mstBuf) int {
	edges := buf.edges[:0]
	cand := buf.cand
	if cap(edges) < len(cand) {
		edges = make([]tedge, 0, len(cand))
	}
	// Jittered lengths compared in the log domain: ln(len) + spread·U(−1,1)
	// orders edges exactly as len·exp(spread·U(−1,1)), without an exp.
	spread = min(spread, 15)
	fs := float32(spread)
	for i, u := range order {
		if i&0xffff == 0xffff && ctx.Err() != nil {
			return 0
		}
		ts.uf[u] = -1 // a singleton (disjoint.FindRanked)
		for _, c := range cand[ts.cs[u]:ts.ce[u]] {
			r := rng.Uint64()
			j := fs * (float32(r>>40)*(2.0/(1<<24)) - 1)
			edges = append(edges, tedge{math.Float32bits(max(c.ll+j, 0)), u, c.v})
		}
	}
	buf.radix = sortEdges(edges, buf.radix)
	// Kruskal; keep tree edges at the front of edges.
	if len(edges) > 0xffff && ctx.Err() != nil {
		return 0
	}
	m := 0
	for i, e := range edges {
		if i&0xffff == 0xffff && ctx.Err() != nil {
			return 0
		}
		// Union by rank keeps the finds short; which root survives does
		// not change which edges join the tree.
		if !disjoint.UnionRanked(ts.uf, e.u, e.v) {
			continue
		}
		edges[m] = e
		m++
		if m == len(order)-1 {
			break
		}
	}
	tree := edges[:m]
	// Tree adjacency as linked lists through a side buffer: 2 entries/edge.
	for _, u := range order {
		ts.head[u] = -1
	}
	buf.edges = edges
	if cap(buf.next) < 2*m {
		buf.next = make([]int32, 2*m)
		buf.to = make([]int32, 2*m)
	}
	next, to := buf.next[:2*m], buf.to[:2*m]
	for i, e := range tree {
		to[2*i], next[2*i] = e.v, ts.head[e.u]
		ts.head[e.u] = int32(2 * i)
		to[2*i+1], next[2*i+1] = e.u, ts.head[e.v]
		ts.head[e.v] = int32(2*i + 1)
	}
	root := order[0]
	ts.parent[root] = -1
	order = order[:1]
	if m > 0xffff && ctx.Err() != nil {
		return 0
	}
	for i := 0; i < len(order); i++ {
		if i&0xffff == 0xffff && ctx.Err() != nil {
			return 0
		}
		u := order[i]
		for j := ts.head[u]; j >= 0; j = next[j] {
			v := to[j]
			if v != ts.parent[u] {
				ts.parent[v] = u
				order = append(order, v)
			}
		}
	}
	return len(order)
}

// sortEdges sorts by key: a comparison sort for small inputs, an LSD radix
// sort (two 16-bit passes) for large ones. scratch is reused for the radix
// passes; the (possibly grown) scratch is returned.
func sortEdges(e, scratch []tedge) []tedge {
	if len(e) <= 24 {
		for i := 1; i < len(e); i++ {
			x := e[i]
			j := i
			for ; j > 0 && e[j-1].key > x.key; j-- {
				e[j] = e[j-1]
			}
			e[j] = x
		}
		return scratch
	}
	if len(e) < 2048 {
		slices.SortFunc(e, func(a, b tedge) int {
			if a.key < b.key {
				return -1
			}
			if a.key > b.key {
				return 1
			}
			return 0
		})
		return scratch
	}
	return radixByKey(e, scratch)
}

// radixByKey sorts e by key, stably, by an LSD radix sort in two 16-bit
// passes through scratch; the result is back in e, and the (possibly grown)
// scratch is returned. Large inputs are counted and scattered on all CPUs
// (radixPass); the order is the same.
func radixByKey(e, scratch []tedge) []tedge {
	if cap(scratch) < len(e) {
		scratch = make([]tedge, len(e))
	}
	workers := 1
	if len(e) >= parallelRadix {
		workers = workersFor(len(e))
	}
	cnt := make([]*[1 << 16]int32, workers)
	for w := range cnt {
		cnt[w] = radixCounts.Get().(*[1 << 16]int32)
	}
	src, dst := e, scratch[:len(e)]
	for shift := uint(0); shift < 32; shift += 16 {
		radixPass(src, dst, shift, cnt)
		src, dst = dst, src
	}
	for _, c := range cnt {
		radixCounts.Put(c)
	}
	// two passes: result is back in e.
	return scratch
}

// radixCounts recycles the digit counts of radixByKey (256 KiB each).
var radixCounts = sync.Pool{New: func() any { return new([1 << 16]int32) }}

// parallelRadix is the number of edges from which radixByKey uses more
// than one goroutine.
const parallelRadix = 1 << 18

// radixPass moves src into dst stably ordered by the 16-bit digit of the
// keys at shift. src is cut into len(cnt) consecutive chunks, counted and
// scattered each by its own goroutine: the slots of a digit go to the
// chunks in order, so every chunk's items land exactly where one pass over
// the whole would put them.
func radixPass(src, dst []tedge, shift uint, cnt []*[1 << 16]int32) {
	workers := len(cnt)
	parallel.Ranges(len(src), workers, func(w, lo, hi int) {
		c := cnt[w]
		clear(c[:])
		for _, x := range src[lo:hi] {
			c[(x.key>>shift)&0xffff]++
		}
	})
	var sum int32
	for d := range 1 << 16 {
		for w := range workers {
			c := cnt[w][d]
			cnt[w][d] = sum
			sum += c
		}
	}
	parallel.Ranges(len(src), workers, func(w, lo, hi int) {
		c := cnt[w]
		for _, x := range src[lo:hi] {
			k := (x.key >> shift) & 0xffff
			dst[c[k]] = x
			c[k]++
		}
	})
}
