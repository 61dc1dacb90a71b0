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
	sf     []int32 // pinned atoms per subtree, when the graph has pins
	side   []bool
	tmp    []int32
	region []atomic.Int32 // current sub-problem id (its root vertex) per vertex
	out    []int32        // leaf label (leaf root vertex) per vertex
	sem    chan struct{}
	wg     sync.WaitGroup
	bad    atomic.Int32 // leaves emitted without a valid cut

	// keepK forbids cuts that change the total count (tier 3) when the
	// count was asked for (WithCount): an invalid cut that keeps it is
	// left to repair and fixCount.
	keepK bool
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
	k = max(k, s.pinCount(vs)) // fixed hub sites each need a group
	for _, v := range vs {
		s.region[v].Store(id)
	}
	var W int64
	for _, v := range vs {
		W += s.g.w[v]
	}
	rng := newRand(mix(seed, uint64(id)))
	randomMST(s.ctx, s.g, s.ts, vs, s.inFn(id), rng, baseSpread, nil) // vs is connected
	s.rec(vs, s.tmp[:len(vs)], k, W, seed)
	s.wg.Wait()
}

func (s *splitter) inFn(id int32) func(int32) bool {
	return func(u int32) bool { return s.region[u].Load() == id }
}

// baseSpread is the log-jitter of edge lengths for the first trees.
const baseSpread = 0.4

// A cut is a candidate tree edge with the group counts of its two sides.
// Tiers, best first: 0 both sides valid with comfortable slack (the most
// even split by weight preferred); 2 valid but tight (the most slack
// preferred); 3 valid only with a different total count; 4 invalid (least
// violation).
type cut struct {
	v      int32 // child end of the cut tree edge; -1 if none
	k1, k2 int
	tier   int
	score  float64 // higher is better within a tier
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
	return c.score > d.score
}

// margin is the slack of splitting W into k groups: how far the average
// group weight W/k lies inside [min, max]; negative when infeasible.
func (b bounds) margin(W int64, k int) float64 {
	a := float64(W) / float64(k)
	m := a - float64(b.min)
	if b.max < math.MaxInt64 {
		m = math.Min(m, float64(b.max)-a)
	}
	return m
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
// returns the best cut for k groups of total W. A valid cut is "comfortable"
// when the smaller slack of its sides is at least half the slack of the
// whole (or of the best possible average group weight).
func (s *splitter) bestCut(order []int32, k int, W int64) cut {
	g, sw, par := s.g, s.sw, s.ts.parent
	for _, v := range order {
		sw[v] = g.w[v]
	}
	for i := len(order) - 1; i > 0; i-- {
		v := order[i]
		sw[par[v]] += sw[v]
	}
	F := s.pinSubtrees(order)
	best := cut{v: -1}
	n := len(order)
	share := float64(W) / float64(k)
	comfort := 0.5 * s.b.margin(W, k)
	fmin, fmax := float64(s.b.min), float64(s.b.max)
	// slack of k' groups of total w: how far the mean lies inside the
	// bounds. A single group (k' = 1) is final, so any valid one is
	// comfortable.
	slack := func(w float64, k int) float64 {
		a := w / float64(k)
		m := a - fmin
		if d := fmax - a; d < m {
			m = d
		}
		if k == 1 && m >= 0 {
			m = math.Inf(1)
		}
		return m
	}
	half := float64(W) / 2
	for _, v := range order[1:] {
		W1 := sw[v]
		W2 := W - W1
		w1, w2 := float64(W1), float64(W2)
		if best.v >= 0 && best.tier == 0 && -math.Abs(w1-half) <= best.score {
			continue // no cut of this edge beats a comfortable cut more even
		}
		c := cut{v: v, tier: 5, score: math.Inf(-1)}
		r := int(math.Round(w1 / share))
		for k1 := r - 1; k1 <= r+1; k1++ {
			k2 := k - k1
			if k1 < 1 || k2 < 1 {
				continue
			}
			m := min(slack(w1, k1), slack(w2, k2))
			if m < 0 || !s.pinsFit(v, F, k1, k2) {
				continue
			}
			// comfortable cuts: the most balanced by weight wins (depth
			// O(log k)); tight ones: the most slack wins
			d := cut{v, k1, k2, 2, m}
			if m >= comfort {
				d.tier, d.score = 0, -math.Abs(w1-half)
			}
			if d.better(c) {
				c = d
			}
		}
		if c.tier > 2 {
			lo1, hi1 := s.b.kRange(W1, n)
			lo2, hi2 := s.b.kRange(W2, n)
			if lo1 <= hi1 && lo2 <= hi2 && !s.keepK {
				k1 := min(max(int(math.Round(w1/share)), lo1), hi1)
				k2 := min(max(int(math.Round(w2/share)), lo2), hi2)
				c.k1, c.k2, c.tier = k1, k2, 3
				c.score = -math.Abs(float64(k1 + k2 - k))
			} else {
				k1 := int(math.Round(float64(k) * w1 / float64(W)))
				k1 = min(max(k1, 1), max(k-1, 1))
				k2 := max(k-k1, 1)
				c.k1, c.k2, c.tier = k1, k2, 4
				c.score = -(dist(W1, k1, s.b) + dist(W2, k2, s.b))
			}
			s.pinCut(&c, F, k, W1, W2)
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
	if c.tier > 1 {
		// Draw fresh trees; keep the tree of the best cut seen.
		par := s.ts.parent
		keepOrder := append([]int32(nil), order...)
		keepPar := make([]int32, len(order))
		for i, v := range order {
			keepPar[i] = par[v]
		}
		current := true
		buf := mstPool.Get().(*mstBuf) // not returned when cancelled
		tries := s.tries
		if len(order) <= 64 {
			tries *= 4 // small sets: trees are cheap and varied trees matter
		}
		tries = s.pinTries(order, k, W, tries)
		for t := 0; c.tier > 1 && t < tries; t++ {
			if t&7 == 7 && s.ctx.Err() != nil {
				return // cancelled: tries grow with the effort
			}
			// widen the spread as tries fail: compact trees first, then
			// nearly uniform random ones
			spread := baseSpread * math.Pow(2, float64(t)*4/float64(tries))
			if t == 0 && !collectEdges(s.ctx, s.g, s.ts, order, s.inFn(root), buf) {
				return // cancelled
			}
			if redrawMST(s.ctx, s.ts, order, rng, spread, buf) < len(order) {
				return // cancelled (the set is connected)
			}
			current = false
			if d := s.bestCut(order, k, W); d.better(c) {
				c, current = d, true
				copy(keepOrder, order)
				for i, v := range order {
					keepPar[i] = par[v]
				}
			}
		}
		mstPool.Put(buf)
		if !current {
			copy(order, keepOrder)
			for i, v := range order {
				par[v] = keepPar[i]
			}
			s.bestCut(order, k, W) // restore subtree weights of the kept tree
		}
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
