package partition

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
)

// splitter cuts one connected piece into k contiguous groups by recursive
// bisection of random minimum spanning trees. Each cut takes a tree edge
// whose two sides can each still be split into groups within bounds
// ("splittable": some whole k' with k'·min <= W' <= k'·max), so the
// recursion never paints itself into a corner; among such edges it prefers
// halving the group count and the side weight closest to the proportional
// share. When the current tree has no such edge, up to tries fresh trees are
// drawn. Halves run concurrently (bounded by sem); every sub-problem draws
// from its own generator seeded from (seed, its root vertex), so the result
// does not depend on scheduling.
type splitter struct {
	ctx    context.Context
	g      *pgraph
	b      bounds
	tries  int
	ts     *treeScratch
	sw     []int64
	side   []bool
	tmp    []int32
	region []atomic.Int32 // current sub-problem id (its root vertex) per vertex
	out    []int32        // leaf label (leaf root vertex) per vertex
	sem    chan struct{}
	wg     sync.WaitGroup
	bad    atomic.Int32 // leaves emitted without a valid cut
}

func newSplitter(ctx context.Context, g *pgraph, b bounds, tries int, sem chan struct{}) *splitter {
	n := g.n()
	s := &splitter{ctx: ctx, g: g, b: b, tries: tries, ts: newTreeScratch(n), sw: make([]int64, n),
		side: make([]bool, n), tmp: make([]int32, n), region: make([]atomic.Int32, n), out: make([]int32, n), sem: sem}
	return s
}

// splitAll splits the vertex set vs (connected) into k groups and writes
// leaf labels to s.out. vs is reordered in place.
// in reports membership of vs (nil: every vertex); it is used once to
// fence off the neighbours outside vs. splitAll must not run concurrently
// with itself on the same splitter.
func (s *splitter) splitAll(vs []int32, k int, seed uint64, in func(int32) bool) {
	id := vs[0]
	if in != nil {
		for _, v := range vs {
			for _, u := range s.g.adj[s.g.off[v]:s.g.off[v+1]] {
				if !in(u) {
					s.region[u].Store(-1)
				}
			}
		}
	}
	s.bad.Store(0)
	for _, v := range vs {
		s.region[v].Store(id)
	}
	var W int64
	for _, v := range vs {
		W += s.g.w[v]
	}
	rng := newRand(mix(seed, uint64(id)))
	randomMST(s.g, s.ts, vs, s.inFn(id), rng, nil) // vs is connected
	s.rec(vs, s.tmp[:len(vs)], k, W, seed)
	s.wg.Wait()
}

func (s *splitter) inFn(id int32) func(int32) bool {
	return func(u int32) bool { return s.region[u].Load() == id }
}

type cut struct {
	v      int32 // child end of the cut tree edge; -1 if none
	k1, k2 int
	tier   int     // 0 halves k, 1 keeps k, 2 changes k, 3 invalid
	dev    float64 // deviation from the proportional share (or violation)
}

func (c cut) better(d cut) bool {
	if c.v < 0 {
		return false
	}
	if d.v < 0 {
		return true
	}
	if c.tier != d.tier {
		return c.tier < d.tier
	}
	return c.dev < d.dev
}

func dist(W int64, k int, b bounds) float64 {
	lo := float64(k) * float64(b.min)
	hi := float64(k) * float64(b.max)
	switch w := float64(W); {
	case w < lo:
		return lo - w
	case w > hi:
		return w - hi
	}
	return 0
}

