package partition

import (
	"math"
	"slices"
)

// WithFreeCount lets the objective choose the number of level-0 groups
// within the bounds instead of round(W/target): after the search at the
// default count, a group is split in two, two neighbouring groups re-cut
// into three, or a group and two of its neighbours into four, whenever
// every part stays within bounds and the total patient-weighted distance
// to the hub sites falls, and the search runs again on the result, until
// no such change is left. The distance nearly
// always falls with more, smaller groups, so the result has many more
// groups, most of them near the minimum (not always as many as the map
// allows: each step must lower the distance on its own): more
// hubs at the floor, each closer to its patients, against fewer, larger
// ones (see the README). WithCount, if given, takes precedence.
func WithFreeCount() Option { return func(o *options) { o.freeCount = true } }

// newGroup adds an empty group to the search and returns its id.
func (s *searcher) newGroup() int32 {
	a := int32(len(s.mem))
	s.gw = append(s.gw, 0)
	s.gx = append(s.gx, 0)
	s.gy = append(s.gy, 0)
	s.gn = append(s.gn, 0)
	s.changedAt = append(s.changedAt, s.round)
	s.mem = append(s.mem, nil)
	s.cost = append(s.cost, 0)
	if s.touchedAt != nil {
		s.touchedAt = append(s.touchedAt, -1)
	}
	if s.site != nil {
		s.site = append(s.site, -1)
	}
	return a
}

// dropGroup removes the last group when it is still empty (a split that
// did not happen).
func (s *searcher) dropGroup(a int32) {
	if int(a) != len(s.mem)-1 || len(s.mem[a]) > 0 {
		return
	}
	s.gw, s.gx, s.gy, s.gn = s.gw[:a], s.gx[:a], s.gy[:a], s.gn[:a]
	s.changedAt, s.mem, s.cost = s.changedAt[:a], s.mem[:a], s.cost[:a]
	if s.touchedAt != nil {
		s.touchedAt = s.touchedAt[:a]
	}
	if s.site != nil {
		s.site = s.site[:a]
	}
}

// grow adds groups while that lowers the cost with every part within
// bounds: a group of at least twice the minimum is re-cut exactly into two
// groups, two neighbouring groups of at least three times the minimum into
// three, a group and two neighbours into four (unions of at most
// exactPairAtoms atoms, every connected split tried). It returns the
// number of groups added.
func (s *searcher) grow() int {
	b := s.b
	if b.min <= 0 {
		return 0 // without a minimum every atom could be a group
	}
	added := 0
	var nb, order []int32
	for a := int32(0); a < int32(len(s.mem)); a++ {
		if a&255 == 0 && s.ctx.Err() != nil {
			break
		}
		m := s.mem[a]
		if len(m) < 2 || len(m) > exactPairAtoms || s.gw[a] < 2*b.min {
			continue
		}
		order = append(order[:0], m...)
		slices.Sort(order)
		h := s.newGroup()
		if s.recutExact([]int32{a, h}, order) {
			added++
			continue
		}
		s.dropGroup(h)
	}
	// a pair into three, a group and two of its neighbours into four
	for a := int32(0); a < int32(len(s.mem)); a++ {
		if a&255 == 0 && s.ctx.Err() != nil {
			break
		}
		nb = s.neighbours(a, nb[:0])
	sets:
		for i, h := range nb {
			for _, set := range append([][]int32{{a, h}}, triples(a, h, nb[i+1:])...) {
				if s.growSet(set, &order) {
					added++
					break sets // a changed: its neighbours are stale
				}
			}
		}
	}
	return added
}

// triples lists {a, h, x} for every x of rest.
func triples(a, h int32, rest []int32) [][]int32 {
	out := make([][]int32, len(rest))
	for i, x := range rest {
		out[i] = []int32{a, h, x}
	}
	return out
}

// growSet re-cuts the union of the groups of set into one group more when
// its weight allows it and the cost falls.
func (s *searcher) growSet(set []int32, order *[]int32) bool {
	o, ok := s.unionFor(set, len(set)+1, *order)
	*order = o
	if !ok {
		return false
	}
	c := s.newGroup()
	if s.recutExact(append(slices.Clone(set), c), o) {
		return true
	}
	s.dropGroup(c)
	return false
}

// unionFor returns the atoms of the groups of set, ascending (in buf's
// storage), and whether the union may be re-cut exactly into k groups: at
// least k atoms and at most exactPairAtoms (exactOpenAtoms without a
// maximum, where weight cannot prune the connected sets), and a weight
// that k groups within bounds can hold.
func (s *searcher) unionFor(set []int32, k int, buf []int32) ([]int32, bool) {
	b := s.b
	var W int64
	m := 0
	for _, a := range set {
		W += s.gw[a]
		m += len(s.mem[a])
	}
	limit := exactPairAtoms
	if b.max == math.MaxInt64 {
		limit = exactOpenAtoms
	}
	k64 := int64(k)
	if m < k || m > limit || W < k64*b.min || b.max < math.MaxInt64 && W > k64*b.max {
		return buf[:0], false
	}
	order := buf[:0]
	for _, a := range set {
		order = append(order, s.mem[a]...)
	}
	slices.Sort(order)
	return order, true
}
