package export

import (
	"testing"

	"github.com/paulmach/orb"
)

// FuzzFinishPolygons feeds arbitrary rings (coordinates on a coarse grid
// plus sub-rounding jitter, so rounding creates duplicates, spikes and
// collapsed rings) through the rounding and repair step and checks what it
// promises: every surviving ring is closed, has at least three distinct
// corners, no repeated consecutive vertex, no A-B-A spike, a non-zero area,
// and the right orientation (outer CCW, holes CW); coordinates are on the
// 1e-6 grid.
func FuzzFinishPolygons(f *testing.F) {
	f.Add([]byte{0, 0, 10, 0, 10, 10, 0, 10}, uint8(0))
	f.Add([]byte{0, 0, 0, 10, 10, 10, 10, 0}, uint8(1))                                 // clockwise
	f.Add([]byte{0, 0, 10, 0, 10, 10, 10, 20, 10, 10, 0, 10}, uint8(0))                 // spike
	f.Add([]byte{0, 0, 10, 0, 20, 0}, uint8(3))                                         // collinear
	f.Add([]byte{5, 5, 5, 5, 5, 5, 5, 5}, uint8(0))                                     // one point
	f.Add([]byte{0, 0, 10, 0, 10, 10, 20, 10, 20, 20, 10, 20, 10, 10, 0, 10}, uint8(0)) // figure of eight: a pinch
	f.Add([]byte{0, 0, 40, 0, 40, 40, 20, 40, 30, 20, 10, 20, 20, 40, 0, 40}, uint8(0)) // a loop inwards: a hole touching
	f.Fuzz(func(t *testing.T, data []byte, jitter uint8) {
		if len(data) > 400 {
			return
		}
		var ring orb.Ring
		for i := 0; i+1 < len(data); i += 2 {
			j := float64(jitter%8) * 1e-7 * float64(int(data[i]^data[i+1])%3-1)
			ring = append(ring, orb.Point{1 + float64(int8(data[i]))*1e-6 + j, 52 + float64(int8(data[i+1]))*1e-6 - j})
		}
		if len(ring) > 0 {
			ring = append(ring, ring[0])
		}
		hole := orb.Ring{{0.9, 51.9}, {0.9, 52.1}, {1.1, 52.1}, {1.1, 51.9}, {0.9, 51.9}}
		in := orb.MultiPolygon{{ring}, {{{0, 50}, {2, 50}, {2, 54}, {0, 54}, {0, 50}}, hole}}
		out := finishPolygons(in, roundPoint)
		for pi, poly := range out {
			for ri, r := range poly {
				if len(r) < 4 || r[0] != r[len(r)-1] {
					t.Fatalf("polygon %d ring %d open or short: %v", pi, ri, r)
				}
				for i := 0; i+1 < len(r); i++ {
					if r[i] == r[i+1] {
						t.Fatalf("repeated vertex in %v", r)
					}
					if roundPoint(r[i]) != r[i] {
						t.Fatalf("vertex %v not rounded", r[i])
					}
				}
				n := len(r) - 1
				seen := make(map[orb.Point]bool, n)
				for _, p := range r[:n] {
					if seen[p] {
						t.Fatalf("polygon %d ring %d visits %v twice (a pinch): %v", pi, ri, p, r)
					}
					seen[p] = true
				}
				for i := range n {
					if r[(i+n-1)%n] == r[(i+1)%n] {
						t.Fatalf("spike at vertex %d of %v", i, r)
					}
				}
				a := ringArea2(r)
				if a == 0 || (ri == 0) != (a > 0) {
					t.Fatalf("polygon %d ring %d area2 %v: wrong orientation", pi, ri, a)
				}
			}
		}
	})
}
