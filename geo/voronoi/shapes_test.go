package voronoi

import "github.com/paulmach/orb"

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
