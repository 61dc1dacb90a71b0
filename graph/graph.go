package graph

import "github.com/paulmach/orb"

// EdgeKind tells where an edge came from.
type EdgeKind uint8

const (
	// Delaunay is an edge of the Delaunay triangulation of the sites that
	// survived pruning.
	Delaunay EdgeKind = iota
	// Bridge is a link added to reconnect a component to its nearest
	// neighbouring component (islands, or pieces cut off by pruning).
	Bridge
)

// Graph is an undirected vertex-weighted graph in compact adjacency form.
// The zero value is an empty graph.
type Graph struct {
	Off  []int32    // len N()+1; neighbours of v are Adj[Off[v]:Off[v+1]]
	Adj  []int32    // neighbour lists, each sorted ascending
	Kind []EdgeKind // parallel to Adj; nil means every edge is Delaunay

	Weight []int64      // per vertex (patients of the site)
	Loc    []orb.Point  // per vertex, [lon, lat]; may be nil for abstract graphs
	XY     [][2]float64 // per vertex, projected metres; may be nil

	// Members lists the practice indices standing at each site:
	// practices Members[MemberOff[v]:MemberOff[v+1]] form vertex v.
	// Both are nil when vertices are not built from practices.
	MemberOff []int32
	Members   []int32
}

// N returns the number of vertices.
func (g *Graph) N() int {
	if len(g.Off) == 0 {
		return 0
	}
	return len(g.Off) - 1
}

// Neighbors returns the neighbours of v (a shared slice: do not modify).
func (g *Graph) Neighbors(v int) []int32 { return g.Adj[g.Off[v]:g.Off[v+1]] }

// Degree returns the number of neighbours of v.
func (g *Graph) Degree(v int) int { return int(g.Off[v+1] - g.Off[v]) }

// NumEdges returns the number of undirected edges.
func (g *Graph) NumEdges() int { return len(g.Adj) / 2 }

// SiteMembers returns the practice indices of vertex v, or nil.
func (g *Graph) SiteMembers(v int) []int32 {
	if g.MemberOff == nil {
		return nil
	}
	return g.Members[g.MemberOff[v]:g.MemberOff[v+1]]
}
