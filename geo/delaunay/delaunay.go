package delaunay

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/geo/robust"
	"github.com/hubpart/hubpart/internal/parallel"
)

// MaxPoints is the largest input Triangulate accepts: half-edge
// indices (up to six per point) must fit in an int32.
const MaxPoints = math.MaxInt32 / 6

// ErrTooManyPoints reports an input larger than MaxPoints.
var ErrTooManyPoints = errors.New("delaunay: too many points to triangulate")

// errInternal reports a broken invariant inside the triangulator. It cannot
// happen with exact predicates; it exists so that a bug surfaces as an error
// rather than as a panic or a silently wrong triangulation.
var errInternal = errors.New("delaunay: internal triangulation error")

// A Triangulation is the Delaunay triangulation of a set of planar points,
// in the half-edge layout popularised by delaunator.
//
// Sites: points with exactly equal coordinates are one site. Rep maps every
// input index to the smallest input index with the same coordinates (its
// representative); Triangles, Halfedges and Hull only ever hold
// representatives.
//
// Triangles: triangle t has vertices Triangles[3t], Triangles[3t+1],
// Triangles[3t+2] in counter-clockwise order (Orient2D > 0, never 0).
// Half-edge e = 3t+k runs from Triangles[e] to Triangles[3t+(k+1)%3];
// Halfedges[e] is the half-edge running the other way in the neighbouring
// triangle, or -1 when e lies on the convex hull. No site lies strictly
// inside the circumcircle of any triangle (the empty-circle property, decided
// with the exact InCircle). When four or more sites are cocircular any of the
// valid triangulations may be returned, but always the same one for the same
// input.
//
// Hull lists the sites on the convex hull boundary counter-clockwise,
// starting at the smallest index. It may include sites in the middle of a
// straight hull edge (Orient2D == 0 with their neighbours); those edges are
// still hull half-edges, so Hull has exactly one entry per half-edge with
// Halfedges[e] == -1.
//
// Degenerate input: with fewer than three distinct sites, or when all sites
// are exactly collinear, there are no triangles (Triangles and Halfedges are
// empty) and Hull holds the distinct sites sorted along the line (by x, then
// y). For non-collinear input with n sites and h hull sites the triangulation
// has exactly 2n-h-2 triangles.
//
// Any finite coordinates are handled exactly. Inputs with coordinates above
// 2^250 or nonzero ones below 2^-200 in magnitude take a slow big-integer
// path in the predicates; metres of any map projection never do.
type Triangulation struct {
	Points    [][2]float64 // the input, not modified (the slice is retained, not copied)
	Rep       []int32      // Rep[i]: index of the first input point with exactly the same coordinates (Rep[i]==i for a distinct site)
	Triangles []int32      // 3 per triangle, counter-clockwise, only representative indices
	Halfedges []int32      // Halfedges[e] = opposite half-edge of e, or -1 on the hull
	Hull      []int32      // convex hull vertices, counter-clockwise (all-collinear input: the sites in order along the line)
}

// Triangulate computes the Delaunay triangulation of pts (see
// Triangulation for the layout and the treatment of degenerate input).
//
// The algorithm is a sweep-hull (Sinclair's s-hull as refined by delaunator):
// sites are inserted in order of distance from the circumcentre of a small
// seed triangle, each one joined to the visible part of the current convex
// hull, and the Delaunay property is restored by edge flips driven by an
// explicit stack. Every orientation and in-circle decision uses the exact
// predicates Orient2D and InCircle, flips only happen when InCircle > 0
// strictly (so cocircular sites cannot cause endless flipping), and a site
// that rounding in the distance order places inside the current hull is
// located by a walk and inserted by splitting its triangle or edge. Expected
// time is O(n log n) and memory O(n) (measured figures: BENCHMARKS.md,
// "Geometry and input"). From halvesMin points the two halves of the
// input either side of a vertical line are swept side by side and joined
// (see halves.go); the GB postcodes then take 616–700 ms instead of
// 884–937. The choice depends on the input's size alone, never on the
// machine.
//
// Triangulate fails only when a coordinate is NaN or infinite (the error
// wraps geo.ErrNonFinite and names the point) or when there are more than
// MaxPoints points (ErrTooManyPoints). Empty input, one or two
// points, all-identical points and collinear points all succeed. The result
// depends only on the input, never on timing or map order.
func Triangulate(pts [][2]float64) (*Triangulation, error) {
	return TriangulateContext(context.Background(), pts)
}

