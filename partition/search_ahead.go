package partition

import (
	"math"
	"slices"
	"sync"
	"sync/atomic"
)

// Pair re-cuts worked out ahead. A pair pass (pairPass) tries the exact
// re-cut of every pair of neighbouring groups, one after another, and few
// of them improve: most leave both groups as they were. The best cut of a
// pair depends only on the two groups (their atoms, in the order their
// member lists hold them, and which are pinned), so when the level has a
// worker slot free, the cuts of the pairs the pass will try are first
// worked out on two goroutines from the groups as they stand. The pass then
// runs as before, one pair after another, and takes the cut worked out
// ahead for a pair whose two groups have not changed since; a pair that
// touches a group changed earlier in the pass is cut afresh. The result is
// the one the pass gives alone, whatever the number of workers: the work
// ahead only saves time.

// minGroupsAhead is the fewest groups changed since the last pair pass
// for which the pairs are worked out ahead; aheadChunk is the number of
// groups a goroutine takes at a time.
const (
	minGroupsAhead = 32
	aheadChunk     = 32
)

// pairAhead is the re-cut of groups a and h worked out ahead.
type pairAhead struct {
	a, h   int32
	ca, ch float64 // costs of a and h (costOf)
	order  []int32 // the union, ascending, when a cut improves
	parts  []uint32
	ids    []int32
}

// pairsAhead are the pairs of one pass worked out ahead, in the order the
// pass tries them (a ascending, then h), and the groups next to each group.
type pairsAhead struct {
	pairs []pairAhead
	nb    [][]int32 // per group: its neighbours (neighbours), nil: not worked out
	next  int       // the first pair the pass has not reached
	round int32     // a group changed at this round or later has changed since
}

// aheadOf works out ahead the exact re-cuts of the pairs a pair pass with
// since (see pairsOf) would try on the groups as they stand. It returns nil
// when it did not: no worker slot free, an extra term (terms need only be
// safe on the goroutine solving the piece), too few groups changed, or
// cancelled.
func (s *searcher) aheadOf(since int32) *pairsAhead {
	if s.sem == nil || s.term != nil || s.ctx.Err() != nil {
		return nil
	}
	changed := 0
	for a := range s.mem {
		if since < 0 || s.changedAt[a] >= since {
			changed++
		}
	}
	if changed < minGroupsAhead {
		return nil
	}
	select {
	case s.sem <- struct{}{}:
	default:
		return nil // every worker is busy
	}
	n := len(s.mem)
	chunks := make([][]pairAhead, (n+aheadChunk-1)/aheadChunk)
	pa := &pairsAhead{nb: make([][]int32, n), round: s.round}
	var next atomic.Int64
	work := func() {
		for {
			c := int(next.Add(1) - 1)
			if c >= len(chunks) || s.ctx.Err() != nil {
				return
			}
			chunks[c] = s.chunkAhead(pa.nb, c*aheadChunk, min(n, (c+1)*aheadChunk), since)
		}
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		defer func() { <-s.sem }()
		work()
	})
	work()
	wg.Wait()
	if s.ctx.Err() != nil {
		return nil
	}
	pa.pairs = slices.Concat(chunks...)
	return pa
}

// chunkAhead works out the neighbours of groups lo..hi−1 (into nb) and the
// exact re-cuts of their pairs, reading the searcher's state and writing
// only nb[lo:hi] and what it returns.
func (s *searcher) chunkAhead(nb [][]int32, lo, hi int, since int32) []pairAhead {
	g := s.g
	var out []pairAhead
	for a := int32(lo); a < int32(hi); a++ {
		if len(s.mem[a]) == 0 || len(s.mem[a]) > maxSearchAtoms {
			continue
		}
		var l []int32
		for _, v := range s.mem[a] {
			for _, u := range g.adj[g.off[v]:g.off[v+1]] {
				if h := s.lab[u]; h != a {
					l = append(l, h)
				}
			}
		}
		slices.Sort(l)
		l = slices.Clip(slices.Compact(l))
		nb[a] = l
		for _, h := range l {
			if h < a || !s.exactPair(a, h) {
				continue
			}
			if since >= 0 && s.changedAt[a] < since && s.changedAt[h] < since {
				continue
			}
			out = append(out, pairAhead{a: a, h: h})
			s.cutAhead(&out[len(out)-1])
		}
	}
	return out
}

// neighbours returns the groups next to group a (as neighbours would) when
// they were worked out ahead and can still be trusted: a and every group
// that was next to it are unchanged since, so no atom next to a has moved.
func (pa *pairsAhead) neighbours(s *searcher, a int32) ([]int32, bool) {
	if pa == nil || pa.nb[a] == nil || s.changedAt[a] >= pa.round {
		return nil, false
	}
	for _, h := range pa.nb[a] {
		if s.changedAt[h] >= pa.round {
			return nil, false
		}
	}
	return pa.nb[a], true
}

// exactPair reports whether the pair pass re-cuts groups a and h exactly
// (recutExact) rather than along random trees.
func (s *searcher) exactPair(a, h int32) bool {
	m := len(s.mem[a]) + len(s.mem[h])
	return len(s.mem[h]) <= maxSearchAtoms && m <= maxPairAtoms && m <= exactPairAtoms &&
		(s.b.max < math.MaxInt64 || m <= exactOpenAtoms)
}

// cutAhead works out p's re-cut as recut would, writing only p.
func (s *searcher) cutAhead(p *pairAhead) {
	ma, mh := s.mem[p.a], s.mem[p.h]
	p.ca, p.ch = s.cost[p.a], s.cost[p.h]
	if math.IsNaN(p.ca) {
		p.ca = s.groupCost(ma, -1, -1)
	}
	if math.IsNaN(p.ch) {
		p.ch = s.groupCost(mh, -1, -1)
	}
	order := append(append(make([]int32, 0, len(ma)+len(mh)), ma...), mh...)
	slices.Sort(order)
	cur := p.ca + p.ch
	set := []int32{p.a, p.h}
	if p.parts, p.ids = s.bestCut(set, order, cur-1e-9*(1+cur)); p.parts != nil {
		p.order = order
	}
}

// take returns the pair (a, h) worked out ahead, if it was and neither
// group has changed since; nil otherwise.
func (pa *pairsAhead) take(s *searcher, a, h int32) *pairAhead {
	if pa == nil {
		return nil
	}
	for pa.next < len(pa.pairs) && (pa.pairs[pa.next].a < a || pa.pairs[pa.next].a == a && pa.pairs[pa.next].h < h) {
		pa.next++
	}
	if pa.next == len(pa.pairs) {
		return nil
	}
	p := &pa.pairs[pa.next]
	if p.a != a || p.h != h || s.changedAt[a] >= pa.round || s.changedAt[h] >= pa.round {
		return nil
	}
	pa.next++
	return p
}

// useAhead applies p as recut would have: it caches the two groups' costs
// and applies the cut if one improves, reporting whether one did.
func (s *searcher) useAhead(p *pairAhead) bool {
	if math.IsNaN(s.cost[p.a]) {
		s.cost[p.a] = p.ca
	}
	if math.IsNaN(s.cost[p.h]) {
		s.cost[p.h] = p.ch
	}
	if p.parts == nil {
		return false
	}
	s.applyParts([]int32{p.a, p.h}, p.order, p.parts, p.ids)
	return true
}
