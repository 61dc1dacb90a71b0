package polygon

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// BenchmarkCheck10k: a 10,000-vertex wiggly ring (short edges, as
// in a coastline) and a 10,000-vertex star whose long, thin, densely packed
// spikes defeat bounding-box filtering (each edge's box meets ~160 others).
func BenchmarkCheck10k(b *testing.B) {
	for _, c := range []struct {
		name string
		ring orb.Ring
	}{{"wiggly", wiggly(10000)}, {"star", vtStar(10000)}} {
		b.Run(c.name, func(b *testing.B) {
			mp := orb.MultiPolygon{{c.ring}}
			b.ReportAllocs()
			for b.Loop() {
				if err := Check(mp); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// wiggly returns a closed CCW ring of n vertices around a circle of radius
// 1000 whose radius wobbles by up to 70.
func wiggly(n int) orb.Ring {
	r := make(orb.Ring, 0, n+1)
	for k := range n {
		a := 2 * math.Pi * float64(k) / float64(n)
		rad := 1000 + 50*math.Sin(37*a) + 20*math.Sin(101*a)
		r = append(r, orb.Point{rad * math.Cos(a), rad * math.Sin(a)})
	}
	return append(r, r[0])
}
