package export

import (
	"cmp"
	"math"
	"slices"

	"github.com/hubpart/hubpart/geo/polygon"

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
// vanished. Holes that vanish are dropped too. A ring that rounding pinched
// (two of its vertices a few centimetres apart became one: a polygon with
// a neck narrower than the grid) is split there into simple rings
// (splitPinches): a loop run the way of its ring is a part of it (a further
// polygon of an outer ring, a further hole of a hole), a loop run the
// other way a hole of an outer ring (an island of a hole). Parts of a
// polygon touching at a point are valid: rings may touch at isolated
// points, never themselves (polygon.Check).
func finishPolygons(mp orb.MultiPolygon, conv func(orb.Point) orb.Point) orb.MultiPolygon {
	out := make(orb.MultiPolygon, 0, len(mp))
	for _, poly := range mp {
		var outers, holes []orb.Ring
		for ri, ring := range poly {
			r := make(orb.Ring, len(ring))
			for i, p := range ring {
				r[i] = conv(p)
			}
			r = cleanRing(r)
			a := 0.0
			if r != nil {
				a = ringArea2(r)
			}
			if a == 0 {
				if ri == 0 {
					break
				}
				continue
			}
			for _, loop := range splitPinches(r) {
				la := ringArea2(loop)
				if la == 0 {
					continue
				}
				sameWay := (la > 0) == (a > 0)
				if sameWay == (ri == 0) { // a part of an outer ring, or an island in a hole
					orient(loop, true)
					outers = append(outers, loop)
				} else {
					orient(loop, false)
					holes = append(holes, loop)
				}
			}
		}
		if len(outers) == 0 {
			continue
		}
		first := len(out)
		for _, r := range outers {
			out = append(out, orb.Polygon{r})
		}
		for _, h := range holes {
			k := first
			if len(outers) > 1 {
				k += holeOwner(outers, h)
			}
			out[k] = append(out[k], h)
		}
	}
	return out
}

// splitPinches returns the closed ring r (cleanRing's result) as simple
// loops: where a vertex recurs, the stretch between its two visits is a
// loop of its own, cleaned in turn (loops that vanish are left out), and
// the rest of the ring goes on from the vertex. A ring without a repeated
// vertex comes back as it is.
func splitPinches(r orb.Ring) []orb.Ring {
	pts := r[:len(r)-1]
	if !hasRepeat(pts) {
		return []orb.Ring{r}
	}
	var loops []orb.Ring
	at := make(map[orb.Point]int, len(pts)) // vertex -> index in path
	path := make([]orb.Point, 0, len(pts))
	for _, p := range pts {
		i, ok := at[p]
		if !ok {
			at[p] = len(path)
			path = append(path, p)
			continue
		}
		loop := append(slices.Clone(path[i:]), p)
		if loop = cleanRing(loop); loop != nil {
			loops = append(loops, loop)
		}
		for _, q := range path[i+1:] {
			delete(at, q)
		}
		path = path[:i+1]
	}
	if loop := cleanRing(append(path, path[0])); loop != nil {
		loops = append(loops, loop)
	}
	return loops
}

// hasRepeat reports whether a vertex occurs twice in pts.
func hasRepeat(pts []orb.Point) bool {
	s := slices.Clone(pts)
	slices.SortFunc(s, func(a, b orb.Point) int {
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return cmp.Compare(a[1], b[1])
	})
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] {
			return true
		}
	}
	return false
}

// holeOwner returns the index of the outer ring that holds hole h: the
// first with one of h's vertices inside it (h touches its owner at points
// at most, so some vertex of h lies strictly inside), else 0.
func holeOwner(outers []orb.Ring, h orb.Ring) int {
	for k, o := range outers {
	vertices:
		for _, p := range h[:len(h)-1] {
			switch polygon.RingSide(o, p) {
			case polygon.Inside:
				return k
			case polygon.Outside:
				break vertices // not in o: try the next outer ring
			}
		}
	}
	return 0
}
