package voronoi

import (
	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/geo/robust"
	"math"
)

// Snapping of near-degeneracies in ClipConvex: vertices and segments a few
// thousand rounding errors apart (relative tolerance about 1e-12 of the
// coordinate magnitude) are treated as touching. Every decision is a
// function of a vertex, or of an unordered pair of segments, and the clip,
// so two cells sharing an edge decide alike.

// snapVertices replaces every ring vertex lying within about 1e-12 of the
// coordinate magnitude of a clip vertex (of the candidate edges) by that
// vertex, the lexicographically smallest if several, so that a Voronoi
// vertex that rounding put next to a clip corner becomes that corner. The
// result depends only on the vertex and the clip, so cells sharing the
// vertex agree. Repeated vertices are dropped; a ring left without area
// comes back empty. The input is not modified.
func (cr *region) snapVertices(ring [][2]float64, cand []int32) [][2]float64 {
	var out [][2]float64
	for k, p := range ring {
		tol := 1e-12 * max(math.Abs(p[0]), math.Abs(p[1]))
		best, found := p, false
		for _, e := range cand {
			for _, c := range [2][2]float64{cr.edges[e].a, cr.edges[e].b} {
				if c != p && math.Abs(c[0]-p[0]) <= tol && math.Abs(c[1]-p[1]) <= tol &&
					(!found || c[0] < best[0] || (c[0] == best[0] && c[1] < best[1])) {
					best, found = c, true
				}
			}
		}
		if found && out == nil {
			out = append(make([][2]float64, 0, len(ring)), ring[:k]...)
		}
		if out != nil {
			out = append(out, best)
		}
	}
	if out == nil {
		return ring
	}
	var dedup [][2]float64
	for _, p := range out {
		if len(dedup) == 0 || dedup[len(dedup)-1] != p {
			dedup = append(dedup, p)
		}
	}
	for len(dedup) > 1 && dedup[0] == dedup[len(dedup)-1] {
		dedup = dedup[:len(dedup)-1]
	}
	if len(dedup) < 3 || polygon.SignedArea(dedup) <= 0 {
		return nil
	}
	return dedup
}

// near reports whether p is within about 1e-12 of the coordinate
// magnitude from the line through ab (evaluated with ab in canonical order).
func near(a, b, p [2]float64) bool {
	if b[0] < a[0] || (b[0] == a[0] && b[1] < a[1]) {
		a, b = b, a
	}
	dx, dy := b[0]-a[0], b[1]-a[1]
	cross := dx*(p[1]-a[1]) - dy*(p[0]-a[0])
	s := max(math.Abs(a[0]), math.Abs(a[1]), math.Abs(b[0]), math.Abs(b[1]), math.Abs(p[0]), math.Abs(p[1]))
	return math.Abs(cross) <= 1e-12*math.Hypot(dx, dy)*s
}

// alongSeg reports whether p lies on the closed segment ab, up to the
// snapping tolerance of near across the segment.
func alongSeg(a, b, p [2]float64) bool {
	if p == a || p == b {
		return true
	}
	if robust.Orient2D(a, b, p) != 0 && !near(a, b, p) {
		return false
	}
	return within(a, b, p)
}

// within reports whether p, on or next to the line through ab,
// projects strictly inside the segment and is not an endpoint.
func within(a, b, p [2]float64) bool {
	if p == a || p == b {
		return false
	}
	dx, dy := b[0]-a[0], b[1]-a[1]
	return (p[0]-a[0])*dx+(p[1]-a[1])*dy > 0 && (p[0]-b[0])*dx+(p[1]-b[1])*dy < 0
}
