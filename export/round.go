package export

import (
	"math"

	"github.com/paulmach/orb"
)

// Decimals is the number of decimal places of every output coordinate
// (1e-6 degree: about 0.11 m of latitude).
const Decimals = 6

const roundScale = 1e6

func round6(v float64) float64 { return math.Round(v*roundScale) / roundScale }

func roundPoint(p orb.Point) orb.Point { return orb.Point{round6(p[0]), round6(p[1])} }

// cleanRing repairs the defects rounding can create in a closed ring:
// consecutive duplicate vertices, zero-area spikes (a vertex where the ring
// turns back on itself, A-B-A or A-B-C with C on AB) and collinear vertices
// whose removal changes nothing. It returns nil when fewer than three
// distinct vertices remain. The result is closed (first == last).
func cleanRing(r orb.Ring) orb.Ring {
	if len(r) == 0 {
		return nil
	}
	// Work on the open vertex list.
	pts := make([]orb.Point, 0, len(r))
	for _, p := range r {
		if len(pts) == 0 || pts[len(pts)-1] != p {
			pts = append(pts, p)
		}
	}
	if len(pts) > 1 && pts[0] == pts[len(pts)-1] {
		pts = pts[:len(pts)-1]
	}
	for changed := true; changed && len(pts) >= 3; {
		changed = false
		out := pts[:0:0]
		n := len(pts)
		for i := 0; i < n; i++ {
			var prev orb.Point
			if len(out) > 0 {
				prev = out[len(out)-1]
			} else {
				prev = pts[(i+n-1)%n]
			}
			cur, next := pts[i], pts[(i+1)%n]
			if cur == prev || spike(prev, cur, next) {
				changed = true
				continue
			}
			out = append(out, cur)
		}
		// The first vertex may now form a spike with the new last one.
		pts = out
	}
	if len(pts) < 3 {
		return nil
	}
	res := make(orb.Ring, 0, len(pts)+1)
	res = append(res, pts...)
	return append(res, pts[0])
}

// spike reports whether b is a zero-area turn-back between a and c: the
// three are collinear and the path reverses direction at b (or c == a).
// Coordinates are on the 1e-6 grid, so the test runs exactly in integer
// micro-degrees.
func spike(a, b, c orb.Point) bool {
	if a == c {
		return true
	}
	ax, ay := micro(a)
	bx, by := micro(b)
	cx, cy := micro(c)
	if (bx-ax)*(cy-by)-(by-ay)*(cx-bx) != 0 {
		return false
	}
	return (bx-ax)*(cx-bx)+(by-ay)*(cy-by) < 0
}

func micro(p orb.Point) (int64, int64) {
	return int64(math.Round(p[0] * roundScale)), int64(math.Round(p[1] * roundScale))
}

// ringArea2 is twice the signed (shoelace) area; > 0 for counter-clockwise.
// It stays apart from polygon.SignedArea on purpose: on rounded, nearly
// degenerate rings the sum relative to the first point can keep its sign when
// the ring is reversed, which FuzzFinishPolygons found (regression input
// 2d9572bb3e79cf0b); this summation is the one the fuzzer has vetted here.
func ringArea2(r orb.Ring) float64 {
	var s float64
	for i := 0; i+1 < len(r); i++ {
		s += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return s
}

// orient makes r counter-clockwise if ccw, else clockwise (RFC 7946: outer
// rings CCW, holes CW). It reverses r in place when needed.
func orient(r orb.Ring, ccw bool) {
	if (ringArea2(r) > 0) != ccw {
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
	}
}

// finishPolygons rounds every vertex (via conv, which also unprojects),
// repairs the rings, orients them and drops polygons whose outer ring
// vanished. Holes that vanish are dropped too.
func finishPolygons(mp orb.MultiPolygon, conv func(orb.Point) orb.Point) orb.MultiPolygon {
	out := make(orb.MultiPolygon, 0, len(mp))
	for _, poly := range mp {
		var q orb.Polygon
		for ri, ring := range poly {
			r := make(orb.Ring, len(ring))
			for i, p := range ring {
				r[i] = conv(p)
			}
			r = cleanRing(r)
			if r == nil || ringArea2(r) == 0 {
				if ri == 0 {
					break
				}
				continue
			}
			orient(r, ri == 0)
			q = append(q, r)
		}
		if len(q) > 0 {
			out = append(out, q)
		}
	}
	return out
}
