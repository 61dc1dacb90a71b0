package geo

import (
	"github.com/hubpart/hubpart/internal/fixture"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

func BenchmarkDistance(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	pts := ioRegionPoints(rng, [2]float64{-6, 2}, [2]float64{50, 56}, 1024)
	b.ReportAllocs()
	sum, i := 0.0, 0
	for b.Loop() {
		sum += Distance(pts[i&1023], pts[(i+1)&1023])
		i++
	}
	if sum < 0 {
		b.Fatal(sum)
	}
}

// ioBenchPoints returns the named point set: England's practices, or
// synthetic uniform sets over England-sized boxes.
func ioBenchPoints(b *testing.B, name string) []orb.Point {
	b.Helper()
	switch name {
	case "england":
		ioNeedFile(b, ioEnglandCSV)
		ps, err := ReadFile(ioEnglandCSV)
		if err != nil {
			b.Fatal(err)
		}
		pts := make([]orb.Point, len(ps))
		for i, p := range ps {
			pts[i] = p.Loc
		}
		return pts
	case "synthetic-100k":
		return ioRegionPoints(rand.New(rand.NewPCG(2, 2)), [2]float64{-6, 2}, [2]float64{50, 56}, 100_000)
	case "synthetic-1M":
		return ioRegionPoints(rand.New(rand.NewPCG(3, 3)), [2]float64{-6, 2}, [2]float64{50, 56}, 1_000_000)
	}
	b.Fatalf("no point set %q", name)
	return nil
}

func BenchmarkIndexNearest(b *testing.B) {
	for _, set := range []string{"england", "synthetic-100k", "synthetic-1M"} {
		pts := ioBenchPoints(b, set)
		ix := NewIndex(pts)
		for _, k := range []int{1, 10} {
			b.Run(set+"/k="+ioItoa(k), func(b *testing.B) {
				b.ReportAllocs()
				i, sum := 0, 0.0
				fn := func(_ int, d float64) bool { sum += d; return true }
				for b.Loop() {
					ix.Nearest(pts[(i*7919)%len(pts)], k, fn)
					i++
				}
			})
		}
	}
}

func BenchmarkIndexWithin(b *testing.B) {
	pts := ioBenchPoints(b, "england")
	ix := NewIndex(pts)
	for _, r := range []float64{2_000, 10_000} {
		b.Run("england/r="+ioItoa(int(r)), func(b *testing.B) {
			b.ReportAllocs()
			i, n := 0, 0
			fn := func(int, float64) bool { n++; return true }
			for b.Loop() {
				ix.Within(pts[(i*7919)%len(pts)], r, fn)
				i++
			}
			b.ReportMetric(float64(n)/float64(b.N), "hits/op")
		})
	}
}

func BenchmarkNewIndex(b *testing.B) {
	for _, set := range []string{"england", "synthetic-100k"} {
		pts := ioBenchPoints(b, set)
		b.Run(set, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				NewIndex(pts)
			}
		})
	}
	b.Run("postcodes-1.7M", func(b *testing.B) {
		ps, err := ReadFile(fixture.Postcodes(b), ColumnAlias("code", "postcode"), ConstantPatients(1))
		if err != nil {
			b.Fatal(err)
		}
		pts := make([]orb.Point, len(ps))
		for i, p := range ps {
			pts[i] = p.Loc
		}
		b.ReportAllocs()
		for b.Loop() {
			NewIndex(pts)
		}
	})
}

func BenchmarkProjectionForward(b *testing.B) {
	pts := ioBenchPoints(b, "england")
	p, err := NewProjection(pts)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	var s float64
	for b.Loop() {
		xy := p.Forward(pts[i%len(pts)])
		s += xy[0]
		i++
	}
}
