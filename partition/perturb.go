package partition

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Perturbation: once moves and pair re-cuts are stuck in a local optimum,
// a group and its neighbours are merged and re-split along a random
// spanning tree (the same number of groups, all within bounds), the local
// search is run on what changed, and the result is kept only when the
// total cost went down; otherwise every move is undone. This escapes the
// plateaus where no single move or pair re-cut helps (rural areas of many
// mid-sized practices, where bounds bind on every side).

// jmove is one recorded move: atom v left group from.
type jmove struct{ v, from int32 }

// savedCost is the cost of a group before a perturbation changed it.
type savedCost struct {
	g    int32
	cost float64
}

// maxRingGroups and maxRingAtoms bound the neighbourhood re-split by one
// perturbation.
const (
	maxRingGroups = 6
	maxRingAtoms  = 40
)

// perturb runs iters perturbations, each around a group drawn from rng:
// any group, or one of among when it is not nil. It returns the number
// kept.
func (s *searcher) perturb(iters, trees int, rng *rand.Rand, among []int32) int {
	if s.sp == nil || s.sp.g != s.g || len(s.mem) < 3 {
		return 0
	}
	if s.touchedAt == nil {
		s.touchedAt = make([]int32, len(s.mem))
		for i := range s.touchedAt {
			s.touchedAt[i] = -1
		}
	}
	var journal []jmove
	kept := 0
	var ring, nb, order []int32
	for it := range iters {
		if it&63 == 0 && s.ctx.Err() != nil {
			break
		}
		var a int32
		if among != nil {
			a = among[rng.IntN(len(among))]
		} else {
			a = int32(rng.IntN(len(s.mem)))
		}
		if len(s.mem[a]) == 0 || len(s.mem[a]) > maxSearchAtoms {
			continue
		}
		nb = s.neighbours(a, nb[:0])
		if len(nb) > maxRingGroups-1 {
			// a and a random choice of its neighbours
			rng.Shuffle(len(nb), func(i, j int) { nb[i], nb[j] = nb[j], nb[i] })
			nb = nb[:maxRingGroups-1]
		}
		ring = append(append(ring[:0], a), nb...)
		order = order[:0]
		for _, h := range ring {
			order = append(order, s.mem[h]...)
		}
		if len(order) > maxRingAtoms || s.hasPin(order) {
			continue
		}
		slices.Sort(order)
		s.iter = int32(it)
		s.saved = s.saved[:0]
		journal = journal[:0]
		s.journal = &journal
		if s.resplitRing(ring, order, rng.Uint64()) {
			s.round++
			since := s.round
			s.movePass(order, 8*len(order))
			s.round++
			s.pairsOf(ring, true, since, trees, rng)
			var before, after float64
			for _, c := range s.saved {
				before += c.cost
				after += s.costOf(c.g)
			}
			if after < before-1e-9*(1+before) {
				kept++
				s.journal = nil
				continue
			}
		}
		s.journal = nil
		s.undo(journal)
	}
	return kept
}

func (s *searcher) hasPin(atoms []int32) bool {
	if s.pinned == nil && s.g.pin == nil {
		return false
	}
	for _, v := range atoms {
		if s.isPinned(v) {
			return true
		}
	}
	return false
}

// resplitRing re-splits the union order of the groups of ring into as many
// groups along a random spanning tree; it reports false (changing nothing)
// when a part would be out of bounds.
func (s *searcher) resplitRing(ring, order []int32, seed uint64) bool {
	vs := slices.Clone(order)
	in := func(u int32) bool { return slices.Contains(ring, s.lab[u]) }
	s.sp.splitAll(vs, len(ring), seed, in)
	if s.ctx.Err() != nil {
		return false
	}
	leafW := map[int32]int64{}
	for _, v := range order {
		leafW[s.sp.out[v]] += s.g.w[v]
	}
	if len(leafW) != len(ring) {
		return false
	}
	for _, w := range leafW {
		if !s.b.in(w) {
			return false
		}
	}
	ids := slices.Clone(ring)
	slices.Sort(ids)
	for _, h := range ids {
		s.touch(h)
	}
	assign := map[int32]int32{}
	for _, v := range order { // leaves in order of smallest atom take the ids in order
		if _, ok := assign[s.sp.out[v]]; !ok {
			assign[s.sp.out[v]] = ids[len(assign)]
		}
	}
	for _, v := range order {
		if to := assign[s.sp.out[v]]; s.lab[v] != to {
			s.move(v, s.lab[v], to)
		}
	}
	for _, h := range ids {
		s.mem[h] = s.mem[h][:0]
		s.cost[h] = math.NaN()
	}
	for _, v := range order {
		s.mem[s.lab[v]] = append(s.mem[s.lab[v]], v)
	}
	return true
}

// undo reverts the moves of journal, last first, and restores the saved
// costs.
func (s *searcher) undo(journal []jmove) {
	for i := len(journal) - 1; i >= 0; i-- {
		v, back := journal[i].v, journal[i].from
		if from := s.lab[v]; from != back {
			s.shift(v, from, back)
		}
	}
	for _, c := range s.saved {
		s.cost[c.g] = c.cost
	}
}
