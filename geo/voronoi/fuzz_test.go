package voronoi

import (
	"math"
	"testing"

	"github.com/hubpart/hubpart/geo/delaunay"
	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/paulmach/orb"
)

// FuzzVoronoi builds cells for small point sets on a coarse integer grid
// (so duplicates, collinear and cocircular sites are common; optionally
// scaled by 1.1 to turn them into near-degeneracies), clipped either
// to the default buffered hull or to a U-shaped region with a hole, then
// dissolves random contiguous groupings. Invariants: valid cells, each site
// in its cell, no overlaps, area of the clip (plus pockets) covered;
// dissolved groups valid, non-overlapping, area preserved.
func FuzzVoronoi(f *testing.F) {
	f.Add([]byte{0, 0, 0, 1, 1, 0, 1, 1}, uint8(0), uint64(1))                   // square
	f.Add([]byte{0, 0, 1, 1, 2, 2, 3, 3}, uint8(0), uint64(2))                   // collinear
	f.Add([]byte{5, 5, 5, 5, 5, 5}, uint8(1), uint64(3))                         // identical
	f.Add([]byte{0, 0, 4, 0, 0, 4, 4, 4, 2, 2, 2, 6, 6, 2}, uint8(1), uint64(4)) // cocircular + clip
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0}, uint8(1), uint64(5))
	f.Fuzz(func(t *testing.T, data []byte, mode uint8, seed uint64) {
		if len(data) > 120 {
			data = data[:120]
		}
		// mode bit 1: scale by 1.1, so that grid coincidences become
		// near-coincidences after rounding.
		scale := 1.0
		if mode&2 != 0 {
			scale = 1.1
		}
		var pts [][2]float64
		for k := 0; k+1 < len(data); k += 2 {
			pts = append(pts, [2]float64{float64(data[k]%16) * scale, float64(data[k+1]%16) * scale})
		}
		tr, err := delaunay.Triangulate(pts)
		if err != nil {
			t.Fatal(err)
		}
		var clip orb.MultiPolygon
		if mode%2 == 1 {
			clip = orb.MultiPolygon{{
				{{-1, -1}, {17, -1}, {17, 17}, {11, 17}, {11, 5}, {5, 5}, {5, 17}, {-1, 17}, {-1, -1}},
				vtRev(vtSq(0.5, 10.5, 3.5, 13.5)),
			}}
		}
		cells, err := Cells(tr, clip)
		if err != nil {
			t.Fatal(err)
		}
		if len(pts) == 0 {
			return
		}
		clipArea := polygon.Area(clip)
		slack := 0.0
		if clip == nil {
			clipArea = polygon.Area(newBuilder(tr).defaultClip())
		} else {
			cr := newRegion(clip)
			v := newBuilder(tr)
			for i, p := range pts {
				if int(tr.Rep[i]) == i && cr.needsPocket(p) {
					r := vtPolygonArea(v.pocket(int32(i)))
					slack += r
				}
			}
		}
		vtCheckCells(t, tr, cells, clipArea, slack)

		adj := vtAdjacency(cells)
		var cellArea float64
		for _, c := range cells {
			cellArea += polygon.Area(c)
		}
		for size := 2; size <= 5; size += 3 {
			groups := vtRandomGroups(cells, adj, size, seed)
			out := Dissolve(cells, groups)
			var total float64
			for g, mp := range out {
				if err := polygon.Check(mp); err != nil {
					t.Fatalf("group %d %v: %v", g, groups[g], err)
				}
				total += polygon.Area(mp)
			}
			if err := polygon.CheckNoOverlap(out); err != nil {
				t.Fatalf("groups overlap: %v", err)
			}
			if math.Abs(total-cellArea) > 1e-9*cellArea {
				t.Fatalf("dissolved area %v, cells %v", total, cellArea)
			}
		}
	})
}

func vtPolygonArea(loop [][2]float64) float64 { return math.Abs(polygon.SignedArea(loop)) }
