package voronoi

import (
	"math"
	"testing"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/paulmach/orb"
)

// vtHalfPlane keeps the part of the convex CCW loop left of (or on) the
// directed line a->b (Sutherland–Hodgman step, correct for convex input).
// Cut points are computed from each edge in loop order, so two calls with
// opposite lines give identical cut points.
func vtHalfPlane(loop [][2]float64, a, b [2]float64, keepLeft bool) [][2]float64 {
	side := func(p [2]float64) float64 {
		o := (b[0]-a[0])*(p[1]-a[1]) - (b[1]-a[1])*(p[0]-a[0])
		if !keepLeft {
			o = -o
		}
		return o
	}
	var out [][2]float64
	for k := range loop {
		p, q := loop[k], loop[(k+1)%len(loop)]
		sp, sq := side(p), side(q)
		if sp >= 0 {
			out = append(out, p)
		}
		if (sp > 0 && sq < 0) || (sp < 0 && sq > 0) {
			sp0 := (b[0]-a[0])*(p[1]-a[1]) - (b[1]-a[1])*(p[0]-a[0])
			sq0 := (b[0]-a[0])*(q[1]-a[1]) - (b[1]-a[1])*(q[0]-a[0])
			t := sp0 / (sp0 - sq0)
			out = append(out, [2]float64{p[0] + t*(q[0]-p[0]), p[1] + t*(q[1]-p[1])})
		}
	}
	return out
}

// vtConvexArea is the area of the intersection of two convex CCW loops.
func vtConvexArea(subject, clipper [][2]float64) float64 {
	out := subject
	for k := range clipper {
		if len(out) < 3 {
			return 0
		}
		out = vtHalfPlane(out, clipper[k], clipper[(k+1)%len(clipper)], true)
	}
	if len(out) < 3 {
		return 0
	}
	return polygon.SignedArea(out)
}

// FuzzClipConvex clips a random convex cell against a U-shaped region with a
// hole and checks the result against an independent computation (the U as
// three convex rectangles minus the convex hole, each intersected by
// Sutherland–Hodgman), and that the two halves of the cell cut by a random
// line clip to non-overlapping pieces that dissolve back to the whole.
func FuzzClipConvex(f *testing.F) {
	f.Add([]byte{0, 0, 60, 0, 60, 60, 0, 60}, []byte{10, 0, 10, 60})
	f.Add([]byte{20, 20, 44, 20, 44, 68, 20, 68}, []byte{0, 30, 64, 31})
	f.Add([]byte{4, 4, 40, 4, 22, 50}, []byte{20, 0, 20, 64}) // vertex on the hole edge line
	f.Fuzz(func(t *testing.T, cellData, cut []byte) {
		if len(cellData) > 40 || len(cut) < 4 {
			return
		}
		var pts [][2]float64
		for k := 0; k+1 < len(cellData); k += 2 {
			pts = append(pts, [2]float64{float64(cellData[k]%72)/4 - 1, float64(cellData[k+1]%72)/4 - 1})
		}
		hull := convexHull(pts)
		if len(hull) < 3 {
			return
		}
		rects := [][][2]float64{
			{{-1, -1}, {17, -1}, {17, 5}, {-1, 5}},
			{{-1, 5}, {5, 5}, {5, 17}, {-1, 17}},
			{{11, 5}, {17, 5}, {17, 17}, {11, 17}},
		}
		hole := [][2]float64{{0.5, 10.5}, {3.5, 10.5}, {3.5, 13.5}, {0.5, 13.5}}
		clip := orb.MultiPolygon{{
			{{-1, -1}, {17, -1}, {17, 17}, {11, 17}, {11, 5}, {5, 5}, {5, 17}, {-1, 17}, {-1, -1}},
			vtRev(vtSq(0.5, 10.5, 3.5, 13.5)),
		}}
		got := ClipConvex(closeLoop(hull), clip)
		if err := polygon.Check(got); err != nil {
			t.Fatalf("invalid %v: %v", got, err)
		}
		want := -vtConvexArea(hull, hole)
		for _, r := range rects {
			want += vtConvexArea(hull, r)
		}
		if math.Abs(polygon.Area(got)-want) > 1e-9*(1+polygon.Area(clip)) {
			t.Fatalf("area %v, reference %v: %v", polygon.Area(got), want, got)
		}

		a := [2]float64{float64(cut[0]%72)/4 - 1, float64(cut[1]%72)/4 - 1}
		b := [2]float64{float64(cut[2]%72)/4 - 1 + 0.013, float64(cut[3]%72)/4 - 1}
		left := vtHalfPlane(hull, a, b, true)
		right := vtHalfPlane(hull, a, b, false)
		var halves []orb.MultiPolygon
		for _, h := range [][][2]float64{left, right} {
			if len(h) < 3 {
				continue
			}
			if r := openCCW(closeLoop(h)); r != nil {
				halves = append(halves, ClipConvex(closeLoop(r), clip))
			}
		}
		for _, h := range halves {
			if err := polygon.Check(h); err != nil {
				t.Fatalf("half invalid %v: %v", h, err)
			}
		}
		if err := polygon.CheckNoOverlap(halves); err != nil {
			t.Fatalf("halves overlap: %v", err)
		}
		var group []int32
		for i := range halves {
			group = append(group, int32(i))
		}
		d := Dissolve(halves, [][]int32{group})[0]
		if err := polygon.Check(d); err != nil {
			t.Fatalf("dissolved halves invalid: %v", err)
		}
		if math.Abs(polygon.Area(d)-polygon.Area(got)) > 1e-9*(1+polygon.Area(clip)) {
			t.Fatalf("halves dissolve to area %v, whole cell %v", polygon.Area(d), polygon.Area(got))
		}
	})
}
