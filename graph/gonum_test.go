package graph

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"gonum.org/v1/gonum/graph/topo"
)

func TestGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for trial := range 20 {
		n := 1 + rng.IntN(50)
		g := FromEdges(n, randomEdges(rng, n, 2*n), nil)
		gg := g.Gonum()
		if got := gg.Nodes().Len(); got != n {
			t.Fatalf("trial %d: %d nodes, want %d", trial, got, n)
		}
		if got := gg.Edges().Len(); got != g.NumEdges() {
			t.Fatalf("trial %d: %d edges, want %d", trial, got, g.NumEdges())
		}
		if got, want := len(topo.ConnectedComponents(gg)), countOf(g); got != want {
			t.Fatalf("trial %d: gonum finds %d components, want %d", trial, got, want)
		}
		g.Edges(func(a, b int32, _ EdgeKind) bool {
			if w, ok := gg.Weight(int64(a), int64(b)); !ok || w != 1 {
				t.Fatalf("trial %d: weight of %d-%d = %v %v, want 1", trial, a, b, w, ok)
			}
			return true
		})
	}
}

func countOf(g *Graph) int { _, c := g.Components(); return c }

func TestLength(t *testing.T) {
	g := FromEdges(2, [][2]int32{{0, 1}}, nil)
	if got := g.Length(0, 1); got != 1 {
		t.Errorf("abstract length %v, want 1", got)
	}
	g.XY = [][2]float64{{0, 0}, {3, 4}}
	if got := g.Length(0, 1); got != 5 {
		t.Errorf("planar length %v, want 5", got)
	}
	// One degree of latitude on the sphere of radius 6371008.8 m.
	g.Loc = []orb.Point{{0, 50}, {0, 51}}
	if got, want := g.Length(0, 1), 6371008.8*math.Pi/180; math.Abs(got-want) > 1e-6 {
		t.Errorf("great-circle length %v, want %v", got, want)
	}
}
