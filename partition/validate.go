package partition

import (
	"fmt"
	"math"
	"runtime"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
)

// Validate referees a result against the graph and the practices it claims
// to group, whatever produced it (Run, or a result read back from a file),
// and trusts none of its claims:
//
//   - shape: one grouping per level; every practice in exactly one group
//     per level; members, IDs and patient totals consistent with Assign;
//     patients in = patients out, added up exactly (a total beyond int64 is
//     a problem, not a wrap-around);
//   - the graph: every practice stands where the graph's site says it does
//     (a practice moved after the graph was built is a problem);
//   - contiguity: every group's Contiguous flag is what the graph says;
//   - statuses: StatusOK exactly when the group is within bounds, and each
//     other status true: oversize only when one unit (a practice or a
//     locked set at the first level, a whole group of the level below
//     above it) exceeds the maximum alone; undersize only when the piece
//     of the map the group lies in (its connected component, within its
//     stratum, without oversize units) weighs less than the minimum;
//     unsplittable only when that piece's weight admits no number of
//     groups within bounds; out-of-bounds only when it does, and not for a
//     group that is its whole piece when a contiguous split within bounds
//     is easily found (by peeling a spanning tree);
//   - figures: the hub site is a member and really the patient-weighted
//     medoid; MeanKm and MaxKm are finite and equal the distances
//     recomputed from the hub site; every Quality figure is recomputed;
//   - nesting: each level's groups are unions of whole groups of the level
//     below, with Children and Parent consistent.
//
// Pass the options given to Run that shape groups (WithStrata, WithLocked,
// WithInitial, WithHubSites) so that statuses are judged on the same units
// and pieces; other options are ignored. With WithHubSites each group
// holding a fixed hub site must have it as its hub site (the medoid rule
// applies to the others), and the piece-based claims (undersize,
// unsplittable, out-of-bounds) are not judged, since fixed sites may
// forbid splits that weights alone would allow. It returns nil or a *ValidationError listing the problems
// (errors.Is(err, ErrInvalid)).
func Validate(g *graph.Graph, ps []input.Practice, res *Result, opts ...Option) error {
	var o options
	for _, f := range opts {
		f(&o)
	}
	workers := runtime.GOMAXPROCS(0)
	if o.workers > 0 {
		workers = o.workers
	}
	s, err := newSites(g, ps, workers)
	if err != nil {
		return &ValidationError{Problems: []string{err.Error()}}
	}
	v := &validator{s: s, ps: ps, res: res, workers: workers}
	if o.strata != nil {
		if len(o.strata) != len(ps) {
			return &ValidationError{Problems: []string{fmt.Sprintf("%d strata labels for %d practices", len(o.strata), len(ps))}}
		}
		v.stratum = labelIDs(o.strata)
	}
	if o.locked != nil {
		if len(o.locked) != len(ps) {
			return &ValidationError{Problems: []string{fmt.Sprintf("%d locked labels for %d practices", len(o.locked), len(ps))}}
		}
		v.locked, _ = lockedPieces(s, ps, v.stratum, o.locked)
	}
	if o.initial != nil {
		if len(o.initial) != len(ps) {
			return &ValidationError{Problems: []string{fmt.Sprintf("%d initial labels for %d practices", len(o.initial), len(ps))}}
		}
		v.init, _ = initialIDs(o.initial)
	}
	if o.hubSites != nil {
		if len(o.hubSites) != len(ps) {
			return &ValidationError{Problems: []string{fmt.Sprintf("%d hub-site flags for %d practices", len(o.hubSites), len(ps))}}
		}
		v.fixed = o.hubSites
	}
	return v.run()
}

// maxProblems caps the problems listed; the count says when there were more.
const maxProblems = 1000

// validator holds what the steps of Validate share.
type validator struct {
	s       *sites
	ps      []input.Practice
	res     *Result
	stratum []int32  // per practice; nil: no strata
	locked  []string // per practice: its locked key (lockedPieces), "" free; nil: none
	init    []int32  // per practice: initial group (WithInitial), -1 none; nil: none
	fixed   []bool   // fixed hub sites (WithHubSites); nil: none
	total   int64    // patients in
	workers int      // goroutines for the per-group checks; < 1 means 1
	probs   []string
}

func (v *validator) add(format string, args ...any) {
	if len(v.probs) < maxProblems {
		v.probs = append(v.probs, fmt.Sprintf(format, args...))
	}
}

// run applies the steps in order; a step whose premises failed is skipped.
func (v *validator) run() error {
	if !v.checkShape() {
		return v.err()
	}
	v.checkLocations()
	v.checkTotal()
	for l := range v.res.Levels {
		lv := v.level(l)
		if !lv.checkAssign() {
			continue
		}
		if !lv.checkGroups() {
			continue
		}
		lv.checkContiguity()
		lv.checkStatuses()
		dist := lv.checkFigures()
		lv.checkQuality(dist)
		lv.checkNesting()
	}
	return v.err()
}

func (v *validator) err() error {
	if len(v.probs) > 0 {
		return &ValidationError{Problems: v.probs}
	}
	return nil
}

// checkShape: a result, with as many groupings and assignments as levels.
func (v *validator) checkShape() bool {
	r := v.res
	if r == nil {
		v.add("nil result")
		return false
	}
	L := len(r.Levels)
	if L == 0 {
		v.add("no levels")
	}
	if len(r.Groups) != L || len(r.Assign) != L {
		v.add("%d levels, %d groupings, %d assignments", L, len(r.Groups), len(r.Assign))
		return false
	}
	if len(r.Quality) != L {
		v.add("%d levels but %d quality summaries", L, len(r.Quality))
	}
	return L > 0
}

// checkLocations: every practice stands where the graph puts its site.
func (v *validator) checkLocations() {
	g := v.s.g
	if len(g.Loc) != g.N() {
		return // an abstract graph: nothing to compare
	}
	for p := range v.ps {
		if at := g.Loc[v.s.siteOf[p]]; !samePlace(at, v.ps[p].Loc) {
			v.add("practice %d (%s) is at %v but the graph has its site at %v", p, v.ps[p].Code, v.ps[p].Loc, at)
		}
	}
}

// samePlace reports whether two [lon, lat] points are one place: equal, or
// at the same pole, or on the antimeridian (±180°) at one latitude.
func samePlace(a, b orb.Point) bool {
	switch {
	case a == b:
		return true
	case a[1] != b[1]:
		return false
	case a[1] == 90 || a[1] == -90:
		return true
	}
	return math.Abs(a[0]) == 180 && math.Abs(b[0]) == 180
}

// checkTotal adds up the patients in exactly.
func (v *validator) checkTotal() {
	t, err := totalPatients(v.ps)
	if err != nil {
		v.add("patients in: the total passes the largest int64 (%v)", err)
		t = -1
	}
	v.total = t
}

func orInf(m int64) int64 {
	if m == 0 {
		return math.MaxInt64
	}
	return m
}
