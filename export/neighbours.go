package export

import (
	"github.com/hubpart/hubpart/geo/delaunay"
	"github.com/hubpart/hubpart/graph"
)

// levelColours returns the Region.Colour of the n groups of one level so that
// groups whose sites neighbour get different colours. Sites neighbour when
// they are joined in the Delaunay triangulation tri (every pair of sites
// whose Voronoi cells share an edge is, so groups sharing a polygon edge
// always differ), by a graph edge (bridges across water), or are the same
// site (co-located practices in several groups). assign is the level's
// group per practice.
func levelColours(g *graph.Graph, tri *delaunay.Triangulation, assign []int32, n int) []int {
	adjacent := func(fn func(a, b int)) {
		pair := func(v, w int) {
			for _, p := range g.SiteMembers(v) {
				for _, q := range g.SiteMembers(w) {
					fn(int(assign[p]), int(assign[q]))
				}
			}
		}
		for v := range g.N() {
			pair(v, v)
			for _, w := range g.Neighbors(v) {
				pair(v, int(w))
			}
		}
		if tri != nil {
			tri.Edges(func(a, b int32) bool {
				if int(a) < g.N() && int(b) < g.N() {
					pair(int(a), int(b))
				}
				return true
			})
		}
	}
	return ColourGroups(n, adjacent)
}
