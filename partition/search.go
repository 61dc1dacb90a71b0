package partition

import (
	"math"
	"math/rand/v2"
	"slices"
)

// searcher is the local search on the true objective: the sum over groups
// of the patient-weighted planar distance from each atom to the group's hub
// site (its best member), plus the extra cost of the level's hooks (see
// hooks.go). Groups of at most maxSearchAtoms atoms take part (hubs hold
// 3–10 practices, so a group's cost is O(m²) and cheap); larger groups
// keep what the inertia search made of them.
//
// Moves keep every invariant of the refiner: both bounds, the donor's
// contiguity (the receiver stays contiguous because the atom touches it),
// and pinned atoms stay in their group.
type searcher struct {
	*refiner
	mem    [][]int32 // atoms of every group (any order)
	cost   []float64 // cost of every group (NaN: not known)
	term   groupTerm // extra cost of a group, or nil
	pinned []bool    // per atom: never changes group (nil: none)
	// lastPair is the refiner round at which the last pair pass began
	// (-1: none yet); a pair is re-cut again only when one of its groups
	// changed since.
	lastPair int32

	// perturbation state (perturb.go)
	sp        *splitter // the piece's splitter, or nil: no perturbation
	iter      int32     // current perturbation
	touchedAt []int32   // per group: perturbation in which it was saved
	saved     []savedCost

	pos []int8 // per atom: 1 + its index in the union being re-cut, else 0 (recutBelow)
}

// maxSearchAtoms bounds the groups the true-objective search touches.
const maxSearchAtoms = 32

// maxPairAtoms bounds the unions re-split by the pair search.
const maxPairAtoms = 48

func newSearcher(r *refiner, term groupTerm, pinned []bool) *searcher {
	s := &searcher{refiner: r, term: term, pinned: pinned, mem: r.members()}
	s.cost = make([]float64, len(s.mem))
	for a := range s.cost {
		s.cost[a] = math.NaN()
	}
	s.lastPair = -1
	return s
}

// groupCost is the cost of members with atom extra added (extra < 0: none)
// and atom skip left out (skip < 0: none).
func (s *searcher) groupCost(members []int32, extra, skip int32) float64 {
	c := s.medoidCost(members, extra, skip)
	if s.term != nil {
		c += s.term(members, extra, skip)
	}
	return c
}

// costOf returns the cost of group a, computing it when unknown.
func (s *searcher) costOf(a int32) float64 {
	if math.IsNaN(s.cost[a]) {
		s.cost[a] = s.groupCost(s.mem[a], -1, -1)
	}
	return s.cost[a]
}

// total returns the cost of the whole labelling.
func (s *searcher) total() float64 {
	var t float64
	for a := range s.mem {
		if len(s.mem[a]) > 0 {
			t += s.costOf(int32(a))
		}
	}
	return t
}

// shift moves atom v from group a to group h, keeping member lists.
func (s *searcher) shift(v, a, h int32) {
	s.move(v, a, h)
	m := s.mem[a]
	i := slices.Index(m, v)
	m[i] = m[len(m)-1]
	s.mem[a] = m[:len(m)-1]
	s.mem[h] = append(s.mem[h], v)
}

// isPinned reports whether atom v must stay in its group: pinned by a hook,
// or a fixed hub site (WithHubSites, which also keeps two fixed sites out
// of one group: a fixed site never moves, and re-cuts keep each group's
// pinned atoms together and apart from other groups').
func (s *searcher) isPinned(v int32) bool {
	return s.pinned != nil && s.pinned[v] || s.refiner.pinned(v)
}

// movePass tries the atoms of seeds, then the neighbours of moved atoms
// (a FIFO worklist) until no move improves or budget tries are spent; each
// try applies the atom's best improving move to a neighbouring group. It
// returns the number of moves.
func (s *searcher) movePass(seeds []int32, budget int) int {
	g := s.g
	if s.queued == nil {
		s.queued = make([]bool, g.n())
	}
	q := s.work[:0]
	for _, v := range seeds {
		if !s.queued[v] {
			s.queued[v] = true
			q = append(q, v)
		}
	}
	moved := 0
	for head := 0; head < len(q) && head < budget; head++ {
		if head&1023 == 0 && s.ctx.Err() != nil {
			break
		}
		v := q[head]
		s.queued[v] = false
		if !s.tryMove(v) {
			continue
		}
		moved++
		for _, u := range g.adj[g.off[v]:g.off[v+1]] {
			if !s.queued[u] {
				s.queued[u] = true
				q = append(q, u)
			}
		}
	}
	for _, v := range q {
		s.queued[v] = false
	}
	s.work = q[:0]
	return moved
}

