package synth

import (
	"math"

	"github.com/paulmach/orb"
)

// The local frame: x east, y north, metres from the centre of the country.
const (
	centreLonMicro  = -1_500_000  // centre longitude, micro-degrees (1.5°W)
	centreLatMicro  = 52_500_000  // centre latitude, micro-degrees (52.5°N)
	metresPerDegLat = 111_195.0   // π × 6,371,008.8 m / 180
	cosCentreLat    = 0.608761429 // cos 52.5°, to nine places (a fixed constant of the frame)

	microPerMetreLat = 1e6 / metresPerDegLat
	microPerMetreLon = 1e6 / (metresPerDegLat * cosCentreLat)
)

// Shapes of the land, metres.
const (
	mainlandSemiX    = 200_000.0 // east–west semi-axis
	mainlandSemiY    = 300_000.0 // north–south semi-axis
	mainlandVertices = 720
	mainlandHarmonic = 48   // highest harmonic of the outline
	mainlandWobble   = 0.36 // total amplitude of the harmonics (relative radius)
	mainlandJitter   = 0.005

	islandSemiX    = 19_000.0 // like the Isle of Wight: ~38 × 22 km
	islandSemiY    = 11_000.0
	islandVertices = 96
	islandGap      = 4_000 // at least this far offshore

	isletSemiX    = 3_000.0 // like the Isles of Scilly, much simplified
	isletSemiY    = 2_500.0
	isletVertices = 24
	isletGap      = 40_000
)

// microLon converts an east offset in metres to micro-degrees of longitude.
func microLon(dx float64) int64 { return int64(math.Round(float64(dx * microPerMetreLon))) }

// microLat converts a north offset in metres to micro-degrees of latitude.
func microLat(dy float64) int64 { return int64(math.Round(float64(dy * microPerMetreLat))) }

// land is the generated boundary: three rings on the micro-degree grid, and
// a point inside each island used as the centre of its settlement.
type land struct {
	rings            []*ringIndex // 0 mainland, 1 island, 2 islet
	islandX, islandY int64        // micro-degrees
	isletX, isletY   int64
}

// starRing returns an open ring of m vertices in metres around the origin:
// vertex j lies at s_j·(semiX cos θ_j, semiY sin θ_j), θ_j = 2πj/m, where
// s_j = 1 + Σ_k a_k sin(kθ_j + φ_k) + jitter stays within [1−wobble−jitter,
// 1+wobble+jitter]. With wobble + jitter < 1 every s_j is positive, the
// direction of vertex j increases strictly with j, and so the ring is
// simple, star-shaped about the origin, and counter-clockwise.
func starRing(r *rng, m, harmonics int, semiX, semiY, wobble, jitter float64) (x, y []int64) {
	amp := make([]float64, harmonics+1)
	phase := make([]int, harmonics+1)
	total := 0.0
	for k := 2; k <= harmonics; k++ {
		amp[k] = (0.3 + float64(0.7*r.float())) / float64(k)
		phase[k] = r.intn(m)
		total += amp[k]
	}
	for k := 2; k <= harmonics; k++ {
		amp[k] = float64(amp[k]*wobble) / total
	}
	x, y = make([]int64, m), make([]int64, m)
	for j := range m {
		s := 1.0
		for k := 2; k <= harmonics; k++ {
			_, sn := turn(k*j+phase[k], m)
			s += float64(amp[k] * sn)
		}
		s += float64(jitter * (float64(2*r.float()) - 1))
		c, sn := turn(j, m)
		x[j] = int64(math.Round(float64(float64(semiX*s) * c)))
		y[j] = int64(math.Round(float64(float64(semiY*s) * sn)))
	}
	return x, y
}

// isqrtCeil returns the smallest integer s with s² >= v (v >= 0).
func isqrtCeil(v int64) int64 {
	s := int64(math.Sqrt(float64(v)))
	for s*s < v {
		s++
	}
	for s > 0 && (s-1)*(s-1) >= v {
		s--
	}
	return s
}

