package partition

import (
	"context"
	"slices"
	"sync"
)

// pieceSolver solves one connected piece of a level in local indices:
// split into k groups, repair the groups left out of bounds, refine by
// local search. It holds what every step needs; a region of a large piece
// is solved by a copy whose graph is the region's subgraph.
type pieceSolver struct {
	ctx      context.Context
	g        *pgraph // the piece (or region), atoms in local indices
	p        levelParams
	sem      chan struct{} // worker slots shared by the level
	feasible bool          // the piece's weight admits a split within bounds
	sp       *splitter
	atoms    []int32   // level atom of every local atom (for the hooks)
	term     groupTerm // the hooks' extra cost, or nil
	pinned   []bool    // local atoms the search must not move, or nil
	startNo  int       // which start this is (solve)
	region   bool      // a region of a large piece (refineRegions)
	groupsOf int       // a region: the groups of its piece (perturbations are shared by them), else 0
	keptBad  int       // solve: groups out of bounds in the best start that kept a count asked for
}

// solvePiece splits one piece and refines it; it returns dense local labels
// (ordered by smallest atom) for pc.atoms.
func solvePiece(ctx context.Context, ag *pgraph, pc *piece, p levelParams, sem chan struct{}) []int32 {
	// Local indices follow a Hilbert curve, so that neighbouring atoms sit
	// close in memory (the atom numbering of the input is arbitrary).
	perm := hilbertOrder(ctx, ag, pc.atoms, p.workers)
	if perm == nil {
		return nil // cancelled
	}
	atoms := make([]int32, len(perm))
	for i, j := range perm {
		atoms[i] = pc.atoms[j]
	}
	pg := subgraphOn(ctx, ag, atoms, p.workers)
	if pg == nil {
		return nil
	}
	s := &pieceSolver{ctx: ctx, g: pg, p: p, sem: sem, feasible: pc.feasible}
	s.bind(atoms)
	lab := s.solve(pc.k, mix(p.seed, uint64(pc.atoms[0])))
	if ctx.Err() != nil {
		return nil // cancelled: the caller returns ctx.Err()
	}
	pc.keptBad = s.keptBad
	back := make([]int32, len(lab))
	for i, j := range perm {
		back[j] = lab[i]
	}
	back, _ = denseLabels(back)
	return back
}

// solve returns the labels of the piece's atoms in k groups (possibly with
// gaps), derived from seed: the best of several independent starts (see
// starts), compared by groups out of bounds, then distance from k groups,
// then the true objective; ties go to the earlier start, so the result
// does not depend on scheduling. Starts run concurrently when the level's
// worker slots allow.
func (s *pieceSolver) solve(k int, seed uint64) []int32 {
	starts := s.starts()
	if starts == 1 {
		return s.start(k, seed)
	}
	labs := make([][]int32, starts)
	scores := make([]score, starts)
	var wg sync.WaitGroup
	for i := range starts {
		run := func() {
			sub := *s
			sub.startNo = i
			st := seed
			if i > 0 {
				st = mix(seed, startStream+uint64(i))
			}
			labs[i] = sub.start(k, st)
			if s.ctx.Err() == nil {
				scores[i] = sub.score(labs[i], k)
			}
		}
		if i < starts-1 && s.sem != nil {
			select {
			case s.sem <- struct{}{}:
				wg.Add(1)
				go func() {
					defer wg.Done()
					defer func() { <-s.sem }()
					run()
				}()
				continue
			default:
			}
		}
		run()
	}
	wg.Wait()
	if s.ctx.Err() != nil {
		return labs[0] // cancelled: the caller returns ctx.Err()
	}
	best := 0
	for i := 1; i < starts; i++ {
		if scores[i].less(scores[best]) {
			best = i
		}
	}
	// A count asked for and not met (or met with groups out of bounds):
	// more starts that keep the count, one after another, until one meets
	// it within bounds.
	// it, while the best start that kept the count left few groups out of
	// bounds (a count the map cannot take leaves dozens).
	kept := -1
	for i := 0; i < starts; i += 2 {
		if scores[i].off == 0 && (kept < 0 || scores[i].bad < scores[kept].bad) {
			kept = i
		}
	}
	if s.p.count > 0 && s.feasible && kept >= 0 {
		s.keptBad = scores[kept].bad
		for i := 0; i < extraCountStarts && s.keptBad > 0 && s.keptBad <= extraStartsBad && (scores[best].bad > 0 || scores[best].off > 0) && s.ctx.Err() == nil; i++ {
			sub := *s
			sub.startNo = 2 * (starts + i) // even: keeps the count
			lab := sub.start(k, mix(seed, startStream+uint64(starts+i)))
			sc := sub.score(lab, k)
			if sc.off == 0 {
				s.keptBad = min(s.keptBad, sc.bad)
			}
			if sc.less(scores[best]) {
				labs[best], scores[best] = lab, sc
			}
		}
	}
	return labs[best]
}

