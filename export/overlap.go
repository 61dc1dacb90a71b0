package export

import (
	"cmp"
	"math"
	"slices"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/internal/parallel"
	"github.com/paulmach/orb"
)

// noOverlap reports whether two of the polygons of one level share
// interior area, returning a *polygon.Error wrapping polygon.ErrOverlap
// that names them. The polygons must each be valid (polygon.Check) and
// on the 1e-6 degree grid, as finishPolygons leaves them; every test runs
// exactly in int64 micro-degrees.
//
// It uses the structure of the output instead of testing every polygon
// against its neighbours' whole outlines. The polygons are dissolved
// Voronoi cells, so they form a subdivision: neighbours share vertices, and
// two edges of different polygons meet only at a common end point or are
// the same edge. The check proves that and then looks only at the shared
// vertices:
//
//  1. Edges are bucketed in a uniform grid (about two per cell), and every
//     pair of edges of different polygons whose boxes meet is related
//     exactly. A proper crossing, or the same edge run in the same
//     direction by both (interiors on the same side), is an overlap. Any
//     other contact except a common end point (an end point inside another
//     edge, a partial collinear overlap) means the polygons are not a clean
//     subdivision, and the level is checked by polygon.CheckNoOverlap instead.
//  2. At every vertex used by several polygons, the edges are sorted by
//     angle, and each polygon's coverage of every sector between
//     consecutive edges follows from the directions its rings run (a ring
//     running out of the vertex has its interior on the left). A sector
//     covered by two polygons is an overlap.
//  3. A ring lying inside another polygon without touching it is found by
//     testing one of its vertices (off that polygon's boundary) against
//     each polygon whose bounding box holds the ring's.
//
// These suffice: in a clean subdivision the boundary of one polygon can
// enter the interior of another only at a shared vertex (caught by 2) or
// lie entirely inside it (caught by 3), and two polygons whose boundaries
// never enter each other's interiors overlap only if they are the same
// region (caught by 1 or 2). Cost: O(E log E) for E edges.
func noOverlap(polys []orb.MultiPolygon) error {
	err, clean := structuralNoOverlap(polys)
	if !clean {
		return polygon.CheckNoOverlap(polys)
	}
	return err
}

// structuralNoOverlap runs steps 1-3; clean is false when the polygons are
// not a clean subdivision and the answer must come from the general check.
func structuralNoOverlap(polys []orb.MultiPolygon) (err error, clean bool) {
	c := newOverlapCheck(polys)
	if len(c.segs) == 0 {
		return nil, true
	}
	if clean, err = c.pairs(); err != nil || !clean {
		return err, err != nil || clean
	}
	if clean, err = c.vertices(); err != nil || !clean {
		return err, err != nil || clean
	}
	return c.contained(polys), true
}

type ipoint struct{ x, y int64 }

func toIPoint(p orb.Point) ipoint {
	return ipoint{int64(math.Round(p[0] * roundScale)), int64(math.Round(p[1] * roundScale))}
}

// cross is the orientation of c relative to a->b: > 0 left, < 0 right.
// Micro-degree coordinates are below 2^28, so the products fit in int64.
func cross(a, b, c ipoint) int64 {
	return (b.x-a.x)*(c.y-a.y) - (b.y-a.y)*(c.x-a.x)
}

