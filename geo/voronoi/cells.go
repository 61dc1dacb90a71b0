package voronoi

import (
	"context"
	"errors"
	"fmt"
	"github.com/hubpart/hubpart/internal/disjoint"
	"math"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/geo/delaunay"
	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/geo/robust"
	"github.com/paulmach/orb"
)

// ErrNoTriangulation is returned by Cells for a nil *delaunay.Triangulation.
var ErrNoTriangulation = errors.New("voronoi: nil triangulation")

// minMargin is the smallest margin (metres) of the default clip region.
const minMargin = 50.0

// Cells returns, for every input point index of t, its Voronoi cell
// clipped to clip: a MultiPolygon with counter-clockwise outer rings and
// clockwise holes, in the planar coordinates of t.Points (metres of a
// projection). Non-representative duplicate points (t.Rep[i] != i) get nil:
// they share their representative's cell.
//
// Exactness: every Voronoi vertex (triangle circumcentre) is computed once
// and shared by all cells around it; circumcentres of triangles whose
// common edge is exactly cocircular (InCircle == 0, as in a square grid) are
// merged, so such cells meet at one point without slivers. The far ends of
// hull rays, the cuts with the working box and the crossings with the clip
// boundary are functions of the shared edge that do not depend on which
// cell asks (see ClipConvex). Neighbouring cells therefore have identical
// vertex coordinates along their common edges, and Dissolve can cancel
// shared edges exactly. (Near-coincidences with the clip boundary are
// snapped with a relative tolerance of 1e-12, see ClipConvex.)
//
// Clip region:
//   - clip == nil (or empty): the convex hull of the sites buffered outward
//     by a margin m = max(2 × mean nearest-neighbour distance, 1% of the
//     diagonal of the sites' bounding box, minMargin = 50 m), so a single
//     site, all points identical, or sites nanometres apart still get cells
//     large enough to share among dozens of groups after rounding to an
//     output grid of 0.1 m. The buffer is the Minkowski
//     sum of the hull with a regular 16-gon of radius m, so a single site
//     gets a 16-gon, two or collinear sites a stadium-like strip, and every
//     cell is bounded and non-empty.
//   - otherwise any valid MultiPolygon (holes, many parts).
//
// Sites outside the clip: a site that is not inside (or on) its clipped
// cell — one outside clip, such as a coastal practice just outside a
// generalised coastline, or, in near-degenerate input, one that rounding left
// a hair outside — gets, for itself only, a pocket
// added to the clip region: a regular 16-gon around the site of radius
// r = min(2000, 0.49 × distance to its nearest neighbour), which lies
// strictly inside its own cell, so its neighbours' cells and shared edges do
// not change. Its cell is cell ∩ (clip ∪ pocket), so every site lies inside
// (or on the boundary of) its own clipped cell. The added area is at most
// π r² per such site.
//
// A cell whose part inside clip has several pieces (a site by an estuary)
// returns all of them, one Polygon each. A cell entirely outside clip (and
// whose site is not outside, which cannot happen for a site strictly
// inside) would be nil.
//
// Cost: O(n log n) for the cells plus, per cell, the clip edges meeting its
// bounding box (found through a grid). Errors: ErrNoTriangulation, or
// geo.ErrNonFinite for a clip with a NaN or infinite coordinate.
func Cells(t *delaunay.Triangulation, clip orb.MultiPolygon) ([]orb.MultiPolygon, error) {
	return CellsContext(context.Background(), t, clip)
}

// CellsContext is Cells, stopping with ctx.Err() soon after ctx is done (it
// looks every 4,096 sites).
func CellsContext(ctx context.Context, t *delaunay.Triangulation, clip orb.MultiPolygon) ([]orb.MultiPolygon, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if t == nil {
		return nil, ErrNoTriangulation
	}
	for _, poly := range clip {
		for _, ring := range poly {
			for k, p := range ring {
				if !finite(p) {
					return nil, fmt.Errorf("voronoi: voronoi clip vertex %d: %w", k, geo.ErrNonFinite)
				}
			}
		}
	}
	n := len(t.Points)
	cells := make([]orb.MultiPolygon, n)
	if n == 0 {
		return cells, nil
	}
	v := newBuilder(t)
	if len(clip) == 0 {
		clip = v.defaultClip()
	}
	cr := newRegion(clip)
	v.setBox(cr)
	v.prepare()
	for s := range n {
		if s&0xfff == 0xfff {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if int(t.Rep[s]) != s {
			continue
		}
		ring := v.cell(int32(s))
		if len(ring) < 3 {
			continue
		}
		ring = v.box.clip(ring)
		if len(ring) < 3 || polygon.SignedArea(ring) <= 0 {
			continue
		}
		cells[s] = cr.clip(ring, nil)
		if !polygon.Contains(cells[s], orb.Point(t.Points[s])) {
			cells[s] = cr.clip(ring, v.pocket(int32(s)))
		}
	}
	return cells, nil
}

func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}

