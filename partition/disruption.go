package partition

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
)

// Change classes of initial groups, hubs and practices.
const (
	ChangeKept     = "kept"     // the initial group is exactly one hub
	ChangeSplit    = "split"    // it is the origin of two or more hubs
	ChangeMerged   = "merged"   // it is the origin of no hub: all its practices moved
	ChangeGrown    = "grown"    // one hub: all of the group and practices from elsewhere
	ChangeShrunk   = "shrunk"   // one hub: part of the group and nothing else
	ChangeReshaped = "reshaped" // one hub: part of the group and practices from elsewhere
	ChangeMoved    = "moved"    // practice: its initial group is not its hub's origin
	ChangeFree     = "free"     // practice: blank initial label
	ChangeNew      = "new"      // hub: no practice with an initial label
)

// Change compares a grouping (level 0: hubs) with an initial configuration
// (one label per practice, "" free).
//
// A hub's origin is the initial group supplying most of its patients (ties:
// the label first in sort order; "" when none of its practices has a
// label). A practice is moved when it has a label and that label is not its
// hub's origin. Each initial group gets a class: kept (exactly one hub),
// split (the origin of two or more hubs), merged (the origin of none),
// grown, shrunk or reshaped (the origin of one hub that holds all of it and
// more, part of it and nothing more, part of it and more).
type Change struct {
	Summary Disruption

	// Per practice: the initial label, whether it moved, and its change
	// class (moved, free, or its initial group's class).
	From   []string
	Moved  []bool
	Class  []string
	Hubs   []HubChange     // per hub (level-0 group ID)
	Groups []InitialChange // per initial label, in sort order
}

// HubChange is the origin of one hub and its change class (its origin's
// class, or "new").
type HubChange struct {
	Origin string
	Class  string
}

// InitialChange describes what became of one initial group.
type InitialChange struct {
	Label      string
	Practices  int
	Patients   int64
	Contiguous bool // its practices' sites induce a connected subgraph
	Valid      bool // contiguous and within the level's bounds
	Class      string
	Hubs       []int // hubs whose origin it is, ascending
	Moved      int64 // its patients that moved
}

// Disruption summarises a Change.
type Disruption struct {
	Groups    int // initial groups (distinct non-blank labels)
	Valid     int // of which valid to begin with
	Kept      int // kept exactly
	KeptValid int // valid ones kept exactly
	Split     int
	Merged    int
	Grown     int
	Shrunk    int
	Reshaped  int

	Practices      int // practices with an initial label
	PracticesMoved int
	Patients       int64 // their patients
	PatientsMoved  int64
	// DetachedMoved is the part of PatientsMoved in practices lying in a
	// part of their initial group detached from its largest connected
	// part: the disruption strict contiguity forces, when a group's
	// detached parts are too small to be hubs of their own.
	DetachedMoved int64
	// ARI is the adjusted Rand index between the initial labels and the
	// hubs, over the practices with a label.
	ARI float64
}

// CompareInitial measures how the level-0 grouping assign differs from the
// initial labels, on the graph g (for contiguity) with bounds lvl (for
// validity).
func CompareInitial(g *graph.Graph, ps []input.Practice, initial []string, lvl Level, assign []int32) (*Change, error) {
	if len(initial) != len(ps) || len(assign) != len(ps) {
		return nil, fmt.Errorf("%w: %d initial labels and %d assignments for %d practices", ErrMismatch, len(initial), len(assign), len(ps))
	}
	for p, a := range assign {
		if a < 0 {
			return nil, fmt.Errorf("%w: practice %d (%s) has group %d", ErrMismatch, p, ps[p].Code, a)
		}
	}
	s, err := newSites(g, ps, runtime.GOMAXPROCS(0))
	if err != nil {
		return nil, err
	}
	return measureChange(s, ps, initial, lvl, assign), nil
}