// tryMove applies the best improving move of atom v to a neighbouring
// group under the true objective, if one keeps the invariants.
func (s *searcher) tryMove(v int32) bool {
	g, b := s.g, s.b
	a := s.lab[v]
	w := g.w[v]
	if s.gn[a] == 1 || s.gw[a]-w < b.min || len(s.mem[a]) > maxSearchAtoms || s.isPinned(v) {
		return false
	}
	var costA float64
	computed := false
	best, bh := -1e-9*(1+s.costOf(a)), int32(-1)
	var bestA, bestH float64
	st := s.nextStamp()
	for _, u := range g.adj[g.off[v]:g.off[v+1]] {
		h := s.lab[u]
		if h == a || s.stamp[u] == st || s.gw[h] > b.max-w || len(s.mem[h]) >= maxSearchAtoms {
			continue
		}
		s.stamp[u] = st
		if !computed {
			costA = s.groupCost(s.mem[a], -1, v)
			computed = true
		}
		costH := s.groupCost(s.mem[h], v, -1)
		if d := costA + costH - s.costOf(a) - s.costOf(h); d < best {
			best, bh, bestA, bestH = d, h, costA, costH
		}
	}
	if bh < 0 || !s.connectedWithout(a, v) {
		return false
	}
	s.touch(a)
	s.touch(bh)
	s.shift(v, a, bh)
	s.cost[a], s.cost[bh] = bestA, bestH
	return true
}

// pairPass merges each pair of adjacent groups (of which one changed since
// the pair was last tried) and re-cuts the union along the best edge of
// several random spanning trees under the true objective, keeping the best
// cut when it improves. It returns the number of pairs improved.
func (s *searcher) pairPass(trees int, rng *rand.Rand) int {
	since := s.lastPair
	s.round++
	s.lastPair = s.round
	return s.pairsOf(nil, false, since, trees, rng)
}

// pairsOf re-cuts the pairs of adjacent groups holding a group of groups
// (nil: every group) of which one changed at or after round since (-1:
// every pair). It returns the number of pairs improved.
//
// With inner set, only pairs of two groups of groups are tried.
func (s *searcher) pairsOf(groups []int32, inner bool, since int32, trees int, rng *rand.Rand) int {
	g := s.g
	if s.ts == nil {
		s.ts = newTreeScratch(g.n())
		s.sx, s.sy, s.sq = make([]float64, g.n()), make([]float64, g.n()), make([]float64, g.n())
		s.sw = make([]int64, g.n())
	}
	improved := 0
	var nb []int32
	count := len(s.mem)
	if groups != nil {
		count = len(groups)
	}
	var near *nearPairs
	if groups == nil { // (a list of groups is short: its neighbours cost less than tracking)
		near = s.nearPairs(since)
	}
	if near != nil {
		defer func() { s.refiner.near = nil }()
	}
	for i := range count {
		a := int32(i)
		if groups != nil {
			a = groups[i]
		}
		if i&255 == 0 && s.ctx.Err() != nil {
			return improved
		}
		if len(s.mem[a]) == 0 || len(s.mem[a]) > maxSearchAtoms {
			continue
		}
		if near != nil && !near.mayPair(s, a) {
			if testHookNearSkip != nil {
				testHookNearSkip(s, a, since)
			}
			continue // no pair of a's can have changed: the test below skips them all
		}
		nb = s.neighbours(a, nb[:0])
		for _, h := range nb {
			if (groups == nil || inner) && h < a || inner && !slices.Contains(groups, h) || len(s.mem[a]) == 0 || len(s.mem[h]) > maxSearchAtoms || len(s.mem[a])+len(s.mem[h]) > maxPairAtoms {
				continue
			}
			if since >= 0 && s.changedAt[a] < since && s.changedAt[h] < since {
				continue // neither changed since this pair was last tried
			}
			if s.recut(a, h, trees, rng) {
				improved++
			}
		}
	}
	return improved
}

// neighbours appends the groups adjacent to group a, ascending.
func (s *searcher) neighbours(a int32, nb []int32) []int32 {
	g := s.g
	st := s.nextStamp()
	for _, v := range s.mem[a] {
		for _, u := range g.adj[g.off[v]:g.off[v+1]] {
			if h := s.lab[u]; h != a && s.stamp[h] != st { // stamp indexed by group id (see newRefiner)
				s.stamp[h] = st
				nb = append(nb, h)
			}
		}
	}
	slices.Sort(nb)
	return nb
}

