package export

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/geo/voronoi"
)

// lonLat turns planar group polygons (projected metres) into valid [lon,
// lat] polygons wherever the data lie. Longitudes are first made
// continuous about the data's own centre (the projection's), so a region
// across the antimeridian is one piece; a polygon around a pole gets its
// ring closed along the pole's latitude, as GeoJSON draws polar regions;
// and any polygon reaching past ±180° is cut there into pieces that each
// stay within [-180, 180] (RFC 7946 §3.1.9), so no edge crosses the
// antimeridian.
type lonLat struct {
	lon0  float64
	poles []pole // pole images within the projection's range
	dense bool   // densify edges whose lon/lat chord strays from the true edge
}

type pole struct {
	xy  orb.Point
	lat float64
}

func newLonLat(proj *geo.Projection) *lonLat {
	w := &lonLat{lon0: proj.Centre()[0]}
	for _, lat := range []float64{90, -90} {
		xy := proj.Forward(orb.Point{0, lat})
		if !math.IsInf(xy[0], 0) && !math.IsNaN(xy[0]) && !math.IsInf(xy[1], 0) && !math.IsNaN(xy[1]) {
			w.poles = append(w.poles, pole{orb.Point(xy), lat})
		}
	}
	return w
}

// finish converts mp (planar) with conv (unproject and round), makes the
// longitudes continuous, closes polar rings, cuts at the antimeridian and
// repairs and orients the rings (finishPolygons).
func (w *lonLat) finish(mp orb.MultiPolygon, conv func(orb.Point) orb.Point) orb.MultiPolygon {
	out := make(orb.MultiPolygon, 0, len(mp))
	wide := false
	for _, poly := range mp {
		poly = w.throughPoles(poly)
		polar := 0.0
		for _, pl := range w.poles {
			if len(poly) > 0 && polygon.Contains(orb.MultiPolygon{poly}, pl.xy) && !touchesPole(poly[0], conv) {
				polar = pl.lat
			}
		}
		var q orb.Polygon
		for ri, ring := range poly {
			if w.dense {
				ring = densify(ring, conv)
			}
			var r orb.Ring
			if ri == 0 && polar != 0 {
				r = w.polarRing(ring, conv, polar)
			} else {
				r = w.continuous(ring, conv)
			}
			for _, p := range r {
				wide = wide || p[0] < -180 || p[0] > 180
			}
			q = append(q, r)
		}
		out = append(out, q)
	}
	out = finishPolygons(out, roundPoint)
	if wide {
		out = finishPolygons(cutAntimeridian(out), roundPoint)
	}
	return out
}

// continuous converts a ring that does not go around a pole: longitudes
// follow the ring continuously from near the centre. A vertex on a pole
// (where longitude means nothing) becomes an edge along the pole's
// latitude, from the longitude the ring arrives with to the one it leaves
// with, run the way that spans the ring's angle at the pole (poleEdgeEnd).
func (w *lonLat) continuous(ring orb.Ring, conv func(orb.Point) orb.Point) orb.Ring {
	ccw := polygon.SignedArea(ring) > 0
	open := ring
	if len(open) > 1 && open[0] == open[len(open)-1] {
		open = open[:len(open)-1]
	}
	n := len(open)
	ll := make([]orb.Point, n)
	start := -1
	for i, p := range open {
		ll[i] = conv(p)
		if start < 0 && math.Abs(ll[i][1]) != 90 {
			start = i
		}
	}
	if start < 0 {
		return nil // every vertex on a pole: no area
	}
	r := make(orb.Ring, 0, n+4)
	prev := w.lon0
	for k := range n {
		p := ll[(start+k)%n]
		if math.Abs(p[1]) == 90 {
			next := ll[(start+k+1)%n]
			if math.Abs(next[1]) == 90 {
				continue
			}
			end := poleEdgeEnd(prev, next[0], ccw == (p[1] < 0))
			r = append(r, orb.Point{prev, p[1]}, orb.Point{end, p[1]})
			prev = end
			continue
		}
		q := w.near(p, prev)
		r = append(r, q)
		prev = q[0]
	}
	return append(r, r[0])
}

// poleSnap is how close (in metres, in the plane) an edge must pass to a
// pole's image for throughPoles to put the pole on it: half the output
// grid's step in latitude (1e-6°, 0.11 m), so the boundary moves by less
// than the rounding moves it anyway. Sites equally far from a pole put it
// on or within a few millimetres of their cells' shared edge (the plane's
// bisectors are not quite the sphere's), where rounding to the grid could
// not tell on which side of the pole the edge passes.
const poleSnap = 0.05

