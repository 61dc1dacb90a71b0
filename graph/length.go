package graph

import (
	"math"

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
