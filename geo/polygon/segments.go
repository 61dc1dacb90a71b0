package polygon

import (
	"math"

	"github.com/hubpart/hubpart/geo/robust"
	"github.com/paulmach/orb"
)

// segment is one edge of a ring under test: a -> b is edge idx of ring `ring`
// of polygon `poly`, whose ring has n edges.
type segment struct {
	a, b            orb.Point
	poly, ring, idx int32
	n               int32
	minX, minY      float64 // bbox, filled by gridPairs
	maxX, maxY      float64
	owner           int32 // CheckNoOverlap: index of the multipolygon
}

// Relations between two segments, decided exactly.
const (
	relDisjoint = iota
	relTouch    // they share exactly one point (at an endpoint of at least one)
	relCross    // proper crossing in both interiors
	relOverlap  // collinear with a common part of positive length
)

// relate classifies segments ab and cd; for relTouch it also returns the
// common point (always an input endpoint).
func relate(a, b, c, d orb.Point) (int, orb.Point) {
	o1, o2 := int(robust.Orient2D(a, b, c)), int(robust.Orient2D(a, b, d))
	if o1 == 0 && o2 == 0 {
		// Collinear: compare the intervals along the dominant axis.
		ax := 0
		if math.Abs(b[1]-a[1])+math.Abs(d[1]-c[1]) > math.Abs(b[0]-a[0])+math.Abs(d[0]-c[0]) {
			ax = 1
		}
		lo1, hi1 := min(a[ax], b[ax]), max(a[ax], b[ax])
		lo2, hi2 := min(c[ax], d[ax]), max(c[ax], d[ax])
		lo, hi := max(lo1, lo2), min(hi1, hi2)
		switch {
		case lo < hi:
			return relOverlap, orb.Point{}
		case lo == hi:
			for _, p := range [...]orb.Point{a, b} {
				if p[ax] == lo {
					return relTouch, p
				}
			}
		}
		return relDisjoint, orb.Point{}
	}
	o3, o4 := int(robust.Orient2D(c, d, a)), int(robust.Orient2D(c, d, b))
	if o1*o2 < 0 && o3*o4 < 0 {
		return relCross, orb.Point{}
	}
	switch {
	case o1 == 0 && between(a, b, c):
		return relTouch, c
	case o2 == 0 && between(a, b, d):
		return relTouch, d
	case o3 == 0 && between(c, d, a):
		return relTouch, a
	case o4 == 0 && between(c, d, b):
		return relTouch, b
	}
	return relDisjoint, orb.Point{}
}

// between reports whether p, known to be collinear with ab, lies on the
// closed segment ab.
func between(a, b, p orb.Point) bool {
	return min(a[0], b[0]) <= p[0] && p[0] <= max(a[0], b[0]) &&
		min(a[1], b[1]) <= p[1] && p[1] <= max(a[1], b[1])
}

// inSector reports whether p lies strictly inside the open sector swept
// counter-clockwise around v from ray v->r1 to ray v->r2.
func inSector(v, r1, r2, p orb.Point) bool {
	switch o := robust.Orient2D(v, r1, r2); {
	case o > 0:
		return robust.Orient2D(v, r1, p) > 0 && robust.Orient2D(v, p, r2) > 0
	case o < 0:
		return robust.Orient2D(v, r1, p) > 0 || robust.Orient2D(v, p, r2) > 0
	}
	if (r1[0]-v[0])*(r2[0]-v[0])+(r1[1]-v[1])*(r2[1]-v[1]) < 0 {
		return robust.Orient2D(v, r1, p) > 0 // straight angle: a half-plane
	}
	return false // zero angle
}

// rays returns the two neighbours of point v on segment s's ring: the
// ring passes prev -> v -> next locally.
func rays(mp orb.MultiPolygon, s *segment, v orb.Point) (prev, next orb.Point) {
	ring := mp[s.poly][s.ring]
	n := int(s.n)
	switch v {
	case s.b:
		return s.a, ring[(int(s.idx)+2)%n]
	case s.a:
		return ring[(int(s.idx)-1+n)%n], s.b
	}
	return s.a, s.b
}

