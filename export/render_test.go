package export

import (
	"bytes"
	"encoding/xml"
	"errors"
	"github.com/hubpart/hubpart/geo/polygon"
	"image/color"
	"image/png"
	"io"
	"math"
	"strings"
	"testing"

	"context"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/partition"
	"github.com/hubpart/hubpart/synth"
	"github.com/paulmach/orb"
)

// interiorPixel finds a pixel near (x, y) that lies well inside shape sh
// (at least 3 px from its boundary), at least 3 px clear of every dot, and
// off the hatch stripes, so that its colour is exactly the hub's fill.
func interiorPixel(s *scene, grid map[[2]int][]dot, sh shape, x, y float64) (int, int, bool) {
	clear := func(px, py float64) bool {
		for _, in := range s.insets {
			if px > in.dst[0]-3 && px < in.dst[2]+3 && py > in.dst[1]-3 && py < in.dst[3]+3 {
				return false // covered by the magnified inset
			}
			b := in.src
			if px > b[0]-6 && px < b[0]+float64(len([]rune(in.label))+2)*s.textSize*0.6 && py > b[1]-s.textSize*1.6 && py < b[1]+3 {
				return false // under the window's place name
			}
			frame := [][2]float64{{b[0], b[1]}, {b[2], b[1]}, {b[2], b[3]}, {b[0], b[3]}, {b[0], b[1]}}
			for i := 0; i+1 < len(frame); i++ {
				if segDist(orb.Point{px, py}, orb.Point(frame[i]), orb.Point(frame[i+1])) < 3 {
					return false // on the frame of the inset's window
				}
			}
		}
		if sb := s.scale; sb != nil && px > sb.x-3 && px < sb.x+sb.px+3 && py > sb.y-3*s.textSize && py < sb.y+3 {
			return false // under the scale bar or its label
		}
		cx, cy := int(px)/dotCell, int(py)/dotCell
		for gx := cx - 1; gx <= cx+1; gx++ {
			for gy := cy - 1; gy <= cy+1; gy++ {
				for _, d := range grid[[2]int{gx, gy}] {
					if dx, dy, rr := d.x-px, d.y-py, d.r+3; dx*dx+dy*dy < rr*rr {
						return false
					}
				}
			}
		}
		// Inside by even-odd.
		in := false
		for _, r := range sh.rings {
			for i := 0; i+1 < len(r); i++ {
				a, b := r[i], r[i+1]
				if segDist(orb.Point{px, py}, orb.Point(a), orb.Point(b)) < 3 {
					return false
				}
				if (a[1] > py) != (b[1] > py) && a[0]+(py-a[1])*(b[0]-a[0])/(b[1]-a[1]) > px {
					in = !in
				}
			}
		}
		return in
	}
	for rad := 0; rad < 16; rad++ {
		for dy := -rad; dy <= rad; dy++ {
			for dx := -rad; dx <= rad; dx++ {
				if max(abs(dx), abs(dy)) != rad {
					continue
				}
				px, py := int(math.Floor(x))+dx, int(math.Floor(y))+dy
				if sh.warn && ((px+py)%8+8)%8 < 3 {
					continue
				}
				if clear(float64(px)+0.5, float64(py)+0.5) {
					return px, py, true
				}
			}
		}
	}
	return 0, 0, false
}

// dotCell is the bucket size (px) of dotGrid; dots are far smaller.
const dotCell = 16