// offshore walks from the origin in steps of (sx, sy) metres and returns the
// first centre for the island ring (ix, iy) (relative to its centre) such
// that the centre lies outside the mainland and every island vertex is at
// least gap + (longest mainland edge + longest island edge)/2 from every
// mainland vertex. Every point of an edge is within half its length of one
// of its ends, so the two coastlines are then at least gap apart; as the
// island's centre is outside the mainland and the mainland's centre (the
// origin) is far outside the island, the two polygons are disjoint. The
// arithmetic is exact.
func offshore(mx, my []int64, main *ringIndex, ix, iy []int64, sx, sy, gap int64) (cx, cy int64) {
	need := gap + (longestEdge(mx, my)+longestEdge(ix, iy)+1)/2
	need2 := need * need
	for t := int64(1); ; t++ {
		cx, cy = t*sx, t*sy
		if main.contains(cx, cy) {
			continue
		}
		if clearOf(mx, my, ix, iy, cx, cy, need2) {
			return cx, cy
		}
	}
}

// clearOf reports whether every vertex (ix+cx, iy+cy) is at least
// sqrt(need2) from every vertex (mx, my).
func clearOf(mx, my, ix, iy []int64, cx, cy, need2 int64) bool {
	for j := range ix {
		px, py := ix[j]+cx, iy[j]+cy
		for i := range mx {
			dx, dy := mx[i]-px, my[i]-py
			if dx*dx+dy*dy < need2 {
				return false
			}
		}
	}
	return true
}

// longestEdge returns the length of the longest edge of the open ring,
// rounded up.
func longestEdge(x, y []int64) int64 {
	var e2 int64
	for i := range x {
		j := (i + 1) % len(x)
		dx, dy := x[j]-x[i], y[j]-y[i]
		e2 = max(e2, dx*dx+dy*dy)
	}
	return isqrtCeil(e2)
}

// toMicro converts a ring in metres, offset by (ox, oy), to micro-degrees.
func toMicro(x, y []int64, ox, oy int64) (lon, lat []int64) {
	lon, lat = make([]int64, len(x)), make([]int64, len(x))
	for i := range x {
		lon[i] = centreLonMicro + microLon(float64(x[i]+ox))
		lat[i] = centreLatMicro + microLat(float64(y[i]+oy))
	}
	return lon, lat
}

// newLand generates the mainland, the island to its south and the islet
// far to its west-south-west. It depends only on the seed.
func newLand(seed uint64) *land {
	r := newRNG(seed, streamBoundary)
	mx, my := starRing(r, mainlandVertices, mainlandHarmonic, mainlandSemiX, mainlandSemiY, mainlandWobble, mainlandJitter)
	mainIdx := newRingIndex(mx, my) // in metres, for placing the islands

	ix, iy := starRing(r, islandVertices, 3, islandSemiX, islandSemiY, 0.15, 0.01)
	icx, icy := offshore(mx, my, mainIdx, ix, iy, 250, -1000, islandGap)

	sx, sy := starRing(r, isletVertices, 2, isletSemiX, isletSemiY, 0.1, 0.01)
	scx, scy := offshore(mx, my, mainIdx, sx, sy, -1000, -420, isletGap)

	l := &land{}
	for _, ring := range []struct {
		x, y   []int64
		ox, oy int64
	}{
		{mx, my, 0, 0}, {ix, iy, icx, icy}, {sx, sy, scx, scy},
	} {
		lon, lat := toMicro(ring.x, ring.y, ring.ox, ring.oy)
		l.rings = append(l.rings, newRingIndex(lon, lat))
	}
	l.islandX, l.islandY = centreLonMicro+microLon(float64(icx)), centreLatMicro+microLat(float64(icy))
	l.isletX, l.isletY = centreLonMicro+microLon(float64(scx)), centreLatMicro+microLat(float64(scy))
	return l
}

// uniform returns a point uniformly distributed inside ring k (rejection
// sampling in its bounding box; every ring fills well over half of it).
func (l *land) uniform(r *rng, k int) (int64, int64) {
	ri := l.rings[k]
	for {
		x := ri.minX + r.int63n(ri.maxX-ri.minX+1)
		y := ri.minY + r.int63n(ri.maxY-ri.minY+1)
		if ri.contains(x, y) {
			return x, y
		}
	}
}

// multiPolygon returns the rings as closed orb rings in degrees.
func (l *land) multiPolygon() orb.MultiPolygon {
	mp := make(orb.MultiPolygon, len(l.rings))
	for k, ri := range l.rings {
		ring := make(orb.Ring, len(ri.x)+1)
		for i := range ri.x {
			ring[i] = orb.Point{float64(ri.x[i]) / 1e6, float64(ri.y[i]) / 1e6}
		}
		ring[len(ri.x)] = ring[0]
		mp[k] = orb.Polygon{ring}
	}
	return mp
}
