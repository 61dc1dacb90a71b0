package graph

import (
	"math"

	"gonum.org/v1/gonum/graph/simple"

	"github.com/hubpart/hubpart/geo"
)

// Length returns the length of the link between vertices a and b in metres:
// the great-circle distance geo.Distance when Loc is set, else the planar
// distance between XY, else 1 (abstract graphs count hops). a and b need not
// be adjacent.
func (g *Graph) Length(a, b int32) float64 {
	switch {
	case g.Loc != nil:
		return geo.Distance(g.Loc[a], g.Loc[b])
	case g.XY != nil:
		return math.Hypot(g.XY[a][0]-g.XY[b][0], g.XY[a][1]-g.XY[b][1])
	default:
		return 1
	}
}

// Gonum returns g as a gonum weighted undirected graph for use with the
// gonum graph algorithms (shortest paths, spanning trees, community
// detection). Node IDs are vertex indices 0..N-1 (every vertex is added,
// isolated ones too); each undirected edge appears once with weight
// Length(a, b) in metres. Vertex weights and edge kinds are not carried over.
// Missing edges report weight +Inf, self weight 0.
func (g *Graph) Gonum() *simple.WeightedUndirectedGraph {
	out := simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	for v := range g.N() {
		out.AddNode(simple.Node(v))
	}
	g.Edges(func(a, b int32, _ EdgeKind) bool {
		out.SetWeightedEdge(simple.WeightedEdge{
			F: simple.Node(a), T: simple.Node(b), W: g.Length(a, b),
		})
		return true
	})
	return out
}
