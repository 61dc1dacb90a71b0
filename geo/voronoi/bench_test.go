package voronoi

import (
	"math"
	"testing"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/paulmach/orb"
)

// BenchmarkVoronoiEngland: cells of the 6,063 distinct England practice
// sites clipped to the 2,787-vertex boundary (triangulation excluded).
func BenchmarkVoronoiEngland(b *testing.B) {
	d := vtLoadEngland(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Cells(d.tr, d.clip); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVoronoiEnglandDefaultClip: the same sites, clipped to their
// buffered convex hull.
func BenchmarkVoronoiEnglandDefaultClip(b *testing.B) {
	d := vtLoadEngland(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Cells(d.tr, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDissolveEngland: the England cells dissolved into ~1,500
// contiguous groups of 4.
func BenchmarkDissolveEngland(b *testing.B) {
	d := vtLoadEngland(b)
	cells, err := Cells(d.tr, d.clip)
	if err != nil {
		b.Fatal(err)
	}
	groups := vtRandomGroups(cells, vtAdjacency(cells), 4, 1)
	b.ReportMetric(float64(len(groups)), "groups")
	b.ReportAllocs()
	for b.Loop() {
		Dissolve(cells, groups)
	}
}

// BenchmarkCheckPolygonEngland: validity of the projected boundary.
func BenchmarkCheckPolygonEngland(b *testing.B) {
	d := vtLoadEngland(b)
	clip := d.clip
	b.ReportAllocs()
	for b.Loop() {
		if err := polygon.Check(clip); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckPolygon10k: a 10,000-vertex wiggly ring (short edges, as
// in a coastline) and a 10,000-vertex star whose long, thin, densely packed
// spikes defeat bounding-box filtering (each edge's box meets ~160 others).
func BenchmarkCheckPolygon10k(b *testing.B) {
	for _, c := range []struct {
		name string
		ring orb.Ring
	}{{"wiggly", vtWiggly(10000)}, {"star", vtStar(10000)}} {
		b.Run(c.name, func(b *testing.B) {
			mp := orb.MultiPolygon{{c.ring}}
			b.ReportAllocs()
			for b.Loop() {
				if err := polygon.Check(mp); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// vtWiggly returns a closed CCW ring of n vertices around a circle of radius
// 1000 whose radius wobbles by up to 70.
func vtWiggly(n int) orb.Ring {
	r := make(orb.Ring, 0, n+1)
	for k := range n {
		a := 2 * math.Pi * float64(k) / float64(n)
		rad := 1000 + 50*math.Sin(37*a) + 20*math.Sin(101*a)
		r = append(r, orb.Point{rad * math.Cos(a), rad * math.Sin(a)})
	}
	return append(r, r[0])
}

// BenchmarkCheckNoOverlapEngland: the England cells pairwise.
func BenchmarkCheckNoOverlapEngland(b *testing.B) {
	d := vtLoadEngland(b)
	cells, err := Cells(d.tr, d.clip)
	if err != nil {
		b.Fatal(err)
	}
	var nonNil []orb.MultiPolygon
	for _, c := range cells {
		if c != nil {
			nonNil = append(nonNil, c)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := polygon.CheckNoOverlap(nonNil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClipConvexEngland: one cell-sized square across the coast,
// including preparation of the 2,787-edge clip.
func BenchmarkClipConvexEngland(b *testing.B) {
	d := vtLoadEngland(b)
	p := d.clip[0][0][0]
	cell := vtSq(p[0]-5000, p[1]-5000, p[0]+5000, p[1]+5000)
	b.ReportAllocs()
	for b.Loop() {
		ClipConvex(cell, d.clip)
	}
}
