package polygon

import (
	"cmp"
	"math"
	"slices"

	"github.com/hubpart/hubpart/geo/robust"
	"github.com/paulmach/orb"
)

// CheckNoOverlap reports whether two of mps share interior area; they may
// share edges (with opposite directions, as neighbouring valid polygons do)
// and points. The inputs are assumed individually valid (Check); the
// error is a *Error wrapping ErrOverlap that names the two indices
// (Polygon < Other).
//
// Method: every pair of nearby edges of different multipolygons is related
// exactly; a proper crossing, or a collinear overlap with both edges in the
// same direction (interiors on the same side), is an overlap. Where an edge
// touches another multipolygon's boundary at a point, the pieces of the edge
// on either side of the touching points are probed for lying strictly
// inside the other one. Finally one vertex of every polygon is probed
// against every multipolygon whose bounding box meets it, which catches
// containment without boundary contact.
func CheckNoOverlap(mps []orb.MultiPolygon) error {
	var segs []segment
	bounds := make([]orb.Bound, len(mps))
	for o, mp := range mps {
		bounds[o] = mp.Bound()
		for pi, poly := range mp {
			for ri, ring := range poly {
				for k := 0; k+1 < len(ring); k++ {
					segs = append(segs, segment{a: ring[k], b: ring[k+1], poly: int32(pi), ring: int32(ri),
						idx: int32(k), n: int32(len(ring) - 1), owner: int32(o)})
				}
			}
		}
	}
	overlap := func(a, b int) error {
		if a > b {
			a, b = b, a
		}
		return &Error{Polygon: a, Ring: -1, Vertex: -1, Other: b, OtherRing: -1, Err: ErrOverlap}
	}

	type touch struct {
		seg, other int32
		p          orb.Point
	}
	var touches []touch
	alongs := map[int32][]int32{} // seg -> collinear overlapping segs of other owners
	var err error
	gridPairs(segs, func(i, j int) bool {
		s, t := &segs[i], &segs[j]
		if s.owner == t.owner {
			return true
		}
		switch rel, v := relate(s.a, s.b, t.a, t.b); rel {
		case relCross:
			err = overlap(int(s.owner), int(t.owner))
			return false
		case relOverlap:
			if (s.b[0]-s.a[0])*(t.b[0]-t.a[0])+(s.b[1]-s.a[1])*(t.b[1]-t.a[1]) > 0 {
				err = overlap(int(s.owner), int(t.owner))
				return false
			}
			alongs[int32(i)] = append(alongs[int32(i)], int32(j))
			alongs[int32(j)] = append(alongs[int32(j)], int32(i))
		case relTouch:
			touches = append(touches, touch{int32(i), t.owner, v}, touch{int32(j), s.owner, v})
		}
		return true
	})
	if err != nil {
		return err
	}

	// Probe the pieces of touched edges.
	slices.SortFunc(touches, func(x, y touch) int {
		return cmp.Or(cmp.Compare(x.seg, y.seg), cmp.Compare(x.other, y.other),
			cmp.Compare(x.p[0], y.p[0]), cmp.Compare(x.p[1], y.p[1]))
	})
	for k := 0; k < len(touches); {
		e := k
		for e < len(touches) && touches[e].seg == touches[k].seg && touches[e].other == touches[k].other {
			e++
		}
		s := &segs[touches[k].seg]
		pts := []orb.Point{s.a, s.b}
		for _, tc := range touches[k:e] {
			pts = append(pts, tc.p)
		}
		// Order along the segment by exact coordinate comparisons on the
		// dominant axis (all points are on the segment).
		ax := 0
		if math.Abs(s.b[1]-s.a[1]) > math.Abs(s.b[0]-s.a[0]) {
			ax = 1
		}
		desc := s.b[ax] < s.a[ax]
		slices.SortFunc(pts, func(x, y orb.Point) int {
			if desc {
				return cmp.Compare(y[ax], x[ax])
			}
			return cmp.Compare(x[ax], y[ax])
		})
		other := mps[touches[k].other]
		for q := 0; q+1 < len(pts); q++ {
			if pts[q] == pts[q+1] {
				continue
			}
			if alongOther(segs, alongs[touches[k].seg], touches[k].other, pts[q], pts[q+1]) {
				continue // runs along the other boundary: not a probe
			}
			m := orb.Point{(pts[q][0] + pts[q+1][0]) / 2, (pts[q][1] + pts[q+1][1]) / 2}
			if Locate(other, m) > 0 {
				return overlap(int(s.owner), int(touches[k].other))
			}
		}
		k = e
	}

	// Containment without boundary contact: sweep over x.
	order := make([]int, len(mps))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(bounds[a].Min[0], bounds[b].Min[0]) })
	for x, a := range order {
		if len(mps[a]) == 0 {
			continue
		}
		for _, b := range order[x+1:] {
			if bounds[b].Min[0] > bounds[a].Max[0] {
				break
			}
			if len(mps[b]) == 0 || !bounds[a].Intersects(bounds[b]) {
				continue
			}
			if probeParts(mps[a], mps[b]) || probeParts(mps[b], mps[a]) {
				return overlap(a, b)
			}
		}
	}
	return nil
}

// probeParts reports whether some polygon of a has its first vertex off
// b's boundary strictly inside b. Polygons with every vertex on b's boundary
// are left to the edge probes: their edges either run along b's edges or
// touch b's boundary at their ends.
func probeParts(a, b orb.MultiPolygon) bool {
	for _, poly := range a {
		if len(poly) == 0 {
			continue
		}
		if ringProbe(poly[0], false, func(p orb.Point) int { return int(Locate(b, p)) }) > 0 {
			return true
		}
	}
	return false
}

// alongOther reports whether the piece p-q lies on one of the segments in
// list owned by owner.
func alongOther(segs []segment, list []int32, owner int32, p, q orb.Point) bool {
	for _, j := range list {
		s := &segs[j]
		if s.owner != owner {
			continue
		}
		if robust.Orient2D(s.a, s.b, p) == 0 && robust.Orient2D(s.a, s.b, q) == 0 && between(s.a, s.b, p) && between(s.a, s.b, q) {
			return true
		}
	}
	return false
}
