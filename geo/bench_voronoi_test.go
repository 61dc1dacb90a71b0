package geo

import (
	"testing"

	"github.com/paulmach/orb"
)

// BenchmarkVoronoiEngland: cells of the 6,063 distinct England practice
// sites clipped to the 2,787-vertex boundary (triangulation excluded).
func BenchmarkVoronoiEngland(b *testing.B) {
	d := vtLoadEngland(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := VoronoiCells(d.tr, d.clip); err != nil {
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
		if _, err := VoronoiCells(d.tr, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDissolveEngland: the England cells dissolved into ~1,500
// contiguous groups of 4.
func BenchmarkDissolveEngland(b *testing.B) {
	d := vtLoadEngland(b)
	cells, err := VoronoiCells(d.tr, d.clip)
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
		if err := CheckPolygon(clip); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckPolygon10k: a 10,000-vertex star-shaped ring.
func BenchmarkCheckPolygon10k(b *testing.B) {
	mp := orb.MultiPolygon{{vtStar(10000)}}
	b.ReportAllocs()
	for b.Loop() {
		if err := CheckPolygon(mp); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckNoOverlapEngland: the England cells pairwise.
func BenchmarkCheckNoOverlapEngland(b *testing.B) {
	d := vtLoadEngland(b)
	cells, err := VoronoiCells(d.tr, d.clip)
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
		if err := CheckNoOverlap(nonNil); err != nil {
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
