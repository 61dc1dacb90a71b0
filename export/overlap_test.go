package export

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/paulmach/orb"
)

// poly makes a one-ring polygon from micro-degree corners (closed here).
func poly(pts ...[2]int) orb.MultiPolygon {
	var r orb.Ring
	for _, p := range pts {
		r = append(r, orb.Point{float64(p[0]) / 1e6, float64(p[1]) / 1e6})
	}
	r = append(r, r[0])
	orient(r, true)
	return orb.MultiPolygon{{r}}
}

func rect(x0, y0, x1, y1 int) orb.MultiPolygon {
	return poly([2]int{x0, y0}, [2]int{x1, y0}, [2]int{x1, y1}, [2]int{x0, y1})
}

// withHole cuts rectangle h out of the one-ring polygon mp.
func withHole(mp orb.MultiPolygon, h orb.MultiPolygon) orb.MultiPolygon {
	hole := append(orb.Ring(nil), h[0][0]...)
	orient(hole, false)
	return orb.MultiPolygon{{mp[0][0], hole}}
}

func TestNoOverlap(t *testing.T) {
	cases := []struct {
		name    string
		polys   []orb.MultiPolygon
		overlap [2]int // the pair named, or {-1, -1}
		clean   bool   // decided without polygon.CheckNoOverlap
	}{
		{"neighbours share an edge", []orb.MultiPolygon{rect(0, 0, 10, 10), rect(10, 0, 20, 10)}, [2]int{-1, -1}, true},
		// +---+---+
		// | 0 | 1 |   four squares meeting at one corner
		// +---+---+
		// | 2 | 3 |
		// +---+---+
		{"four meet at a corner", []orb.MultiPolygon{rect(0, 10, 10, 20), rect(10, 10, 20, 20), rect(0, 0, 10, 10), rect(10, 0, 20, 10)}, [2]int{-1, -1}, true},
		{"touch at a corner only", []orb.MultiPolygon{rect(0, 0, 10, 10), rect(10, 10, 20, 20)}, [2]int{-1, -1}, true},
		{"crossing edges", []orb.MultiPolygon{rect(0, 0, 10, 10), rect(5, 5, 15, 15)}, [2]int{0, 1}, true},
		{"the same square twice", []orb.MultiPolygon{rect(0, 0, 10, 10), rect(30, 0, 40, 10), rect(0, 0, 10, 10)}, [2]int{0, 2}, true},
		{"island inside another, not touching", []orb.MultiPolygon{rect(0, 0, 100, 100), rect(40, 40, 60, 60)}, [2]int{0, 1}, true},
		{"island in a hole", []orb.MultiPolygon{withHole(rect(0, 0, 100, 100), rect(30, 30, 70, 70)), rect(40, 40, 60, 60)}, [2]int{-1, -1}, true},
		{"island filling its hole exactly", []orb.MultiPolygon{withHole(rect(0, 0, 100, 100), rect(30, 30, 70, 70)), rect(30, 30, 70, 70)}, [2]int{-1, -1}, true},
		{"hole inside an island", []orb.MultiPolygon{rect(20, 20, 80, 80), withHole(rect(0, 0, 100, 100), rect(40, 40, 60, 60))}, [2]int{0, 1}, true},
		// Triangle 1 sits in square 0's corner, touching only there.
		{"wedge inside a corner", []orb.MultiPolygon{rect(0, 0, 10, 10), poly([2]int{0, 0}, [2]int{4, 2}, [2]int{2, 4})}, [2]int{0, 1}, true},
		{"wedge outside a corner", []orb.MultiPolygon{rect(0, 0, 10, 10), poly([2]int{0, 0}, [2]int{-4, -2}, [2]int{-2, -4})}, [2]int{-1, -1}, true},
		// A vertex of 1 in the middle of 0's edge: not a clean subdivision.
		{"T-junction, apart", []orb.MultiPolygon{rect(0, 0, 10, 20), rect(10, 0, 20, 10)}, [2]int{-1, -1}, false},
		{"T-junction, overlapping", []orb.MultiPolygon{rect(0, 0, 10, 20), poly([2]int{10, 10}, [2]int{5, 0}, [2]int{20, 0})}, [2]int{0, 1}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for i, mp := range tc.polys {
				if err := polygon.Check(mp); err != nil {
					t.Fatalf("test polygon %d invalid: %v", i, err)
				}
			}
			_, clean := structuralNoOverlap(tc.polys)
			if clean != tc.clean {
				t.Errorf("clean = %v, want %v", clean, tc.clean)
			}
			err := noOverlap(tc.polys)
			if tc.overlap[0] < 0 {
				if err != nil {
					t.Fatalf("err = %v, want none", err)
				}
				return
			}
			var pe *polygon.Error
			if !errors.Is(err, polygon.ErrOverlap) || !errors.As(err, &pe) {
				t.Fatalf("err = %v, want an overlap", err)
			}
			if pe.Polygon != tc.overlap[0] || pe.Other != tc.overlap[1] {
				t.Errorf("overlap named %d and %d, want %v", pe.Polygon, pe.Other, tc.overlap)
			}
		})
	}
}

// randomTiles returns n valid polygons: cells of a coarse grid, some cut
// into triangles, some moved by a random offset (so that they may overlap,
// touch at corners or along edges, or sit apart).
func randomTiles(r *rand.Rand, n int) []orb.MultiPolygon {
	var out []orb.MultiPolygon
	for range n {
		x, y := r.IntN(6)*10, r.IntN(6)*10
		if r.IntN(3) == 0 {
			off := []int{-7, -3, 0, 3, 7}
			x += off[r.IntN(5)]
			y += off[r.IntN(5)]
		}
		s := 10 * (1 + r.IntN(2))
		switch r.IntN(3) {
		case 0:
			out = append(out, rect(x, y, x+s, y+s))
		case 1:
			out = append(out, poly([2]int{x, y}, [2]int{x + s, y}, [2]int{x + s, y + s}))
		default:
			out = append(out, poly([2]int{x, y}, [2]int{x + s, y + s}, [2]int{x, y + s}))
		}
	}
	return out
}

// The structural check agrees with the general one (polygon.CheckNoOverlap) on
// random sets of tiles, overlapping or not.
func TestNoOverlapAgreesWithGeneralCheck(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[bool]int{}
	for trial := range 3000 {
		polys := randomTiles(r, 2+r.IntN(4))
		want := polygon.CheckNoOverlap(polys) != nil
		got, clean := structuralNoOverlap(polys)
		if !clean {
			continue
		}
		seen[want]++
		if (got != nil) != want {
			t.Fatalf("trial %d: structural check says %v, general check overlap=%v\n%v", trial, got, want, fmt.Sprint(polys))
		}
	}
	t.Logf("decided without the general check: %d overlapping sets, %d apart", seen[true], seen[false])
	if seen[true] < 100 || seen[false] < 100 {
		t.Fatalf("too few decided cases: %v", seen)
	}
}

// On England the output is a clean subdivision at every level: the fast
// path decides, never the general check.
func TestNoOverlapEnglandIsClean(t *testing.T) {
	if testing.Short() {
		t.Skip("England partition takes a while; run without -short")
	}
	m := build(t, englandInput(t))
	for _, lv := range m.Levels {
		polys := make([]orb.MultiPolygon, len(lv.Regions))
		for i, rg := range lv.Regions {
			polys[i] = rg.Polygon
		}
		err, clean := structuralNoOverlap(polys)
		if err != nil || !clean {
			t.Errorf("%s level: err %v, clean %v", lv.Name, err, clean)
		}
	}
}