func sign(v int64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

type oseg struct {
	a, b  ipoint
	owner int32
}

type oring struct {
	ring     orb.Ring // the ring itself
	owner    int32
	lo, hi   ipoint // bounding box
	from, to int32  // its edges are segs[from:to]
}

type overlapCheck struct {
	segs   []oseg
	rings  []oring
	bounds []orb.Bound
}

func newOverlapCheck(polys []orb.MultiPolygon) *overlapCheck {
	c := &overlapCheck{bounds: make([]orb.Bound, len(polys))}
	nseg, nring := 0, 0
	for _, mp := range polys {
		for _, poly := range mp {
			for _, ring := range poly {
				nseg += max(len(ring)-1, 0)
				nring++
			}
		}
	}
	c.segs = make([]oseg, 0, nseg)
	c.rings = make([]oring, 0, nring)
	for o, mp := range polys {
		c.bounds[o] = mp.Bound()
		for _, poly := range mp {
			for _, ring := range poly {
				r := oring{ring: ring, owner: int32(o), from: int32(len(c.segs))}
				r.lo = ipoint{math.MaxInt64, math.MaxInt64}
				r.hi = ipoint{math.MinInt64, math.MinInt64}
				for k := 0; k+1 < len(ring); k++ {
					a, b := toIPoint(ring[k]), toIPoint(ring[k+1])
					c.segs = append(c.segs, oseg{a, b, int32(o)})
					r.lo = ipoint{min(r.lo.x, a.x), min(r.lo.y, a.y)}
					r.hi = ipoint{max(r.hi.x, a.x), max(r.hi.y, a.y)}
				}
				r.to = int32(len(c.segs))
				if r.to > r.from {
					c.rings = append(c.rings, r)
				}
			}
		}
	}
	return c
}

func overlapError(a, b int32) error {
	if a > b {
		a, b = b, a
	}
	return &polygon.Error{Polygon: int(a), Ring: -1, Vertex: -1, Other: int(b), OtherRing: -1, Err: polygon.ErrOverlap}
}

// pairs relates every pair of nearby edges of different polygons (step 1).
func (c *overlapCheck) pairs() (clean bool, err error) {
	segs := c.segs
	lo := ipoint{math.MaxInt64, math.MaxInt64}
	hi := ipoint{math.MinInt64, math.MinInt64}
	for _, s := range segs {
		lo = ipoint{min(lo.x, s.a.x, s.b.x), min(lo.y, s.a.y, s.b.y)}
		hi = ipoint{max(hi.x, s.a.x, s.b.x), max(hi.y, s.a.y, s.b.y)}
	}
	w, h := float64(hi.x-lo.x)+1, float64(hi.y-lo.y)+1
	cells := max(1.0, float64(len(segs))/2)
	side := int64(math.Ceil(math.Sqrt(w * h / cells)))
	nx := int((hi.x-lo.x)/side) + 1
	ny := int((hi.y-lo.y)/side) + 1
	cellOf := func(p ipoint) (int, int) { return int((p.x - lo.x) / side), int((p.y - lo.y) / side) }
	// Bucket edges by every cell their box meets (CSR: count, then fill).
	start := make([]int32, nx*ny+1)
	each := func(s oseg, fn func(cell int)) {
		x0, y0 := cellOf(ipoint{min(s.a.x, s.b.x), min(s.a.y, s.b.y)})
		x1, y1 := cellOf(ipoint{max(s.a.x, s.b.x), max(s.a.y, s.b.y)})
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				fn(y*nx + x)
			}
		}
	}
	for _, s := range segs {
		each(s, func(cell int) { start[cell+1]++ })
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	items := make([]int32, start[len(start)-1])
	fill := slices.Clone(start[:len(start)-1])
	for i, s := range segs {
		each(s, func(cell int) { items[fill[cell]] = int32(i); fill[cell]++ })
	}
	// The cells in runs on all CPUs; the answer is the first finding in
	// cell order, as one pass would give.
	type finding struct {
		found bool
		err   error
	}
	const run = 256
	runs := (nx*ny + run - 1) / run
	found := make([]finding, runs)
	parallel.Each(runs, func(k int) {
		for cell := k * run; cell < min((k+1)*run, nx*ny); cell++ {
			cx, cy := cell%nx, cell/nx
			in := items[start[cell]:start[cell+1]]
			for i, si := range in {
				s := &segs[si]
				for _, ti := range in[i+1:] {
					t := &segs[ti]
					if s.owner == t.owner {
						continue
					}
					// Boxes meet? Relate the pair only in the cell holding
					// the low corner of the boxes' intersection (once per
					// pair).
					ix := max(min(s.a.x, s.b.x), min(t.a.x, t.b.x))
					iy := max(min(s.a.y, s.b.y), min(t.a.y, t.b.y))
					if ix > min(max(s.a.x, s.b.x), max(t.a.x, t.b.x)) || iy > min(max(s.a.y, s.b.y), max(t.a.y, t.b.y)) {
						continue
					}
					if x, y := cellOf(ipoint{ix, iy}); x != cx || y != cy {
						continue
					}
					switch relateEdges(s, t) {
					case edgesCross, edgesSameWay:
						found[k] = finding{true, overlapError(s.owner, t.owner)}
						return
					case edgesUnclean:
						found[k] = finding{true, nil}
						return
					}
				}
			}
		}
	})
	for _, f := range found {
		if f.found {
			return false, f.err
		}
	}
	return true, nil
}

const (
	edgesApart   = iota // disjoint, a common end point, or the same edge run both ways
	edgesCross          // proper crossing
	edgesSameWay        // the same edge, same direction
	edgesUnclean        // any other contact
)