// gridPairs buckets segments into a uniform grid and calls fn once for every
// pair whose bounding boxes intersect (i < j). fn returns false to stop.
func gridPairs(segs []segment, fn func(i, j int) bool) {
	if len(segs) < 2 {
		return
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for i := range segs {
		s := &segs[i]
		s.minX, s.maxX = min(s.a[0], s.b[0]), max(s.a[0], s.b[0])
		s.minY, s.maxY = min(s.a[1], s.b[1]), max(s.a[1], s.b[1])
		minX, minY = min(minX, s.minX), min(minY, s.minY)
		maxX, maxY = max(maxX, s.maxX), max(maxY, s.maxY)
	}
	g := int(math.Sqrt(float64(len(segs))/2)) + 1
	g = min(g, 1024)
	w, h := (maxX-minX)/float64(g), (maxY-minY)/float64(g)
	cell := func(x, y float64) (int, int) {
		cx, cy := 0, 0
		if w > 0 {
			cx = min(g-1, max(0, int((x-minX)/w)))
		}
		if h > 0 {
			cy = min(g-1, max(0, int((y-minY)/h)))
		}
		return cx, cy
	}
	count := make([]int32, g*g+1)
	for i := range segs {
		s := &segs[i]
		x0, y0 := cell(s.minX, s.minY)
		x1, y1 := cell(s.maxX, s.maxY)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				count[y*g+x+1]++
			}
		}
	}
	for k := 1; k < len(count); k++ {
		count[k] += count[k-1]
	}
	items := make([]int32, count[len(count)-1])
	fill := append([]int32(nil), count[:g*g]...)
	for i := range segs {
		s := &segs[i]
		x0, y0 := cell(s.minX, s.minY)
		x1, y1 := cell(s.maxX, s.maxY)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				items[fill[y*g+x]] = int32(i)
				fill[y*g+x]++
			}
		}
	}
	for c := 0; c < g*g; c++ {
		list := items[count[c]:count[c+1]]
		for x, i := range list {
			si := &segs[i]
			for _, j := range list[x+1:] {
				sj := &segs[j]
				if si.maxX < sj.minX || sj.maxX < si.minX || si.maxY < sj.minY || sj.maxY < si.minY {
					continue
				}
				// Report the pair only in the cell holding the lower-left
				// corner of the intersection of the two boxes.
				cx, cy := cell(max(si.minX, sj.minX), max(si.minY, sj.minY))
				if cy*g+cx != c {
					continue
				}
				a, b := int(i), int(j)
				if a > b {
					a, b = b, a
				}
				if !fn(a, b) {
					return
				}
			}
		}
	}
}

// checkSegments tests every pair of nearby edges of mp.
func checkSegments(segs []segment, mp orb.MultiPolygon) error {
	var err error
	gridPairs(segs, func(i, j int) bool {
		s, t := &segs[i], &segs[j]
		rel, v := relate(s.a, s.b, t.a, t.b)
		if rel == relDisjoint {
			return true
		}
		sameRing := s.poly == t.poly && s.ring == t.ring
		if sameRing {
			d := s.idx - t.idx
			adjacent := d == 1 || d == -1 || d == s.n-1 || d == 1-s.n
			if adjacent && rel == relTouch && s.n > 2 {
				return true // consecutive edges share their common vertex
			}
		}
		if rel == relTouch && !sameRing {
			// Two rings may touch at a point but not cross there.
			p1, n1 := rays(mp, s, v)
			p2, n2 := rays(mp, t, v)
			if inSector(v, n1, p1, p2) == inSector(v, n1, p1, n2) {
				return true
			}
		}
		err = &Error{Polygon: int(s.poly), Ring: int(s.ring), Vertex: int(s.idx),
			Other: int(t.poly), OtherRing: int(t.ring), Err: ErrRingIntersection}
		return false
	})
	return err
}

// ringProbe returns the side of ring `in` relative to another shape
// decided by the first vertex of `in` not on that shape's boundary, or, with
// midpoints set, else by the first such edge midpoint; 0 when every probe is
// on the boundary. Midpoints are only meaningful when no edge of `in` runs
// along the other boundary (a rounded midpoint of such an edge may land on
// either side).
func ringProbe(in orb.Ring, midpoints bool, side func(orb.Point) int) int {
	for _, p := range in {
		if s := side(p); s != 0 {
			return s
		}
	}
	if !midpoints {
		return 0
	}
	for k := 0; k+1 < len(in); k++ {
		m := orb.Point{(in[k][0] + in[k+1][0]) / 2, (in[k][1] + in[k+1][1]) / 2}
		if s := side(m); s != 0 {
			return s
		}
	}
	return 0
}

// checkNesting checks, for a multipolygon whose boundaries are known not
// to cross, that holes are inside their outer ring and outside each other
// and that no polygon lies inside another.
func checkNesting(mp orb.MultiPolygon) error {
	bounds := make([]orb.Bound, len(mp))
	for pi, poly := range mp {
		bounds[pi] = poly[0].Bound()
		outer := poly[0]
		for hi := 1; hi < len(poly); hi++ {
			if ringProbe(poly[hi], true, func(p orb.Point) int { return int(RingSide(outer, p)) }) <= 0 {
				return polyErr(ErrHoleOutside, pi, hi, -1)
			}
			for hj := 1; hj < len(poly); hj++ {
				other := poly[hj]
				if hj != hi && ringProbe(poly[hi], true, func(p orb.Point) int { return int(RingSide(other, p)) }) > 0 {
					return polyErr(ErrHoleOutside, pi, hi, -1)
				}
			}
		}
	}
	for pi := range mp {
		for pj := range mp {
			if pi == pj || !bounds[pi].Intersects(bounds[pj]) {
				continue
			}
			other := mp[pj]
			if ringProbe(mp[pi][0], true, func(p orb.Point) int { return int(PolygonSide(other, p)) }) > 0 {
				e := polyErr(ErrPolygonNested, pi, 0, -1)
				e.Other = pj
				return e
			}
		}
	}
	return nil
}
