package partition

import "context"

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
}

// solvePiece splits one piece and refines it; it returns dense local labels
// (ordered by smallest atom) for pc.atoms.
func solvePiece(ctx context.Context, ag *pgraph, pc *piece, p levelParams, sem chan struct{}) []int32 {
	// Local indices follow a Hilbert curve, so that neighbouring atoms sit
	// close in memory (the atom numbering of the input is arbitrary).
	perm := hilbertOrder(ag, pc.atoms)
	atoms := make([]int32, len(perm))
	for i, j := range perm {
		atoms[i] = pc.atoms[j]
	}
	pg := subgraph(ctx, ag, atoms)
	if pg == nil {
		return nil
	}
	s := &pieceSolver{ctx: ctx, g: pg, p: p, sem: sem, feasible: pc.feasible}
	s.bind(atoms)
	lab := s.solve(pc.k, mix(p.seed, uint64(pc.atoms[0])))
	back := make([]int32, len(lab))
	for i, j := range perm {
		back[j] = lab[i]
	}
	back, _ = denseLabels(back)
	return back
}

// solve returns the labels of the piece's atoms in k groups (possibly with
// gaps), derived from seed.
func (s *pieceSolver) solve(k int, seed uint64) []int32 {
	n := s.g.n()
	s.sp = newSplitter(s.ctx, s.g, s.p.b, 4+4*s.effort(), s.sem)
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
	}
	if regions := n / regionAtoms; regions >= 2 && l.ng >= 16*regions {
		s.refineRegions(l.lab, l.ng, seed, min(regions, maxRegions))
	} else {
		s.refine(l.lab, l.ng, seed, nil)
	}
	return l.lab
}

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
