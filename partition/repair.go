package partition

import (
	"cmp"
	"math"
	"slices"
)

// repair fixes groups left out of bounds by the bisection of a feasible
// piece: the group is merged with one, then two, then all of its
// neighbouring groups, then the groups within two and three steps, and the
// union is re-split by the same range-aware bisection (fresh trees) into a
// feasible number of groups; the first union whose re-split puts every part
// within bounds is kept. Labels may be left with gaps; callers renumber.
func (s *pieceSolver) repair(l *labelling, seed uint64) {
	b := s.p.b
	g := s.g
	for round := 0; round < 3; round++ {
		bad := s.outOfBounds(l)
		if len(bad) == 0 || s.ctx.Err() != nil {
			break
		}
		l.members()
		for _, a := range bad {
			if s.ctx.Err() != nil {
				break
			}
			var W int64
			for _, v := range l.mem[a] {
				W += g.w[v]
			}
			if b.in(W) || len(l.mem[a]) == 0 {
				continue // fixed by an earlier repair
			}
			for ci, set := range s.repairSets(l, a) {
				if s.resplit(l, set, mix(seed, uint64(a)<<20|uint64(ci)+uint64(round)<<40)) {
					break
				}
			}
		}
	}
}

// repairSets lists the unions of groups tried to repair group a, in order:
// a with each neighbour, with each pair of neighbours (at most 64 sets so
// far), with all its neighbours, then the groups within two and three
// steps (coarse atoms may need a wider shuffle).
func (s *pieceSolver) repairSets(l *labelling, a int32) [][]int32 {
	nb := neighbourGroups(s.g, l.lab, l.mem[a])
	var sets [][]int32
	for _, h := range nb {
		sets = append(sets, []int32{a, h})
	}
	for i := range nb {
		for j := i + 1; j < len(nb) && len(sets) < 64; j++ {
			sets = append(sets, []int32{a, nb[i], nb[j]})
		}
	}
	all := append([]int32{a}, nb...)
	sets = append(sets, all)
	ring2 := s.widen(l, all, nb)
	if len(ring2) == len(all) {
		return sets
	}
	sets = append(sets, ring2)
	if ring3 := s.widen(l, ring2, ring2[len(all):]); len(ring3) > len(ring2) {
		sets = append(sets, ring3)
	}
	return sets
}