// relateEdges classifies two edges whose boxes meet.
func relateEdges(s, t *oseg) int {
	if s.a == t.a && s.b == t.b {
		return edgesSameWay
	}
	if s.a == t.b && s.b == t.a {
		return edgesApart
	}
	o1, o2 := sign(cross(s.a, s.b, t.a)), sign(cross(s.a, s.b, t.b))
	o3, o4 := sign(cross(t.a, t.b, s.a)), sign(cross(t.a, t.b, s.b))
	if o1*o2 < 0 && o3*o4 < 0 {
		return edgesCross
	}
	shared := s.a == t.a || s.a == t.b || s.b == t.a || s.b == t.b
	if o1 == 0 && o2 == 0 { // collinear
		if shared {
			// Apart unless they run on from the common point the same way.
			p, q, r := s.b, t.b, s.a
			switch {
			case s.a == t.b:
				p, q, r = s.b, t.a, s.a
			case s.b == t.a:
				p, q, r = s.a, t.b, s.b
			case s.b == t.b:
				p, q, r = s.a, t.a, s.b
			}
			if (p.x-r.x)*(q.x-r.x)+(p.y-r.y)*(q.y-r.y) > 0 {
				return edgesUnclean
			}
			return edgesApart
		}
		if onEdge(t.a, s) || onEdge(t.b, s) || onEdge(s.a, t) || onEdge(s.b, t) {
			return edgesUnclean
		}
		return edgesApart
	}
	if shared {
		return edgesApart // non-collinear edges meet at most once
	}
	if (o1 == 0 && onEdge(t.a, s)) || (o2 == 0 && onEdge(t.b, s)) ||
		(o3 == 0 && onEdge(s.a, t)) || (o4 == 0 && onEdge(s.b, t)) {
		return edgesUnclean // an end point inside the other edge
	}
	return edgesApart
}

// onEdge reports whether p, known or tested to be collinear with s, lies
// within s's extent (end points included).
func onEdge(p ipoint, s *oseg) bool {
	return cross(s.a, s.b, p) == 0 &&
		min(s.a.x, s.b.x) <= p.x && p.x <= max(s.a.x, s.b.x) &&
		min(s.a.y, s.b.y) <= p.y && p.y <= max(s.a.y, s.b.y)
}

// spoke is one edge end at a vertex: the direction to the edge's other end
// and how crossing it counter-clockwise changes its polygon's coverage.
type spoke struct {
	d     ipoint // direction from the vertex
	owner int32
	delta int8 // +1: the ring runs out along d (interior on the left); -1: in
}

// half reports whether direction d lies in the lower half-plane (angles
// in [pi, 2pi)), for the exact angular order.
func half(d ipoint) int {
	if d.y < 0 || (d.y == 0 && d.x < 0) {
		return 1
	}
	return 0
}

func sameDirection(p, q ipoint) bool {
	return p.x*q.y-p.y*q.x == 0 && p.x*q.x+p.y*q.y > 0
}