// TriangulateContext is Triangulate, stopping with ctx.Err() soon after ctx
// is done (it looks every 65,536 sites: about 10 ms).
func TriangulateContext(ctx context.Context, pts [][2]float64) (*Triangulation, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, p := range pts {
		if math.IsNaN(p[0]) || math.IsInf(p[0], 0) || math.IsNaN(p[1]) || math.IsInf(p[1], 0) {
			return nil, fmt.Errorf("%w: point %d is (%v, %v)", geo.ErrNonFinite, i, p[0], p[1])
		}
	}
	if len(pts) > MaxPoints {
		return nil, fmt.Errorf("%w: %d points, at most %d", ErrTooManyPoints, len(pts), MaxPoints)
	}
	if halvesWorth(len(pts)) {
		t := &Triangulation{Points: pts}
		ok, err := triangulateHalves(ctx, t)
		if err != nil {
			return nil, err
		}
		if ok {
			return t, nil
		}
	}
	return sweepAll(ctx, pts)
}

// sweepAll triangulates pts (finite, at most MaxPoints) in one sweep.
func sweepAll(ctx context.Context, pts [][2]float64) (*Triangulation, error) {
	t := &Triangulation{Points: pts, Triangles: []int32{}, Halfedges: []int32{}}
	i0, i1, i2 := seedTriangle(pts)
	if i2 < 0 {
		t.collinear()
		return t, nil
	}
	s := newSweep(pts, i0, i1, i2)
	if err := s.run(ctx); err != nil {
		return nil, err
	}
	t.Rep = s.rep
	t.Triangles = s.triangles
	t.Halfedges = s.halfedges
	t.Hull = s.hullList()
	return t, nil
}

// seedTriangle picks the first triangle of the sweep as delaunator does: i0
// nearest the centre of the bounding box, i1 nearest to i0, i2 making the
// smallest circumcircle with them. It returns i2 < 0 when the input has
// fewer than three distinct sites or all sites are collinear. The returned
// triangle is counter-clockwise, and each seed is the smallest index among
// the points with its coordinates.
func seedTriangle(pts [][2]float64) (i0, i1, i2 int32) {
	if len(pts) < 3 {
		return -1, -1, -1
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		minX, maxX = min(minX, p[0]), max(maxX, p[0])
		minY, maxY = min(minY, p[1]), max(maxY, p[1])
	}
	c := [2]float64{minX/2 + maxX/2, minY/2 + maxY/2}

	i0 = nearest(pts, c, -1)
	i1 = nearest(pts, pts[i0], i0)
	if i1 < 0 {
		return -1, -1, -1 // all points identical
	}
	p0, p1 := pts[i0], pts[i1]
	minR := math.Inf(1)
	i2 = -1
	for i, p := range pts {
		if r := circumradius2(p0, p1, p); r < minR {
			i2, minR = int32(i), r
		}
	}
	if i2 < 0 || robust.Orient2D(p0, p1, pts[i2]) == 0 {
		// Rounding hid a nearly collinear triangle, or there is none:
		// fall back to the first site off the line through i0 and i1.
		i2 = -1
		for i, p := range pts {
			if robust.Orient2D(p0, p1, p) != 0 {
				i2 = int32(i)
				break
			}
		}
		if i2 < 0 {
			return -1, -1, -1
		}
	}
	if robust.Orient2D(p0, p1, pts[i2]) < 0 {
		i1, i2 = i2, i1
	}
	return i0, i1, i2
}

// nearest returns the smallest index of the points nearest to c, ignoring
// points equal to pts[skip] when skip >= 0; it returns -1 when none is left.
func nearest(pts [][2]float64, c [2]float64, skip int32) int32 {
	best, bestD := int32(-1), math.Inf(1)
	for i, p := range pts {
		if skip >= 0 && p == pts[skip] {
			continue
		}
		d := dist2(p, c)
		if d < bestD || best < 0 {
			best, bestD = int32(i), d
		}
	}
	return best
}

func dist2(a, b [2]float64) float64 {
	dx, dy := a[0]-b[0], a[1]-b[1]
	return dx*dx + dy*dy
}

// circumcenter returns the centre of the circle through a, b and c in
// floating point; it is non-finite for (nearly) collinear points.
func circumcenter(a, b, c [2]float64) [2]float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	ex, ey := c[0]-a[0], c[1]-a[1]
	bl, cl := dx*dx+dy*dy, ex*ex+ey*ey
	d := 0.5 / (dx*ey - dy*ex)
	return [2]float64{a[0] + (ey*bl-dy*cl)*d, a[1] + (dx*cl-ex*bl)*d}
}