func measureChange(s *sites, ps []input.Practice, initial []string, lvl Level, assign []int32) *Change {
	np := len(ps)
	labels := make([]string, 0, np)
	for _, l := range initial {
		if l != "" {
			labels = append(labels, l)
		}
	}
	slices.Sort(labels)
	labels = slices.Compact(labels)
	li := make([]int32, np) // label index, -1 blank
	for p, l := range initial {
		li[p] = -1
		if l != "" {
			k, _ := slices.BinarySearch(labels, l)
			li[p] = int32(k)
		}
	}
	nh := 0
	for _, a := range assign {
		nh = max(nh, int(a)+1)
	}
	// origin of each hub: label with most patients (ties: lower index)
	type cell struct {
		h, l int32
	}
	acc := map[cell]int64{}
	origin := make([]int32, nh)
	best := make([]int64, nh)
	for h := range origin {
		origin[h], best[h] = -1, -1
	}
	for p := range ps {
		if li[p] < 0 {
			continue
		}
		c := cell{assign[p], li[p]}
		acc[c] += int64(ps[p].Patients)
	}
	for p := range ps { // practice order: deterministic ties by label index
		if li[p] < 0 {
			continue
		}
		h, l := assign[p], li[p]
		w := acc[cell{h, l}]
		if w > best[h] || w == best[h] && l < origin[h] {
			origin[h], best[h] = l, w
		}
	}
	ch := &Change{From: slices.Clone(initial), Moved: make([]bool, np), Class: make([]string, np),
		Hubs: make([]HubChange, nh), Groups: make([]InitialChange, len(labels))}
	mem := make([][]int, len(labels))
	hubSize := make([]int, nh)
	for p := range ps {
		hubSize[assign[p]]++
		if l := li[p]; l >= 0 {
			mem[l] = append(mem[l], p)
		}
	}
	for h := range nh {
		if origin[h] >= 0 {
			ch.Groups[origin[h]].Hubs = append(ch.Groups[origin[h]].Hubs, h)
		}
	}
	cc := newContig(s)
	d := &ch.Summary
	d.Groups = len(labels)
	for l, lab := range labels {
		gi := &ch.Groups[l]
		gi.Label = lab
		gi.Practices = len(mem[l])
		for _, p := range mem[l] {
			gi.Patients += int64(ps[p].Patients)
		}
		gi.Contiguous = cc.connected(mem[l])
		gi.Valid = gi.Contiguous && gi.Patients >= lvl.Min && (lvl.Max == 0 || gi.Patients <= lvl.Max)
		switch len(gi.Hubs) {
		case 0:
			gi.Class = ChangeMerged
		case 1:
			h := int32(gi.Hubs[0])
			in := 0
			for _, p := range mem[l] {
				if assign[p] == h {
					in++
				}
			}
			lost, gained := in < len(mem[l]), hubSize[h] > in
			switch {
			case !lost && !gained:
				gi.Class = ChangeKept
			case !lost:
				gi.Class = ChangeGrown
			case !gained:
				gi.Class = ChangeShrunk
			default:
				gi.Class = ChangeReshaped
			}
		default:
			gi.Class = ChangeSplit
		}
		if gi.Valid {
			d.Valid++
		}
		switch gi.Class {
		case ChangeKept:
			d.Kept++
			if gi.Valid {
				d.KeptValid++
			}
		case ChangeSplit:
			d.Split++
		case ChangeMerged:
			d.Merged++
		case ChangeGrown:
			d.Grown++
		case ChangeShrunk:
			d.Shrunk++
		case ChangeReshaped:
			d.Reshaped++
		}
	}
	detached := detachedParts(s, ps, mem)
	for p := range ps {
		l := li[p]
		if l < 0 {
			ch.Class[p] = ChangeFree
			continue
		}
		d.Practices++
		d.Patients += int64(ps[p].Patients)
		if origin[assign[p]] != l {
			ch.Moved[p] = true
			ch.Class[p] = ChangeMoved
			d.PracticesMoved++
			d.PatientsMoved += int64(ps[p].Patients)
			ch.Groups[l].Moved += int64(ps[p].Patients)
			if detached[p] {
				d.DetachedMoved += int64(ps[p].Patients)
			}
			continue
		}
		ch.Class[p] = ch.Groups[l].Class
	}
	for h := range nh {
		if origin[h] < 0 {
			ch.Hubs[h] = HubChange{Class: ChangeNew}
			continue
		}
		ch.Hubs[h] = HubChange{Origin: labels[origin[h]], Class: ch.Groups[origin[h]].Class}
	}
	// ARI over the labelled practices
	var a, b []int32
	for p := range ps {
		if li[p] >= 0 {
			a = append(a, li[p])
			b = append(b, assign[p])
		}
	}
	if len(a) > 0 {
		d.ARI, _ = AdjustedRand(a, b) // same lengths, non-empty: no error
	}
	return ch
}