// recut re-cuts the union of groups a and h along the best tree edge of
// trees random spanning trees (true objective, both sides within bounds,
// pinned atoms kept in their group) and applies it if it improves.
func (s *searcher) recut(a, h int32, trees int, rng *rand.Rand) bool {
	g := s.g
	order := append(append(make([]int32, 0, len(s.mem[a])+len(s.mem[h])), s.mem[a]...), s.mem[h]...)
	slices.Sort(order)
	if len(order) <= exactPairAtoms && (s.b.max < math.MaxInt64 || len(order) <= exactOpenAtoms) {
		return s.recutExact([]int32{a, h}, order)
	}
	in := func(u int32) bool { l := s.lab[u]; return l == a || l == h }
	if !collectEdges(s.ctx, g, s.ts, order, in, &s.buf) {
		return false
	}
	cur := s.costOf(a) + s.costOf(h)
	best := cur - 1e-9*(1+cur)
	var bestSide []int32 // atoms of the side that becomes a
	var side, rest []int32
	var W int64
	for _, v := range order {
		W += g.w[v]
	}
	for t := range trees {
		spread := baseSpread * float64(1+t%4)
		if redrawMST(s.ctx, s.ts, order, rng, spread, &s.buf) < len(order) {
			return false // a and h no longer touch, or cancelled
		}
		par := s.ts.parent
		for _, v := range order {
			s.sw[v] = g.w[v]
		}
		for i := len(order) - 1; i > 0; i-- {
			s.sw[par[order[i]]] += s.sw[order[i]]
		}
		for _, c := range order[1:] {
			W1 := s.sw[c]
			if !s.b.in(W1) || !s.b.in(W-W1) {
				continue
			}
			st := s.nextStamp()
			side, rest = side[:0], rest[:0]
			for _, u := range order {
				if u == c || (par[u] >= 0 && s.stamp[par[u]] == st) {
					s.stamp[u] = st
					side = append(side, u)
				} else {
					rest = append(rest, u)
				}
			}
			// the side holding a's first atom becomes a
			if s.stamp[s.mem[a][0]] != st {
				side, rest = rest, side
			}
			if !s.keepsPins(side, a) || !s.keepsPins(rest, h) {
				continue
			}
			c1 := s.groupCost(side, -1, -1)
			if c1 >= best {
				continue
			}
			if c := c1 + s.groupCost(rest, -1, -1); c < best {
				best = c
				bestSide = append(bestSide[:0], side...)
			}
		}
	}
	if bestSide == nil {
		return false
	}
	s.apply(a, h, order, bestSide)
	return true
}

// apply relabels the union order of groups a and h: the atoms of side go
// to a, the others to h.
func (s *searcher) apply(a, h int32, order, side []int32) {
	s.touch(a)
	s.touch(h)
	st := s.nextStamp()
	for _, u := range side {
		s.stamp[u] = st
	}
	ma, mh := s.mem[a][:0:0], s.mem[h][:0:0]
	for _, u := range order {
		to := h
		if s.stamp[u] == st {
			to = a
		}
		if s.lab[u] != to {
			s.move(u, s.lab[u], to)
		}
		if to == a {
			ma = append(ma, u)
		} else {
			mh = append(mh, u)
		}
	}
	s.mem[a], s.mem[h] = ma, mh
	s.cost[a], s.cost[h] = math.NaN(), math.NaN()
}

// touch records the cost of group a before it first changes in a
// perturbation (perturb.go); outside one it does nothing.
func (s *searcher) touch(a int32) {
	if s.journal == nil || s.touchedAt[a] == s.iter {
		return
	}
	s.touchedAt[a] = s.iter
	s.saved = append(s.saved, savedCost{a, s.costOf(a)})
}

// keepsPins reports whether every pinned atom of side belongs to group a.
func (s *searcher) keepsPins(side []int32, a int32) bool {
	if s.pinned == nil && s.g.pin == nil {
		return true
	}
	for _, u := range side {
		if s.isPinned(u) && s.lab[u] != a {
			return false
		}
	}
	return true
}

// nearChanged returns the atoms (ascending) of the groups changed at or
// after round since and the atoms next to them: the only atoms whose best
// move can have changed since then.
func (s *searcher) nearChanged(since int32) []int32 {
	g := s.g
	var out []int32
	for v := range int32(g.n()) {
		if s.changedAt[s.lab[v]] >= since {
			out = append(out, v)
			continue
		}
		for _, u := range g.adj[g.off[v]:g.off[v+1]] {
			if s.changedAt[s.lab[u]] >= since {
				out = append(out, v)
				break
			}
		}
	}
	return out
}

// run alternates move passes and pair passes until neither improves or
// rounds are spent; seeds are the atoms to start from (nil: all).
func (s *searcher) run(seeds []int32, rounds, trees int, rng *rand.Rand) {
	n := s.g.n()
	if seeds == nil {
		seeds = make([]int32, n)
		for i := range seeds {
			seeds[i] = int32(i)
		}
	}
	for range rounds {
		moved := s.movePass(seeds, 8*n)
		if s.ctx.Err() != nil {
			return
		}
		imp := s.pairPass(trees, rng)
		if s.ctx.Err() != nil {
			return
		}
		if moved == 0 && imp == 0 {
			return
		}
		// next round: the atoms of groups the pair pass changed
		seeds = seeds[:0:0]
		for v := range int32(n) {
			if s.changedAt[s.lab[v]] >= s.lastPair {
				seeds = append(seeds, v)
			}
		}
	}
}
