package export

import (
	"github.com/hubpart/hubpart/graph"
)

// colourLevel sets Region.Colour for the groups of one level so that
// groups sharing a polygon edge, or whose sites are adjacent in the site
// graph (or share a site), get different colours. assign is the level's
// group per practice.
func colourLevel(g *graph.Graph, assign []int32, regions []Region) {
	n := len(regions)
	adjacent := func(fn func(a, b int)) {
		// Shared polygon edges (vertices are bitwise equal along them).
		owner := make(map[[4]float64]int)
		for i := range regions {
			for _, poly := range regions[i].Polygon {
				for _, r := range poly {
					for k := 0; k+1 < len(r); k++ {
						a, b := r[k], r[k+1]
						if b[0] < a[0] || (b[0] == a[0] && b[1] < a[1]) {
							a, b = b, a
						}
						key := [4]float64{a[0], a[1], b[0], b[1]}
						if j, ok := owner[key]; ok && j != i {
							fn(i, j)
						} else {
							owner[key] = i
						}
					}
				}
			}
		}
		// Graph adjacency of the groups' sites.
		for v := range g.N() {
			ms := g.SiteMembers(v)
			for _, p := range ms {
				gp := int(assign[p])
				for _, q := range ms {
					fn(gp, int(assign[q]))
				}
				for _, w := range g.Neighbors(v) {
					for _, q := range g.SiteMembers(int(w)) {
						fn(gp, int(assign[q]))
					}
				}
			}
		}
	}
	for i, c := range ColourGroups(n, adjacent) {
		regions[i].Colour = c
	}
}
