package partition

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/hubpart/hubpart/input"
)

// Coterminosity measures how the groups of one level sit inside the values
// of a labelling of the practices (a CCG or local-authority code): a group
// is inside one value when all its practices carry that value, and crosses
// every value it holds otherwise. The empty label is a value like any
// other.
type Coterminosity struct {
	Groups   int   // groups measured
	Inside   int   // groups whose practices all carry one value
	Patients int64 // patients in all
	// PatientsInside counts the patients whose group lies inside their own
	// value (that is, the patients of the groups inside one value).
	PatientsInside int64
	// Values lists every value, in ascending order, with the groups that
	// hold it and how many of those cross into another value.
	Values []ValueCrossing
}

// ValueCrossing is one value of a Coterminosity.
type ValueCrossing struct {
	Value     string
	Practices int
	Patients  int64
	Groups    int // groups holding practices of this value
	Crossing  int // of those, groups that also hold another value
}

// GroupShare is the share of groups inside one value (0 without groups).
func (c *Coterminosity) GroupShare() float64 {
	if c.Groups == 0 {
		return 0
	}
	return float64(c.Inside) / float64(c.Groups)
}

// PatientShare is the share of patients whose group lies inside their own
// value (0 without patients).
func (c *Coterminosity) PatientShare() float64 {
	if c.Patients == 0 {
		return 0
	}
	return float64(c.PatientsInside) / float64(c.Patients)
}

// Crossed returns the values crossed by at least one group, most crossed
// first (ties in value order).
func (c *Coterminosity) Crossed() []ValueCrossing {
	var out []ValueCrossing
	for _, v := range c.Values {
		if v.Crossing > 0 {
			out = append(out, v)
		}
	}
	slices.SortStableFunc(out, func(a, b ValueCrossing) int { return b.Crossing - a.Crossing })
	return out
}

// MeasureCoterminosity measures the grouping assign (assign[p] is the
// group label of practice p; a negative label makes the practice a group of
// its own, as in Evaluate) against labels, one value per practice.
func MeasureCoterminosity(ps []input.Practice, assign []int32, labels []string) (*Coterminosity, error) {
	if len(assign) != len(ps) || len(labels) != len(ps) {
		return nil, fmt.Errorf("%w: %d practices, %d group labels, %d values", ErrMismatch, len(ps), len(assign), len(labels))
	}
	// groups: dense ids, singletons for negative labels
	gid := make([]int32, len(ps))
	ids := map[int32]int32{}
	next := int32(0)
	for p, a := range assign {
		if a < 0 {
			gid[p] = next
			next++
			continue
		}
		id, ok := ids[a]
		if !ok {
			id = next
			ids[a] = id
			next++
		}
		gid[p] = id
	}
	return coterminosity(ps, gid, int(next), labels), nil
}

// coterminosity measures dense group ids gid (0..ng-1) against labels.
func coterminosity(ps []input.Practice, gid []int32, ng int, labels []string) *Coterminosity {
	names := slices.Clone(labels)
	slices.Sort(names)
	names = slices.Compact(names)
	vid := make([]int32, len(ps))
	for p, l := range labels {
		i, _ := slices.BinarySearch(names, l)
		vid[p] = int32(i)
	}
	c := &Coterminosity{Groups: ng, Values: make([]ValueCrossing, len(names))}
	first := make([]int32, ng) // the value of each group's first practice
	mixed := make([]bool, ng)
	gw := make([]int64, ng)
	for i := range first {
		first[i] = -1
	}
	for p := range ps {
		g := gid[p]
		switch {
		case first[g] < 0:
			first[g] = vid[p]
		case first[g] != vid[p]:
			mixed[g] = true
		}
		gw[g] += int64(ps[p].Patients)
		v := &c.Values[vid[p]]
		v.Practices++
		v.Patients += int64(ps[p].Patients)
	}
	for i, n := range names {
		c.Values[i].Value = n
	}
	for g := range ng {
		c.Patients += gw[g]
		if first[g] >= 0 && !mixed[g] {
			c.Inside++
			c.PatientsInside += gw[g]
		}
	}
	// groups per value: count each (group, value) pair once
	seen := map[[2]int32]bool{}
	for p := range ps {
		k := [2]int32{gid[p], vid[p]}
		if seen[k] {
			continue
		}
		seen[k] = true
		v := &c.Values[vid[p]]
		v.Groups++
		if mixed[gid[p]] {
			v.Crossing++
		}
	}
	return c
}

// alignedCoterminosity measures one level of a Run against its alignment,
// or returns nil when the level has none.
func alignedCoterminosity(ps []input.Practice, assign []int32, al *alignSpec) *Coterminosity {
	if al == nil {
		return nil
	}
	ng := 0
	for _, a := range assign {
		ng = max(ng, int(a)+1)
	}
	return coterminosity(ps, assign, ng, al.labels)
}

// WriteSummary writes the coterminosity of groups of one level (named
// level, e.g. "hub") in three lines: groups inside one value, patients
// whose group lies inside their own value, and the values crossed, most
// crossed first (at most show of them; show <= 0: all).
func (c *Coterminosity) WriteSummary(w io.Writer, level string, show int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s coterminosity: %s of %s (%.1f%%) inside one value; %.1f%% of patients in a %s inside their own value\n",
		level, num(int64(c.Inside)), count(c.Groups, level), 100*c.GroupShare(), 100*c.PatientShare(), level)
	fmt.Fprintf(&b, "%s coterminosity: %s", level, c.CrossedList(level, show))
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// CrossedList says how many values are crossed and lists them, most
// crossed first, at most show of them (show <= 0: all), e.g. "2 of 135
// values crossed: 15E by 7 of its 34 hubs, 05L by 4 of its 16 hubs"; unit
// names the groups ("hub").
func (c *Coterminosity) CrossedList(unit string, show int) string {
	var b strings.Builder
	crossed := c.Crossed()
	fmt.Fprintf(&b, "%s of %s crossed", num(int64(len(crossed))), count(len(c.Values), "value"))
	for i, v := range crossed {
		if show > 0 && i == show {
			fmt.Fprintf(&b, ", ... (%d more)", len(crossed)-show)
			break
		}
		sep := ", "
		if i == 0 {
			sep = ": "
		}
		fmt.Fprintf(&b, "%s%s by %s of its %s", sep, v.Value, num(int64(v.Crossing)), count(v.Groups, unit))
	}
	return b.String()
}
