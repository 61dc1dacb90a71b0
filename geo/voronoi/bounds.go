package voronoi

import (
	"cmp"
	"math"
	"slices"

	"github.com/hubpart/hubpart/geo/robust"
	"github.com/paulmach/orb"
)

// box is the axis-aligned working box of Cells.
type box struct{ minX, minY, maxX, maxY float64 }

// clip cuts the convex loop to the box (Sutherland–Hodgman, exact for a
// convex subject against a convex box). Cut points are computed from the
// unordered edge, so two cells sharing an edge get identical points. A loop
// already inside the box is returned as is.
func (b box) clip(loop [][2]float64) [][2]float64 {
	inside := true
	for _, p := range loop {
		if p[0] < b.minX || p[0] > b.maxX || p[1] < b.minY || p[1] > b.maxY {
			inside = false
			break
		}
	}
	if inside {
		return loop
	}
	for side := range 4 {
		loop = clipSide(loop, side, [4]float64{b.minX, b.maxX, b.minY, b.maxY}[side])
		if len(loop) < 3 {
			return nil
		}
	}
	return loop
}

// clipSide keeps the part of loop with x >= c (side 0), x <= c (1),
// y >= c (2) or y <= c (3).
func clipSide(loop [][2]float64, side int, c float64) [][2]float64 {
	ax := side / 2 // 0: x, 1: y
	keep := func(p [2]float64) bool {
		if side%2 == 0 {
			return p[ax] >= c
		}
		return p[ax] <= c
	}
	out := make([][2]float64, 0, len(loop)+2)
	add := func(p [2]float64) {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	for k := range loop {
		p, q := loop[k], loop[(k+1)%len(loop)]
		kp, kq := keep(p), keep(q)
		if kp {
			add(p)
		}
		if kp != kq {
			add(cut(p, q, ax, c))
		}
	}
	for len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	return out
}

// cut returns the point of segment pq on the line coordinate[ax] == c,
// independent of the order of p and q.
func cut(p, q [2]float64, ax int, c float64) [2]float64 {
	if q[0] < p[0] || (q[0] == p[0] && q[1] < p[1]) {
		p, q = q, p
	}
	o := 1 - ax
	t := (c - p[ax]) / (q[ax] - p[ax])
	var r [2]float64
	r[ax] = c
	r[o] = p[o] + t*(q[o]-p[o])
	r[o] = min(max(r[o], min(p[o], q[o])), max(p[o], q[o]))
	return r
}

// defaultClip returns the convex hull of the sites buffered by the margin:
// the convex hull of 16 points around every hull site.
func (v *builder) defaultClip() orb.MultiPolygon {
	var pts [][2]float64
	for _, s := range v.t.Hull {
		pts = append(pts, regularPolygon(v.t.Points[s], v.margin, 16)...)
	}
	if len(v.t.Hull) == 0 {
		for i, p := range v.t.Points {
			if int(v.t.Rep[i]) == i {
				pts = append(pts, regularPolygon(p, v.margin, 16)...)
			}
		}
	}
	h := convexHull(pts)
	return orb.MultiPolygon{{closeLoop(h)}}
}

// convexHull returns the convex hull (CCW, no collinear points) of pts
// by Andrew's monotone chain with exact orientation tests.
func convexHull(pts [][2]float64) [][2]float64 {
	pts = slices.Clone(pts)
	slices.SortFunc(pts, func(a, b [2]float64) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	pts = slices.Compact(pts)
	if len(pts) < 3 {
		return pts
	}
	h := make([][2]float64, 0, 2*len(pts))
	for _, p := range pts {
		for len(h) >= 2 && robust.Orient2D(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	lower := len(h) + 1
	for i := len(pts) - 2; i >= 0; i-- {
		p := pts[i]
		for len(h) >= lower && robust.Orient2D(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	return h[:len(h)-1]
}

// prepareLine sets up cells for input without triangles: the distinct
// sites (t.Hull) are on one line, sorted along it; the cells are strips
// between parallel bisectors, bounded far outside the box.
func (v *builder) prepareLine(centre [2]float64, radius float64) {
	h := v.t.Hull
	P := v.t.Points
	v.far = 4 * (radius + math.Hypot(P[h[0]][0]-centre[0], P[h[0]][1]-centre[1]))
	if len(h) < 2 {
		return
	}
	v.lineU = unit([2]float64{P[h[len(h)-1]][0] - P[h[0]][0], P[h[len(h)-1]][1] - P[h[0]][1]})
	v.lineN = [2]float64{-v.lineU[1], v.lineU[0]}
	v.linePos = make([]int32, len(P))
	for i := range v.linePos {
		v.linePos[i] = -1
	}
	for k, s := range h {
		v.linePos[s] = int32(k)
	}
	v.lineLo = make([][2]float64, len(h)+1)
	v.lineHi = make([][2]float64, len(h)+1)
	L, u, nv := v.far, v.lineU, v.lineN
	for k := 0; k <= len(h); k++ {
		var m [2]float64
		switch k {
		case 0:
			m = [2]float64{P[h[0]][0] - L*u[0], P[h[0]][1] - L*u[1]}
		case len(h):
			m = [2]float64{P[h[k-1]][0] + L*u[0], P[h[k-1]][1] + L*u[1]}
		default:
			a, b := P[h[k-1]], P[h[k]]
			m = [2]float64{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}
		}
		v.lineLo[k] = [2]float64{m[0] - L*nv[0], m[1] - L*nv[1]}
		v.lineHi[k] = [2]float64{m[0] + L*nv[0], m[1] + L*nv[1]}
	}
}

// lineCell returns the strip cell of site s for input without triangles.
func (v *builder) lineCell(s int32) [][2]float64 {
	h := v.t.Hull
	if len(h) == 1 {
		b := v.box
		return [][2]float64{{b.minX, b.minY}, {b.maxX, b.minY}, {b.maxX, b.maxY}, {b.minX, b.maxY}}
	}
	k := v.linePos[s]
	if k < 0 {
		return nil
	}
	return [][2]float64{v.lineLo[k], v.lineLo[k+1], v.lineHi[k+1], v.lineHi[k]}
}
