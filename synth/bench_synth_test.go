package synth

import (
	"io"
	"testing"
)

var benchSizes = []struct {
	name string
	n    int
}{
	{"6k", 6_000},
	{"100k", 100_000},
	{"2M", 2_000_000},
}

func BenchmarkGenerate(b *testing.B) {
	for _, bs := range benchSizes {
		b.Run(bs.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Generate(Options{Practices: bs.n, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(bs.n), "practices")
		})
	}
}

func BenchmarkWriteCSV(b *testing.B) {
	for _, bs := range benchSizes[:2] {
		c, err := Generate(Options{Practices: bs.n, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bs.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.WriteCSV(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkContains(b *testing.B) {
	l := newLand(1)
	r := newRNG(1, 9)
	main := l.rings[0]
	pts := make([][2]int64, 4096)
	for i := range pts {
		pts[i] = [2]int64{main.minX + r.int63n(main.maxX-main.minX+1), main.minY + r.int63n(main.maxY-main.minY+1)}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p := pts[i&4095]
		main.contains(p[0], p[1])
		i++
	}
}
