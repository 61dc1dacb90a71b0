package voronoi

import (
	"cmp"
	"math"
	"slices"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/geo/robust"
	"github.com/paulmach/orb"
)

// ClipConvex returns the intersection of the convex ring cell with clip, an
// arbitrary MultiPolygon (non-convex parts, holes, many parts).
//
// It is a true polygon intersection, not Sutherland–Hodgman: the result has
// one Polygon per connected piece (a cell spanning a bay gives two pieces)
// and keeps clip holes that fall inside the cell. Outer rings are
// counter-clockwise and holes clockwise; an empty result is nil.
//
// Method (boundary fragments, in the spirit of Weiler–Atherton): both
// boundaries are split at every point where they meet; a fragment of the
// cell boundary is kept when it lies inside clip, a fragment of the clip
// boundary when it lies inside the cell, and a stretch where the two
// boundaries run along each other is kept once if both interiors are on the
// same side and dropped otherwise. The kept directed fragments are chained
// into rings. Fragment sides are decided exactly from Orient2D at the proper
// crossing that starts or ends the fragment, and otherwise by an exact
// point-in-polygon test of its midpoint.
//
// Crossing points are computed by a function of the two segments that does
// not depend on the direction of the cell edge, so two cells sharing an
// edge get bit-identical crossing points with the same clip edge; vertices
// of either input that lie exactly on the other boundary are used as they
// are. Near-degeneracies are snapped with a tolerance of about 1e-12 of
// the coordinate magnitude (0.5 µm for projected metres of England): a cell
// vertex that close to a clip vertex becomes that vertex, a vertex that close
// to the other boundary's edge splits it, and edges that close to each
// other's line are treated as collinear; without this, rounding of crossing
// points could leave a hair-thin self-touching ring. Every snapping decision
// depends only on the vertex or unordered segment pair, so neighbouring cells
// decide alike. The cell ring may be closed or open and of either orientation; a
// ring that is only approximately convex (rounded Voronoi vertices) is
// handled correctly as long as it is simple. Cost: O(n + k·m) for a clip
// with n edges of which m meet the cell's bounding box, k cell edges; use
// Cells to clip many cells against one prepared clip.
func ClipConvex(cell orb.Ring, clip orb.MultiPolygon) orb.MultiPolygon {
	ring := openCCW(cell)
	if len(ring) < 3 {
		return nil
	}
	return newRegion(clip).clip(ring, nil)
}

// openCCW returns cell as an open loop, counter-clockwise, without
// repeated consecutive points; nil when it has no area.
func openCCW(cell orb.Ring) [][2]float64 {
	var ring [][2]float64
	for _, p := range cell {
		if len(ring) == 0 || ring[len(ring)-1] != p {
			ring = append(ring, p)
		}
	}
	for len(ring) > 1 && ring[0] == ring[len(ring)-1] {
		ring = ring[:len(ring)-1]
	}
	a := polygon.SignedArea(ring)
	if len(ring) < 3 || a == 0 {
		return nil
	}
	if a < 0 {
		slices.Reverse(ring)
	}
	return ring
}

