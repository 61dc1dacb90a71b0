package voronoi

import (
	"math"
	"testing"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/paulmach/orb"
)

func TestClipConvex(t *testing.T) {
	// U shape:
	//  0,6 +--+  +--+ 6,6
	//      |  |  |  |
	//      |  +--+  |      notch [2,4]x[2,6]
	//      |        |
	//  0,0 +--------+ 6,0
	u := orb.MultiPolygon{{{{0, 0}, {6, 0}, {6, 6}, {4, 6}, {4, 2}, {2, 2}, {2, 6}, {0, 6}, {0, 0}}}}
	diamond := orb.MultiPolygon{{{{5, 0}, {10, 5}, {5, 10}, {0, 5}, {5, 0}}}}
	holed := orb.MultiPolygon{{vtSq(0, 0, 10, 10), vtRev(vtSq(4, 4, 6, 6))}}
	square := orb.MultiPolygon{{vtSq(0, 0, 4, 4)}}
	twoParts := orb.MultiPolygon{{vtSq(0, 0, 2, 2)}, {vtSq(3, 0, 5, 2)}}
	cases := []struct {
		name   string
		cell   orb.Ring
		clip   orb.MultiPolygon
		area   float64
		pieces int
		holes  int
	}{
		{"square in square", vtSq(1, 1, 3, 3), square, 4, 1, 0},
		{"square overlapping square", vtSq(2, 2, 6, 6), square, 4, 1, 0},
		{"clockwise cell", vtRev(vtSq(2, 2, 6, 6)), square, 4, 1, 0},
		{"open cell ring", vtSq(2, 2, 6, 6)[:4], square, 4, 1, 0},
		{"cell covering the clip", vtSq(-1, -1, 5, 5), square, 16, 1, 0},
		{"cell outside", vtSq(5, 5, 6, 6), square, 0, 0, 0},
		{"cell spanning the notch", vtSq(1, 3, 5, 5), u, 4, 2, 0},
		{"cell across the notch bottom", vtSq(1, 1, 5, 3), u, 8 - 2, 1, 0},
		{"cell around a hole", vtSq(3, 3, 7, 7), holed, 16 - 4, 1, 1},
		{"cell cutting a hole", vtSq(5, 3, 8, 7), holed, 12 - 2, 1, 0},
		// Cell edge x=4 runs along the hole's edge with both interiors on
		// the left: the cell survives whole.
		{"cell along a hole edge", vtSq(2, 2, 4, 8), holed, 12, 1, 0},
		{"cell spanning two parts", vtSq(1, 1, 4, 3), twoParts, 1 + 1, 2, 0},
		// Cell edge x=5 passes exactly through diamond vertices (5,0), (5,10).
		{"cell edge through clip vertices", vtSq(5, -1, 12, 12), diamond, 25, 1, 0},
		{"cell touching a clip vertex only", orb.Ring{{10, 5}, {12, 4}, {12, 6}, {10, 5}}, diamond, 0, 0, 0},
		{"cell vertex on a clip edge", orb.Ring{{4, 2}, {6, 1}, {6, 3}, {4, 2}}, square, 0, 0, 0},
		{"cell vertex inside, edges crossing at a clip vertex", orb.Ring{{3, 3}, {5, 3}, {5, 5}, {3, 5}, {3, 3}}, square, 1, 1, 0},
		// Collinear overlaps: same direction keeps the stretch once,
		// opposite direction means the two only touch.
		{"collinear same direction", vtSq(2, 0, 6, 2), square, 4, 1, 0},
		{"collinear opposite direction", vtSq(2, -2, 6, 0), square, 0, 0, 0},
		{"shared full edge outside", vtSq(4, 0, 6, 4), square, 0, 0, 0},
		{"identical", vtSq(0, 0, 4, 4), square, 16, 1, 0},
		{"triangle with vertex on clip corner", orb.Ring{{4, 4}, {2, 3}, {3, 2}, {4, 4}}, square, 1.5, 1, 0},
		// Near-degenerate: a rounding error away from exact contact.
		{"cell vertex one ulp from a clip corner", orb.Ring{{math.Nextafter(4, 5), 4}, {2, 3}, {3, 2}, {math.Nextafter(4, 5), 4}}, square, 1.5, 1, 0},
		{"cell edge one ulp outside a clip edge", vtSq(2, 2, 6, math.Nextafter(4, 5)), square, 4, 1, 0},
		{"cell edge one ulp inside a clip edge", vtSq(2, 2, 6, math.Nextafter(4, 3)), square, 4, 1, 0},
		{"cell edge a subnormal above a clip edge", vtSq(2, math.Nextafter(0, 1), 6, 2), square, 4, 1, 0},
		{"cell edge a subnormal below a clip edge", vtSq(2, math.Nextafter(0, -1), 6, 2), square, 4, 1, 0},
		{"cell edge slightly tilted across a clip edge", orb.Ring{{2, 2}, {6, 2}, {6, math.Nextafter(4, 5)}, {2, math.Nextafter(4, 3)}, {2, 2}}, square, 4, 1, 0},
		{"empty clip", vtSq(0, 0, 1, 1), nil, 0, 0, 0},
		{"degenerate cell", orb.Ring{{0, 0}, {1, 1}, {2, 2}, {0, 0}}, square, 0, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ClipConvex(c.cell, c.clip)
			if err := polygon.Check(got); err != nil {
				t.Fatalf("invalid result %v: %v", got, err)
			}
			if a := polygon.Area(got); math.Abs(a-c.area) > 1e-9 {
				t.Errorf("area = %v, want %v (%v)", a, c.area, got)
			}
			if len(got) != c.pieces {
				t.Errorf("pieces = %d, want %d (%v)", len(got), c.pieces, got)
			}
			holes := 0
			for _, p := range got {
				holes += len(p) - 1
			}
			if holes != c.holes {
				t.Errorf("holes = %d, want %d", holes, c.holes)
			}
		})
	}
}

// TestClipConvexSharedEdge checks that two cells sharing an edge get
// bit-identical crossing points with the clip boundary, so that their
// clipped pieces still share the edge exactly and tile the clipped union.
func TestClipConvexSharedEdge(t *testing.T) {
	clip := orb.MultiPolygon{{{{0.1, 0.3}, {9.7, 1.3}, {8.9, 9.1}, {0.3, 7.7}, {0.1, 0.3}}}}
	// Two cells sharing the slanted edge (3.3,-2.1)-(6.1,11.7).
	left := orb.Ring{{-5, -2}, {3.3, -2.1}, {6.1, 11.7}, {-5, 12}, {-5, -2}}
	right := orb.Ring{{3.3, -2.1}, {15, -2}, {15, 12}, {6.1, 11.7}, {3.3, -2.1}}
	a, b := ClipConvex(left, clip), ClipConvex(right, clip)
	if err := polygon.CheckNoOverlap([]orb.MultiPolygon{a, b}); err != nil {
		t.Fatal(err)
	}
	d := Dissolve([]orb.MultiPolygon{a, b}, [][]int32{{0, 1}})
	if len(d[0]) != 1 || len(d[0][0]) != 1 {
		t.Fatalf("dissolved = %v, want one polygon without holes", d[0])
	}
	want := polygon.Area(clip)
	if got := polygon.Area(d[0]); math.Abs(got-want) > 1e-9*want {
		t.Fatalf("area %v, want %v", got, want)
	}
	if err := polygon.Check(d[0]); err != nil {
		t.Fatal(err)
	}
}
