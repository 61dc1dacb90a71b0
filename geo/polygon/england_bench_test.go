package polygon_test

import (
	"context"
	"sync"
	"testing"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/geo/delaunay"
	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/geo/voronoi"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/fixture"
	"github.com/paulmach/orb"
)

var (
	englandOnce     sync.Once
	englandBoundary orb.MultiPolygon
	englandCellsMP  []orb.MultiPolygon
	englandErr      error
)

// englandCells returns England's boundary and its practices' Voronoi cells
// clipped to it, in the stereographic projection centred on the practices
// (outer rings counter-clockwise, holes clockwise).
func englandCells(tb testing.TB) (orb.MultiPolygon, []orb.MultiPolygon) {
	tb.Helper()
	englandOnce.Do(func() {
		ps, err := input.ReadFile(context.Background(), fixture.EnglandPractices())
		if err != nil {
			englandErr = err
			return
		}
		mp, err := input.ReadBoundary(fixture.EnglandBoundary())
		if err != nil {
			englandErr = err
			return
		}
		locs := make([]orb.Point, len(ps))
		for i, p := range ps {
			locs[i] = p.Loc
		}
		proj, err := geo.NewProjection(locs)
		if err != nil {
			englandErr = err
			return
		}
		for _, poly := range mp {
			var pp orb.Polygon
			for ri, ring := range poly {
				r := make(orb.Ring, len(ring))
				var a float64
				for k, ll := range ring {
					r[k] = proj.Forward(ll)
				}
				for k := 0; k+1 < len(r); k++ {
					a += r[k][0]*r[k+1][1] - r[k+1][0]*r[k][1]
				}
				if (ri == 0) != (a > 0) {
					for l, m := 0, len(r)-1; l < m; l, m = l+1, m-1 {
						r[l], r[m] = r[m], r[l]
					}
				}
				pp = append(pp, r)
			}
			englandBoundary = append(englandBoundary, pp)
		}
		tr, err := delaunay.Triangulate(proj.ForwardAll(locs))
		if err != nil {
			englandErr = err
			return
		}
		englandCellsMP, englandErr = voronoi.Cells(tr, englandBoundary)
	})
	if englandErr != nil {
		tb.Fatal(englandErr)
	}
	return englandBoundary, englandCellsMP
}

// BenchmarkCheckEngland: validity of the projected boundary.
func BenchmarkCheckEngland(b *testing.B) {
	clip, _ := englandCells(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := polygon.Check(clip); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckNoOverlapEngland: the England cells pairwise.
func BenchmarkCheckNoOverlapEngland(b *testing.B) {
	_, cells := englandCells(b)
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
