package partition

import (
	"math"
	"math/bits"
	"slices"
)

// exactPairAtoms bounds the unions of two groups whose every connected
// bipartition is tried (2^(m−1) subsets); larger unions are cut along
// random trees. Without a maximum (areas) the connected sets cannot be
// pruned by weight, and exactOpenAtoms bounds the unions instead.
const (
	exactPairAtoms = 16
	exactOpenAtoms = 10
)

// exactCut finds the best re-cut of a union of groups into as many
// connected groups within bounds, by enumeration: the part holding the
// lowest atom left is every connected subset of the atoms left, the rest
// recursively. Atoms are bits of a uint32 in the order of order.
type exactCut struct {
	s     *searcher
	order []int32
	nbr   [exactPairAtoms]uint32
	w     [exactPairAtoms]int64
	pinOf [exactPairAtoms]int8                    // index in the set of a pinned atom's group, or -1
	wd    [exactPairAtoms][exactPairAtoms]float64 // wd[i][j] = w_j·|p_i − p_j|
	fixed uint32                                  // fixed hub sites (WithHubSites)
	pins  uint32                                  // atoms with pinOf >= 0
	buf   []int32

	best      float64
	parts     []uint32
	bestParts []uint32
}

// recutExact re-cuts the union order (ascending) of the groups in set into
// len(set) groups under the true objective and applies the best cut if it
// improves. Pinned atoms keep their group.
func (s *searcher) recutExact(set []int32, order []int32) bool {
	cur := 0.0
	for _, a := range set {
		cur += s.costOf(a)
	}
	return s.recutBelow(set, order, cur-1e-9*(1+cur))
}

// recutBelow is recutExact keeping only a cut that costs less than limit
// (+Inf: the best cut with every part within bounds, whatever it costs).
func (s *searcher) recutBelow(set []int32, order []int32, limit float64) bool {
	e := exactCut{s: s, order: order}
	g := s.g
	for i, v := range order {
		for j, u := range order[:i] {
			dx, dy := g.x[v]-g.x[u], g.y[v]-g.y[u]
			d := math.Sqrt(dx*dx + dy*dy)
			e.wd[i][j] = float64(g.w[u]) * d
			e.wd[j][i] = float64(g.w[v]) * d
		}
	}
	if s.pos == nil {
		s.pos = make([]int8, g.n())
	}
	for i, v := range order {
		s.pos[v] = int8(i + 1)
	}
	var W int64
	for i, v := range order {
		e.w[i] = s.g.w[v]
		W += e.w[i]
		for _, u := range s.g.adj[s.g.off[v]:s.g.off[v+1]] {
			if j := s.pos[u]; j > 0 {
				e.nbr[i] |= 1 << (j - 1)
			}
		}
		e.pinOf[i] = -1
		if s.refiner.pinned(v) {
			e.fixed |= 1 << i
		}
		if s.isPinned(v) {
			e.pinOf[i] = int8(slices.Index(set, s.lab[v]))
			e.pins |= 1 << i
		}
	}
	for _, v := range order {
		s.pos[v] = 0
	}
	e.best = limit
	all := uint32(1)<<len(order) - 1
	e.search(all, len(set), 0)
	if e.bestParts == nil {
		return false
	}
	// parts to groups: a part holding pinned atoms keeps their group, the
	// others take the remaining ids in order
	ids := make([]int32, len(set))
	used := make([]bool, len(set))
	for i := range ids {
		ids[i] = -1
	}
	for pi, p := range e.bestParts {
		for r := p; r != 0; r &= r - 1 {
			if k := e.pinOf[bits.TrailingZeros32(r)]; k >= 0 {
				ids[pi], used[k] = set[k], true
				break
			}
		}
	}
	next := 0
	for pi := range ids {
		if ids[pi] >= 0 {
			continue
		}
		for used[next] {
			next++
		}
		ids[pi], used[next] = set[next], true
	}
	s.applyParts(set, order, e.bestParts, ids)
	return true
}

func (e *exactCut) connected(set uint32) bool {
	reach := set & -set
	for {
		next := reach
		for r := reach; r != 0; r &= r - 1 {
			next |= e.nbr[bits.TrailingZeros32(r)] & set
		}
		if next == reach {
			return reach == set
		}
		reach = next
	}
}

func (e *exactCut) weight(set uint32) int64 {
	var W int64
	for r := set; r != 0; r &= r - 1 {
		W += e.w[bits.TrailingZeros32(r)]
	}
	return W
}

