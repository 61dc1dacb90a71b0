package partition

import (
	"context"
	"fmt"
	"runtime"
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
	s, err := newSites(g, ps, runtime.GOMAXPROCS(0))
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
	comp, ncomp := s.g.Components()
	compW := make([]int64, ncomp)
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
			gr.Reason = fmt.Sprintf("practice %s has %s patients, above the %s maximum %s", ps[gr.Members[0]].Code, num(w), lvl.Name, num(lvl.Max))
		case w < lvl.Min && gr.Contiguous && compW[comp[s.siteOf[gr.Members[0]]]] == w:
			gr.Status = StatusUndersize
			gr.Reason = cutOff(len(gr.Members), w, lvl.Name, lvl.Min)
		default:
			gr.Status = StatusOutOfBounds
			gr.Reason = fmt.Sprintf("%s patients, outside %s", num(w), span(bounds{lvl.Min, orInf(lvl.Max)}))
		}
	}
	return quality(lvl.Name, s.patients, groups, dist), groups
}
