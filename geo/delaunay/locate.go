package delaunay

import (
	"fmt"
	"github.com/hubpart/hubpart/geo/robust"
)

// Insertion of a site that lies inside the current hull.
//
// The sweep inserts sites in order of floating-point distance from its
// centre, so every new site is outside the hull of the earlier ones except
// when rounding reorders nearly equidistant sites. Such a site is found by a
// visibility walk through the triangles and inserted by splitting the
// triangle (three new triangles) or, when it lies exactly on an edge, the
// one or two triangles sharing that edge; the new edges are then legalized
// as usual. This path is rare, but it is what makes the result exact for
// every input instead of dropping the site.

// insertInside inserts site i, which lies in the closed current hull.
// from is a hull site near i, used to start the walk.
func (s *sweep) insertInside(i int32, from int32) error {
	e, onEdge := s.locate(s.pts[i], s.hullTri[from]/3)
	if e < 0 {
		return fmt.Errorf("%w: site %d not found in the hull", errInternal, i)
	}
	if onEdge {
		s.splitEdge(i, e)
	} else {
		s.splitTriangle(i, e/3)
	}
	return nil
}

// locate finds the triangle containing p, walking from triangle t towards p
// (walkTo). It returns a half-edge of the containing triangle and whether p
// lies exactly on that half-edge (onEdge), or -1 when p is in no triangle.
// Should the walk give up, an exhaustive search guards against surprises.
func (s *sweep) locate(p [2]float64, t int32) (e int32, onEdge bool) {
	switch t = walkTo(s.triangles, s.halfedges, s.pts, p, t); t {
	case -1:
		return -1, false // outside the hull
	case -2:
		for t := range int32(len(s.triangles) / 3) {
			if e, on := s.classify(p, t); e >= 0 {
				return e, on
			}
		}
		return -1, false
	}
	return s.classify(p, t)
}

// walkTo returns the triangle holding p (one of them when p is on an edge),
// walking from triangle t across any edge that has p strictly on its outer
// side, in a triangulation whose triangles tri index pts (he: their
// half-edges' twins); -1 when the walk leaves through the hull (p is
// outside it). The walk terminates on Delaunay triangulations; it gives up
// (-2) after more steps than there are half-edges.
func walkTo(tri, he []int32, pts [][2]float64, p [2]float64, t int32) int32 {
	for step := 0; step < len(tri)+16; step++ {
		moved := false
		for k := range int32(3) {
			e := 3*t + (k+int32(step))%3 // rotate the first edge tried
			if robust.Orient2D(pts[tri[e]], pts[tri[NextHalfedge(e)]], p) < 0 {
				if he[e] < 0 {
					return -1
				}
				t = he[e] / 3
				moved = true
				break
			}
		}
		if !moved {
			return t
		}
	}
	return -2
}

// classify reports whether p is in the closed triangle t: the half-edge p
// lies on (onEdge) or the triangle's first half-edge, or -1 when p is
// outside. A p at a vertex, impossible for distinct sites, yields -1.
func (s *sweep) classify(p [2]float64, t int32) (e int32, onEdge bool) {
	tri, pts := s.triangles, s.pts
	zero, zeros := int32(-1), 0
	for k := range int32(3) {
		e := 3*t + k
		o := robust.Orient2D(pts[tri[e]], pts[tri[NextHalfedge(e)]], p)
		if o < 0 {
			return -1, false
		}
		if o == 0 {
			zero, zeros = e, zeros+1
		}
	}
	switch zeros {
	case 0:
		return 3 * t, false
	case 1:
		return zero, true
	}
	return -1, false
}

// splitTriangle inserts p strictly inside triangle t = (v0, v1, v2),
// replacing it by (v0, v1, p), (v1, v2, p) and (v2, v0, p).
func (s *sweep) splitTriangle(p, t int32) {
	e := 3 * t
	v0, v1, v2 := s.triangles[e], s.triangles[e+1], s.triangles[e+2]
	h1, h2 := s.halfedges[e+1], s.halfedges[e+2]

	s.triangles[e+2] = p // (v0, v1, p); v0->v1 keeps its twin
	t1 := s.addTriangle(v1, v2, p, -1, -1, e+1)
	t2 := s.addTriangle(v2, v0, p, -1, e+2, t1+1)
	s.setEdge(t1, h1)
	s.setEdge(t2, h2)

	s.legalize(e)
	s.legalize(t1)
	s.legalize(t2)
}

// splitEdge inserts p on half-edge e = a->b of triangle (a, b, c). The
// triangle becomes (c, a, p) and (b, c, p); a neighbour (b, a, d) across the
// edge becomes (a, d, p) and (d, b, p). Without a neighbour the edge was on
// the hull and p joins the hull between a and b.
func (s *sweep) splitEdge(p, e int32) {
	tri, he := s.triangles, s.halfedges
	f := he[e]
	a, b, c := tri[e], tri[NextHalfedge(e)], tri[PrevHalfedge(e)]
	hbc, hca := he[NextHalfedge(e)], he[PrevHalfedge(e)]
	t0 := e - e%3
	var d, had, hdb int32
	if f >= 0 {
		d = tri[PrevHalfedge(f)]
		had, hdb = he[NextHalfedge(f)], he[PrevHalfedge(f)]
	}

	// (c, a, p) in place of (a, b, c).
	tri[t0], tri[t0+1], tri[t0+2] = c, a, p
	s.setEdge(t0, hca)
	// (b, c, p): b->c, c->p (twin p->c of t0), p->b.
	t1 := s.addTriangle(b, c, p, -1, t0+2, -1)
	s.setEdge(t1, hbc)

	if f < 0 {
		// a->b was a hull edge: now a->p and p->b are.
		s.setEdge(t0+1, -1)
		s.setEdge(t1+2, -1)
		s.hullNext[a], s.hullPrev[p] = p, a
		s.hullNext[p], s.hullPrev[b] = b, p
		s.hullHash[s.hashKey(s.pts[p])] = p
	} else {
		u0 := f - f%3
		// (a, d, p) in place of (b, a, d): a->d, d->p, p->a (twin a->p of t0).
		s.triangles[u0], s.triangles[u0+1], s.triangles[u0+2] = a, d, p
		s.setEdge(u0, had)
		s.link(u0+2, t0+1)
		// (d, b, p): d->b, b->p (twin p->b of t1), p->d (twin d->p of u0).
		u1 := s.addTriangle(d, b, p, -1, t1+2, u0+1)
		s.setEdge(u1, hdb)
		s.legalize(u0)
		s.legalize(u1)
	}
	s.legalize(t0)
	s.legalize(t1)
}