// builder holds the shared geometry of one Cells call.
type builder struct {
	t      *delaunay.Triangulation
	nn     []float64 // nearest-neighbour distance per site (+Inf if none)
	margin float64
	box    box
	far    float64 // distance of far points along unbounded edges

	cc      [][2]float64 // circumcentre per triangle (merged when cocircular)
	inedge  []int32      // per site: a half-edge ending at it (a hull one if any)
	edgeBuf []cellEdge   // scratch for cell
	centre  [2]float64   // centre of the working box
	radius  float64      // half-diagonal of the working box

	// all-collinear input: per consecutive pair k,k+1 of t.Hull, the two
	// far ends of their bisector; and the two far ends beyond the line ends
	lineLo, lineHi [][2]float64
	lineU, lineN   [2]float64
	linePos        []int32 // position of each site in t.Hull, or -1
}

func newBuilder(t *delaunay.Triangulation) *builder {
	v := &builder{t: t, nn: make([]float64, len(t.Points))}
	for i := range v.nn {
		v.nn[i] = math.Inf(1)
	}
	var sum float64
	cnt := 0
	t.Edges(func(a, b int32) bool {
		d := math.Hypot(t.Points[a][0]-t.Points[b][0], t.Points[a][1]-t.Points[b][1])
		v.nn[a], v.nn[b] = min(v.nn[a], d), min(v.nn[b], d)
		return true
	})
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i, p := range t.Points {
		if int(t.Rep[i]) != i {
			continue
		}
		minX, minY = min(minX, p[0]), min(minY, p[1])
		maxX, maxY = max(maxX, p[0]), max(maxY, p[1])
		if !math.IsInf(v.nn[i], 1) {
			sum += v.nn[i]
			cnt++
		}
	}
	if cnt > 0 {
		v.margin = 2 * sum / float64(cnt)
	}
	v.margin = max(v.margin, 0.01*math.Hypot(maxX-minX, maxY-minY))
	if !(v.margin >= minMargin) { // also NaN
		v.margin = minMargin
	}
	return v
}

// setBox chooses the working box: the bounding box of the clip region and
// the sites, grown by the margin and 10%. Everything outside it is outside
// the clip and the pockets.
func (v *builder) setBox(cr *region) {
	minX, minY, maxX, maxY := cr.minX, cr.minY, cr.maxX, cr.maxY
	for i, p := range v.t.Points {
		if int(v.t.Rep[i]) == i {
			minX, minY = min(minX, p[0]), min(minY, p[1])
			maxX, maxY = max(maxX, p[0]), max(maxY, p[1])
		}
	}
	g := v.margin + 0.1*max(maxX-minX, maxY-minY)
	v.box = box{minX - g, minY - g, maxX + g, maxY + g}
}

