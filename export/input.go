package export

import (
	"errors"
	"fmt"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
	"github.com/paulmach/orb"
)

var (
	// ErrInput is wrapped by every *InputError: the Input is incomplete or
	// its parts disagree (lengths, indices out of range).
	ErrInput = errors.New("export: inconsistent input")
	// ErrInvalidGeometry is wrapped by every *GeometryError: an output
	// polygon failed the validity checks after rounding and repair. It
	// signals a bug or a degenerate input, never shipped silently.
	ErrInvalidGeometry = errors.New("export: invalid output geometry")
)

// InputError reports which part of an Input is missing or inconsistent.
type InputError struct {
	Field  string // e.g. "Result.Assign[0]"
	Detail string
}

func (e *InputError) Error() string { return "export: " + e.Field + ": " + e.Detail }

// Unwrap returns ErrInput.
func (e *InputError) Unwrap() error { return ErrInput }

// GeometryError reports an output feature that failed validation.
type GeometryError struct {
	Layer string // "hub", "area", ...
	ID    int    // group ID within the layer, or -1 for a check across groups
	Err   error  // the failed check (from polygon.Check, polygon.CheckNoOverlap, or a containment test)
}

func (e *GeometryError) Error() string {
	if e.ID < 0 {
		return fmt.Sprintf("export: invalid %s layer: %v", e.Layer, e.Err)
	}
	return fmt.Sprintf("export: invalid %s %d: %v", e.Layer, e.ID, e.Err)
}

// Unwrap returns both ErrInvalidGeometry and the underlying check error.
func (e *GeometryError) Unwrap() []error { return []error{ErrInvalidGeometry, e.Err} }

// Input is everything Build reads. Nothing in it is modified.
//
// Export needs the sites' plane coordinates and nothing else from graph
// building: it projects Graph.Loc with geo.NewProjection (a pure function
// of the sites, so it is the projection graph.Build used, and Graph.XY are
// its coordinates) and triangulates Graph.XY itself for the Voronoi cells.
type Input struct {
	Practices []input.Practice
	Graph     *graph.Graph // site graph the partition was computed on (graph.Build)
	Result    *partition.Result

	// Boundary, in [lon, lat], optionally clips the Voronoi cells (for
	// example a coastline): give the one passed to graph.WithBoundary. It
	// is projected after densifying edges longer than 1 km, so that its
	// straight lon/lat edges stay close to straight in the output.
	// Practices outside it still lie inside their hub: see the package
	// documentation. The Model keeps it for drawing.
	Boundary orb.MultiPolygon

	// Cells, when set, are the Voronoi cells of Graph's sites clipped to
	// Boundary, made beforehand by NewCells(ctx, Graph, Boundary) (for
	// example while the partition was computed); Build refuses cells made
	// for another graph or boundary. Nil: Build computes them.
	Cells *Cells
}

// check validates the parts FeatureCollection needs and returns the
// practice -> site map.
func (in *Input) check() ([]int32, error) {
	bad := func(field, format string, a ...any) error {
		return &InputError{Field: field, Detail: fmt.Sprintf(format, a...)}
	}
	np := len(in.Practices)
	if np == 0 {
		return nil, bad("Practices", "empty")
	}
	g := in.Graph
	if g == nil {
		return nil, bad("Graph", "nil")
	}
	if g.MemberOff == nil || len(g.MemberOff) != g.N()+1 {
		return nil, bad("Graph.MemberOff", "want %d offsets (sites built from practices), have %d", g.N()+1, len(g.MemberOff))
	}
	if len(g.Loc) != g.N() || len(g.XY) != g.N() {
		return nil, bad("Graph", "%d sites with %d locations and %d plane points (build it with graph.Build)", g.N(), len(g.Loc), len(g.XY))
	}
	site := make([]int32, np)
	for i := range site {
		site[i] = -1
	}
	for v := range g.N() {
		for _, p := range g.SiteMembers(v) {
			if p < 0 || int(p) >= np {
				return nil, bad("Graph.Members", "practice index %d out of range [0,%d)", p, np)
			}
			if site[p] >= 0 {
				return nil, bad("Graph.Members", "practice %d at sites %d and %d", p, site[p], v)
			}
			site[p] = int32(v)
		}
	}
	for p, s := range site {
		if s < 0 {
			return nil, bad("Graph.Members", "practice %d (%s) at no site", p, in.Practices[p].Code)
		}
	}
	r := in.Result
	if r == nil || len(r.Groups) == 0 {
		return nil, bad("Result", "no levels")
	}
	if len(r.Assign) != len(r.Groups) {
		return nil, bad("Result.Assign", "%d levels of assignment for %d levels of groups", len(r.Assign), len(r.Groups))
	}
	for l := range r.Groups {
		if len(r.Assign[l]) != np {
			return nil, bad(fmt.Sprintf("Result.Assign[%d]", l), "length %d, want %d practices", len(r.Assign[l]), np)
		}
		for p, gid := range r.Assign[l] {
			if gid < 0 || int(gid) >= len(r.Groups[l]) {
				return nil, bad(fmt.Sprintf("Result.Assign[%d][%d]", l, p), "group %d out of range [0,%d)", gid, len(r.Groups[l]))
			}
		}
		for i, gr := range r.Groups[l] {
			if gr.ID != i {
				return nil, bad(fmt.Sprintf("Result.Groups[%d][%d]", l, i), "ID %d, want dense IDs", gr.ID)
			}
			if gr.HubSite < 0 || gr.HubSite >= np {
				return nil, bad(fmt.Sprintf("Result.Groups[%d][%d].HubSite", l, i), "practice %d out of range", gr.HubSite)
			}
			for _, p := range gr.Members {
				if p < 0 || p >= np || int(r.Assign[l][p]) != i {
					return nil, bad(fmt.Sprintf("Result.Groups[%d][%d].Members", l, i), "practice %d not assigned to this group", p)
				}
			}
		}
	}
	return site, nil
}
