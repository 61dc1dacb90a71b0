package export

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/geo/voronoi"
	"github.com/paulmach/orb"
)

func square(x0, y0, x1, y1 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
}

// TestBuildPieces checks the split-site and outside-site constructions
// directly:
//
//	+------+------+
//	|  s0  |  s1  |   s0: practices of hubs 0 and 1 (split site)
//	+------+------+   s1: hub 1 only
//	        s2        s2: hubs 1, 2 and 3, outside its (clipped) cell
func TestBuildPieces(t *testing.T) {
	xy := [][2]float64{{500, 500}, {1500, 500}, {1500, -300}}
	clip := square(0, 0, 2000, 1000)
	cases := []struct {
		name     string
		siteHubs [][]int32
		extra    int // wedge pieces expected
	}{
		{"no split", [][]int32{{0}, {1}, {1}}, 1},
		{"split site inside", [][]int32{{0, 1}, {1}, {1}}, 3},
		{"outside site split three ways", [][]int32{{0}, {1}, {1, 2, 3}}, 3},
		{"both", [][]int32{{1, 0, 2}, {1}, {3, 2}}, 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cells := []orb.MultiPolygon{square(0, 0, 1000, 1000), square(1000, 0, 2000, 1000), square(1000, 0, 2000, 100)}
			// s2's cell: a strip along the boundary that does not hold s2.
			cells[1] = orb.MultiPolygon{{{{1000, 100}, {2000, 100}, {2000, 1000}, {1000, 1000}, {1000, 100}}}}
			ps := buildPieces(cells, xy, sitesInside(cells, xy), tc.siteHubs, clip)
			if got := len(ps.pieces) - len(cells); got != tc.extra {
				t.Fatalf("%d wedge pieces, want %d", got, tc.extra)
			}
			for i, p := range ps.pieces {
				if err := polygon.Check(p); err != nil {
					t.Fatalf("piece %d: %v", i, err)
				}
			}
			if err := polygon.CheckNoOverlap(ps.pieces); err != nil {
				t.Fatalf("pieces overlap: %v", err)
			}
			// Dissolve per hub: valid, disjoint, and each hub holds every
			// site it has practices at.
			hubs := 0
			for _, h := range ps.owner {
				hubs = max(hubs, int(h)+1)
			}
			groups := make([][]int32, hubs)
			for i, h := range ps.owner {
				groups[h] = append(groups[h], int32(i))
			}
			merged := voronoi.Dissolve(ps.pieces, groups)
			for h, mp := range merged {
				if err := polygon.Check(mp); err != nil {
					t.Fatalf("hub %d: %v", h, err)
				}
			}
			if err := polygon.CheckNoOverlap(merged); err != nil {
				t.Fatalf("hubs overlap: %v", err)
			}
			for v, hs := range tc.siteHubs {
				for _, h := range hs {
					if !polygon.Contains(merged[h], orb.Point(xy[v])) {
						t.Errorf("site %d not in hub %d", v, h)
					}
				}
			}
			// The union of everything is the cells plus the outside square.
			all := voronoi.Dissolve(ps.pieces, [][]int32{func() []int32 {
				var g []int32
				for i := range ps.pieces {
					g = append(g, int32(i))
				}
				return g
			}()})[0]
			want := 2000.0 * 1000 // the cells tile the clip square
			got := polygon.Area(all)
			extraArea := 0.0
			for i := len(cells); i < len(ps.pieces); i++ {
				if corner := ps.pieces[i][0][0][1]; polygon.Locate(clip, corner) != polygon.Inside {
					extraArea += polygon.Area(ps.pieces[i])
				}
			}
			if d := got - want - extraArea; d > 1e-6 || d < -1e-6 {
				t.Errorf("union area %v, want cells %v + outside wedges %v", got, want, extraArea)
			}
		})
	}
}

// nearestDistances gives each point the distance to its nearest distinct
// point, as testing every pair does, on random points with repeats and a
// dense cluster.
func TestNearestDistances(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 5))
	for n := range 60 {
		xy := make([][2]float64, n)
		for i := range xy {
			switch rng.IntN(4) {
			case 0:
				if i > 0 {
					xy[i] = xy[rng.IntN(i)] // a repeat
					continue
				}
				fallthrough
			case 1:
				xy[i] = [2]float64{rng.Float64() * 1e-3, rng.Float64() * 1e-3} // the cluster
			default:
				xy[i] = [2]float64{rng.Float64(), rng.Float64()}
			}
		}
		got := nearestDistances(xy)
		for i, p := range xy {
			want := 0.0
			for j, q := range xy {
				if d := math.Hypot(q[0]-p[0], q[1]-p[1]); j != i && d > 0 && (want == 0 || d < want) {
					want = d
				}
			}
			if got[i] != want {
				t.Fatalf("n %d, point %d: %v, want %v", n, i, got[i], want)
			}
		}
	}
}
