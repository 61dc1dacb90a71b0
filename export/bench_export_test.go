package export

import (
	"context"
	"io"
	"testing"

	"github.com/hubpart/hubpart/geo"
	"github.com/paulmach/orb"
)

func BenchmarkBuildEngland(b *testing.B) {
	in := englandInput(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGeoJSONEngland(b *testing.B) {
	m := build(b, englandInput(b))
	b.ReportAllocs()
	for b.Loop() {
		if err := m.WriteGeoJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPNGEngland(b *testing.B) {
	m := build(b, englandInput(b))
	opt := MapOptions{Title: "England", Summary: []string{"benchmark"}}
	b.ReportAllocs()
	for b.Loop() {
		if err := m.WritePNG(io.Discard, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSVGEngland(b *testing.B) {
	m := build(b, englandInput(b))
	b.ReportAllocs()
	for b.Loop() {
		if err := m.WriteSVG(io.Discard, MapOptions{Title: "England"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNoOverlapEngland: the no-overlap check of the England hubs, the
// structural one Build uses beside the general geo.CheckNoOverlap it
// replaced.
func BenchmarkNoOverlapEngland(b *testing.B) {
	m := build(b, englandInput(b))
	polys := make([]orb.MultiPolygon, len(m.Hubs()))
	for i, h := range m.Hubs() {
		polys[i] = h.Polygon
	}
	for _, bc := range []struct {
		name  string
		check func([]orb.MultiPolygon) error
	}{
		{"structural", noOverlap},
		{"general", geo.CheckNoOverlap},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := bc.check(polys); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