// prepare computes circumcentres, in-edges and far points.
func (v *builder) prepare() {
	t := v.t
	b := v.box
	centre := [2]float64{(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2}
	radius := math.Hypot(b.maxX-b.minX, b.maxY-b.minY) / 2
	v.centre, v.radius = centre, radius
	nt := len(t.Triangles) / 3
	if nt == 0 {
		v.prepareLine(centre, radius)
		return
	}
	// Merge triangles across exactly cocircular edges.
	sets := disjoint.New(nt)
	find := sets.Find
	P := t.Points
	for e, o := range t.Halfedges {
		if o < int32(e) {
			continue
		}
		e32 := int32(e)
		a, bb := t.Triangles[e32], t.Triangles[delaunay.NextHalfedge(e32)]
		c, d := t.Triangles[delaunay.PrevHalfedge(e32)], t.Triangles[delaunay.PrevHalfedge(o)]
		if robust.InCircle(P[a], P[bb], P[c], P[d]) == 0 {
			sets.Union(e32/3, o/3)
		}
	}
	v.cc = make([][2]float64, nt)
	for tr := range int32(nt) {
		if r := find(tr); r == tr {
			v.cc[tr] = circumcentre(P[t.Triangles[3*tr]], P[t.Triangles[3*tr+1]], P[t.Triangles[3*tr+2]])
		}
	}
	// Rounding can make the Voronoi edge of a nearly cocircular Delaunay
	// edge point backwards or sideways (its two circumcentres a rounding
	// error apart), which would put a reversed spike into the cells. Such
	// pairs are merged too; a few passes settle chains of them.
	for pass := 0; pass < 8; pass++ {
		changed := false
		for e, o := range t.Halfedges {
			if o < int32(e) {
				continue
			}
			r1, r2 := find(int32(e)/3), find(o/3)
			if r1 == r2 {
				continue
			}
			a, bb := P[t.Triangles[e]], P[t.Triangles[delaunay.NextHalfedge(int32(e))]]
			// The edge from cc(right of a->b) to cc(left) must run along
			// rot90(b - a).
			// Edges shorter than ~1e-11 of the coordinates have no
			// meaningful direction after rounding either: merged too.
			d := [2]float64{v.cc[r1][0] - v.cc[r2][0], v.cc[r1][1] - v.cc[r2][1]}
			tiny := 1e-11 * max(math.Abs(v.cc[r1][0]), math.Abs(v.cc[r1][1]), math.Abs(a[0]), math.Abs(a[1]), math.Abs(bb[0]-a[0]), math.Abs(bb[1]-a[1]))
			if d[0]*(a[1]-bb[1])+d[1]*(bb[0]-a[0]) <= 0 || (math.Abs(d[0]) <= tiny && math.Abs(d[1]) <= tiny) {
				sets.Union(r1, r2)
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for tr := range int32(nt) {
		v.cc[tr] = v.cc[find(tr)]
	}
	v.inedge = make([]int32, len(P))
	for i := range v.inedge {
		v.inedge[i] = -1
	}
	for e := range int32(len(t.Halfedges)) {
		p := t.Triangles[delaunay.NextHalfedge(e)]
		if t.Halfedges[e] == -1 || v.inedge[p] == -1 {
			v.inedge[p] = e
		}
	}
}

// circumcentre returns the centre of the circle through the CCW
// triangle a, b, c. When the floating-point determinant has the wrong sign
// (a nearly flat triangle) it is replaced by robust.Orient2DValue, whose sign is
// exact, so the centre lands far away on the correct side instead of the
// opposite one, which would turn the cells around it inside out.
func circumcentre(a, b, c [2]float64) [2]float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	ex, ey := c[0]-a[0], c[1]-a[1]
	bl, cl := dx*dx+dy*dy, ex*ex+ey*ey
	det := dx*ey - dy*ex
	if det <= 0 {
		det = robust.Orient2DValue(a, b, c) // > 0 for a triangle of a delaunay.Triangulation
	}
	d := 0.5 / det
	return [2]float64{a[0] + (ey*bl-dy*cl)*d, a[1] + (dx*cl-ex*bl)*d}
}

func unit(d [2]float64) [2]float64 {
	l := math.Hypot(d[0], d[1])
	if l == 0 {
		return [2]float64{}
	}
	return [2]float64{d[0] / l, d[1] / l}
}

// pocket returns the regular 16-gon (CCW) of radius min(2000, 0.49 nn)
// around site s.
func (v *builder) pocket(s int32) [][2]float64 {
	r := min(2000, 0.49*v.nn[s])
	if math.IsInf(v.nn[s], 1) {
		r = min(2000, v.margin/2)
	}
	return regularPolygon(v.t.Points[s], r, 16)
}

// regularPolygon returns the regular k-gon (CCW) inscribed in the circle of
// radius r around c.
func regularPolygon(c [2]float64, r float64, k int) [][2]float64 {
	out := make([][2]float64, k)
	for j := range k {
		a := 2 * math.Pi * float64(j) / float64(k)
		out[j] = [2]float64{c[0] + r*math.Cos(a), c[1] + r*math.Sin(a)}
	}
	return out
}
