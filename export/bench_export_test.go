package export

import (
	"context"
	"io"
	"syscall"
	"testing"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/paulmach/orb"
)

func BenchmarkBuildEngland(b *testing.B) {
	in := englandInput(b)
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := Build(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildEnglandCellsAhead is Build with the cells made beforehand
// (Input.Cells), as the CLI does while the partition runs: the part of
// Build that waits for the partition.
func BenchmarkBuildEnglandCellsAhead(b *testing.B) {
	in := englandInput(b)
	c, err := NewCells(context.Background(), in.Graph, in.Boundary)
	if err != nil {
		b.Fatal(err)
	}
	in.Cells = c
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := Build(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGeoJSONEngland(b *testing.B) {
	m := build(b, englandInput(b))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if err := m.WriteGeoJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPNGEngland and BenchmarkSVGEngland lay the map out afresh
// every time (no scene kept between writes); BenchmarkMapsEngland writes
// both side by side from one layout, as the CLI does.
func BenchmarkPNGEngland(b *testing.B) {
	m := build(b, englandInput(b))
	m.cache = nil
	opt := MapOptions{Title: "England", Summary: []string{"benchmark"}}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if err := m.WritePNG(io.Discard, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPNGEncodeEngland is the PNG encoding alone (filter, deflate in
// strips, chunks) of the England map, drawn once.
func BenchmarkPNGEncodeEngland(b *testing.B) {
	m := build(b, englandInput(b))
	s, err := m.sceneFor(MapOptions{Title: "England", Summary: []string{"benchmark"}})
	if err != nil {
		b.Fatal(err)
	}
	img, err := s.raster()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if err := encodePNG(io.Discard, img); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSVGEngland(b *testing.B) {
	m := build(b, englandInput(b))
	m.cache = nil
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if err := m.WriteSVG(io.Discard, MapOptions{Title: "England"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMapsEngland(b *testing.B) {
	m := build(b, englandInput(b))
	opt := MapOptions{Title: "England", Summary: []string{"benchmark"}}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		m.cache = &sceneCache{} // lay out afresh, once for both
		errs := make(chan error, 2)
		go func() { errs <- m.WriteSVG(io.Discard, opt) }()
		go func() { errs <- m.WritePNG(io.Discard, opt) }()
		for range 2 {
			if err := <-errs; err != nil {
				b.Fatal(err)
			}
		}
	}
}

// reportCPU starts counting the process's CPU time; the function it
// returns reports it per operation as cpu-ms/op (all goroutines together,
// and far less disturbed than wall time on a loaded machine).
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-start)/1e6/float64(b.N), "cpu-ms/op") }
}

func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkNoOverlapEngland: the no-overlap check of the England hubs, the
// structural one Build uses beside the general polygon.CheckNoOverlap it
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
		{"general", polygon.CheckNoOverlap},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b)()
			for b.Loop() {
				if err := bc.check(polys); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
