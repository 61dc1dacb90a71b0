package postcode

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"syscall"
	"testing"

	"github.com/hubpart/hubpart/internal/fixture"
)

// BenchmarkReadFile reads and indexes all 1.7 million GB postcodes from the
// gzip file, as the CLI does.
func BenchmarkReadFile(b *testing.B) {
	path := fixture.Postcodes(b)
	b.ReportAllocs()
	cpu := cpuSeconds()
	for b.Loop() {
		t, err := ReadFile(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(t.Len()), "postcodes")
	}
	b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
}

// cpuSeconds is the process's user and system CPU time so far: on a shared
// machine it shows the work done when the wall clock is inflated by load.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

// BenchmarkRead builds the table from the decompressed text in memory:
// the lookup's own cost, without gzip.
func BenchmarkRead(b *testing.B) {
	path := fixture.Postcodes(b)
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	text, err := io.ReadAll(zr)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu := cpuSeconds()
	for b.Loop() {
		t, err := Read(context.Background(), bytes.NewReader(text))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(t.Len()), "postcodes")
	}
	b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
}

// BenchmarkLocate looks up one listed postcode and one that falls back to
// its sector.
func BenchmarkLocate(b *testing.B) {
	t, err := ReadFile(context.Background(), fixture.Postcodes(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := t.Locate("SR6 7EE"); err != nil {
			b.Fatal(err)
		}
	}
}
