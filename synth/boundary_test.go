package synth

import (
	"fmt"
	"testing"

	"github.com/paulmach/orb"
)

// signedArea2 returns twice the signed area of a closed ring (positive when
// counter-clockwise).
func signedArea2(r orb.Ring) float64 {
	s := 0.0
	for i := 0; i+1 < len(r); i++ {
		s += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return s
}

func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

// segmentsTouch reports whether closed segments ab and cd share a point
// (brute-force reference; coordinates are micro-degrees, far from the limits
// of float precision at these scales).
func segmentsTouch(a, b, c, d orb.Point) bool {
	o1, o2, o3, o4 := orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
	if ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)) {
		return true
	}
	on := func(p, q, r orb.Point, o float64) bool { // r on segment pq
		return o == 0 && r[0] >= min(p[0], q[0]) && r[0] <= max(p[0], q[0]) &&
			r[1] >= min(p[1], q[1]) && r[1] <= max(p[1], q[1])
	}
	return on(a, b, c, o1) || on(a, b, d, o2) || on(c, d, a, o3) || on(c, d, b, o4)
}

type edge struct {
	ring, i int
	a, b    orb.Point
}

func TestBoundaryValid(t *testing.T) {
	for _, seed := range []uint64{0, 1, 2, 3, 12345} {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			mp := newLand(seed).multiPolygon()
			if len(mp) != 3 {
				t.Fatalf("%d polygons, want 3", len(mp))
			}
			var edges []edge
			for k, poly := range mp {
				if len(poly) != 1 {
					t.Fatalf("polygon %d has %d rings, want 1 (no holes)", k, len(poly))
				}
				r := poly[0]
				if len(r) < 4 || r[0] != r[len(r)-1] {
					t.Fatalf("ring %d not closed or too short (%d points)", k, len(r))
				}
				if signedArea2(r) <= 0 {
					t.Errorf("ring %d is not counter-clockwise", k)
				}
				for i := 0; i+1 < len(r); i++ {
					edges = append(edges, edge{k, i, r[i], r[i+1]})
				}
			}
			// No two edges touch except consecutive edges of a ring at
			// their shared vertex.
			for x := range edges {
				for y := x + 1; y < len(edges); y++ {
					e, f := edges[x], edges[y]
					if e.ring == f.ring {
						n := len(mp[e.ring][0]) - 1
						if f.i == e.i+1 || (e.i == 0 && f.i == n-1) {
							continue
						}
					}
					if segmentsTouch(e.a, e.b, f.a, f.b) {
						t.Fatalf("edges %d/%d and %d/%d touch", e.ring, e.i, f.ring, f.i)
					}
				}
			}
			// No ring lies inside another.
			for k := range mp {
				for m := range mp {
					if k != m && insideRing(mp[m][0], mp[k][0][0]) {
						t.Errorf("ring %d lies inside ring %d", k, m)
					}
				}
			}
			// The mainland is about 400 km by 600 km around 52.5°N 1.5°W;
			// the island lies a few km offshore.
			b := mp[0].Bound()
			w := (b.Max[0] - b.Min[0]) * metresPerDegLat * cosCentreLat
			h := (b.Max[1] - b.Min[1]) * metresPerDegLat
			if w < 250e3 || w > 560e3 || h < 400e3 || h > 840e3 {
				t.Errorf("mainland %.0f × %.0f km", w/1e3, h/1e3)
			}
			if gap := ringGap(mp[0][0], mp[1][0]); gap < islandGap || gap > 4*islandGap {
				t.Errorf("island %.1f km offshore, want a few km", gap/1e3)
			}
		})
	}
}

// ringGap returns the smallest vertex-to-vertex distance between two rings,
// in metres of the local frame (an upper bound on the coastline gap, and
// within half an edge of it).
func ringGap(a, b orb.Ring) float64 {
	best := 1e300
	for _, p := range a {
		for _, q := range b {
			dx := (p[0] - q[0]) * metresPerDegLat * cosCentreLat
			dy := (p[1] - q[1]) * metresPerDegLat
			best = min(best, dx*dx+dy*dy)
		}
	}
	return sqrt(best)
}

func sqrt(v float64) float64 { return float64(isqrtCeil(int64(v))) }

func TestRingContains(t *testing.T) {
	// An L-shaped ring (counter-clockwise):
	//
	//	(0,20) +-----+ (10,20)
	//	       |     |
	//	       |     +--------+ (30,10)
	//	       |              |
	//	 (0,0) +--------------+ (30,0)
	x := []int64{0, 30, 30, 10, 10, 0}
	y := []int64{0, 0, 10, 10, 20, 20}
	r := newRingIndex(x, y)
	cases := []struct {
		name string
		x, y int64
		want bool
	}{
		{"inside lower arm", 25, 5, true},
		{"inside upper arm", 5, 15, true},
		{"in the notch", 20, 15, false},
		{"on the bottom edge", 15, 0, false},
		{"on the reflex vertex", 10, 10, false},
		{"on a convex vertex", 30, 0, false},
		{"on the inner vertical edge", 10, 15, false},
		{"level with a vertex, inside", 5, 10, true},
		{"level with a vertex, outside", 35, 10, false},
		{"left of the ring", -1, 5, false},
		{"above the ring", 5, 21, false},
		{"just inside the corner", 1, 1, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.contains(tc.x, tc.y); got != tc.want {
				t.Fatalf("contains(%d, %d) = %v, want %v", tc.x, tc.y, got, tc.want)
			}
		})
	}
}