// throughPoles returns poly with each pole image that lies on an edge of
// one of its rings inserted there as a vertex (a copy, when there is
// one), so that a ring passing over a pole is converted like one with a
// vertex on it: the two groups sharing the edge then both close along the
// pole's latitude, each on its own side (continuous), instead of one
// going around the pole and the other jumping 180° in longitude across
// it. Both insert the same point, so the edge stays shared.
func (w *lonLat) throughPoles(poly orb.Polygon) orb.Polygon {
	out := poly
	for ri, ring := range poly {
		var r orb.Ring
		for i := 0; i+1 < len(ring); i++ {
			a, b := ring[i], ring[i+1]
			if r != nil {
				r = append(r, a)
			}
			for _, pl := range w.poles {
				if p := pl.xy; p != a && p != b && onSegment(a, b, p, poleSnap) {
					if r == nil {
						r = append(make(orb.Ring, 0, len(ring)+2), ring[:i+1]...)
					}
					r = append(r, p)
				}
			}
		}
		if r != nil {
			if out == nil || &out[0] == &poly[0] {
				out = append(orb.Polygon(nil), poly...)
			}
			out[ri] = append(r, ring[len(ring)-1])
		}
	}
	return out
}

// onSegment reports whether p lies within tol of the segment from a to b,
// strictly between its ends.
func onSegment(a, b, p orb.Point, tol float64) bool {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return false
	}
	t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / l2
	if t <= 0 || t >= 1 {
		return false
	}
	ex, ey := a[0]+t*dx-p[0], a[1]+t*dy-p[1]
	return ex*ex+ey*ey <= tol*tol
}

// poleEdgeEnd returns the longitude at which an edge along a pole's
// latitude, begun at longitude from, reaches a vertex of longitude to
// (mod 360°), running east when east is set and west otherwise. A ring
// wound counter-clockwise in the plane is wound counter-clockwise in
// [lon, lat] too (the projection is conformal), so with its inside on the
// left it runs east along the south pole's latitude and west along the
// north pole's, the other way when wound clockwise. The edge then spans
// the ring's angle at the pole, which may be more than 180° (a hub
// holding most of the sites around a pole): taking the shorter way round
// would turn such a hub inside out. Equal longitudes (mod 360°) give no
// edge.
func poleEdgeEnd(from, to float64, east bool) float64 {
	d := math.Mod(to-from, 360)
	switch {
	case d == 0:
	case east && d < 0:
		d += 360
	case !east && d > 0:
		d -= 360
	}
	return round6(from + d)
}

// touchesPole reports whether a vertex of ring lies on a pole once
// converted: the ring then passes through the pole instead of around it.
func touchesPole(ring orb.Ring, conv func(orb.Point) orb.Point) bool {
	for _, v := range ring {
		if math.Abs(conv(v)[1]) == 90 {
			return true
		}
	}
	return false
}

// near returns p with its longitude moved by a multiple of 360° to within
// 180° of lon.
func (w *lonLat) near(p orb.Point, lon float64) orb.Point {
	d := p[0] - lon
	if d > 180 || d < -180 {
		p[0] = round6(p[0] - 360*math.Round(d/360))
	}
	return p
}

// polarRing converts the outer ring of a polygon around a pole. Its
// longitudes follow the ring continuously, so they end 360° from where
// they began; the ring is opened where it crosses the antimeridian, so it
// runs from -180° to 180° (or back), and closed along the pole's latitude,
// as GeoJSON draws polar regions.
func (w *lonLat) polarRing(ring orb.Ring, conv func(orb.Point) orb.Point, lat float64) orb.Ring {
	open := ring
	if len(open) > 1 && open[0] == open[len(open)-1] {
		open = open[:len(open)-1]
	}
	if len(open) < 3 {
		return nil
	}
	r := make(orb.Ring, 0, len(open)+1)
	prev := w.near(conv(open[0]), w.lon0)
	r = append(r, prev)
	for _, p := range open[1:] {
		prev = w.near(conv(p), prev[0])
		r = append(r, prev)
	}
	end := w.near(r[0], prev[0]) // r[0] moved by ±360° after one turn
	turn := end[0] - r[0][0]
	if math.Abs(turn) < 180 {
		return append(r, r[0]) // no turn after all (the pole on the boundary)
	}
	r = append(r, end)
	// the meridian ≡ 180° (mod 360°) first crossed, and where
	m := 180 + 360*math.Floor((r[0][0]-180)/360)
	if turn > 0 {
		for m <= r[0][0] {
			m += 360
		}
	} else {
		for m >= r[0][0] {
			m -= 360
		}
	}
	k := 0
	for k+1 < len(r) && (r[k+1][0]-m)*(r[k][0]-m) > 0 {
		k++
	}
	a, b := r[k], r[k+1]
	c := orb.Point{m, a[1]}
	if b[0] != a[0] {
		c[1] = round6(a[1] + (m-a[0])/(b[0]-a[0])*(b[1]-a[1]))
	}
	shift := 360 * math.Copysign(1, turn)
	out := make(orb.Ring, 0, len(r)+4)
	out = append(out, c)
	out = append(out, r[k+1:]...)
	for _, p := range r[1 : k+1] {
		out = append(out, orb.Point{round6(p[0] + shift), p[1]})
	}
	cEnd := orb.Point{round6(m + shift), c[1]}
	out = append(out, cEnd, orb.Point{cEnd[0], lat}, orb.Point{m, lat}, c)
	// move the ring into [-180, 180]
	off := 360 * math.Round((math.Min(m, cEnd[0])+180)/360)
	for i := range out {
		out[i][0] = round6(out[i][0] - off)
	}
	return out
}

