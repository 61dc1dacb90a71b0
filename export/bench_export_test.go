package export

import (
	"io"
	"testing"
)

func BenchmarkGeoJSONEngland(b *testing.B) {
	in := englandInput(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := WriteGeoJSON(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPNGEngland(b *testing.B) {
	in := englandInput(b)
	fc, err := FeatureCollection(in)
	if err != nil {
		b.Fatal(err)
	}
	opt := MapOptions{Title: "England", Summary: []string{"benchmark"}}
	b.ReportAllocs()
	for b.Loop() {
		if err := WritePNG(io.Discard, in, fc, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSVGEngland(b *testing.B) {
	in := englandInput(b)
	fc, err := FeatureCollection(in)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteSVG(io.Discard, in, fc, MapOptions{Title: "England"}); err != nil {
			b.Fatal(err)
		}
	}
}