// pinsOK reports whether the pinned atoms of part all belong to one group
// that no earlier part holds pins of.
func (e *exactCut) pinsOK(part uint32) bool {
	if part&e.pins == 0 {
		return true
	}
	k := int8(-1)
	for r := part; r != 0; r &= r - 1 {
		if p := e.pinOf[bits.TrailingZeros32(r)]; p >= 0 {
			if k >= 0 && p != k {
				return false
			}
			k = p
		}
	}
	if k < 0 {
		return true
	}
	for _, q := range e.parts {
		for r := q; r != 0; r &= r - 1 {
			if e.pinOf[bits.TrailingZeros32(r)] == k {
				return false
			}
		}
	}
	return true
}

// below returns the cost a part may have for a cut of parts costing acc
// so far to beat e.best: a part costing at least that much cannot (acc +
// cost >= e.best in floating point too, as the bound is rounded up). With
// an extra term every part is costed in full.
func (e *exactCut) below(acc float64) float64 {
	if e.s.term != nil || math.IsInf(e.best, 1) {
		return math.Inf(1)
	}
	return math.Nextafter(e.best-acc, math.Inf(1))
}

// cost is groupCost of the atoms of part, the medoid found from the
// union's distance table; ok is false, and the cost unknown, when it is
// at least bound (candidates stop summing once they reach it).
func (e *exactCut) cost(part uint32, bound float64) (c float64, ok bool) {
	best := bound
	cands := part
	if e.fixed != 0 {
		if f := part & e.fixed; f != 0 {
			cands = f & -f // a fixed hub site is the hub site
		}
	}
	for c := cands; c != 0; c &= c - 1 {
		row := &e.wd[bits.TrailingZeros32(c)]
		var s float64
		for r := part; r != 0 && s < best; r &= r - 1 {
			s += row[bits.TrailingZeros32(r)]
		}
		best = min(best, s)
	}
	if best >= bound {
		return best, false
	}
	if e.s.term != nil {
		e.buf = e.buf[:0]
		for r := part; r != 0; r &= r - 1 {
			e.buf = append(e.buf, e.order[bits.TrailingZeros32(r)])
		}
		best += e.s.term(e.buf, -1, -1)
	}
	return best, true
}

// search tries every split of left into k connected parts within bounds,
// acc being the cost of the parts chosen so far. The part holding the
// lowest atom of left is grown as every connected set within the maximum
// (each enumerated once: an atom passed over is excluded from the sets
// grown after it), so the work follows the number of connected sets light
// enough to be a group, not 2^m.
func (e *exactCut) search(left uint32, k int, acc float64) {
	if k == 1 {
		if !e.connected(left) || !e.pinsOK(left) {
			return
		}
		if c, ok := e.cost(left, e.below(acc)); ok && acc+c < e.best {
			e.best = acc + c
			e.bestParts = append(append(e.bestParts[:0], e.parts...), left)
		}
		return
	}
	low := left & -left
	e.grow(left, k, acc, e.weight(left), low, e.w[bits.TrailingZeros32(low)], e.nbr[bits.TrailingZeros32(low)]&left&^low, 0)
}

// grow visits the connected set part (weight wp) and every connected
// superset within left reached by adding atoms of the frontier, never
// atoms of excl.
func (e *exactCut) grow(left uint32, k int, acc float64, W int64, part uint32, wp int64, frontier, excl uint32) {
	b := e.s.b
	if part != left {
		wr := W - wp
		if wp >= b.min && wr >= int64(k-1)*b.min && (b.max == math.MaxInt64 || wr <= int64(k-1)*b.max) &&
			(k > 2 || e.connected(left&^part)) && e.pinsOK(part) {
			if c, ok := e.cost(part, e.below(acc)); ok && acc+c < e.best {
				e.parts = append(e.parts, part)
				e.search(left&^part, k-1, acc+c)
				e.parts = e.parts[:len(e.parts)-1]
			}
		}
	}
	for frontier != 0 {
		v := frontier & -frontier
		frontier &^= v
		i := bits.TrailingZeros32(v)
		if w := wp + e.w[i]; w <= b.max {
			next := (frontier | e.nbr[i]&left) &^ part &^ excl &^ v
			e.grow(left, k, acc, W, part|v, w, next, excl)
		}
		excl |= v
	}
}

// applyParts relabels the union order of the groups in set: the atoms of
// parts[i] go to group ids[i].
func (s *searcher) applyParts(set, order []int32, parts []uint32, ids []int32) {
	for _, a := range set {
		s.touch(a)
	}
	for pi, p := range parts {
		to := ids[pi]
		for r := p; r != 0; r &= r - 1 {
			u := order[bits.TrailingZeros32(r)]
			if s.lab[u] != to {
				s.move(u, s.lab[u], to)
			}
		}
	}
	for _, a := range set {
		s.mem[a] = s.mem[a][:0]
		s.cost[a] = math.NaN()
	}
	for _, u := range order {
		s.mem[s.lab[u]] = append(s.mem[s.lab[u]], u)
	}
}