// crossPoint returns the crossing point of segment pq (a cell edge) with ab
// (a clip edge), known to cross properly. The result does not depend on the
// direction of pq or ab, is clamped to the common bounding box, and is
// computed along ab.
func crossPoint(p, q, a, b [2]float64) [2]float64 {
	if q[0] < p[0] || (q[0] == p[0] && q[1] < p[1]) {
		p, q = q, p
	}
	if b[0] < a[0] || (b[0] == a[0] && b[1] < a[1]) {
		a, b = b, a
	}
	dx, dy := q[0]-p[0], q[1]-p[1]
	oa := dx*(a[1]-p[1]) - dy*(a[0]-p[0])
	ob := dx*(b[1]-p[1]) - dy*(b[0]-p[0])
	t := oa / (oa - ob)
	t = min(1, max(0, t))
	x := [2]float64{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
	x[0] = min(max(x[0], max(min(p[0], q[0]), min(a[0], b[0]))), min(max(p[0], q[0]), max(a[0], b[0])))
	x[1] = min(max(x[1], max(min(p[1], q[1]), min(a[1], b[1]))), min(max(p[1], q[1]), max(a[1], b[1])))
	return x
}

// Edge classes inside one clipping call.
const (
	clCell   = iota // edge of the convex cell
	clClip          // edge of the clip region
	clPocket        // edge of the extra pocket polygon (Cells)
)

type edgeRef struct {
	a, b  [2]float64
	class int8
}

// split is a point where edge `edge` is cut; other is the edge it
// crosses properly there, or -1 for a touching vertex.
type split struct {
	edge, other int32
	t, t2       float64 // position along the edge (see alongKey)
	p           [2]float64
}

// alongKey returns sort keys that order points lying (nearly) on the
// segment ab from a to b: the coordinate along the dominant axis, signed by
// the direction, then the other one. Comparing coordinates is exact, so
// split points a rounding error apart keep their true order, which a
// floating-point projection onto the direction may not.
func alongKey(a, b, p [2]float64) (float64, float64) {
	dx, dy := b[0]-a[0], b[1]-a[1]
	ax := 0
	if math.Abs(dy) > math.Abs(dx) {
		ax = 1
	}
	o := 1 - ax
	d := [2]float64{dx, dy}
	k1, k2 := p[ax], p[o]
	if d[ax] < 0 {
		k1 = -k1
	}
	if d[o] < 0 {
		k2 = -k2
	}
	return k1, k2
}

// ambiguous marks a split point where several events coincide.
const ambiguous = -2

// coll records that edge lies along edge other (collinear, overlapping).
type coll struct{ edge, other int32 }

// clip intersects the open CCW ring with the region; pocket (CCW, strictly
// inside ring, may be nil) is added to the region for this call only.
func (cr *region) clip(ring [][2]float64, pocket [][2]float64) orb.MultiPolygon {
	minX, minY, maxX, maxY := ring[0][0], ring[0][1], ring[0][0], ring[0][1]
	for _, p := range ring[1:] {
		minX, minY = min(minX, p[0]), min(minY, p[1])
		maxX, maxY = max(maxX, p[0]), max(maxY, p[1])
	}
	// Grow the box by the snapping tolerance (see snapVertices, near).
	tol := 2e-12 * max(math.Abs(minX), math.Abs(minY), math.Abs(maxX), math.Abs(maxY))
	cand := cr.candidates(minX-tol, minY-tol, maxX+tol, maxY+tol)
	if len(cand) == 0 {
		if cr.side(ring[0]) > 0 {
			return orb.MultiPolygon{{closeLoop(ring)}}
		}
		if len(pocket) > 0 {
			return orb.MultiPolygon{{closeLoop(pocket)}}
		}
		return nil
	}
	ring = cr.snapVertices(ring, cand)
	if len(ring) < 3 {
		if len(pocket) > 0 {
			return orb.MultiPolygon{{closeLoop(pocket)}}
		}
		return nil
	}
	es := make([]edgeRef, 0, len(ring)+len(cand)+len(pocket))
	for k := range ring {
		es = append(es, edgeRef{ring[k], ring[(k+1)%len(ring)], clCell})
	}
	nCell := len(es)
	for _, e := range cand {
		es = append(es, edgeRef{cr.edges[e].a, cr.edges[e].b, clClip})
	}
	nClip := len(es)
	for k := range pocket {
		es = append(es, edgeRef{pocket[k], pocket[(k+1)%len(pocket)], clPocket})
	}

	var splits []split
	var colls []coll
	addSplit := func(e, other int32, p [2]float64) {
		t, t2 := alongKey(es[e].a, es[e].b, p)
		splits = append(splits, split{e, other, t, t2, p})
	}
	relate := func(i, j int32) {
		p, q, a, b := es[i].a, es[i].b, es[j].a, es[j].b
		if max(p[0], q[0])+tol < min(a[0], b[0]) || max(a[0], b[0])+tol < min(p[0], q[0]) ||
			max(p[1], q[1])+tol < min(a[1], b[1]) || max(a[1], b[1])+tol < min(p[1], q[1]) {
			return
		}
		o1, o2 := int(robust.Orient2D(p, q, a)), int(robust.Orient2D(p, q, b))
		o3, o4 := int(robust.Orient2D(a, b, p)), int(robust.Orient2D(a, b, q))
		// Snap: an endpoint within a few thousand rounding errors of the
		// other segment's line is taken as lying on it, so an edge is
		// split there (or two edges are treated as running along each
		// other) rather than passing a hair's breadth from a vertex, which
		// rounding of later crossing points could turn into a
		// self-touching output. The decision is a function of the
		// unordered segments, hence the same for both cells sharing an
		// edge.
		n1, n2 := o1 == 0 || near(p, q, a), o2 == 0 || near(p, q, b)
		n3, n4 := o3 == 0 || near(a, b, p), o4 == 0 || near(a, b, q)
		if (n1 && n2) || (n3 && n4) {
			if within(p, q, a) {
				addSplit(i, -1, a)
			}
			if within(p, q, b) {
				addSplit(i, -1, b)
			}
			if within(a, b, p) {
				addSplit(j, -1, p)
			}
			if within(a, b, q) {
				addSplit(j, -1, q)
			}
			colls = append(colls, coll{i, j}, coll{j, i})
			return
		}
		if n1 {
			o1 = 0
		}
		if n2 {
			o2 = 0
		}
		if n3 {
			o3 = 0
		}
		if n4 {
			o4 = 0
		}
		if o1*o2 < 0 && o3*o4 < 0 {
			x := crossPoint(p, q, a, b)
			addSplit(i, j, x)
			addSplit(j, i, x)
			return
		}
		if o1 == 0 && within(p, q, a) {
			addSplit(i, -1, a)
		}
		if o2 == 0 && within(p, q, b) {
			addSplit(i, -1, b)
		}
		if o3 == 0 && within(a, b, p) {
			addSplit(j, -1, p)
		}
		if o4 == 0 && within(a, b, q) {
			addSplit(j, -1, q)
		}
	}
	for j := int32(nCell); j < int32(nClip); j++ {
		for i := range int32(nCell) {
			relate(i, j)
		}
		for i := int32(nClip); i < int32(len(es)); i++ {
			relate(i, j)
		}
	}
	slices.SortFunc(splits, func(x, y split) int {
		return cmp.Or(cmp.Compare(x.edge, y.edge), cmp.Compare(x.t, y.t), cmp.Compare(x.t2, y.t2))
	})

	var kept []dirEdge
	s := 0
	var pts []split
	for e := range int32(len(es)) {
		pts = pts[:0]
		pts = append(pts, split{edge: e, other: -1, p: es[e].a})
		for s < len(splits) && splits[s].edge == e {
			sp := splits[s]
			last := &pts[len(pts)-1]
			if sp.p == last.p {
				// Several events rounded to one point (say a cell edge
				// passing a rounding error from a clip corner, crossing
				// both its edges): the side after them is not that of
				// either crossing alone, so the fragments on both sides
				// fall back to midpoint tests.
				if sp.other != last.other {
					last.other = ambiguous
				}
			} else {
				pts = append(pts, sp)
			}
			s++
		}
		if pts[len(pts)-1].p != es[e].b {
			pts = append(pts, split{edge: e, other: -1, p: es[e].b})
		}
		for k := 0; k+1 < len(pts); k++ {
			u, v := pts[k], pts[k+1]
			if cr.keepFragment(es, colls, ring, pocket, e, u, v) {
				kept = append(kept, dirEdge{u.p, v.p})
			}
		}
	}
	return buildRings(kept)
}

// keepFragment decides whether the fragment u->v of edge e belongs to the
// boundary of cell ∩ (clip ∪ pocket).
func (cr *region) keepFragment(es []edgeRef, colls []coll, ring, pocket [][2]float64, e int32, u, v split) bool {
	class := es[e].class
	// Stretches along an edge of the other boundary.
	for _, c := range colls {
		if c.edge != e {
			continue
		}
		o := es[c.other]
		if alongSeg(o.a, o.b, u.p) && alongSeg(o.a, o.b, v.p) {
			if class == clClip {
				// Keep once, from the clip side, when both interiors agree.
				d := (v.p[0]-u.p[0])*(o.b[0]-o.a[0]) + (v.p[1]-u.p[1])*(o.b[1]-o.a[1])
				return d > 0
			}
			return false
		}
	}
	// in reports whether the fragment lies inside the region bounded by
	// edges of class k, using a proper crossing at either end if there is
	// one, else the midpoint.
	in := func(k int8, inside func([2]float64) bool) bool {
		if u.other >= 0 && es[u.other].class == k {
			o := es[u.other]
			return robust.Orient2D(o.a, o.b, v.p) > 0
		}
		if v.other >= 0 && es[v.other].class == k {
			o := es[v.other]
			return robust.Orient2D(o.a, o.b, u.p) > 0
		}
		return inside([2]float64{(u.p[0] + v.p[0]) / 2, (u.p[1] + v.p[1]) / 2})
	}
	inClip := func() bool { return in(clClip, func(m [2]float64) bool { return cr.side(m) > 0 }) }
	switch class {
	case clCell:
		return inClip()
	case clPocket:
		return !inClip()
	}
	if !in(clCell, func(m [2]float64) bool { return polygon.RingSide(ring, m) == polygon.Inside }) {
		return false
	}
	return len(pocket) == 0 || !in(clPocket, func(m [2]float64) bool { return polygon.RingSide(pocket, m) == polygon.Inside })
}