// vertices checks the coverage of the sectors around every vertex shared
// by several polygons (step 2).
func (c *overlapCheck) vertices() (clean bool, err error) {
	// One record per ring vertex: the edge leaving it is segs[k], the one
	// arriving is the ring's previous edge.
	type vrec struct {
		key uint64
		k   int32
	}
	recs := make([]vrec, 0, len(c.segs))
	prev := make([]int32, len(c.segs))
	for _, r := range c.rings {
		for k := r.from; k < r.to; k++ {
			prev[k] = k - 1
			a := c.segs[k].a
			recs = append(recs, vrec{uint64(a.x+1<<30)<<32 | uint64(a.y+1<<30), k})
		}
		prev[r.from] = r.to - 1
	}
	slices.SortFunc(recs, func(p, q vrec) int { return cmp.Compare(p.key, q.key) })
	var fan []spoke
	var owners []int32
	var prefix, total []int
	for i := 0; i < len(recs); {
		e := i + 1
		multi := false
		for e < len(recs) && recs[e].key == recs[i].key {
			multi = multi || c.segs[recs[e].k].owner != c.segs[recs[i].k].owner
			e++
		}
		group := recs[i:e]
		i = e
		if !multi {
			continue
		}
		if len(group) == 2 {
			// The usual case: two polygons along a common boundary, each
			// running the other's edges backwards.
			s, t := &c.segs[group[0].k], &c.segs[group[1].k]
			sp, tp := &c.segs[prev[group[0].k]], &c.segs[prev[group[1].k]]
			if s.b == tp.a && sp.a == t.b {
				continue
			}
		}
		fan = fan[:0]
		for _, r := range group {
			out, in := &c.segs[r.k], &c.segs[prev[r.k]]
			v := out.a
			fan = append(fan,
				spoke{d: ipoint{out.b.x - v.x, out.b.y - v.y}, owner: out.owner, delta: 1},
				spoke{d: ipoint{in.a.x - v.x, in.a.y - v.y}, owner: out.owner, delta: -1})
		}
		slices.SortFunc(fan, func(p, q spoke) int {
			if hp, hq := half(p.d), half(q.d); hp != hq {
				return hp - hq
			}
			return -sign(p.d.x*q.d.y - p.d.y*q.d.x) // counter-clockwise
		})
		// Per owner at this vertex: coverage after each spoke, from the
		// running sum of its deltas shifted so that its minimum is 0.
		owners = owners[:0]
		for _, s := range fan {
			if !slices.Contains(owners, s.owner) {
				owners = append(owners, s.owner)
			}
		}
		total = append(total[:0], make([]int, len(fan))...)
		var a, b int32 = -1, -1 // two owners of a doubly covered sector
		for _, o := range owners {
			prefix = prefix[:0]
			run, lo, hi := 0, math.MaxInt, math.MinInt
			for _, s := range fan {
				if s.owner == o {
					run += int(s.delta)
				}
				prefix = append(prefix, run)
				lo, hi = min(lo, run), max(hi, run)
			}
			if run != 0 || hi-lo != 1 {
				return false, nil // not a simple corner of the polygon
			}
			for k := range fan {
				if prefix[k]-lo == 1 {
					if total[k] == 1 && a < 0 && !zeroWidth(fan, k) {
						a, b = ownerCovering(fan, owners, k, o), o
					}
					total[k]++
				}
			}
		}
		if a >= 0 {
			return false, overlapError(a, b)
		}
	}
	return true, nil
}

// zeroWidth reports whether the sector after spoke k has no width (the
// next spoke has the same direction: an edge run both ways).
func zeroWidth(fan []spoke, k int) bool {
	j := (k + 1) % len(fan)
	return j != k && sameDirection(fan[k].d, fan[j].d)
}

// ownerCovering returns an owner other than not that covers the sector
// after spoke k.
func ownerCovering(fan []spoke, owners []int32, k int, not int32) int32 {
	for _, o := range owners {
		if o == not {
			continue
		}
		run, lo, at := 0, math.MaxInt, 0
		for j, s := range fan {
			if s.owner == o {
				run += int(s.delta)
			}
			lo = min(lo, run)
			if j == k {
				at = run
			}
		}
		if at-lo == 1 {
			return o
		}
	}
	return -1
}

// contained tests one vertex of every ring against each other polygon whose
// bounding box holds the ring's (step 3).
func (c *overlapCheck) contained(polys []orb.MultiPolygon) error {
	order := make([]int32, len(polys))
	for i := range order {
		order[i] = int32(i)
	}
	blo := make([]ipoint, len(polys))
	bhi := make([]ipoint, len(polys))
	for i, b := range c.bounds {
		blo[i], bhi[i] = toIPoint(b.Min), toIPoint(b.Max)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(blo[a].x, blo[b].x) })
	// The rings in runs on all CPUs; the first error in ring order wins.
	const run = 64
	runs := (len(c.rings) + run - 1) / run
	errs := make([]error, runs)
	parallel.Each(runs, func(k int) {
		for _, r := range c.rings[k*run : min((k+1)*run, len(c.rings))] {
			// Candidates: boxes starting at or left of the ring's box.
			n, _ := slices.BinarySearchFunc(order, r.lo.x, func(o int32, x int64) int {
				if blo[o].x <= x {
					return -1
				}
				return 1
			})
			for _, o := range order[:n] {
				if o == r.owner || len(polys[o]) == 0 ||
					bhi[o].x < r.hi.x || blo[o].y > r.lo.y || bhi[o].y < r.hi.y {
					continue
				}
				for _, p := range r.ring {
					side := polygon.Locate(polys[o], p)
					if side == polygon.Inside {
						errs[k] = overlapError(r.owner, o)
						return
					}
					if side == polygon.Outside {
						break
					}
				}
			}
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
