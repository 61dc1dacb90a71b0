package postcode

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"testing"

	"github.com/hubpart/hubpart/internal/fixture"
)

// BenchmarkReadFile reads and indexes all 1.7 million GB postcodes from the
// gzip file, as the CLI does.
func BenchmarkReadFile(b *testing.B) {
	path := fixture.Postcodes(b)
	b.ReportAllocs()
	for b.Loop() {
		t, err := ReadFile(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(t.Len()), "postcodes")
	}
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
	for b.Loop() {
		t, err := Read(context.Background(), bytes.NewReader(text))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(t.Len()), "postcodes")
	}
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
