package graph

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/geo/delaunay"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/parallel"
)

// ctxEvery is how many loop iterations pass between context checks.
const ctxEvery = 1 << 16

// Build makes the contiguity graph of practices ps.
//
//  1. Sites: practices with exactly equal Loc form one vertex, numbered in
//     order of their first practice; Weight is the sum of their Patients,
//     Members lists them ascending.
//  2. The sites are projected with geo.ProjectAll (XY, metres) and
//     triangulated with delaunay.Triangulate.
//  3. Delaunay edges are pruned by the PruneRule (DefaultPruneRule unless
//     WithPrune is given); see PruneRule for the rule.
//  4. The remaining graph's components are reconnected Kruskal-style: the
//     Delaunay edges joining different components are taken in increasing
//     projected length (ties by vertex pair) and each one that joins two
//     still-separate groups of components is added with Kind Bridge. Every
//     component thereby gets its shortest link to its nearest neighbouring
//     component (the first candidate it appears in), and the result is
//     connected. Candidates need not be searched beyond the Delaunay edges:
//     the closest pair between two point sets is a Gabriel edge, hence
//     Delaunay, so every bridge is a Delaunay edge and the result is a
//     subgraph of the Delaunay graph. Islands (Isles of Scilly, Isle of
//     Wight) thus join the mainland by their shortest crossing.
//
// Lengths used in pruning and bridging are projected (planar) metres;
// Graph.Length reports great-circle metres.
//
// Errors: ErrNoPractices; a *PracticeError wrapping ErrBadLocation or
// input.ErrNegativePatients; ErrBadRule; errors of geo.NewProjection (such as
// geo.ErrHemisphere) and delaunay.Triangulate, wrapped; ctx.Err() when ctx is
// cancelled (checked between stages and inside long loops).
func Build(ctx context.Context, ps []input.Practice, opts ...Option) (*Graph, *BuildInfo, error) {
	o := options{rule: DefaultPruneRule()}
	for _, opt := range opts {
		opt(&o)
	}
	report := o.progress
	if report == nil {
		report = func(string, int, int) {}
	}
	if err := o.rule.validate(); err != nil {
		return nil, nil, err
	}
	if len(ps) == 0 {
		return nil, nil, ErrNoPractices
	}

	report("sites", 0, len(ps))
	g, err := groupSites(ctx, ps)
	if err != nil {
		return nil, nil, err
	}
	n := g.N()
	info := &BuildInfo{Sites: n, Rule: o.rule}
	report("sites", len(ps), len(ps))
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}

	report("project", 0, n)
	proj, xy, err := geo.ProjectAll(g.Loc)
	if err != nil {
		return nil, nil, fmt.Errorf("graph: projecting sites: %w", err)
	}
	info.Projection, g.XY = proj, xy
	report("project", n, n)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}

	var del [][2]int32
	if n > 1 {
		report("triangulate", 0, n)
		tri, err := delaunay.TriangulateContext(ctx, g.XY)
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			return nil, nil, fmt.Errorf("graph: triangulating sites: %w", err)
		}
		info.Tri = tri
		del = delaunayEdges(tri)
		report("triangulate", n, n)
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
	}
	info.DelaunayEdges = len(del)

	lengths := make([]float64, len(del))
	parallel.For(len(del), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			lengths[i] = dist(g.XY[del[i][0]], g.XY[del[i][1]])
		}
	})
	report("spacing", 0, n)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	inc := newIncidence(n, del)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	info.Spacing = medianSpacing(ctx, inc, g.XY)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	report("spacing", n, n)

	kept, err := prune(ctx, g, del, lengths, info, &o, report)
	if err != nil {
		return nil, nil, err
	}

	report("bridge", 0, len(del))
	bridges, before := bridge(n, del, lengths, kept)
	info.ComponentsBeforeBridging = before
	for _, i := range bridges {
		info.Bridges = append(info.Bridges, del[i])
	}
	report("bridge", len(del), len(del))
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}

	report("graph", 0, n)
	csr := inc.graph(edgeKinds(del, kept, bridges))
	g.Off, g.Adj, g.Kind = csr.Off, csr.Adj, csr.Kind
	report("graph", n, n)
	return g, info, nil
}

// delaunayEdges lists the triangulation's edges as (a, b) with a < b, in
// the triangulation's (deterministic) order. A site the triangulation merged
// into another (Rep[i] != i, which needs two distinct locations projecting
// to the same point) is linked to its representative by a zero-length edge
// so that no site is left out.
func delaunayEdges(tri *delaunay.Triangulation) [][2]int32 {
	edges := tri.EdgeList(len(tri.Rep) - tri.NumSites())
	for i, r := range tri.Rep {
		if r != int32(i) && r >= 0 {
			edges = append(edges, [2]int32{min(r, int32(i)), max(r, int32(i))})
		}
	}
	return edges
}

func dist(a, b [2]float64) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

// medianSpacing returns, per site, the median length of its Delaunay edges
// (the mean of the two middle ones for an even count; 0 for no edges),
// reading the edges at each site from inc, on all cores. The lengths are
// measured again from xy, which gives the same values as in Build's
// lengths but reads nearby sites instead of edges scattered in memory.
// When ctx is cancelled it stops early; the caller checks ctx.
func medianSpacing(ctx context.Context, inc incidence, xy [][2]float64) []float64 {
	n := len(inc.off) - 1
	sp := make([]float64, n)
	parallel.For(n, func(lo, hi int) {
		var ls []float64
		for v := lo; v < hi; v++ {
			if (v-lo)%ctxEvery == ctxEvery-1 && ctx.Err() != nil {
				return
			}
			ls = ls[:0]
			for _, key := range inc.keys[inc.off[v]:inc.off[v+1]] {
				ls = append(ls, dist(xy[v], xy[key>>32]))
			}
			if len(ls) == 0 {
				continue
			}
			slices.Sort(ls)
			m := len(ls) / 2
			if len(ls)%2 == 1 {
				sp[v] = ls[m]
			} else {
				sp[v] = (ls[m-1] + ls[m]) / 2
			}
		}
	})
	return sp
}

// edgeKinds returns, per Delaunay edge, its kind in the graph: Delaunay
// when kept, Bridge when chosen as a bridge, omitted otherwise.
func edgeKinds(del [][2]int32, kept []bool, bridges []int32) []EdgeKind {
	kinds := make([]EdgeKind, len(del))
	parallel.For(len(del), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if kept[i] {
				kinds[i] = Delaunay
			} else {
				kinds[i] = omitted
			}
		}
	})
	for _, i := range bridges {
		kinds[i] = Bridge
	}
	return kinds
}
