package graph

import (
	"context"
	"encoding/binary"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/input"
)

// FuzzBuild decodes up to 64 practices (two int16 offsets from a point in
// England, in units of 1e-4 degrees ≈ 10 m, and a uint8 list size) and
// checks the invariants of Build: no error, sites partition the practices,
// the graph is connected, every edge is Delaunay and obeys the prune rule,
// and the bridges are a minimum spanning forest of the pruned components.
// Small coordinates make duplicates, collinear runs and cocircular sets likely.
func FuzzBuild(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 0, 0, 0, 5})
	f.Add([]byte{0, 0, 0, 0, 5, 0, 0, 0, 0, 7})                // one building
	f.Add([]byte{0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 2, 0, 0, 1}) // collinear
	f.Add([]byte{0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0x40, 0, 0x40, 9})
	f.Fuzz(func(t *testing.T, data []byte) {
		var ps []input.Practice
		for len(data) >= 5 && len(ps) < 64 {
			dx := int16(binary.LittleEndian.Uint16(data[0:]))
			dy := int16(binary.LittleEndian.Uint16(data[2:]))
			ps = append(ps, input.Practice{
				Code:     "P",
				Loc:      orb.Point{-1 + 1e-4*float64(dx), 52 + 1e-4*float64(dy)},
				Patients: int64(data[4]),
			})
			data = data[5:]
		}
		g, info, err := Build(context.Background(), ps)
		if len(ps) == 0 {
			if err != ErrNoPractices {
				t.Fatalf("empty input: err %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		seen := make([]bool, len(ps))
		for v := range g.N() {
			for _, p := range g.SiteMembers(v) {
				if seen[p] || ps[p].Loc != g.Loc[v] {
					t.Fatalf("practice %d misplaced at site %d", p, v)
				}
				seen[p] = true
			}
		}
		if g.N() == 1 {
			if g.NumEdges() != 0 {
				t.Fatal("edges on a single site")
			}
			return
		}
		checkBuild(t, g, info, nil)
	})
}

// FuzzLandOutside checks that the run of a segment outside a fixed
// boundary (a square with a hole and an island) lies between 0 and the
// segment's length and does not depend on the segment's direction.
func FuzzLandOutside(f *testing.F) {
	f.Add(1.0, 1.0, 9.0, 9.0)
	f.Add(3.0, 3.0, 7.0, 7.0)   // through hole corners
	f.Add(0.0, 0.0, 10.0, 0.0)  // along the coast
	f.Add(-5.0, 5.0, 20.0, 5.0) // across everything
	f.Add(4.0, 4.0, 16.0, 6.0)  // vertex to vertex
	sq := orb.Polygon{
		{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
		{{4, 4}, {4, 6}, {6, 6}, {6, 4}, {4, 4}},
	}
	isl := orb.Polygon{{{14, 4}, {16, 4}, {16, 6}, {14, 6}, {14, 4}}}
	l := newLand(orb.MultiPolygon{sq, isl}, func(p orb.Point) [2]float64 { return [2]float64{p[0], p[1]} })
	f.Fuzz(func(t *testing.T, ax, ay, bx, by float64) {
		for _, v := range []float64{ax, ay, bx, by} {
			if math.IsNaN(v) || math.Abs(v) > 1e6 {
				return
			}
		}
		a, b := [2]float64{ax, ay}, [2]float64{bx, by}
		length := dist(a, b)
		out := l.outside(a, b)
		if out < 0 || out > length*(1+1e-9)+1e-9 {
			t.Fatalf("outside %v for a segment of length %v", out, length)
		}
		if back := l.outside(b, a); math.Abs(back-out) > 1e-6*(1+length) {
			t.Fatalf("outside %v one way, %v the other", out, back)
		}
	})
}