// extraCountStarts is the number of further starts a piece gets when the
// count asked for (WithCount) was not met within bounds, and
// extraStartsBad the most groups out of bounds the best start keeping the
// count may have left for them to be tried.
const (
	extraCountStarts = 6
	extraStartsBad   = 8
)

// startStream separates the seeds of the extra starts from other streams.
const startStream = 0x57a7 << 32

// startAtoms is the size up to which a piece gets maxStarts starts; larger
// pieces get proportionally fewer, down to one (England's mainland hubs:
// one start; its areas and small regions: several). The size is that of the
// whole level when the level is larger than the piece, so that a level cut
// into many small pieces (strata, alignment) does not multiply its work.
const (
	startAtoms = 512
	maxStarts  = 8
)

// starts returns the number of independent starts for the piece.
func (s *pieceSolver) starts() int {
	n := max(s.g.n(), s.p.levelAtoms)
	if n <= startAtoms {
		return maxStarts
	}
	least := 1
	if s.p.count > 0 {
		least = 2 // both kinds of split (see start)
	}
	return max(least, maxStarts*startAtoms/n)
}

// start solves the piece once from seed: split, repair, refine.
func (s *pieceSolver) start(k int, seed uint64) []int32 {
	n := s.g.n()
	s.sp = newSplitter(s.ctx, s.g, s.p.b, 4+4*s.effort(), s.sem)
	// With a count asked for, starts alternate between keeping every
	// piece of the count (cuts and repairs keep it; the local search
	// mends the bounds) and letting cuts and repairs change it by one,
	// made good by fixCount: each succeeds where the other fails.
	s.sp.keepK = s.p.count > 0 && s.startNo%2 == 0
	vs := make([]int32, n)
	for i := range vs {
		vs[i] = int32(i)
	}
	s.sp.splitAll(vs, k, seed, nil)
	if s.ctx.Err() != nil {
		return make([]int32, n)
	}
	l := newLabelling(denseLabels(s.sp.out))
	if s.feasible {
		s.repair(l, seed)
		if s.p.count > 0 && !s.sp.keepK && s.ctx.Err() == nil {
			s.fixCount(l, k, seed)
		}
		s.balance(l, seed)
	}
	if s.ctx.Err() != nil {
		return l.lab // cancelled: the caller returns ctx.Err()
	}
	if regions := regionsFor(n, l.ng, s.p.free); regions > 0 {
		s.refineRegions(l.lab, l.ng, seed, regions)
	} else {
		s.refine(l.lab, l.ng, seed, nil)
	}
	return l.lab
}

// balance mends the groups of l the repairs left out of bounds by chains of
// moves (balance.go), keeping the pinned atoms in place.
func (s *pieceSolver) balance(l *labelling, seed uint64) {
	var frozen func(int32) bool
	if s.pinned != nil {
		frozen = func(v int32) bool { return s.pinned[v] }
	}
	if s.ctx.Err() != nil || len(s.outOfBounds(l)) == 0 {
		return // the usual case: nothing to mend, no refiner to build
	}
	for round := 0; round < 4 && s.ctx.Err() == nil; round++ {
		r := newRefiner(s.ctx, s.g, s.p.b, l.lab, l.ng)
		if r.balance(frozen) == 0 {
			return
		}
		srch := newSearcher(r, s.term, s.pinned)
		mended := false
		for a := range int32(len(srch.mem)) {
			if a&1023 == 0 && s.ctx.Err() != nil {
				return
			}
			if len(srch.mem[a]) > 0 && !s.p.b.in(srch.gw[a]) && srch.mendExact(a) {
				mended = true
			}
		}
		if !mended && !s.resplitAround(l, mix(seed, uint64(round)), frozen) {
			return
		}
	}
}