func dotGrid(s *scene) map[[2]int][]dot {
	g := map[[2]int][]dot{}
	for _, d := range s.dots {
		k := [2]int{int(d.x) / dotCell, int(d.y) / dotCell}
		g[k] = append(g[k], d)
	}
	return g
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// checkPicture renders in/fc to PNG and SVG and checks both.
func checkPicture(t *testing.T, m *Model, opt MapOptions) {
	t.Helper()
	s, err := buildScene(m, opt)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.WritePNG(&buf, opt); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	checkInsets(t, s)
	wantW := opt.Width
	if wantW == 0 {
		wantW = 1200
	}
	if b := img.Bounds(); b.Dx() != wantW || b.Dy() != s.h {
		t.Fatalf("PNG is %v, want %dx%d", b, wantW, s.h)
	}
	// Each hub's fill shows at an interior pixel near its hub site.
	checked, sampled := 0, 0
	grid := dotGrid(s)
	for _, h := range m.Hubs() {
		sh := s.hubs[checked]
		hs := s.dots[h.HubSite] // dots follow the practices in order
		px, py, ok := interiorPixel(s, grid, sh, hs.x, hs.y)
		checked++
		if !ok {
			continue // tiny or crowded hub: nothing to sample clear of edges and dots
		}
		sampled++
		got := color.RGBAModel.Convert(img.At(px, py)).(color.RGBA)
		if got != sh.fill {
			t.Errorf("hub %d: pixel (%d,%d) is %v, want fill %v", sh.id, px, py, got, sh.fill)
		}
	}
	if checked == 0 || sampled < checked/3 {
		t.Fatalf("sampled the fill of %d of %d hubs, want at least a third (urban hubs are too crowded to sample)", sampled, checked)
	}

	buf.Reset()
	if err := m.WriteSVG(&buf, opt); err != nil {
		t.Fatal(err)
	}
	hubPaths, titles := svgCounts(t, buf.Bytes())
	if hubPaths != len(s.hubs) || titles < len(s.hubs) {
		t.Fatalf("SVG has %d hub paths and %d titles, want %d hubs each with a title", hubPaths, titles, len(s.hubs))
	}
}

// svgCounts decodes the SVG as XML (failing on malformed input) and counts
// the hub paths and the <title> elements inside them.
func svgCounts(t *testing.T, b []byte) (hubPaths, titles int) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	inHub := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local == "path" {
				for _, a := range e.Attr {
					if a.Name.Local == "class" && a.Value == "hub" {
						hubPaths++
						inHub = true
					}
				}
			}
			if e.Name.Local == "title" && inHub {
				titles++
			}
		case xml.EndElement:
			if e.Name.Local == "path" {
				inHub = false
			}
		}
	}
	return hubPaths, titles
}

func TestPictureSynthetic(t *testing.T) {
	m := build(t, synthetic(t, true))
	cases := []struct {
		name string
		opt  MapOptions
	}{
		{"default width with title and summary", MapOptions{Title: "Hubs <test> & areas", Summary: []string{"4 hubs, 3 within bounds", "second line"}}},
		{"narrow, no title", MapOptions{Width: 500}},
		{"wide", MapOptions{Width: 1800, Title: "t"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkPicture(t, m, tc.opt)
			if tc.opt.Width != 500 {
				return
			}
			// Same input, same bytes.
			for _, write := range []func(io.Writer, MapOptions) error{m.WritePNG, m.WriteSVG} {
				var a, b bytes.Buffer
				if err := write(&a, tc.opt); err != nil {
					t.Fatal(err)
				}
				if err := write(&b, tc.opt); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Fatal("two renderings of the same input differ")
				}
			}
		})
	}
}

