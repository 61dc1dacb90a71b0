package partition

import (
	"fmt"
	"math"
)

// levelCheck holds one level's part of Validate.
type levelCheck struct {
	*validator
	l      int
	lvl    Level
	b      bounds
	name   string
	groups []Group
	assign []int32
}

func (v *validator) level(l int) *levelCheck {
	lvl := v.res.Levels[l]
	return &levelCheck{
		validator: v, l: l, lvl: lvl, b: bounds{lvl.Min, orInf(lvl.Max)},
		name:   fmt.Sprintf("level %d (%s)", l, lvl.Name),
		groups: v.res.Groups[l], assign: v.res.Assign[l],
	}
}

func (c *levelCheck) gname(i int) string { return fmt.Sprintf("%s group %d", c.name, i) }

// checkAssign: one group, in range, for every practice.
func (c *levelCheck) checkAssign() bool {
	if len(c.assign) != len(c.ps) {
		c.add("%s: %d assignments for %d practices", c.name, len(c.assign), len(c.ps))
		return false
	}
	ok := true
	for p, a := range c.assign {
		if a < 0 || int(a) >= len(c.groups) {
			c.add("%s: practice %d assigned to group %d of %d", c.name, p, a, len(c.groups))
			ok = false
		}
	}
	return ok
}

// checkGroups: IDs, members strictly ascending and agreeing with Assign,
// patient totals exact, patients out = patients in.
func (c *levelCheck) checkGroups() bool {
	count := make([]int, len(c.groups))
	for _, a := range c.assign {
		count[a]++
	}
	ok := true
	var sum int64
	overflow := false
	members := 0
	for i := range c.groups {
		gr := &c.groups[i]
		if gr.ID != i {
			c.add("%s: has ID %d", c.gname(i), gr.ID)
		}
		if len(gr.Members) == 0 {
			c.add("%s: no members", c.gname(i))
			ok = false
			continue
		}
		var w int64
		for j, p := range gr.Members {
			if p < 0 || p >= len(c.ps) {
				c.add("%s: member %d out of range", c.gname(i), p)
				ok = false
				continue
			}
			if j > 0 && p <= gr.Members[j-1] {
				c.add("%s: members not strictly ascending at %d", c.gname(i), p)
				ok = false
			}
			if int(c.assign[p]) != i {
				c.add("%s: member %d is assigned to group %d", c.gname(i), p, c.assign[p])
				ok = false
			}
			pw := int64(c.ps[p].Patients)
			if w > math.MaxInt64-pw {
				c.add("%s: patients add up beyond %d", c.gname(i), int64(math.MaxInt64))
				ok = false
				break
			}
			w += pw
		}
		members += len(gr.Members)
		if len(gr.Members) != count[i] {
			c.add("%s: %d members but %d practices assigned to it", c.gname(i), len(gr.Members), count[i])
			ok = false
		}
		if w != gr.Patients {
			c.add("%s: patients %d but members total %d", c.gname(i), gr.Patients, w)
		}
		if sum > math.MaxInt64-w {
			overflow = true
		}
		sum += w
	}
	if members != len(c.ps) {
		c.add("%s: %d memberships for %d practices", c.name, members, len(c.ps))
		ok = false
	}
	if c.total >= 0 && (overflow || sum != c.total) {
		c.add("%s: %d patients out, %d in", c.name, sum, c.total)
	}
	return ok
}

// checkContiguity: each group's Contiguous flag is what the graph says.
func (c *levelCheck) checkContiguity() {
	c.eachGroup(func(i int, w *groupCheck) {
		if w.cc == nil {
			w.cc = newContig(c.s)
		}
		gr := &c.groups[i]
		if got := w.cc.connected(gr.Members); got != gr.Contiguous {
			w.add("%s: Contiguous %v but the graph says %v", c.gname(i), gr.Contiguous, got)
		}
	})
}

// checkNesting: at the top level no parents, at the first no children, and
// in between each group of the level below wholly inside the group that
// Parent and Children name.
func (c *levelCheck) checkNesting() {
	L := len(c.res.Levels)
	if c.l == L-1 {
		for i := range c.groups {
			if c.groups[i].Parent != -1 {
				c.add("%s: parent %d at the top level", c.gname(i), c.groups[i].Parent)
			}
		}
	}
	if c.l == 0 {
		for i := range c.groups {
			if c.groups[i].Children != nil {
				c.add("%s: children at level 0", c.gname(i))
			}
		}
		return
	}
	below, prev := c.res.Groups[c.l-1], c.res.Assign[c.l-1]
	if len(prev) != len(c.ps) {
		return
	}
	parentOf := make([]int, len(below))
	for k := range parentOf {
		parentOf[k] = -1
	}
	for p := range c.ps {
		k, a := prev[p], c.assign[p]
		if k < 0 || int(k) >= len(below) {
			continue
		}
		switch parentOf[k] {
		case -1:
			parentOf[k] = int(a)
		case int(a):
		default:
			c.add("%s: group %d of the level below is split between groups %d and %d", c.name, k, parentOf[k], a)
			parentOf[k] = -2
		}
	}
	for k := range below {
		if parentOf[k] >= 0 && below[k].Parent != parentOf[k] {
			c.add("level %d group %d: parent %d, but its practices are in group %d", c.l-1, k, below[k].Parent, parentOf[k])
		}
	}
	nchild := 0
	for i := range c.groups {
		prevc := -1
		for _, k := range c.groups[i].Children {
			if k <= prevc || k < 0 || k >= len(below) || parentOf[k] != i {
				c.add("%s: bad child %d", c.gname(i), k)
			}
			prevc = k
		}
		nchild += len(c.groups[i].Children)
	}
	if nchild != len(below) {
		c.add("%s: %d children listed for %d groups below", c.name, nchild, len(below))
	}
}
