package delaunay

import (
	"context"
	"math"
	"testing"
)

// fuzzPoints decodes fuzz bytes into a small point set that is rich in
// degeneracies. data[0] picks a placement: an offset (0, 1e7 or -3.3e5
// metres), a scale (1, 2^-20 or 1000) and whether points carry an ulp-sized
// jitter. Each following byte (two with jitter) is a point on a 16×16
// integer grid, so duplicates, collinear runs and cocircular quadruples are
// common.
func fuzzPoints(data []byte) [][2]float64 {
	if len(data) == 0 {
		return nil
	}
	mode := data[0]
	data = data[1:]
	offset := [...]float64{0, 1e7, -3.3e5, 0}[mode&3]
	scale := [...]float64{1, 0x1p-20, 1000, 1}[(mode>>2)&3]
	jitter := mode&16 != 0
	var pts [][2]float64
	for len(data) > 0 && len(pts) < 256 {
		b := data[0]
		data = data[1:]
		p := [2]float64{offset + scale*float64(b&15), offset + scale*float64(b>>4)}
		if jitter && len(data) > 0 {
			j := data[0]
			data = data[1:]
			p[0] = perturb(p[0], int(j&7)-3)
			p[1] = perturb(p[1], int(j>>3&7)-3)
		}
		pts = append(pts, p)
	}
	return pts
}

// perturb moves x by k ulps.
func perturb(x float64, k int) float64 {
	for ; k > 0; k-- {
		x = math.Nextafter(x, math.Inf(1))
	}
	for ; k < 0; k++ {
		x = math.Nextafter(x, math.Inf(-1))
	}
	return x
}

// FuzzTriangulate checks every documented invariant of Triangulate (see
// checkTriangulation: representatives, counter-clockwise triangles,
// consistent half-edges, convex hull, Euler count, Edges, exact empty
// circles) on decoded point sets, triangulated in one sweep and in halves.
func FuzzTriangulate(f *testing.F) {
	f.Add([]byte{0, 0x11, 0x11, 0x11})                                 // all identical
	f.Add([]byte{0, 0x00, 0x11, 0x22, 0x33, 0x44})                     // diagonal
	f.Add([]byte{0, 0x00, 0x11, 0x22, 0x33, 0x44, 0x03})               // collinear plus one
	f.Add([]byte{1, 0x00, 0x02, 0x20, 0x22, 0x11, 0x00, 0x22})         // square, centre, duplicates, offset 1e7
	f.Add([]byte{0x11, 0x00, 0x9, 0x05, 0x1b, 0x50, 0x2d, 0x55, 0x3f}) // jittered square at 1e7
	f.Add([]byte{4, 0x01, 0x10, 0x12, 0x21, 0x00, 0x22, 0x02, 0x20})   // cocircular, tiny scale
	f.Fuzz(func(t *testing.T, data []byte) {
		pts := fuzzPoints(data)
		tr, err := Triangulate(pts)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkTriangulation(pts, tr); err != nil {
			t.Fatalf("%v\npoints: %v", err, pts)
		}
		// The same points in two halves (triangulateHalves, used from
		// halvesMin points): when it does not decline, the same checks.
		h := &Triangulation{Points: pts}
		ok, err := triangulateHalves(context.Background(), h)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			if err := checkTriangulation(pts, h); err != nil {
				t.Fatalf("in halves: %v\npoints: %v", err, pts)
			}
		}
	})
}