// circumradius2 returns the squared circumradius of a, b, c, or +Inf when it
// is not a finite number (collinear or coincident points).
func circumradius2(a, b, c [2]float64) float64 {
	o := circumcenter(a, b, c)
	r := dist2(o, a)
	if math.IsNaN(r) {
		return math.Inf(1)
	}
	return r
}

// collinear fills t for input without a proper triangle: fewer than three
// distinct sites, or all sites on one line. Hull becomes the distinct sites
// sorted by (x, y), which for collinear points is their order along the line.
func (t *Triangulation) collinear() {
	pts := t.Points
	t.Rep = make([]int32, len(pts))
	order := make([]int32, len(pts))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		pa, pb := pts[a], pts[b]
		return cmp.Or(cmp.Compare(pa[0], pb[0]), cmp.Compare(pa[1], pb[1]), cmp.Compare(a, b))
	})
	t.Hull = []int32{}
	for k, i := range order {
		if k > 0 && pts[i] == pts[order[k-1]] {
			t.Rep[i] = t.Rep[order[k-1]]
			continue
		}
		t.Rep[i] = i
		t.Hull = append(t.Hull, i)
	}
}

// NumSites returns the number of distinct sites (input points after merging
// exact duplicates).
func (t *Triangulation) NumSites() int {
	n := 0
	for i, r := range t.Rep {
		if int(r) == i {
			n++
		}
	}
	return n
}

// Edges calls fn for every undirected Delaunay edge between distinct sites
// exactly once, with a < b, in half-edge order; for all-collinear input the
// edges are the chain between consecutive sites along the line. Iteration
// stops early when fn returns false.
func (t *Triangulation) Edges(fn func(a, b int32) bool) {
	if len(t.Triangles) == 0 {
		for k := 1; k < len(t.Hull); k++ {
			a, b := t.Hull[k-1], t.Hull[k]
			if !fn(min(a, b), max(a, b)) {
				return
			}
		}
		return
	}
	for e := range t.Halfedges {
		if !t.edgeFirst(e) {
			continue // reported from the other side
		}
		a, b := t.Triangles[e], t.Triangles[NextHalfedge(int32(e))]
		if !fn(min(a, b), max(a, b)) {
			return
		}
	}
}

// edgeFirst reports whether half-edge e is the one its edge is reported
// from: a hull half-edge, or the lower-numbered of a twin pair.
func (t *Triangulation) edgeFirst(e int) bool {
	twin := t.Halfedges[e]
	return twin < 0 || int(twin) > e
}

// EdgeList returns the edges Edges reports, in the same order, as (a, b)
// with a < b, in a slice with room for extra more. Large triangulations
// are listed on all cores: each range of half-edges counts its edges, then
// writes them at its place.
func (t *Triangulation) EdgeList(extra int) [][2]int32 {
	he := t.Halfedges
	if len(he) < 1<<18 {
		edges := make([][2]int32, 0, len(he)/2+len(t.Hull)+extra)
		t.Edges(func(a, b int32) bool {
			edges = append(edges, [2]int32{a, b})
			return true
		})
		return edges
	}
	workers := parallel.Workers(len(he), runtime.GOMAXPROCS(0), 1<<17)
	at := make([]int, workers+1)
	parallel.Ranges(len(he), workers, func(w, lo, hi int) {
		for e := lo; e < hi; e++ {
			if t.edgeFirst(e) {
				at[w+1]++
			}
		}
	})
	for w := range workers {
		at[w+1] += at[w]
	}
	edges := make([][2]int32, at[workers], at[workers]+extra)
	parallel.Ranges(len(he), workers, func(w, lo, hi int) {
		k := at[w]
		for e := lo; e < hi; e++ {
			if t.edgeFirst(e) {
				a, b := t.Triangles[e], t.Triangles[NextHalfedge(int32(e))]
				edges[k] = [2]int32{min(a, b), max(a, b)}
				k++
			}
		}
	})
	return edges
}

// NextHalfedge returns the half-edge after e in its triangle.
func NextHalfedge(e int32) int32 {
	if e%3 == 2 {
		return e - 2
	}
	return e + 1
}

// PrevHalfedge returns the half-edge before e in its triangle.
func PrevHalfedge(e int32) int32 {
	if e%3 == 0 {
		return e + 2
	}
	return e - 1
}
