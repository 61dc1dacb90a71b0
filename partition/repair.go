package partition

import (
	"context"
	"math"
	"slices"
)

// repair fixes groups left out of bounds by the bisection of a feasible
// piece: the group is merged with one, then two, then all of its
// neighbouring groups and the union is re-split by the same range-aware
// bisection (fresh trees) into a feasible number of groups; the first union
// whose re-split puts every part within bounds is kept. It returns the new
// labels and group count (labels may have gaps; callers renumber).
func repair(ctx context.Context, pg *pgraph, p levelParams, sp *splitter, lab []int32, ng int, seed uint64) ([]int32, int) {
	b := p.b
	n := pg.n()
	for round := 0; round < 3; round++ {
		gw := make([]int64, ng)
		cnt := make([]int32, ng)
		for v := range n {
			gw[lab[v]] += pg.w[v]
			cnt[lab[v]]++
		}
		var bad []int32
		for g := range ng {
			if cnt[g] > 0 && !b.in(gw[g]) {
				bad = append(bad, int32(g))
			}
		}
		if len(bad) == 0 || ctx.Err() != nil {
			break
		}
		mem := groupMembers(lab, ng)
		for _, a := range bad {
			if ctx.Err() != nil {
				break
			}
			var W int64
			for _, v := range mem[a] {
				W += pg.w[v]
			}
			if b.in(W) || len(mem[a]) == 0 {
				continue // fixed by an earlier repair
			}
			nb := neighbourGroups(pg, lab, mem[a])
			var cands [][]int32
			for _, h := range nb {
				cands = append(cands, []int32{a, h})
			}
			for i := range nb {
				for j := i + 1; j < len(nb) && len(cands) < 64; j++ {
					cands = append(cands, []int32{a, nb[i], nb[j]})
				}
			}
			all := append([]int32{a}, nb...)
			cands = append(cands, all)
			// radius two: the neighbours' neighbours as well
			ring2 := slices.Clone(all)
			for _, h := range nb {
				for _, x := range neighbourGroups(pg, lab, mem[h]) {
					if !slices.Contains(ring2, x) {
						ring2 = append(ring2, x)
					}
				}
			}
			if len(ring2) > len(all) {
				cands = append(cands, ring2)
				// radius three, for coarse atoms that need a wider shuffle
				ring3 := slices.Clone(ring2)
				for _, h := range ring2[len(all):] {
					for _, x := range neighbourGroups(pg, lab, mem[h]) {
						if !slices.Contains(ring3, x) {
							ring3 = append(ring3, x)
						}
					}
				}
				if len(ring3) > len(ring2) {
					cands = append(cands, ring3)
				}
			}
			for ci, set := range cands {
				if tryResplit(pg, p, sp, lab, &mem, &ng, set, mix(seed, uint64(a)<<20|uint64(ci)+uint64(round)<<40)) {
					break
				}
			}
		}
	}
	return lab, ng
}

// groupMembers lists the atoms of every group, ascending.
func groupMembers(lab []int32, ng int) [][]int32 {
	mem := make([][]int32, ng)
	for v, l := range lab {
		mem[l] = append(mem[l], int32(v))
	}
	return mem
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

// tryResplit re-splits the union of the groups in set; on success (every
// part within bounds) it relabels the union and returns true.
func tryResplit(pg *pgraph, p levelParams, sp *splitter, lab []int32, memp *[][]int32, ng *int, set []int32, seed uint64) bool {
	b := p.b
	var vs []int32
	var W int64
	for _, g := range set {
		for _, v := range (*memp)[g] {
			vs = append(vs, v)
			W += pg.w[v]
		}
	}
	slices.Sort(vs)
	lo, hi := b.kRange(W, len(vs))
	if lo > hi {
		return false
	}
	k0 := min(max(int(math.Round(float64(W)/p.target)), lo), hi)
	in := func(u int32) bool { return slices.Contains(set, lab[u]) }
	// counts to try: the nearest to the target first, then alternately
	// above and below
	var ks []int
	for d := 0; len(ks) < 4 && (k0-d >= lo || k0+d <= hi); d++ {
		if k0+d <= hi {
			ks = append(ks, k0+d)
		}
		if d > 0 && k0-d >= lo {
			ks = append(ks, k0-d)
		}
	}
	for try, k := range ks {
		order := slices.Clone(vs)
		sp.splitAll(order, k, mix(seed, uint64(try)), in)
		if sp.ctx.Err() != nil {
			return false
		}
		// weights per leaf
		leafW := map[int32]int64{}
		for _, v := range vs {
			leafW[sp.out[v]] += pg.w[v]
		}
		ok := true
		for _, w := range leafW {
			if !b.in(w) {
				ok = false
			}
		}
		if !ok {
			continue
		}
		// leaves in order of smallest atom reuse the set's labels, then new ones
		labels := slices.Clone(set)
		slices.Sort(labels)
		assign := map[int32]int32{}
		for _, v := range vs {
			l := sp.out[v]
			if _, seen := assign[l]; !seen {
				if len(assign) < len(labels) {
					assign[l] = labels[len(assign)]
				} else {
					assign[l] = int32(*ng)
					*ng++
				}
			}
		}
		for _, g := range set {
			(*memp)[g] = nil
		}
		for len(*memp) < *ng {
			*memp = append(*memp, nil)
		}
		for _, v := range vs { // vs ascending: member lists stay sorted
			l := assign[sp.out[v]]
			lab[v] = l
			(*memp)[l] = append((*memp)[l], v)
		}
		return true
	}
	return false
}

// treesPerPair is the number of random spanning trees tried per pair
// merge-and-resplit at effort 1.
const treesPerPair = 2

// refinePiece runs the local search on one piece: rounds of single-atom
// moves to convergence followed by a pass of pair merge-and-resplit, until
// a round improves nothing or the budget (1 + effort rounds) is spent.
// With seam non-nil only the seam is refined: the first round starts from
// the atoms seam (ascending) and re-splits only pairs involving a group of
// one of them, and the final polish tries only those atoms.
func refinePiece(ctx context.Context, pg *pgraph, b bounds, lab []int32, ng int, effort int, seed uint64, feasible bool, seam []int32) {
	n := pg.n()
	if n < 2 || ng < 2 {
		return
	}
	r := newRefiner(ctx, pg, b, lab, ng)
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
	if feasible {
		r.fixBounds(64)
	}
	trees := treesPerPair * effort
	for round := 0; round < 1+effort; round++ {
		moved := r.moves(seeds, 8*effort*n)
		if ctx.Err() != nil {
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
		if ctx.Err() != nil || (imp == 0 && moved == 0) {
			break
		}
	}
	// Polish small groups against the exact objective.
	if ctx.Err() == nil {
		mem := r.members()
		for pass := 0; pass < 2*effort; pass++ {
			if r.medoidPass(mem, seam) == 0 {
				break
			}
		}
	}
}
