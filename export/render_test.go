package export

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/color"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// interiorPixel finds a pixel near (x, y) that lies well inside shape sh
// (at least 3 px from its boundary), at least 3 px clear of every dot, and
// off the hatch stripes, so that its colour is exactly the hub's fill.
func interiorPixel(s *scene, grid map[[2]int][]dot, sh shape, x, y float64) (int, int, bool) {
	clear := func(px, py float64) bool {
		if in := s.inset; in != nil && px > in.dst[0]-3 && px < in.dst[2]+3 && py > in.dst[1]-3 && py < in.dst[3]+3 {
			return false // covered by the magnified inset
		}
		if in := s.inset; in != nil {
			b := in.src
			frame := [][2]float64{{b[0], b[1]}, {b[2], b[1]}, {b[2], b[3]}, {b[0], b[3]}, {b[0], b[1]}}
			for i := 0; i+1 < len(frame); i++ {
				if segDist(orb.Point{px, py}, orb.Point(frame[i]), orb.Point(frame[i+1])) < 3 {
					return false // on the frame of the inset's window
				}
			}
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

func TestChooseInset(t *testing.T) {
	spread := func(n int, seed uint64) []dot {
		r := rand.New(rand.NewPCG(seed, 1))
		out := make([]dot, n)
		for i := range out {
			out[i] = dot{x: r.Float64() * 1000, y: r.Float64() * 1000, r: 1}
		}
		return out
	}
	cluster := func(n int, cx, cy float64) []dot {
		r := rand.New(rand.NewPCG(3, 4))
		out := make([]dot, n)
		for i := range out {
			out[i] = dot{x: cx + r.NormFloat64()*15, y: cy + r.NormFloat64()*15, r: 1}
		}
		return out
	}
	cases := []struct {
		name   string
		dots   []dot
		want   bool
		centre [2]float64
	}{
		{"too few dots", cluster(50, 700, 700), false, [2]float64{}},
		{"uniform", spread(2000, 1), false, [2]float64{}},
		{"city in the south-east", append(spread(300, 2), cluster(400, 700, 700)...), true, [2]float64{700, 700}},
		{"city in the north-west", append(spread(300, 5), cluster(400, 200, 150)...), true, [2]float64{200, 150}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := &scene{w: 1000, dots: tc.dots}
			in := s.chooseInset(0, 0, 1000, 1000)
			if (in != nil) != tc.want {
				t.Fatalf("inset = %v, want present %v", in, tc.want)
			}
			if in == nil {
				return
			}
			c := tc.centre
			if c[0] < in.src[0] || c[0] > in.src[2] || c[1] < in.src[1] || c[1] > in.src[3] {
				t.Errorf("window %v misses the city at %v", in.src, c)
			}
			if in.dst[0] < in.src[2] && in.src[0] < in.dst[2] && in.dst[1] < in.src[3] && in.src[1] < in.dst[3] {
				t.Errorf("inset %v covers its own window %v", in.dst, in.src)
			}
			if got := (in.dst[2] - in.dst[0]) / (in.src[2] - in.src[0]); math.Abs(got-in.zoom) > 1e-9 {
				t.Errorf("inset magnifies %v, want %v", got, in.zoom)
			}
		})
	}
}
