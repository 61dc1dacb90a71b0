package export

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// An independent validity checker for the output polygons, sharing no code
// with the builder: coordinates are on the 1e-6 degree grid, so all tests
// run exactly in int64 micro-degrees.

type ipt struct{ x, y int64 }

func toI(p orb.Point) (ipt, error) {
	x, y := p[0]*1e6, p[1]*1e6
	if math.Abs(x-math.Round(x)) > 1e-6 || math.Abs(y-math.Round(y)) > 1e-6 {
		return ipt{}, fmt.Errorf("coordinate %v not rounded to 6 decimals", p)
	}
	return ipt{int64(math.Round(x)), int64(math.Round(y))}, nil
}

func orientI(a, b, c ipt) int {
	v := (b.x-a.x)*(c.y-a.y) - (b.y-a.y)*(c.x-a.x)
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

func onSegI(p, a, b ipt) bool {
	return orientI(a, b, p) == 0 && min(a.x, b.x) <= p.x && p.x <= max(a.x, b.x) && min(a.y, b.y) <= p.y && p.y <= max(a.y, b.y)
}

type seg struct {
	a, b                   ipt
	feat, ring, k, n       int
	minX, maxX, minY, maxY int64
}

// checkRings verifies closure, minimum length, no repeated consecutive
// vertex and orientation (outer CCW, holes CW by shoelace) of every ring,
// and returns the segments.
func checkRings(feat int, mp orb.MultiPolygon, ringBase int) ([]seg, error) {
	var segs []seg
	for pi, poly := range mp {
		if len(poly) == 0 {
			return nil, fmt.Errorf("feature %d polygon %d: no rings", feat, pi)
		}
		for ri, ring := range poly {
			if len(ring) < 4 {
				return nil, fmt.Errorf("feature %d polygon %d ring %d: %d points", feat, pi, ri, len(ring))
			}
			if ring[0] != ring[len(ring)-1] {
				return nil, fmt.Errorf("feature %d polygon %d ring %d: not closed", feat, pi, ri)
			}
			var area2 int64
			pts := make([]ipt, len(ring))
			for i, p := range ring {
				q, err := toI(p)
				if err != nil {
					return nil, fmt.Errorf("feature %d: %w", feat, err)
				}
				pts[i] = q
			}
			for i := 0; i+1 < len(pts); i++ {
				area2 += pts[i].x*pts[i+1].y - pts[i+1].x*pts[i].y
				if pts[i] == pts[i+1] {
					return nil, fmt.Errorf("feature %d polygon %d ring %d: repeated vertex %d", feat, pi, ri, i)
				}
			}
			if (ri == 0) != (area2 > 0) || area2 == 0 {
				return nil, fmt.Errorf("feature %d polygon %d ring %d: wrong orientation (2*area %d)", feat, pi, ri, area2)
			}
			n := len(pts) - 1
			for i := range n {
				a, b := pts[i], pts[i+1]
				segs = append(segs, seg{a: a, b: b, feat: feat, ring: ringBase, k: i, n: n,
					minX: min(a.x, b.x), maxX: max(a.x, b.x), minY: min(a.y, b.y), maxY: max(a.y, b.y)})
			}
			ringBase++
		}
	}
	return segs, nil
}

// checkPolygons runs checkRings on every polygon and then a sweep over all
// segment pairs with overlapping boxes. Forbidden: any crossing or touching
// between non-adjacent edges of one ring; adjacent edges folding back;
// crossings or collinear overlaps between rings of one feature (isolated
// touching points are allowed); proper crossings between features (shared
// edges and vertices are how neighbours meet).
func checkPolygons(polys []orb.MultiPolygon) error {
	var segs []seg
	ring := 0
	for f, mp := range polys {
		s, err := checkRings(f, mp, ring)
		if err != nil {
			return err
		}
		for _, x := range s {
			ring = max(ring, x.ring+1)
		}
		segs = append(segs, s...)
	}
	slices.SortFunc(segs, func(a, b seg) int {
		switch {
		case a.minX < b.minX:
			return -1
		case a.minX > b.minX:
			return 1
		}
		return 0
	})
	for i := range segs {
		s := &segs[i]
		for j := i + 1; j < len(segs) && segs[j].minX <= s.maxX; j++ {
			t := &segs[j]
			if t.minY > s.maxY || t.maxY < s.minY {
				continue
			}
			if err := pairOK(s, t); err != nil {
				return err
			}
		}
	}
	return nil
}

func pairOK(s, t *seg) error {
	o1, o2 := orientI(s.a, s.b, t.a), orientI(s.a, s.b, t.b)
	o3, o4 := orientI(t.a, t.b, s.a), orientI(t.a, t.b, s.b)
	proper := o1*o2 < 0 && o3*o4 < 0
	collinear := o1 == 0 && o2 == 0
	overlap := false
	if collinear {
		// Positive-length overlap: project on the dominant axis.
		lo := func(a, b int64) (int64, int64) { return min(a, b), max(a, b) }
		var a0, a1, b0, b1 int64
		if s.maxX-s.minX >= s.maxY-s.minY {
			a0, a1 = lo(s.a.x, s.b.x)
			b0, b1 = lo(t.a.x, t.b.x)
		} else {
			a0, a1 = lo(s.a.y, s.b.y)
			b0, b1 = lo(t.a.y, t.b.y)
		}
		overlap = max(a0, b0) < min(a1, b1)
	}
	touch := proper || onSegI(t.a, s.a, s.b) || onSegI(t.b, s.a, s.b) || onSegI(s.a, t.a, t.b) || onSegI(s.b, t.a, t.b)
	where := fmt.Sprintf("features %d/%d rings %d/%d edges %d/%d at (%d,%d)-(%d,%d) x (%d,%d)-(%d,%d)",
		s.feat, t.feat, s.ring, t.ring, s.k, t.k, s.a.x, s.a.y, s.b.x, s.b.y, t.a.x, t.a.y, t.b.x, t.b.y)
	switch {
	case s.feat != t.feat:
		if proper {
			return fmt.Errorf("edges cross between %s", where)
		}
	case s.ring != t.ring:
		if proper || overlap {
			return fmt.Errorf("rings cross or overlap in %s", where)
		}
	default:
		adjacent := (s.k+1)%s.n == t.k || (t.k+1)%s.n == s.k
		if adjacent {
			if overlap {
				return fmt.Errorf("ring folds back in %s", where)
			}
		} else if touch {
			return fmt.Errorf("ring self-intersects in %s", where)
		}
	}
	return nil
}

// pointSide returns 0 on the boundary of mp, 1 strictly inside, -1
// strictly outside (even-odd over all rings), exactly.
func pointSide(mp orb.MultiPolygon, p orb.Point) int {
	q, err := toI(p)
	if err != nil {
		return -1
	}
	in := false
	for _, poly := range mp {
		for _, ring := range poly {
			for i := 0; i+1 < len(ring); i++ {
				a, _ := toI(ring[i])
				b, _ := toI(ring[i+1])
				if onSegI(q, a, b) {
					return 0
				}
				if (a.y > q.y) != (b.y > q.y) {
					// crossing to the right of q?
					o := orientI(a, b, q)
					if (b.y > a.y) == (o > 0) {
						in = !in
					}
				}
			}
		}
	}
	if in {
		return 1
	}
	return -1
}

// asMulti returns the polygonal geometry of a feature as a MultiPolygon.
func asMulti(g orb.Geometry) (orb.MultiPolygon, bool) {
	switch g := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{g}, true
	case orb.MultiPolygon:
		return g, true
	}
	return nil, false
}
