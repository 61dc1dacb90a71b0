package export

import (
	"context"
	"io"
	"testing"
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