// resplitAround re-splits, keeping their number, the groups within two
// (then three) steps of each group of l out of bounds, by fresh random
// trees, and mends the result by chains of moves; a re-split is kept when
// fewer groups are then out of bounds than before, and undone otherwise.
// It reports whether any was kept.
func (s *pieceSolver) resplitAround(l *labelling, seed uint64, frozen func(int32) bool) bool {
	b := s.p.b
	kept := false
	bad := s.outOfBounds(l)
	if len(bad) > extraStartsBad {
		return false // a count the map cannot take: dozens are out
	}
	for _, a := range bad {
		l.members()
		if len(l.mem[a]) == 0 {
			continue
		}
		all := append([]int32{a}, neighbourGroups(s.g, l.lab, l.mem[a])...)
		ring2 := s.widen(l, all, all[1:])
		ring3 := s.widen(l, ring2, ring2[len(all):])
	sets:
		for i, set := range [][]int32{ring2, ring3} {
			for try := range resplitTries {
				if s.ctx.Err() != nil {
					return kept
				}
				saved := slices.Clone(l.lab)
				l.members()
				if s.resplitLeaves(l, set, mix(seed, uint64(a)<<20|uint64(i)<<8|uint64(try)), len(set), false) {
					newRefiner(s.ctx, s.g, b, l.lab, l.ng).balanceGroups(frozen, set, resplitBalance)
					if now := s.outOfBounds(l); len(now) < len(bad) {
						bad, kept = now, true
						break sets
					}
				}
				copy(l.lab, saved)
			}
		}
	}
	return kept
}

// resplitTries is the number of random re-splits resplitAround tries per
// neighbourhood, and resplitBalance the moves its chains may try after
// each.
const (
	resplitTries   = 4
	resplitBalance = 1 << 15
)

// A score ranks the solutions of one piece: fewer groups out of bounds
// first, then a group count closer to the one asked for, then a lower cost.
type score struct {
	bad, off int
	cost     float64
}

func (a score) less(b score) bool {
	if a.bad != b.bad {
		return a.bad < b.bad
	}
	if a.off != b.off {
		return a.off < b.off
	}
	return a.cost < b.cost
}

// score evaluates the labels lab of the piece against k groups.
func (s *pieceSolver) score(lab []int32, k int) score {
	lab, ng := denseLabels(lab)
	srch := newSearcher(newRefiner(s.ctx, s.g, s.p.b, lab, ng), s.term, s.pinned)
	sc := score{off: abs(ng - k), cost: srch.total()}
	if s.p.free {
		sc.off = 0 // the count is the objective's to choose
	}
	for a := range ng {
		if !s.p.b.in(srch.gw[a]) {
			sc.bad++
		}
	}
	return sc
}

func abs(x int) int { return max(x, -x) }

func (s *pieceSolver) effort() int { return max(s.p.effort, 1) }

// bind sets the solver's atoms and binds the level's hooks to them.
func (s *pieceSolver) bind(atoms []int32) {
	s.atoms, s.term, s.pinned = atoms, nil, nil
	var terms []groupTerm
	for _, mk := range s.p.terms {
		if t := mk(s.p.atoms, atoms); t != nil {
			terms = append(terms, t)
		}
	}
	switch len(terms) {
	case 0:
	case 1:
		s.term = terms[0]
	default:
		s.term = func(members []int32, extra, skip int32) float64 {
			var c float64
			for _, t := range terms {
				c += t(members, extra, skip)
			}
			return c
		}
	}
	for _, mk := range s.p.pins {
		pin := mk(s.p.atoms)
		if pin == nil {
			continue
		}
		if s.pinned == nil {
			s.pinned = make([]bool, len(atoms))
		}
		for i, a := range atoms {
			s.pinned[i] = s.pinned[i] || pin[a]
		}
	}
}