// widen returns ring followed by the groups next to the groups of frontier
// that are not in ring yet, in order of discovery.
func (s *pieceSolver) widen(l *labelling, ring, frontier []int32) []int32 {
	out := slices.Clone(ring)
	for _, h := range frontier {
		for _, x := range neighbourGroups(s.g, l.lab, l.mem[h]) {
			if !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
	}
	return out
}

// neighbourGroups lists the groups adjacent to the atoms of a group,
// ascending.
func neighbourGroups(pg *pgraph, lab []int32, atoms []int32) []int32 {
	var nb []int32
	if len(atoms) == 0 {
		return nil
	}
	a := lab[atoms[0]]
	for _, v := range atoms {
		for _, u := range pg.adj[pg.off[v]:pg.off[v+1]] {
			if h := lab[u]; h != a && !slices.Contains(nb, h) {
				nb = append(nb, h)
			}
		}
	}
	slices.Sort(nb)
	return nb
}

// outOfBounds lists the groups of l that hold atoms and weigh outside the
// bounds, ascending.
func (s *pieceSolver) outOfBounds(l *labelling) []int32 {
	gw := make([]int64, l.ng)
	cnt := make([]int32, l.ng)
	for v, a := range l.lab {
		gw[a] += s.g.w[v]
		cnt[a]++
	}
	var bad []int32
	for a := range l.ng {
		if cnt[a] > 0 && !s.p.b.in(gw[a]) {
			bad = append(bad, int32(a))
		}
	}
	return bad
}

// resplit re-splits the union of the groups in set; on success (every part
// within bounds) it relabels the union, reusing the set's ids in order of
// smallest atom and adding new groups as needed, and returns true.
func (s *pieceSolver) resplit(l *labelling, set []int32, seed uint64) bool {
	return s.resplitTo(l, set, seed, 0)
}

// resplitTo is resplit into exactly k groups (k = 0: the counts of
// repairCounts).
func (s *pieceSolver) resplitTo(l *labelling, set []int32, seed uint64, k int) bool {
	return s.resplitLeaves(l, set, seed, k, true)
}

// resplitLeaves is resplitTo; with strict false a split into k groups is
// applied even when some are out of bounds (the chains of balance.go then
// mend them).
func (s *pieceSolver) resplitLeaves(l *labelling, set []int32, seed uint64, k int, strict bool) bool {
	b, g, sp := s.p.b, s.g, s.sp
	var vs []int32
	var W int64
	for _, a := range set {
		for _, v := range l.mem[a] {
			vs = append(vs, v)
			W += g.w[v]
		}
	}
	slices.Sort(vs)
	lo, hi := b.kRange(W, len(vs))
	if lo > hi {
		return false
	}
	in := func(u int32) bool { return slices.Contains(set, l.lab[u]) }
	ks := []int{k}
	if k == 0 {
		ks = s.repairCounts(len(set), W, lo, hi)
	} else if k < lo || k > hi {
		return false
	}
	for try, k := range ks {
		order := slices.Clone(vs)
		sp.splitAll(order, k, mix(seed, uint64(try)), in)
		if s.ctx.Err() != nil {
			return false
		}
		if strict && !s.leavesInBounds(vs) {
			continue
		}
		// leaves in order of smallest atom reuse the set's ids, then new ones
		ids := slices.Clone(set)
		slices.Sort(ids)
		assign := map[int32]int32{}
		for _, v := range vs {
			leaf := sp.out[v]
			if _, seen := assign[leaf]; !seen {
				if len(assign) < len(ids) {
					assign[leaf] = ids[len(assign)]
				} else {
					assign[leaf] = l.newGroup()
				}
			}
		}
		for _, a := range set {
			l.mem[a] = nil
		}
		for _, v := range vs { // vs ascending: member lists stay sorted
			a := assign[sp.out[v]]
			l.lab[v] = a
			l.mem[a] = append(l.mem[a], v)
		}
		return true
	}
	return false
}

// repairCounts lists the group counts tried to re-split a union of n
// groups of weight W (feasible counts lo..hi): n first, so that the piece
// keeps its count; then up to four more near round(W/target), or, when
// the count was asked for (WithCount), n+1 and n−1 (fixCount then restores
// the piece's count elsewhere).
func (s *pieceSolver) repairCounts(n int, W int64, lo, hi int) []int {
	var ks []int
	if n >= lo && n <= hi {
		ks = append(ks, n)
	}
	if s.p.count > 0 {
		if s.sp.keepK {
			return ks
		}
		// one more or one fewer, made good by fixCount elsewhere
		for _, k := range []int{n + 1, n - 1} {
			if k >= lo && k <= hi {
				ks = append(ks, k)
			}
		}
		return ks
	}
	k0 := min(max(int(math.Round(float64(W)/s.p.target)), lo), hi)
	for _, k := range nearCounts(k0, lo, hi, 4) {
		if k != n {
			ks = append(ks, k)
		}
	}
	return ks
}

// nearCounts lists up to m group counts in [lo, hi]: k0 first, then
// alternately above and below it.
func nearCounts(k0, lo, hi, m int) []int {
	var ks []int
	for d := 0; len(ks) < m && (k0-d >= lo || k0+d <= hi); d++ {
		if k0+d <= hi {
			ks = append(ks, k0+d)
		}
		if d > 0 && k0-d >= lo {
			ks = append(ks, k0-d)
		}
	}
	return ks
}

// leavesInBounds reports whether every leaf the splitter made of vs is
// within bounds.
func (s *pieceSolver) leavesInBounds(vs []int32) bool {
	leafW := map[int32]int64{}
	for _, v := range vs {
		leafW[s.sp.out[v]] += s.g.w[v]
	}
	for _, w := range leafW {
		if !s.p.b.in(w) {
			return false
		}
	}
	return true
}

// fixCount brings the number of non-empty groups of l back to k after
// repairs that changed it. While there are too many, a group and its
// neighbours (then those within two steps) are re-split into one group
// fewer, trying first the neighbourhoods whose mean weight would stay
// lowest; while too few, into one more, the heaviest first. It stops when
// no neighbourhood can take the change (Result.Notes then says what was
// made).
func (s *pieceSolver) fixCount(l *labelling, k int, seed uint64) {
	for step := 0; step < 4*k && s.ctx.Err() == nil; step++ {
		l.members()
		gw := make([]int64, l.ng)
		var alive []int32
		for a := range l.ng {
			if len(l.mem[a]) > 0 {
				alive = append(alive, int32(a))
				for _, v := range l.mem[a] {
					gw[a] += s.g.w[v]
				}
			}
		}
		d := len(alive) - k
		if d == 0 {
			return
		}
		// the mean group weight of every group's neighbourhood after the change
		type cand struct {
			ring []int32
			mean float64
		}
		var cands []cand
		for _, a := range alive {
			all := append([]int32{a}, neighbourGroups(s.g, l.lab, l.mem[a])...)
			for _, ring := range [][]int32{{a}, all, s.widen(l, all, all[1:])} {
				var W int64
				for _, h := range ring {
					W += gw[h]
				}
				n := len(ring) + 1
				if d > 0 {
					n = len(ring) - 1
				}
				if len(ring) == 1 && d > 0 {
					continue // a group alone cannot lose one
				}
				if n > 0 {
					cands = append(cands, cand{ring, float64(W) / float64(n)})
				}
			}
		}
		slices.SortStableFunc(cands, func(a, b cand) int {
			if d > 0 {
				return cmp.Compare(a.mean, b.mean)
			}
			return cmp.Compare(b.mean, a.mean)
		})
		done := false
		for i, c := range cands[:min(len(cands), 24)] {
			want := len(c.ring) - 1
			if d < 0 {
				want = len(c.ring) + 1
			}
			if s.resplitTo(l, c.ring, mix(seed, uint64(step)<<20|uint64(i)), want) {
				done = true
				break
			}
		}
		if !done {
			return
		}
	}
}