// bestCut scans the tree edges of order (BFS order, parents first) and
// returns the best cut for k groups of total W.
func (s *splitter) bestCut(order []int32, k int, W int64) cut {
	g, sw, par := s.g, s.sw, s.ts.parent
	for _, v := range order {
		sw[v] = g.w[v]
	}
	for i := len(order) - 1; i > 0; i-- {
		v := order[i]
		sw[par[v]] += sw[v]
	}
	best := cut{v: -1}
	n := len(order)
	share := float64(W) / float64(k)
	h1, h2 := k/2, k-k/2
	// The subtree sizes are not tracked; the atom-count cap of kRange is
	// applied with the whole set's size, which is only an upper bound.
	for _, v := range order[1:] {
		W1 := sw[v]
		W2 := W - W1
		lo1, hi1 := s.b.kRange(W1, n)
		lo2, hi2 := s.b.kRange(W2, n)
		var c cut
		c.v = v
		if lo1 <= hi1 && lo2 <= hi2 {
			// balanced choices first
			found := false
			for _, k1 := range [2]int{h1, h2} {
				k2 := k - k1
				if k1 >= lo1 && k1 <= hi1 && k2 >= lo2 && k2 <= hi2 {
					d := math.Abs(float64(W1) - share*float64(k1))
					if !found || d < c.dev {
						c.k1, c.k2, c.tier, c.dev, found = k1, k2, 0, d, true
					}
				}
			}
			if !found {
				a, z := max(lo1, k-hi2, 1), min(hi1, k-lo2, k-1)
				if a <= z {
					k1 := int(math.Round(float64(k) * float64(W1) / float64(W)))
					k1 = min(max(k1, a), z)
					c.k1, c.k2, c.tier = k1, k-k1, 1
					c.dev = math.Abs(float64(W1) - share*float64(k1))
					found = true
				}
			}
			if !found {
				t1 := float64(W1) / share
				t2 := float64(W2) / share
				k1 := min(max(int(math.Round(t1)), lo1), hi1)
				k2 := min(max(int(math.Round(t2)), lo2), hi2)
				c.k1, c.k2, c.tier = k1, k2, 2
				c.dev = math.Abs(float64(k1+k2-k)) + math.Abs(float64(W1)-share*float64(k1))/float64(W+1)
			}
		} else {
			k1 := int(math.Round(float64(k) * float64(W1) / float64(W)))
			k1 = min(max(k1, 1), max(k-1, 1))
			k2 := max(k-k1, 1)
			c.k1, c.k2, c.tier = k1, k2, 3
			c.dev = dist(W1, k1, s.b) + dist(W2, k2, s.b)
		}
		if c.better(best) {
			best = c
		}
	}
	return best
}

// rec splits order (a tree in BFS order rooted at order[0], whose
// region id is order[0]) into k groups. tmp is scratch of the same length.
func (s *splitter) rec(order, tmp []int32, k int, W int64, seed uint64) {
	if s.ctx.Err() != nil {
		return
	}
	root := order[0]
	if k <= 1 || len(order) == 1 {
		for _, v := range order {
			s.out[v] = root
		}
		if !s.b.in(W) {
			s.bad.Add(1)
		}
		return
	}
	rng := newRand(mix(seed, uint64(root)+1<<40))
	c := s.bestCut(order, k, W)
	for t := 0; c.tier > 1 && t < s.tries; t++ {
		randomMST(s.g, s.ts, order, s.inFn(root), rng, nil)
		c = s.bestCut(order, k, W) // cuts refer to the current tree only
	}
	if c.v < 0 {
		for _, v := range order {
			s.out[v] = root
		}
		s.bad.Add(1)
		return
	}
	// Partition order into the subtree of c.v (side A) and the rest (B),
	// keeping BFS order within each.
	par := s.ts.parent
	na := 0
	for _, v := range order {
		in := v == c.v || (v != root && s.side[par[v]])
		s.side[v] = in
		if in {
			na++
		}
	}
	ia, ib := 0, na
	for _, v := range order {
		if s.side[v] {
			tmp[ia] = v
			ia++
		} else {
			tmp[ib] = v
			ib++
		}
	}
	copy(order, tmp)
	for _, v := range order {
		s.side[v] = false
	}
	a, b := order[:na], order[na:]
	par[c.v] = -1
	for _, v := range a {
		s.region[v].Store(c.v)
	}
	W1 := s.sw[c.v]
	if len(a) > 2048 && s.sem != nil {
		select {
		case s.sem <- struct{}{}:
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				defer func() { <-s.sem }()
				s.rec(a, tmp[:na], c.k1, W1, seed)
			}()
			s.rec(b, tmp[na:], c.k2, W-W1, seed)
			return
		default:
		}
	}
	s.rec(a, tmp[:na], c.k1, W1, seed)
	s.rec(b, tmp[na:], c.k2, W-W1, seed)
}
