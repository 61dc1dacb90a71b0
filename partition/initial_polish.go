package partition

// Compactness, the third criterion of WithInitial: after the repair the
// true-objective search (search.go) shortens distances to the hub sites
// among configurations that are as valid and as little disruptive as the
// repaired one.

// Prices of the polish's extra group cost, in patients × metres like the
// distance it is added to: a patient moved costs movedPrice (10,000 km,
// more than any distance a move can save), and a practice joining a kept
// initial group costs keptPrice (more than any change in patients moved).
const (
	movedPrice = 1e7
	keptPrice  = 1e13
)

// polish runs the true-objective search on the repaired groups. Atoms of
// groups that are exactly one initial group, of oversize and stranded groups, of groups still
// out of bounds and fixed hub sites are pinned; the extra cost makes a
// move or re-cut that moves one more patient, or that adds to a kept
// group, never pay. Moves keep both bounds and contiguity (searcher).
func (r *repairer) polish(seed uint64) {
	n := r.g.n()
	if n < 2 || len(r.gs) < 2 {
		return
	}
	pinned := make([]bool, n)
	kept := make([]int32, n) // kept group of each atom, or -1
	for v := range kept {
		kept[v] = -1
	}
	// atoms per initial group, to find the groups that are exactly one
	// (frozen or not: a repair may have touched one and restored it)
	size := make([]int, len(r.names))
	for _, l := range r.ia {
		if l >= 0 {
			size[l]++
		}
	}
	for g, gr := range r.gs {
		whole := len(gr.mem) > 0 && r.ia[gr.mem[0]] >= 0 && size[r.ia[gr.mem[0]]] == len(gr.mem)
		for _, v := range gr.mem {
			whole = whole && r.ia[v] == r.ia[gr.mem[0]]
		}
		fix := whole || gr.frozen || gr.kind != kindPart || !r.b.in(gr.w)
		for _, v := range gr.mem {
			pinned[v] = fix || r.g.pin != nil && r.g.pin[v]
			if whole || gr.frozen {
				kept[v] = int32(g)
			}
		}
	}
	term := func(members []int32, extra, skip int32) float64 {
		k, intruders, inK := int32(-1), 0, 0
		visit := func(v int32) {
			if kept[v] >= 0 {
				k = kept[v]
				inK++
			}
		}
		for _, v := range members {
			if v != skip {
				visit(v)
			}
		}
		if extra >= 0 {
			visit(extra)
		}
		if k >= 0 {
			intruders = len(members) - inK
			if extra >= 0 {
				intruders++
			}
			if skip >= 0 {
				intruders--
			}
		}
		return movedPrice*float64(r.movedOf(members, extra, skip)) + keptPrice*float64(intruders)
	}
	lab := make([]int32, n)
	copy(lab, r.lab)
	s := newSearcher(newRefiner(r.ctx, r.g, r.b, lab, len(r.gs)), term, pinned)
	effort := max(r.p.effort, 1)
	rng := newRand(mix(seed, 0x9011))
	s.run(nil, searchRounds*effort, searchTrees*effort, rng)
	s.sp = r.sp
	for range effort {
		if r.ctx.Err() != nil || s.perturb(min(perturbPerGroup*len(r.gs), maxPerturb), searchTrees, rng, nil) == 0 {
			break
		}
		s.run(nil, searchRounds, searchTrees, rng)
	}
	if r.ctx.Err() != nil {
		return
	}
	for _, gr := range r.gs {
		gr.mem, gr.w = gr.mem[:0], 0
	}
	for v, g := range lab {
		r.lab[v] = g
		r.gs[g].mem = append(r.gs[g].mem, int32(v))
		r.gs[g].w += r.g.w[v]
	}
}

// movedOf is movedW for a list of atoms: the weight of those (plus extra,
// minus skip; -1 for none) whose initial group is not the list's origin.
func (r *repairer) movedOf(members []int32, extra, skip int32) int64 {
	var labelled int64
	r.accIDs = r.accIDs[:0]
	add := func(v int32) {
		l := r.ia[v]
		if l < 0 {
			return
		}
		if r.acc[l] == 0 {
			r.accIDs = append(r.accIDs, l)
		}
		r.acc[l] += r.g.w[v]
		labelled += r.g.w[v]
	}
	for _, v := range members {
		if v != skip {
			add(v)
		}
	}
	if extra >= 0 {
		add(extra)
	}
	var best int64
	for _, l := range r.accIDs {
		best = max(best, r.acc[l])
		r.acc[l] = 0
	}
	return labelled - best
}
