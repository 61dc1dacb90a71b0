package input

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/hubpart/hubpart/internal/fixture"
	"github.com/hubpart/hubpart/internal/hugepage"
)

func BenchmarkReadCSVEngland(b *testing.B) {
	ioNeedFile(b, ioEnglandCSV)
	data, err := os.ReadFile(ioEnglandCSV)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		ps, err := ReadCSV(context.Background(), bytes.NewReader(data))
		if err != nil || len(ps) != 6658 {
			b.Fatal(len(ps), err)
		}
	}
}

// BenchmarkReadPostcodes reads all 1.7 million GB postcodes from the
// gzipped file, decompression included.
func BenchmarkReadPostcodes(b *testing.B) {
	readPostcodes(b, fixture.Postcodes(b))
}

// BenchmarkReadPostcodesReserved reads the postcodes as the command does,
// after reserving the heap a run on them grows to (hugepage.Reserve, about
// 1 GiB): allocations then land in memory the runtime must clear. Run it
// with -benchtime 1x in a fresh process for the command's first read.
func BenchmarkReadPostcodesReserved(b *testing.B) {
	postcodes := fixture.Postcodes(b)
	hugepage.Reserve(1 << 30)
	readPostcodes(b, postcodes)
}

// readPostcodes times reading the postcodes file, weight 1 each.
func readPostcodes(b *testing.B, postcodes string) {
	b.ReportAllocs()
	for b.Loop() {
		ps, err := ReadFile(context.Background(), postcodes, ColumnAlias("code", "postcode"), ConstantPatients(1))
		if err != nil || len(ps) != 1684685 {
			b.Fatal(len(ps), err)
		}
	}
}

func BenchmarkReadGeoJSONFixture(b *testing.B) {
	data, err := os.ReadFile("testdata/io_practices.geojson")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadGeoJSON(context.Background(), bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadBoundaryEngland reads England's outline (108 KB of GeoJSON),
// which the CLI reads beside the practices.
func BenchmarkReadBoundaryEngland(b *testing.B) {
	const path = "../testdata/england-2021/england_boundary.geojson"
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		mp, err := readBoundary(bytes.NewReader(data))
		if err != nil || len(mp) == 0 {
			b.Fatal(len(mp), err)
		}
	}
}
