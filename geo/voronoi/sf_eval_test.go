//go:build sfeval

// Weighing github.com/peterstace/simplefeatures against this package and
// geo/polygon (issue #9); run with -tags sfeval. Findings: doc.go.

package voronoi

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/hubpart/hubpart/geo/delaunay"
	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

func toSF(mp orb.MultiPolygon) geom.Geometry {
	var polys []geom.Polygon
	for _, p := range mp {
		var rings []geom.LineString
		for _, r := range p {
			c := make([]float64, 0, 2*len(r)+2)
			for _, q := range r {
				c = append(c, q[0], q[1])
			}
			if r[0] != r[len(r)-1] {
				c = append(c, r[0][0], r[0][1])
			}
			rings = append(rings, geom.NewLineString(geom.NewSequence(c, geom.DimXY)))
		}
		polys = append(polys, geom.NewPolygon(rings))
	}
	return geom.NewMultiPolygon(polys).AsGeometry()
}

func fromSF(g geom.Geometry) orb.MultiPolygon {
	var out orb.MultiPolygon
	add := func(p geom.Polygon) {
		var op orb.Polygon
		for i, ring := range p.DumpRings() {
			seq := ring.Coordinates()
			var r orb.Ring
			for k := 0; k < seq.Length(); k++ {
				xy := seq.GetXY(k)
				r = append(r, orb.Point{xy.X, xy.Y})
			}
			// orient: outer CCW, holes CW
			a := polygon.SignedArea(r)
			if (i == 0) != (a > 0) {
				for l, m := 0, len(r)-1; l < m; l, m = l+1, m-1 {
					r[l], r[m] = r[m], r[l]
				}
			}
			op = append(op, r)
		}
		out = append(out, op)
	}
	switch g.Type() {
	case geom.TypePolygon:
		add(g.MustAsPolygon())
	case geom.TypeMultiPolygon:
		mp := g.MustAsMultiPolygon()
		for i := 0; i < mp.NumPolygons(); i++ {
			add(mp.PolygonN(i))
		}
	case geom.TypeGeometryCollection:
		gc := g.MustAsGeometryCollection()
		for i := 0; i < gc.NumGeometries(); i++ {
			out = append(out, fromSF(gc.GeometryN(i))...)
		}
	}
	return out
}

// sfClipSample is how many England cells the clip comparison uses: the
// library takes about 30 ms per cell against the whole boundary.
const sfClipSample = 300

func sfEngland(tb testing.TB) (d vtEnglandData, ours, raw []orb.MultiPolygon, groups [][]int32) {
	d = vtLoadEngland(tb)
	var err error
	if ours, err = Cells(d.tr, d.clip); err != nil {
		tb.Fatal(err)
	}
	if raw, err = Cells(d.tr, nil); err != nil {
		tb.Fatal(err)
	}
	return d, ours, raw, vtRandomGroups(ours, vtAdjacency(ours), 4, 1)
}

// TestSFAgreesEngland: on a sample of England's cells the library's clip
// gives valid polygons of our area (except at sites that get a pocket), and
// its union of each group of 4 cells matches Dissolve.
func TestSFAgreesEngland(t *testing.T) {
	d, ours, raw, groups := sfEngland(t)
	b := toSF(d.clip)
	cr := newRegion(d.clip)
	for i := 0; i < len(raw) && i < sfClipSample; i++ {
		if raw[i] == nil || cr.needsPocket(d.tr.Points[i]) {
			continue
		}
		g, err := geom.Intersection(toSF(raw[i]), b)
		if err != nil {
			t.Fatalf("cell %d: %v", i, err)
		}
		mp := fromSF(g)
		if err := polygon.Check(mp); err != nil {
			t.Fatalf("cell %d: %v", i, err)
		}
		if a, b := polygon.Area(ours[i]), polygon.Area(mp); math.Abs(a-b) > 1e-6*math.Max(a, 1) {
			t.Fatalf("cell %d: area %v, ours %v", i, b, a)
		}
	}
	diss := Dissolve(ours, groups)
	for gi, g := range groups {
		var gs []geom.Geometry
		for _, m := range g {
			if ours[m] != nil {
				gs = append(gs, toSF(ours[m]))
			}
		}
		u, err := geom.UnionMany(gs)
		if err != nil {
			t.Fatalf("group %d: %v", gi, err)
		}
		mp := fromSF(u)
		if err := polygon.Check(mp); err != nil {
			t.Fatalf("group %d: %v", gi, err)
		}
		if a, b := polygon.Area(diss[gi]), polygon.Area(mp); math.Abs(a-b) > 1e-6*math.Max(a, 1) {
			t.Fatalf("group %d: area %v, ours %v", gi, b, a)
		}
	}
	for i, c := range ours {
		if c != nil {
			if err := toSF(c).Validate(); err != nil {
				t.Fatalf("cell %d valid for polygon.Check, not for the library: %v", i, err)
			}
		}
	}
}