// cutAntimeridian cuts every polygon at the meridians ±180° (and ±540°)
// and moves each piece into [-180, 180].
func cutAntimeridian(mp orb.MultiPolygon) orb.MultiPolygon {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, poly := range mp {
		for _, ring := range poly {
			for _, p := range ring {
				lo, hi = min(lo, p[0]), max(hi, p[0])
			}
		}
	}
	var out orb.MultiPolygon
	for k := math.Floor((lo + 180) / 360); k*360-180 < hi; k++ {
		west, east := k*360-180, k*360+180
		box := orb.Ring{{west, -90}, {east, -90}, {east, 90}, {west, 90}, {west, -90}}
		for _, poly := range voronoi.ClipConvex(box, mp) {
			for _, ring := range poly {
				for i := range ring {
					ring[i] = orb.Point{round6(ring[i][0] - k*360), ring[i][1]}
				}
			}
			out = append(out, poly)
		}
	}
	return out
}

// densify inserts planar midpoints into every edge of ring whose [lon,
// lat] chord strays more than half a grid step from the image of the edge's
// midpoint (near a pole, a short straight edge of the plane is a long curve
// in longitude). Each edge is divided the same way in either direction, so
// edges shared by two polygons stay shared.
func densify(ring orb.Ring, conv func(orb.Point) orb.Point) orb.Ring {
	if len(ring) < 2 {
		return ring
	}
	out := orb.Ring{ring[0]}
	for i := 0; i+1 < len(ring); i++ {
		a, b := ring[i], ring[i+1]
		var mid []orb.Point
		if a[0] < b[0] || a[0] == b[0] && a[1] < b[1] {
			mid = split(a, b, conv, 0)
		} else {
			mid = split(b, a, conv, 0)
			for l, r := 0, len(mid)-1; l < r; l, r = l+1, r-1 {
				mid[l], mid[r] = mid[r], mid[l]
			}
		}
		out = append(out, mid...)
		out = append(out, b)
	}
	return out
}

// split returns the points strictly between a and b that densify needs.
func split(a, b orb.Point, conv func(orb.Point) orb.Point, depth int) []orb.Point {
	if depth >= 10 {
		return nil
	}
	m := orb.Point{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}
	ga, gb, gm := conv(a), conv(b), conv(m)
	dl := math.Remainder(gb[0]-ga[0], 360)
	cl := ga[0] + dl/2
	if math.Abs(math.Remainder(gm[0]-cl, 360)) <= 0.5/roundScale && math.Abs(gm[1]-(ga[1]+gb[1])/2) <= 0.5/roundScale {
		return nil
	}
	out := split(a, m, conv, depth+1)
	out = append(out, m)
	return append(out, split(m, b, conv, depth+1)...)
}

// containsPractice reports whether the practice at p lies in mp or on its
// boundary (polygon.Contains). A practice on a pole, where longitude means
// nothing, is contained when the polygon reaches that pole (has a vertex
// on its latitude).
func containsPractice(mp orb.MultiPolygon, p orb.Point) bool {
	if p[1] == 90 || p[1] == -90 {
		for _, poly := range mp {
			for _, ring := range poly {
				for _, v := range ring {
					if v[1] == p[1] {
						return true
					}
				}
			}
		}
		return false
	}
	return polygon.Contains(mp, p)
}
