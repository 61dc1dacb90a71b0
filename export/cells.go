package export

import (
	"context"
	"fmt"
	"slices"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/geo/delaunay"
	"github.com/hubpart/hubpart/geo/voronoi"
	"github.com/hubpart/hubpart/graph"
	"github.com/paulmach/orb"
)

// Cells is the part of Build that depends only on where the sites are and
// on the boundary, not on the partition: the sites' projection, their
// Delaunay triangulation, their Voronoi cells clipped to the boundary, and
// which cells Dissolve will have to split at T-junctions.
// Make it with NewCells while the partition is computed (partition.Run
// leaves a CPU idle most of the time) and hand it to Build in Input.Cells;
// the Model is the same as without it.
type Cells struct {
	graph    *graph.Graph
	boundary orb.MultiPolygon
	proj     *geo.Projection
	clip     orb.MultiPolygon // the boundary in the plane; nil without one
	tri      *delaunay.Triangulation
	cells    []orb.MultiPolygon // per site
	inside   []bool             // per site: strictly inside its own cell
	tee      []bool             // per site: a vertex of some cell lies inside one of its edges (voronoi.TJunctions); nil: not known
}

// NewCells computes the cells of g's sites clipped to boundary ([lon, lat],
// optional: the one Input.Boundary will hold). It only reads g and
// boundary. It returns the wrapped error of the projection, triangulation
// or Voronoi cells, or ctx.Err() when ctx is cancelled.
func NewCells(ctx context.Context, g *graph.Graph, boundary orb.MultiPolygon) (*Cells, error) {
	return makeCells(ctx, g, nil, boundary, true)
}

// NewCellsOf is NewCells reusing tri, the triangulation graph.Build made of
// g's sites (graph.BuildInfo.Tri), instead of triangulating them again (for
// the GB postcodes, about a second of CPU). tri must be of g.XY, point for
// point (an *InputError otherwise); it is only read.
func NewCellsOf(ctx context.Context, g *graph.Graph, tri *delaunay.Triangulation, boundary orb.MultiPolygon) (*Cells, error) {
	if tri == nil {
		return nil, &InputError{Field: "Triangulation", Detail: "nil"}
	}
	return makeCells(ctx, g, tri, boundary, true)
}

// makeCells makes the cells; marks says whether to find the cells with
// T-junctions too, which lets Build skip the search in Dissolve: worth it
// ahead of time (NewCells, beside the partition), not inside Build, where
// it costs about what it saves.
func makeCells(ctx context.Context, g *graph.Graph, tri *delaunay.Triangulation, boundary orb.MultiPolygon, marks bool) (*Cells, error) {
	if g == nil {
		return nil, &InputError{Field: "Graph", Detail: "nil"}
	}
	if len(g.Loc) != g.N() || len(g.XY) != g.N() {
		return nil, &InputError{Field: "Graph", Detail: fmt.Sprintf("%d sites with %d locations and %d plane points (build it with graph.Build)", g.N(), len(g.Loc), len(g.XY))}
	}
	if tri != nil && !slices.Equal(tri.Points, g.XY) {
		return nil, &InputError{Field: "Triangulation", Detail: fmt.Sprintf("not of the graph's sites (%d points for %d sites)", len(tri.Points), g.N())}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	proj, err := geo.NewProjection(g.Loc)
	if err != nil {
		return nil, fmt.Errorf("export: projecting sites: %w", err)
	}
	c := &Cells{graph: g, boundary: boundary, proj: proj}
	if len(boundary) > 0 {
		c.clip = projectBoundary(boundary, proj.Forward)
	}
	if c.tri = tri; tri == nil {
		c.tri, err = delaunay.TriangulateContext(ctx, g.XY)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("export: triangulating sites: %w", err)
	}
	if c.cells, err = voronoi.CellsContext(ctx, c.tri, c.clip); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("export: cells: %w", err)
	}
	if len(c.cells) != g.N() {
		return nil, &InputError{Field: "Graph", Detail: fmt.Sprintf("%d cells for %d sites", len(c.cells), g.N())}
	}
	c.inside = sitesInside(c.cells, g.XY)
	if marks {
		c.tee = voronoi.TJunctions(c.cells)
	}
	return c, nil
}

// cellsFor returns in.Cells, checked to be made for in.Graph and
// in.Boundary, or computes them.
func cellsFor(ctx context.Context, in Input) (*Cells, error) {
	c := in.Cells
	if c == nil {
		return makeCells(ctx, in.Graph, nil, in.Boundary, false)
	}
	if c.graph != in.Graph {
		return nil, &InputError{Field: "Cells", Detail: "made for another Graph"}
	}
	if !sameMultiPolygon(c.boundary, in.Boundary) {
		return nil, &InputError{Field: "Cells", Detail: "made for another Boundary"}
	}
	return c, nil
}

// sameMultiPolygon reports whether a and b hold the same points in the
// same rings.
func sameMultiPolygon(a, b orb.MultiPolygon) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for k := range a[i] {
			ra, rb := a[i][k], b[i][k]
			if len(ra) != len(rb) {
				return false
			}
			for j := range ra {
				if ra[j] != rb[j] {
					return false
				}
			}
		}
	}
	return true
}