// detachedParts marks the practices lying outside the largest (by
// patients; ties: first practice) connected part of their group's sites.
func detachedParts(s *sites, ps []input.Practice, mem [][]int) []bool {
	out := make([]bool, len(ps))
	siteIn := make([]int32, s.g.N())
	comp := make([]int32, s.g.N())
	for l, m := range mem {
		tag := int32(l + 1)
		for _, p := range m {
			siteIn[s.siteOf[p]] = tag
			comp[s.siteOf[p]] = -1
		}
		var weights []int64
		var queue []int32
		for _, p := range m {
			v := s.siteOf[p]
			if comp[v] >= 0 {
				continue
			}
			c := int32(len(weights))
			weights = append(weights, 0)
			comp[v] = c
			queue = append(queue[:0], v)
			for i := 0; i < len(queue); i++ {
				for _, t := range s.g.Neighbors(int(queue[i])) {
					if siteIn[t] == tag && comp[t] < 0 {
						comp[t] = c
						queue = append(queue, t)
					}
				}
			}
		}
		if len(weights) < 2 {
			continue
		}
		for _, p := range m {
			weights[comp[s.siteOf[p]]] += int64(ps[p].Patients)
		}
		big := 0
		for c, w := range weights {
			if w > weights[big] {
				big = c
			}
		}
		for _, p := range m {
			out[p] = comp[s.siteOf[p]] != int32(big)
		}
	}
	return out
}

// WriteReport writes the disruption figures: initial groups kept exactly
// (and of the valid ones), split, merged, grown, shrunk, reshaped;
// practices and patients moved, the part of them in detached parts of
// their group; the adjusted Rand index.
func (d Disruption) WriteReport(w io.Writer) error {
	pct := func(a, b int64) float64 {
		if b == 0 {
			return 0
		}
		return 100 * float64(a) / float64(b)
	}
	n := func(v int) string { return num(int64(v)) }
	var b strings.Builder
	row := func(name, value, note string) {
		b.WriteString(strings.TrimRight(fmt.Sprintf("%-28s  %-11s  %s", name, value, note), " "))
		b.WriteByte('\n')
	}
	row("initial groups", n(d.Groups), n(d.Valid)+" valid (within bounds and contiguous)")
	row("kept exactly", n(d.Kept), fmt.Sprintf("%s of the %s valid (%.1f%%)", n(d.KeptValid), n(d.Valid), pct(int64(d.KeptValid), int64(d.Valid))))
	row("split / merged", n(d.Split)+" / "+n(d.Merged), "")
	row("grown / shrunk / reshaped", n(d.Grown)+" / "+n(d.Shrunk)+" / "+n(d.Reshaped), "")
	row("practices moved", n(d.PracticesMoved), fmt.Sprintf("of %s (%.1f%%)", n(d.Practices), pct(int64(d.PracticesMoved), int64(d.Practices))))
	row("patients moved", num(d.PatientsMoved), fmt.Sprintf("of %s (%.1f%%)", num(d.Patients), pct(d.PatientsMoved, d.Patients)))
	row("  of which in detached parts", num(d.DetachedMoved), fmt.Sprintf("%.1f%% of patients (parts cut off from the largest part of their group: strict contiguity)", pct(d.DetachedMoved, d.Patients)))
	row("adjusted Rand index", fmt.Sprintf("%.3f", d.ARI), "")
	_, err := io.WriteString(w, b.String())
	return err
}
