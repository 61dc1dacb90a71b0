package export

import (
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/geo/polygon"
)

// hub29068 is the ring, in longitude and latitude, of hub 29068 of
// `hubpart demo -n 500000`: in the plane the hub has a neck about 1 cm
// wide at its vertex 0, which rounding to the 1e-6 degree grid closed, so
// that the ring visits vertex 0 again at vertex 5. Export failed on it
// ("ring edges cross or overlap") before finishPolygons split pinches.
var hub29068 = orb.Ring{
	{-0.60565, 54.131385}, {-0.603005, 54.13238}, {-0.602898, 54.13275}, {-0.603229, 54.133215},
	{-0.606378, 54.13244}, {-0.60565, 54.131385}, {-0.606739, 54.130836}, {-0.60701, 54.129799},
	{-0.606974, 54.1296}, {-0.607638, 54.128961}, {-0.608668, 54.12953}, {-0.610898, 54.129062},
	{-0.610898, 54.129049}, {-0.609649, 54.128061}, {-0.60847, 54.128013}, {-0.607712, 54.128163},
	{-0.606091, 54.127716}, {-0.604277, 54.12855}, {-0.604202, 54.129538}, {-0.60348, 54.130369},
	{-0.60565, 54.131385},
}

func TestFinishPolygonsSplitsPinches(t *testing.T) {
	// p1 rounds to (1, 1): a neck of a tenth of the grid.
	p1 := orb.Point{1.0000002, 1.0000001}
	figure8 := orb.Ring{{0, 0}, {1, 0}, {1, 1}, {2, 1}, {2, 2}, {1, 2}, p1, {0, 1}, {0, 0}}
	cases := []struct {
		name  string
		in    orb.MultiPolygon
		rings []int // rings per polygon out, ascending
	}{
		{"two lobes touching after rounding become two polygons",
			orb.MultiPolygon{{figure8}}, []int{1, 1}},
		{"a hole in the second lobe stays with it",
			orb.MultiPolygon{{figure8, {{1.4, 1.4}, {1.6, 1.4}, {1.6, 1.6}, {1.4, 1.6}, {1.4, 1.4}}}}, []int{1, 2}},
		{"a hole in the first lobe stays with it",
			orb.MultiPolygon{{figure8, {{0.4, 0.4}, {0.6, 0.4}, {0.6, 0.6}, {0.4, 0.6}, {0.4, 0.4}}}}, []int{1, 2}},
		{"a loop run the other way becomes a hole touching the outer ring",
			orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 4}, {2, 4}, {3, 2}, {1, 2}, {2.0000001, 3.9999999}, {0, 4}, {0, 0}}}}, []int{2}},
		{"a pinched hole becomes two holes",
			orb.MultiPolygon{{{{-1, -1}, {3, -1}, {3, 3}, {-1, 3}, {-1, -1}}, figure8.Clone()}}, []int{3}},
		{"demo hub 29068", orb.MultiPolygon{{hub29068}}, []int{1, 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Rounded and cleaned but not split, a ring repeats a vertex,
			// which Check rejects.
			if rounded := finishPolygonsNoSplit(tc.in); polygon.Check(rounded) == nil {
				t.Fatalf("the case does not pinch under rounding: %v", rounded)
			}
			got := finishPolygons(tc.in, roundPoint)
			if err := polygon.Check(got); err != nil {
				t.Fatalf("finishPolygons gave an invalid multipolygon: %v\n%v", err, got)
			}
			// Check has found each hole inside its polygon's outer ring.
			var rings []int
			for _, p := range got {
				rings = append(rings, len(p))
			}
			slices.Sort(rings)
			if !slices.Equal(rings, tc.rings) {
				t.Fatalf("rings per polygon %v, want %v: %v", rings, tc.rings, got)
			}
			// Nothing is lost: the area is the rounded input's.
			want := 0.0
			for _, poly := range tc.in {
				for ri, r := range poly {
					rr := make(orb.Ring, len(r))
					for i, p := range r {
						rr[i] = roundPoint(p)
					}
					a := math.Abs(ringArea2(rr)) / 2
					if ri > 0 {
						a = -a
					}
					want += a
				}
			}
			if a := polygon.Area(got); math.Abs(a-want) > 1e-9*math.Max(1, want) {
				t.Fatalf("area %v, want %v", a, want)
			}
		})
	}
}

// finishPolygonsNoSplit rounds and cleans mp's rings as finishPolygons does,
// without splitting pinches: what export wrote before.
func finishPolygonsNoSplit(mp orb.MultiPolygon) orb.MultiPolygon {
	var out orb.MultiPolygon
	for _, poly := range mp {
		var q orb.Polygon
		for ri, ring := range poly {
			r := make(orb.Ring, len(ring))
			for i, p := range ring {
				r[i] = roundPoint(p)
			}
			if r = cleanRing(r); r != nil {
				orient(r, ri == 0)
				q = append(q, r)
			}
		}
		out = append(out, q)
	}
	return out
}
