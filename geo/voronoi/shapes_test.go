package voronoi

import (
	"math"

	"github.com/paulmach/orb"
)

// Test shapes (the same helpers as in geo/polygon's tests).

// vtSq returns the closed CCW square [x0,x1]x[y0,y1].
func vtSq(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

// vtRev returns r reversed.
func vtRev(r orb.Ring) orb.Ring {
	out := make(orb.Ring, len(r))
	for i := range r {
		out[i] = r[len(r)-1-i]
	}
	return out
}

// vtStar returns a closed CCW star-shaped ring with n vertices whose radius
// alternates, so that its edges are not in convex position.
func vtStar(n int) orb.Ring {
	r := make(orb.Ring, 0, n+1)
	for k := range n {
		a := 2 * math.Pi * float64(k) / float64(n)
		rad := 1000.0
		if k%2 == 1 {
			rad = 900
		}
		r = append(r, orb.Point{rad * math.Cos(a), rad * math.Sin(a)})
	}
	return append(r, r[0])
}
