package voronoi

import (
	"testing"
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

// BenchmarkTJunctionsEngland: marking England's cells for Dissolve.
func BenchmarkTJunctionsEngland(b *testing.B) {
	d := vtLoadEngland(b)
	cells, err := Cells(d.tr, d.clip)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		TJunctions(cells)
	}
}
