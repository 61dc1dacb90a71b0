package delaunay

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"github.com/hubpart/hubpart/internal/fixture"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/geo/robust"
	"github.com/paulmach/orb"
)

// BenchmarkTriangulate measures Triangulate on uniform random points
// (10k, 100k, 1M), the England practices projected to metres, and the GB
// postcode centroids (1.7M, skipped when that file is absent).
func BenchmarkTriangulate(b *testing.B) {
	cases := []struct {
		name string
		pts  func(testing.TB) [][2]float64
	}{
		{"10k", func(testing.TB) [][2]float64 { return uniformPoints(10_000, 1) }},
		{"100k", func(testing.TB) [][2]float64 { return uniformPoints(100_000, 1) }},
		{"1M", func(testing.TB) [][2]float64 { return uniformPoints(1_000_000, 1) }},
		{"england", englandProjected},
		{"postcodes", postcodePoints},
	}
	for _, bc := range cases {
		b.Run(bc.name, func(b *testing.B) {
			pts := bc.pts(b)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Triangulate(pts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(pts)), "ns/point")
		})
	}
}

// BenchmarkPredicates measures the filtered fast path on random input and
// the exact path on exactly cocircular / collinear input.
func BenchmarkPredicates(b *testing.B) {
	pts := uniformPoints(1024, 2)
	b.Run("Orient2D/random", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			robust.Orient2D(pts[i&1023], pts[(i+1)&1023], pts[(i+2)&1023])
			i++
		}
	})
	b.Run("Orient2D/collinear", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			robust.Orient2D([2]float64{0.1, 0.1}, [2]float64{0.3, 0.3}, [2]float64{0.7, 0.7})
		}
	})
	b.Run("InCircle/random", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			robust.InCircle(pts[i&1023], pts[(i+1)&1023], pts[(i+2)&1023], pts[(i+3)&1023])
			i++
		}
	})
	b.Run("InCircle/cocircular", func(b *testing.B) {
		b.ReportAllocs()
		a, c, d, e := [2]float64{1e6 + 0.1, 1e6}, [2]float64{1e6, 1e6 + 0.1}, [2]float64{1e6 - 0.1, 1e6}, [2]float64{1e6, 1e6 - 0.1}
		for b.Loop() {
			robust.InCircle(a, c, d, e)
		}
	})
}

// englandProjected returns the England practices in the library's
// stereographic projection (NewProjection), as the pipeline triangulates
// them.
func englandProjected(tb testing.TB) [][2]float64 {
	f, err := os.Open(englandCSV)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var ll []orb.Point
	for _, row := range rows[1:] {
		lat, err1 := strconv.ParseFloat(row[col["lat"]], 64)
		lon, err2 := strconv.ParseFloat(row[col["lon"]], 64)
		if err1 != nil || err2 != nil {
			tb.Fatalf("bad row %v", row)
		}
		ll = append(ll, orb.Point{lon, lat})
	}
	proj, err := geo.NewProjection(ll)
	if err != nil {
		tb.Fatal(err)
	}
	return proj.ForwardAll(ll)
}

// postcodePoints reads the GB postcode centroids and projects them like
// englandPoints; it skips the benchmark when the file is absent.
func postcodePoints(tb testing.TB) [][2]float64 {
	f, err := os.Open(fixture.Postcodes(tb))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Scan() // header postcode,lat,lon,country
	const r = 6371008.8
	cos0 := math.Cos(54 * math.Pi / 180)
	var pts [][2]float64
	for sc.Scan() {
		fs := strings.Split(sc.Text(), ",")
		if len(fs) < 3 {
			continue
		}
		lat, err1 := strconv.ParseFloat(fs[1], 64)
		lon, err2 := strconv.ParseFloat(fs[2], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		pts = append(pts, [2]float64{r * lon * math.Pi / 180 * cos0, r * lat * math.Pi / 180})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return pts
}
