package partition

import (
	"fmt"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
)

// Validate checks every invariant of a result against the graph and the
// practices it claims to group, whatever produced it (Run, or a result read
// back from a file): one grouping per level; every practice in exactly one
// group per level (practices in = practices out); group members, IDs and
// patient totals consistent with Assign, and patients in = patients out;
// every group contiguous in g; every group within its level's bounds
// exactly when its Status is StatusOK, and a reason given otherwise; the hub
// site a member; each level's groups unions of whole groups of the level
// below, with Children and Parent consistent. It returns nil or a
// *ValidationError listing the problems (errors.Is(err, ErrInvalid)).
func Validate(g *graph.Graph, ps []input.Practice, res *Result) error {
	s, err := newSites(g, ps)
	if err != nil {
		return &ValidationError{Problems: []string{err.Error()}}
	}
	return validate(s, ps, res)
}

const maxProblems = 1000

func validate(s *sites, ps []input.Practice, res *Result) error {
	var probs []string
	add := func(format string, args ...any) {
		if len(probs) < maxProblems {
			probs = append(probs, fmt.Sprintf(format, args...))
		}
	}
	if res == nil {
		return &ValidationError{Problems: []string{"nil result"}}
	}
	L := len(res.Levels)
	if L == 0 {
		add("no levels")
	}
	if len(res.Groups) != L || len(res.Assign) != L {
		add("%d levels, %d groupings, %d assignments", L, len(res.Groups), len(res.Assign))
		return &ValidationError{Problems: probs}
	}
	total := input.TotalPatients(ps)
	cc := newContig(s)
	for l := range L {
		lvl := res.Levels[l]
		groups, assign := res.Groups[l], res.Assign[l]
		name := fmt.Sprintf("level %d (%s)", l, lvl.Name)
		if len(assign) != len(ps) {
			add("%s: %d assignments for %d practices", name, len(assign), len(ps))
			continue
		}
		count := make([]int, len(groups))
		for p, a := range assign {
			if a < 0 || int(a) >= len(groups) {
				add("%s: practice %d assigned to group %d of %d", name, p, a, len(groups))
				continue
			}
			count[a]++
		}
		var sum int64
		members := 0
		for i := range groups {
			gr := &groups[i]
			gname := fmt.Sprintf("%s group %d", name, i)
			if gr.ID != i {
				add("%s: has ID %d", gname, gr.ID)
			}
			if len(gr.Members) == 0 {
				add("%s: no members", gname)
				continue
			}
			var w int64
			ok := true
			for j, p := range gr.Members {
				if p < 0 || p >= len(ps) {
					add("%s: member %d out of range", gname, p)
					ok = false
					continue
				}
				if j > 0 && p <= gr.Members[j-1] {
					add("%s: members not strictly ascending at %d", gname, p)
				}
				if int(assign[p]) != i {
					add("%s: member %d is assigned to group %d", gname, p, assign[p])
				}
				w += int64(ps[p].Patients)
			}
			members += len(gr.Members)
			if len(gr.Members) != count[i] {
				add("%s: %d members but %d practices assigned to it", gname, len(gr.Members), count[i])
			}
			if w != gr.Patients {
				add("%s: patients %d but members total %d", gname, gr.Patients, w)
			}
			sum += w
			if !ok {
				continue
			}
			if !cc.connected(gr.Members) {
				add("%s: not contiguous", gname)
			}
			in := w >= lvl.Min && (lvl.Max == 0 || w <= lvl.Max)
			switch {
			case gr.Status == StatusOK && !in:
				add("%s: status ok but weight %d outside [%d, %s]", gname, w, lvl.Min, maxString(orInf(lvl.Max)))
			case gr.Status != StatusOK && in:
				add("%s: status %q but weight %d is within bounds", gname, gr.Status, w)
			case gr.Status != StatusOK && gr.Reason == "":
				add("%s: status %q without a reason", gname, gr.Status)
			}
			switch gr.Status {
			case StatusOK, StatusOversize, StatusUndersize, StatusUnsplittable, StatusOutOfBounds:
			default:
				add("%s: unknown status %q", gname, gr.Status)
			}
			if gr.HubSite < 0 || gr.HubSite >= len(ps) || int(assign[gr.HubSite]) != i {
				add("%s: hub site %d is not a member", gname, gr.HubSite)
			}
		}
		if members != len(ps) {
			add("%s: %d memberships for %d practices", name, members, len(ps))
		}
		if sum != total {
			add("%s: %d patients out, %d in", name, sum, total)
		}
		// nesting
		if l == L-1 {
			for i := range groups {
				if groups[i].Parent != -1 {
					add("%s group %d: parent %d at the top level", name, i, groups[i].Parent)
				}
			}
		}
		if l == 0 {
			for i := range groups {
				if groups[i].Children != nil {
					add("%s group %d: children at level 0", name, i)
				}
			}
			continue
		}
		below, prev := res.Groups[l-1], res.Assign[l-1]
		if len(prev) != len(ps) {
			continue
		}
		parentOf := make([]int, len(below))
		for c := range parentOf {
			parentOf[c] = -1
		}
		for p := range ps {
			c, a := prev[p], assign[p]
			if c < 0 || int(c) >= len(below) || a < 0 || int(a) >= len(groups) {
				continue
			}
			switch parentOf[c] {
			case -1:
				parentOf[c] = int(a)
			case int(a):
			default:
				add("%s: group %d of the level below is split between groups %d and %d", name, c, parentOf[c], a)
				parentOf[c] = -2
			}
		}
		for c := range below {
			if parentOf[c] >= 0 && below[c].Parent != parentOf[c] {
				add("level %d group %d: parent %d, but its practices are in group %d", l-1, c, below[c].Parent, parentOf[c])
			}
		}
		for i := range groups {
			prevc := -1
			for _, c := range groups[i].Children {
				if c <= prevc || c < 0 || c >= len(below) || parentOf[c] != i {
					add("%s group %d: bad child %d", name, i, c)
				}
				prevc = c
			}
		}
		nchild := 0
		for i := range groups {
			nchild += len(groups[i].Children)
		}
		if nchild != len(below) {
			add("%s: %d children listed for %d groups below", name, nchild, len(below))
		}
	}
	if len(probs) > 0 {
		return &ValidationError{Problems: probs}
	}
	return nil
}

func orInf(m int64) int64 {
	if m == 0 {
		return 1<<63 - 1
	}
	return m
}
