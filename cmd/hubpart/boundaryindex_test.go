package main

import (
	"context"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/input"
)

// The index gives polygon.Contains's answer for every point: England's
// practices, random points over the outline's box, every outline vertex
// and every edge's midpoint (on the boundary, or a hair off it).
func TestBoundaryIndexMatchesContains(t *testing.T) {
	b, err := input.ReadBoundary(englandBoundary)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := input.ReadFile(context.Background(), englandCSV)
	if err != nil {
		t.Fatal(err)
	}
	var pts []orb.Point
	for _, p := range ps {
		pts = append(pts, p.Loc)
	}
	r := rand.New(rand.NewPCG(1, 2))
	bd := b.Bound()
	for range 20000 {
		pts = append(pts, orb.Point{bd.Min[0] + r.Float64()*(bd.Max[0]-bd.Min[0]), bd.Min[1] + r.Float64()*(bd.Max[1]-bd.Min[1])})
	}
	for _, poly := range b {
		for _, ring := range poly {
			for k := 0; k+1 < len(ring); k++ {
				pts = append(pts, ring[k], orb.Point{(ring[k][0] + ring[k+1][0]) / 2, (ring[k][1] + ring[k+1][1]) / 2})
			}
		}
	}
	// A ring with a hole and a second part, to exercise the combination.
	holed := orb.MultiPolygon{
		{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}, {{3, 3}, {3, 7}, {7, 7}, {7, 3}, {3, 3}}},
		{{{20, 0}, {30, 0}, {30, 10}, {20, 10}, {20, 0}}},
	}
	for _, mp := range []orb.MultiPolygon{b, holed} {
		ix := newBoundaryIndex(mp)
		check := pts
		if len(mp) == 2 {
			check = nil
			for x := -1.0; x <= 31; x += 0.5 {
				for y := -1.0; y <= 11; y += 0.5 {
					check = append(check, orb.Point{x, y})
				}
			}
		}
		in := 0
		for _, p := range check {
			want := polygon.Contains(mp, p)
			if got := ix.contains(p); got != want {
				t.Fatalf("%v: index says %v, polygon.Contains %v", p, got, want)
			}
			if want {
				in++
			}
		}
		t.Logf("%d points, %d inside or on the outline", len(check), in)
	}
}

func BenchmarkBoundaryCheckEngland(b *testing.B) {
	bd, err := input.ReadBoundary(englandBoundary)
	if err != nil {
		b.Fatal(err)
	}
	ps, err := input.ReadFile(context.Background(), englandCSV)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := checkInsideBoundary(ps, bd, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
