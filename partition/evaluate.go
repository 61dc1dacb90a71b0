package partition

import (
	"context"
	"fmt"
	"slices"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
)

// Evaluate scores an arbitrary assignment of practices to groups (the real
// PCNs, METIS output, a result read back from a file) with the measures Run
// reports. assign[p] is the group label of practice p; labels need not be
// dense: groups get dense IDs in ascending label order, and every practice
// with a negative label becomes a group of its own (numbered after the
// labelled groups, in practice order). Each group gets its hub site,
// distances, Contiguous flag and a status against lvl: StatusOK within
// bounds; StatusOversize for a single practice above the maximum;
// StatusUndersize when the group is a whole connected component of g below
// the minimum; StatusOutOfBounds otherwise. If g and ps do not match, or
// assign has the wrong length, Evaluate returns a zero Quality and nil.
func Evaluate(g *graph.Graph, ps []input.Practice, lvl Level, assign []int32) (Quality, []Group) {
	s, err := newSites(g, ps)
	if err != nil || len(assign) != len(ps) {
		return Quality{}, nil
	}
	labels := make([]int32, 0, len(assign))
	for _, a := range assign {
		if a >= 0 {
			labels = append(labels, a)
		}
	}
	slices.Sort(labels)
	labels = slices.Compact(labels)
	dense := make([]int32, len(ps))
	next := int32(len(labels))
	for p, a := range assign {
		if a < 0 {
			dense[p] = next
			next++
			continue
		}
		i, _ := slices.BinarySearch(labels, a)
		dense[p] = int32(i)
	}
	groups := make([]Group, next)
	for i := range groups {
		groups[i].Parent = -1
	}
	dist := fillGroups(context.Background(), s, ps, dense, groups, 1)
	comp, _ := components(s.g)
	compW := make(map[int32]int64)
	for v := range s.g.N() {
		for _, p := range s.practices(int32(v)) {
			compW[comp[v]] += int64(ps[p].Patients)
		}
	}
	for i := range groups {
		gr := &groups[i]
		w := gr.Patients
		switch {
		case w >= lvl.Min && (lvl.Max == 0 || w <= lvl.Max):
			gr.Status = StatusOK
		case lvl.Max > 0 && w > lvl.Max && len(gr.Members) == 1:
			gr.Status = StatusOversize
			gr.Reason = fmt.Sprintf("one practice of %d exceeds the maximum %d", w, lvl.Max)
		case w < lvl.Min && gr.Contiguous && compW[comp[s.siteOf[gr.Members[0]]]] == w:
			gr.Status = StatusUndersize
			gr.Reason = fmt.Sprintf("a whole connected component of %d, below the minimum %d", w, lvl.Min)
		default:
			gr.Status = StatusOutOfBounds
			gr.Reason = fmt.Sprintf("weight %d outside [%d, %s]", w, lvl.Min, maxString(orInf(lvl.Max)))
		}
	}
	return quality(lvl.Name, ps, groups, dist), groups
}

// components labels the connected components of g in order of smallest
// vertex.
func components(g *graph.Graph) ([]int32, int) {
	n := g.N()
	comp := make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	c := int32(0)
	var q []int32
	for s := range int32(n) {
		if comp[s] >= 0 {
			continue
		}
		comp[s] = c
		q = append(q[:0], s)
		for i := 0; i < len(q); i++ {
			for _, u := range g.Neighbors(int(q[i])) {
				if comp[u] < 0 {
					comp[u] = c
					q = append(q, u)
				}
			}
		}
		c++
	}
	return comp, int(c)
}
