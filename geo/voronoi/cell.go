package voronoi

import (
	"github.com/hubpart/hubpart/geo/delaunay"
	"math"
)

// Construction of one (unclipped but bounded) Voronoi cell.
//
// Every Voronoi edge lies on the bisector of two sites s, n: the line
// through m = (s+n)/2 with direction w = unit(rot90(n-s)), running (for the
// cell of s, counter-clockwise) from the circumcentre of the triangle right
// of s->n to that of the triangle left of it, or from/to infinity on the
// hull. An end whose circumcentre lies beyond the parameter T = 4R + |m-C|
// along the line (C, R: centre and half-diagonal of the working box), or at
// infinity, is replaced by m ± T·w: a point computed from the edge's own,
// local line, outside the box, and bit-identical for the two cells of the
// edge (m is symmetric in s and n, and w flips sign exactly). Circumcentres
// that are used stay exactly shared. This keeps far circumcentres of nearly
// flat triangles (1e17 away, with absolute rounding errors of metres) from
// moving the edges where they cross the box. Between two consecutive
// replaced ends the loop goes round outside the box on a circular arc.

// cellEdge describes one Voronoi edge of the cell being built.
type cellEdge struct {
	n          int32 // neighbour site
	tr, tl     int32 // triangle right / left of s->n, or -1 (infinity)
	start, end [2]float64
	farStart   bool
	farEnd     bool
}

// cell returns the cell polygon of site s, bounded outside the working box,
// as an open counter-clockwise loop.
func (v *builder) cell(s int32) [][2]float64 {
	t := v.t
	if len(t.Triangles) == 0 {
		return v.lineCell(s)
	}
	e0 := v.inedge[s]
	if e0 < 0 {
		return nil
	}
	// Walk clockwise around s collecting the out-edges s->w.
	edges := v.edgeBuf[:0]
	defer func() { v.edgeBuf = edges[:0] }()
	e := e0
	for {
		out := delaunay.NextHalfedge(e)
		tw := t.Halfedges[out]
		tr := int32(-1)
		if tw >= 0 {
			tr = tw / 3
		}
		edges = append(edges, cellEdge{n: t.Triangles[delaunay.NextHalfedge(out)], tl: out / 3, tr: tr})
		e = tw
		if e == -1 || e == e0 {
			break
		}
	}
	if t.Halfedges[e0] == -1 {
		// Hull site: the neighbour u of the incoming hull edge u->s, whose
		// triangle lies right of s->u.
		edges = append(edges, cellEdge{n: t.Triangles[e0], tl: -1, tr: e0 / 3})
	}
	// Reverse to counter-clockwise order.
	for i, j := 0, len(edges)-1; i < j; i, j = i+1, j-1 {
		edges[i], edges[j] = edges[j], edges[i]
	}
	p := t.Points[s]
	for k := range edges {
		v.edgeEnds(p, &edges[k])
	}

	ring := make([][2]float64, 0, len(edges)+4)
	add := func(q [2]float64) {
		if len(ring) == 0 || ring[len(ring)-1] != q {
			ring = append(ring, q)
		}
	}
	for k, ed := range edges {
		prev := edges[(k+len(edges)-1)%len(edges)]
		if prev.tl < 0 && ed.tr < 0 {
			v.arc(prev.end, ed.start, add) // round the hull cell at infinity
		}
		add(ed.start)
		add(ed.end)
	}
	for len(ring) > 1 && ring[0] == ring[len(ring)-1] {
		ring = ring[:len(ring)-1]
	}
	return ring
}

// edgeEnds fills the end points of the Voronoi edge between p and ed.n.
func (v *builder) edgeEnds(p [2]float64, ed *cellEdge) {
	q := v.t.Points[ed.n]
	m := [2]float64{(p[0] + q[0]) / 2, (p[1] + q[1]) / 2}
	w := unit([2]float64{p[1] - q[1], q[0] - p[0]})
	T := 4*v.radius + math.Hypot(m[0]-v.centre[0], m[1]-v.centre[1])
	end := func(tri int32, sign float64) ([2]float64, bool) {
		if tri >= 0 {
			c := v.cc[tri]
			par := (c[0]-m[0])*w[0] + (c[1]-m[1])*w[1]
			if math.Abs(par) <= T && !math.IsNaN(par) {
				return c, false
			}
			if par < 0 {
				sign = -1
			} else {
				sign = 1
			}
		}
		return [2]float64{m[0] + sign*T*w[0], m[1] + sign*T*w[1]}, true
	}
	ed.start, ed.farStart = end(ed.tr, -1)
	ed.end, ed.farEnd = end(ed.tl, 1)
}

// arc calls add for points on a circle around the box centre, going
// counter-clockwise from the direction of a to that of b in steps of at most
// 45°, at 1.5 times the larger radius of a and b (outside the box).
func (v *builder) arc(a, b [2]float64, add func([2]float64)) {
	c := v.centre
	ra := math.Hypot(a[0]-c[0], a[1]-c[1])
	rb := math.Hypot(b[0]-c[0], b[1]-c[1])
	r := max(ra, rb) * 1.5
	t0 := math.Atan2(a[1]-c[1], a[0]-c[0])
	t1 := math.Atan2(b[1]-c[1], b[0]-c[0])
	// The far part of a hull cell spans its recession cone: a sweep from 0
	// (collinear hull neighbours, parallel rays) to pi (an end site of
	// nearly collinear input). A counter-clockwise sweep computed above
	// 1.5 pi is a slightly negative one from rounding: no arc.
	for t1 < t0 {
		t1 += 2 * math.Pi
	}
	if t1-t0 > 1.5*math.Pi || t1 == t0 {
		return
	}
	steps := int(math.Ceil((t1 - t0) / (math.Pi / 4)))
	add([2]float64{c[0] + r*math.Cos(t0), c[1] + r*math.Sin(t0)})
	for k := 1; k < steps; k++ {
		th := t0 + (t1-t0)*float64(k)/float64(steps)
		add([2]float64{c[0] + r*math.Cos(th), c[1] + r*math.Sin(th)})
	}
	add([2]float64{c[0] + r*math.Cos(t1), c[1] + r*math.Sin(t1)})
}
