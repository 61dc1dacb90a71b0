package partition

import (
	"context"
	"testing"

	"github.com/hubpart/hubpart/geo/delaunay"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/fixture"
)

const englandPatients = 60606345

var (
	englandCSV      = fixture.EnglandPractices()
	englandBoundary = fixture.EnglandBoundary()
)

// loadEngland reads the England practices (keeping pcn_code) and builds the
// project's contiguity graph with the England boundary.
func loadEngland(tb testing.TB) (*graph.Graph, []input.Practice) {
	tb.Helper()
	ps, err := input.ReadFile(context.Background(), englandCSV, input.KeepColumns("pcn_code"))
	if err != nil {
		tb.Fatal(err)
	}
	mp, err := input.ReadBoundary(englandBoundary)
	if err != nil {
		tb.Fatal(err)
	}
	g, _, err := graph.Build(context.Background(), ps, graph.WithBoundary(mp))
	if err != nil {
		tb.Fatal(err)
	}
	return g, ps
}

// plainDelaunay returns a copy of g whose edges are those of the plain
// Delaunay triangulation of g.XY (no pruning, no bridges), with the same
// sites and members.
func plainDelaunay(tb testing.TB, g *graph.Graph) *graph.Graph {
	tb.Helper()
	tri, err := delaunay.Triangulate(g.XY)
	if err != nil {
		tb.Fatal(err)
	}
	var edges [][2]int32
	for e, a := range tri.Triangles {
		b := tri.Triangles[e-e%3+(e%3+1)%3]
		if a < b || tri.Halfedges[e] < 0 {
			edges = append(edges, [2]int32{tri.Rep[a], tri.Rep[b]})
		}
	}
	d := graph.FromEdges(g.N(), edges, nil)
	d.Weight, d.Loc, d.XY, d.MemberOff, d.Members = g.Weight, g.Loc, g.XY, g.MemberOff, g.Members
	return d
}
