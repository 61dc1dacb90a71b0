package partition

import "math"

// treesPerPair is the number of random spanning trees tried per pair
// merge-and-resplit at effort 1.
const treesPerPair = 2

// refine runs the local search on the labels lab (ng groups) of s.g:
// rounds of single-atom moves to convergence followed by a pass of pair
// merge-and-resplit, until a round improves nothing or the budget
// (1 + effort rounds) is spent; then the search continues on the true
// objective (search.go). With seam non-nil only the seam is refined: the first
// round starts from the atoms seam (ascending) and re-splits only pairs
// involving a group of one of them, and the final polish tries only those
// atoms.
func (s *pieceSolver) refine(lab []int32, ng int, seed uint64, seam []int32) {
	n := s.g.n()
	if n < 2 || ng < 2 {
		return
	}
	effort := s.effort()
	r := newRefiner(s.ctx, s.g, s.p.b, lab, ng)
	rng := newRand(mix(seed, 0x5eed))
	var seeds []int32
	if seam != nil {
		for g := range r.changedAt {
			r.changedAt[g] = -1
		}
		for _, v := range seam {
			r.changedAt[lab[v]] = 0
		}
		seeds = seam
	} else {
		seeds = make([]int32, n)
		for i := range seeds {
			seeds[i] = int32(i)
		}
	}
	if s.feasible {
		r.fixBounds(64)
	}
	trees := treesPerPair * effort
	for round := 0; round < 1+effort; round++ {
		moved := r.moves(seeds, 8*effort*n)
		if s.ctx.Err() != nil {
			return
		}
		imp := r.resplitPass(r.members(), trees, rng)
		r.round++
		// next round: start from the atoms of groups changed by re-splits
		seeds = seeds[:0:0]
		for v := range int32(n) {
			if r.changedAt[r.lab[v]] >= r.round-1 {
				seeds = append(seeds, v)
			}
		}
		if s.ctx.Err() != nil || (imp == 0 && moved == 0) {
			break
		}
	}
	// Then the true objective.
	if s.ctx.Err() == nil {
		srch := newSearcher(r, s.term, s.pinned)
		if seam != nil {
			srch.lastPair = 0 // only pairs with a seam group (changedAt >= 0)
		}
		srch.run(seeds0(seam), searchRounds*effort, searchTrees*effort, rng)
		if seam == nil && s.p.free && !s.region {
			for srch.grow() > 0 && s.ctx.Err() == nil {
				srch.run(nil, searchRounds*effort, searchTrees*effort, rng)
			}
		}
		// Perturbations: over the whole piece, or over the seam's groups
		// with their share of the piece's.
		iters, among := s.perturbations(ng), []int32(nil)
		if seam != nil {
			among = seamGroups(lab, seam, ng)
			iters = iters * len(among) / r.groups()
		}
		srch.sp = s.sp
		kept := 0
		for range effort {
			since := srch.round
			k := srch.perturb(iters, searchTrees, rng, among)
			if kept += k; k == 0 {
				break
			}
			srch.run(srch.nearChanged(since), searchRounds, searchTrees, rng)
		}
		if testHookPerturbed != nil {
			testHookPerturbed(s.region, seam != nil, iters, kept)
		}
	}
}

// seamGroups returns the groups (of ng) holding an atom of seam, ascending.
func seamGroups(lab []int32, seam []int32, ng int) []int32 {
	in := make([]bool, ng)
	for _, v := range seam {
		in[lab[v]] = true
	}
	var out []int32
	for a, ok := range in {
		if ok {
			out = append(out, int32(a))
		}
	}
	return out
}

// testHookPerturbed, when set (by tests), is told after each refinement
// whether it was of a region or of a piece's seam, how many perturbations
// a round of it ran and how many it kept in all.
var testHookPerturbed func(region, seam bool, iters, kept int)

// searchRounds and searchTrees are the rounds of the true-objective search
// and the random trees per pair re-cut, at effort 1.
const (
	searchRounds = 4
	searchTrees  = 6
	// perturbPerGroup is the number of perturbations per group at effort 1.
	perturbPerGroup = 8
	maxPerturb      = 1024
)

// seeds0 returns seam, or nil (every atom) when seam is nil.
func seeds0(seam []int32) []int32 { return seam }

// perturbations returns the number of perturbations per round for a piece
// of ng groups: perturbPerGroup per group, at most maxPerturb shared by
// the piece's starts (England's hubs: one start, 1,024 perturbations for
// 1,517 groups) and, in a region of a piece, its share of the piece's in
// proportion to its groups; none for levels without a maximum, where
// bounds rarely bind and the pair search suffices.
func (s *pieceSolver) perturbations(ng int) int {
	if s.p.b.max == math.MaxInt64 {
		return 0
	}
	budget := maxPerturb / s.starts()
	if s.groupsOf > 0 { // a region: its share of the piece's
		budget = budget * ng / s.groupsOf
	}
	return min(perturbPerGroup*ng, budget)
}