func TestPictureNeighboursDiffer(t *testing.T) {
	m := build(t, synthetic(t, false))
	s, err := buildScene(m, MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Hubs are column strips: each touches the next.
	for i := 0; i+1 < len(s.hubs); i++ {
		if s.hubs[i].fill == s.hubs[i+1].fill {
			t.Errorf("neighbouring hubs %d and %d share colour %v", i, i+1, s.hubs[i].fill)
		}
	}
	if !s.hubs[3].warn || s.hubs[0].warn {
		t.Error("oversize hub 3 should be marked, hub 0 not")
	}
	if !strings.Contains(s.hubs[3].tip, "oversize") || !strings.Contains(s.hubs[0].tip, "practices") {
		t.Errorf("tooltips %q / %q", s.hubs[3].tip, s.hubs[0].tip)
	}
}

func TestPictureErrors(t *testing.T) {
	cases := []struct {
		name string
		m    *Model
	}{
		{"nil model", nil},
		{"empty model", &Model{}},
		{"no hubs", &Model{Levels: []Level{{Name: "hub"}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.m.WriteSVG(io.Discard, MapOptions{}); !errors.Is(err, ErrNoFeatures) {
				t.Errorf("WriteSVG err = %v", err)
			}
			if err := tc.m.WritePNG(io.Discard, MapOptions{}); !errors.Is(err, ErrNoFeatures) {
				t.Errorf("WritePNG err = %v", err)
			}
		})
	}
}

// inRings reports whether (x, y) is inside rings (even-odd).
func inRings(rings [][][2]float64, x, y float64) bool {
	in := false
	for _, r := range rings {
		if polygon.RingSide(r, [2]float64{x, y}) != polygon.Outside {
			in = !in
		}
	}
	return in
}

// checkInsets verifies what the scene promises of its insets: on the map,
// an inset covers no hub and no practice dot, nor another inset or window;
// in the strip, it sits below the map; each magnifies its window.
func checkInsets(t *testing.T, s *scene) {
	t.Helper()
	overlap := func(a, b [4]float64) bool { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3] }
	for k, in := range s.insets {
		if got := (in.dst[2] - in.dst[0]) / (in.src[2] - in.src[0]); math.Abs(got-in.zoom) > 1e-9 {
			t.Errorf("inset %d magnifies %v, want %v", k, got, in.zoom)
		}
		for j, other := range s.insets {
			if j != k && (overlap(in.dst, other.dst) || overlap(in.dst, other.src)) {
				t.Errorf("inset %d covers inset %d or its window", k, j)
			}
		}
		if in.strip {
			continue
		}
		for _, h := range s.hubs {
			if !overlap(in.dst, h.bounds) {
				continue
			}
			for x := in.dst[0]; x <= in.dst[2]; x += 2 {
				for y := in.dst[1]; y <= in.dst[3]; y += 2 {
					if inRings(h.rings, x, y) {
						t.Fatalf("inset %d (%s) hides hub %d at (%.0f, %.0f)", k, in.caption(s.textSize), h.id, x, y)
					}
				}
			}
		}
		for _, d := range s.dots {
			if d.x+d.r > in.dst[0] && d.x-d.r < in.dst[2] && d.y+d.r > in.dst[1] && d.y-d.r < in.dst[3] {
				t.Fatalf("inset %d hides a practice dot at (%.0f, %.0f)", k, d.x, d.y)
			}
		}
	}
}

// Two towns of small hubs in a country of large ones: each town gets an
// inset over its window, placed off the land, and named by its place.
func TestInsetsTwoTowns(t *testing.T) {
	sq := func(x, y, d float64) shape {
		return shape{rings: [][][2]float64{{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}}, bounds: [4]float64{x, y, x + d, y + d}}
	}
	s := &scene{w: 1000, h: 1000, textSize: 11}
	// Land: a 500 x 800 block of 50 px hubs on the left, two towns of 5 px
	// hubs inside it; the right half is sea.
	for x := 50.0; x < 550; x += 50 {
		for y := 100.0; y < 900; y += 50 {
			if (x >= 100 && x < 200 && y >= 200 && y < 300) || (x >= 400 && x < 500 && y >= 700 && y < 800) {
				continue
			}
			s.hubs = append(s.hubs, sq(x, y, 50))
		}
	}
	towns := [][2]float64{{100, 200}, {400, 700}}
	for _, c := range towns {
		for x := 0.0; x < 100; x += 5 {
			for y := 0.0; y < 100; y += 5 {
				s.hubs = append(s.hubs, sq(c[0]+x, c[1]+y, 5))
			}
		}
	}
	for i := range s.hubs {
		s.hubs[i].id = i
	}
	ins := s.chooseInsets(0, 0, 1000, 1000, 6, func(hub int) string {
		if s.hubs[hub].bounds[1] < 500 {
			return "Northtown"
		}
		return "Southport"
	})
	s.placeInsets(ins, 0, 0, 1000, 1000)
	s.insets = ins
	if len(ins) != 2 {
		t.Fatalf("%d insets, want one per town", len(ins))
	}
	names := map[string]bool{}
	for _, in := range ins {
		names[in.label] = true
		found := false
		for _, c := range towns {
			cx, cy := c[0]+50, c[1]+50
			found = found || (cx > in.src[0] && cx < in.src[2] && cy > in.src[1] && cy < in.src[3])
		}
		if !found {
			t.Errorf("window %v holds no town", in.src)
		}
		if in.dst == ([4]float64{}) {
			t.Errorf("inset %s not placed: the sea has room", in.label)
		}
	}
	if !names["Northtown"] || !names["Southport"] {
		t.Errorf("labels %v", names)
	}
	checkInsets(t, s)
}

// With no free space on the map, insets go to the strip under it.
func TestInsetsStrip(t *testing.T) {
	s := &scene{w: 400, h: 400, textSize: 9}
	for x := 0.0; x < 400; x += 3 {
		for y := 0.0; y < 400; y += 3 {
			s.hubs = append(s.hubs, shape{rings: [][][2]float64{{{x, y}, {x + 3, y}, {x + 3, y + 3}, {x, y + 3}, {x, y}}}, bounds: [4]float64{x, y, x + 3, y + 3}})
		}
	}
	ins := s.chooseInsets(0, 0, 400, 400, 2, nil)
	s.placeInsets(ins, 0, 0, 400, 400)
	if len(ins) == 0 {
		t.Fatal("no inset on a map of small hubs")
	}
	h := layoutStrip(ins, 0, 400, 410, 5)
	for _, in := range ins {
		if !in.strip || in.dst[1] < 410 {
			t.Errorf("inset at %v, want in the strip under the map", in.dst)
		}
	}
	if h <= 0 {
		t.Errorf("strip height %v", h)
	}
}

// The demo's map (the synthetic country): insets hide no land, and every
// picture check holds.
func TestPictureDemoCountry(t *testing.T) {
	if testing.Short() {
		t.Skip("partitions 6,000 practices; run without -short")
	}
	c, err := synth.Generate(synth.Options{Practices: synth.DefaultPractices, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	g, _, err := graph.Build(ctx, c.Practices, graph.WithBoundary(c.Boundary))
	if err != nil {
		t.Fatal(err)
	}
	levels := []partition.Level{{Name: "hub", Min: 30000, Max: 50000}, {Name: "area", Min: 100000}}
	res, err := partition.Run(ctx, g, c.Practices, levels, partition.WithSeed(1))
	if err != nil {
		t.Fatal(err)
	}
	m := build(t, Input{Practices: c.Practices, Graph: g, Result: res, Boundary: c.Boundary})
	s, err := buildScene(m, MapOptions{Title: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.insets) == 0 {
		t.Fatal("no inset on the demo map: its towns are crowded")
	}
	checkPicture(t, m, MapOptions{Title: "demo"})
}

// The SVG and PNG of one model may be written side by side (the CLI does):
// they share one laid-out scene and give the same bytes as one at a time.
func TestPictureWritersSideBySide(t *testing.T) {
	m := build(t, synthetic(t, true))
	opt := MapOptions{Title: "side by side", Width: 600}
	var wantSVG, wantPNG bytes.Buffer
	if err := build(t, synthetic(t, true)).WriteSVG(&wantSVG, opt); err != nil {
		t.Fatal(err)
	}
	if err := build(t, synthetic(t, true)).WritePNG(&wantPNG, opt); err != nil {
		t.Fatal(err)
	}
	var svg, pic bytes.Buffer
	errs := make(chan error, 2)
	go func() { errs <- m.WriteSVG(&svg, opt) }()
	go func() { errs <- m.WritePNG(&pic, opt) }()
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(svg.Bytes(), wantSVG.Bytes()) || !bytes.Equal(pic.Bytes(), wantPNG.Bytes()) {
		t.Fatal("pictures written side by side differ from those written alone")
	}
}