// BenchmarkSFClipEngland: sfClipSample unclipped England cells clipped to
// the boundary, by ClipConvex ("ours") and by the library.
func BenchmarkSFClipEngland(b *testing.B) {
	d, _, raw, _ := sfEngland(b)
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i := 0; i < sfClipSample; i++ {
				if raw[i] != nil {
					ClipConvex(raw[i][0][0], d.clip)
				}
			}
		}
	})
	b.Run("simplefeatures", func(b *testing.B) {
		sb := toSF(d.clip)
		b.ReportAllocs()
		for b.Loop() {
			for i := 0; i < sfClipSample; i++ {
				if raw[i] != nil {
					if _, err := geom.Intersection(toSF(raw[i]), sb); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	})
}

// BenchmarkSFDissolveEngland: England's cells merged into groups of 4, by
// Dissolve and by the library's UnionMany.
func BenchmarkSFDissolveEngland(b *testing.B) {
	_, ours, _, groups := sfEngland(b)
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Dissolve(ours, groups)
		}
	})
	b.Run("simplefeatures", func(b *testing.B) {
		sf := make([]geom.Geometry, len(ours))
		for i, c := range ours {
			if c != nil {
				sf[i] = toSF(c)
			}
		}
		b.ReportAllocs()
		for b.Loop() {
			for _, g := range groups {
				var gs []geom.Geometry
				for _, m := range g {
					if ours[m] != nil {
						gs = append(gs, sf[m])
					}
				}
				if _, err := geom.UnionMany(gs); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkSFValidateEngland: validity of every England cell, by
// polygon.Check and by the library's Validate.
func BenchmarkSFValidateEngland(b *testing.B) {
	_, ours, _, _ := sfEngland(b)
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, c := range ours {
				if c != nil {
					_ = polygon.Check(c)
				}
			}
		}
	})
	b.Run("simplefeatures", func(b *testing.B) {
		sf := make([]geom.Geometry, len(ours))
		for i, c := range ours {
			if c != nil {
				sf[i] = toSF(c)
			}
		}
		b.ReportAllocs()
		for b.Loop() {
			for _, g := range sf {
				if !g.IsEmpty() {
					_ = g.Validate()
				}
			}
		}
	})
}

var sfCorpusLine = regexp.MustCompile(`^(\[\]byte|byte|uint8|uint64)\((.*)\)$`)

// TestSFAgreesFuzzCorpus: on FuzzVoronoi's seeds and corpus, clipped to a
// U-shaped region with a hole, the library's clip and union never fail and
// give polygons that pass polygon.Check.
func TestSFAgreesFuzzCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/fuzz/FuzzVoronoi/*")
	type in struct {
		data []byte
		mode uint8
	}
	ins := []in{{[]byte{0, 0, 0, 1, 1, 0, 1, 1}, 0}, {[]byte{0, 0, 1, 1, 2, 2, 3, 3}, 0}, {[]byte{5, 5, 5, 5, 5, 5}, 1}, {[]byte{0, 0, 4, 0, 0, 4, 4, 4, 2, 2, 2, 6, 6, 2}, 1}, {[]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0}, 1}}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		var x in
		n := 0
		for _, l := range regexp.MustCompile(`\n`).Split(string(b), -1) {
			m := sfCorpusLine.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			switch m[1] {
			case "[]byte":
				s, err := strconv.Unquote(m[2])
				if err != nil {
					t.Fatal(f, err)
				}
				x.data = []byte(s)
			case "byte", "uint8":
				v, err := strconv.ParseUint(m[2], 0, 8)
				if err != nil {
					if s, err2 := strconv.Unquote(m[2]); err2 == nil && len(s) == 1 {
						v = uint64(s[0])
					} else {
						t.Fatal(f, err)
					}
				}
				x.mode = uint8(v)
			}
			n++
		}
		ins = append(ins, x)
	}
	for _, x := range ins {
		data := x.data
		if len(data) > 120 {
			data = data[:120]
		}
		scale := 1.0
		if x.mode&2 != 0 {
			scale = 1.1
		}
		var pts [][2]float64
		for k := 0; k+1 < len(data); k += 2 {
			pts = append(pts, [2]float64{float64(data[k]%16) * scale, float64(data[k+1]%16) * scale})
		}
		if len(pts) == 0 {
			continue
		}
		tr, err := delaunay.Triangulate(pts)
		if err != nil {
			t.Fatal(err)
		}
		clip := orb.MultiPolygon{{
			{{-1, -1}, {17, -1}, {17, 17}, {11, 17}, {11, 5}, {5, 5}, {5, 17}, {-1, 17}, {-1, -1}},
			vtRev(vtSq(0.5, 10.5, 3.5, 13.5)),
		}}
		ours, err := Cells(tr, clip)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := Cells(tr, nil)
		if err != nil {
			t.Fatal(err)
		}
		sfb := toSF(clip)
		for i, c := range raw {
			if c == nil {
				continue
			}
			g, err := geom.Intersection(toSF(c), sfb)
			if err != nil {
				t.Fatalf("%v cell %d: %v", pts, i, err)
			}
			if mp := fromSF(g); len(mp) > 0 {
				if err := polygon.Check(mp); err != nil {
					t.Fatalf("%v cell %d: %v", pts, i, err)
				}
			}
		}
		for _, g := range vtRandomGroups(ours, vtAdjacency(ours), 2, 1) {
			var gs []geom.Geometry
			for _, m := range g {
				if ours[m] != nil {
					gs = append(gs, toSF(ours[m]))
				}
			}
			if len(gs) == 0 {
				continue
			}
			u, err := geom.UnionMany(gs)
			if err != nil {
				t.Fatalf("%v group %v: %v", pts, g, err)
			}
			if err := polygon.Check(fromSF(u)); err != nil {
				t.Fatalf("%v group %v: %v", pts, g, err)
			}
		}
	}
}
