package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// nasty are texts that would break a page built by pasting strings into
// markup or script.
var nasty = []string{
	`</script><script>document.title="pwned"</script>`,
	`<img id="pwned" src=x onerror="document.title='pwned'">`,
	`<!-- <script>`,
	"line\u2028separator\u2029para",
	`"quotes" & 'apostrophes' \ backslash`,
	`]]></style>{{DATA}}{{JS}}`,
}

// htmlPage writes the page of in and returns it with its decoded data block.
func htmlPage(t *testing.T, m *Model, opt HTMLOptions) (string, *pageData) {
	t.Helper()
	var buf bytes.Buffer
	if err := m.WriteHTML(&buf, opt); err != nil {
		t.Fatalf("WriteHTML: %v", err)
	}
	page := buf.String()
	const open = `<script id="hubpart-data" type="application/json">`
	i := strings.Index(page, open)
	if i < 0 {
		t.Fatal("page has no data block")
	}
	rest := page[i+len(open):]
	j := strings.Index(rest, "</script>")
	if j < 0 {
		t.Fatal("data block is not closed")
	}
	var d pageData
	if err := json.Unmarshal([]byte(rest[:j]), &d); err != nil {
		t.Fatalf("data block: %v", err)
	}
	return page, &d
}

func TestWriteHTMLSelfContained(t *testing.T) {
	in := synthetic(t, true)
	m := build(t, in)
	page, d := htmlPage(t, m, HTMLOptions{Title: "Synthetic", Attribution: "Test data"})
	// Nothing that would make a browser fetch: no URLs, no external
	// scripts, styles, fonts or images.
	for _, bad := range []string{"http:", "https:", "//cdn", "<script src", `rel="stylesheet"`, "url(", "@import", "@font-face", "<img", "<iframe", "fetch(", "XMLHttpRequest", "WebSocket"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if n := strings.Count(page, "<script"); n != 2 {
		t.Errorf("%d <script> elements, want 2 (data and code)", n)
	}
	if n := strings.Count(page, "</script"); n != 2 {
		t.Errorf("%d </script sequences, want 2", n)
	}
	if d.Title != "Synthetic" || d.Attribution != "Test data" || d.HubLevel != "hub" || d.AreaLevel != "area" {
		t.Errorf("title %q, attribution %q, levels %q/%q", d.Title, d.Attribution, d.HubLevel, d.AreaLevel)
	}
	r := in.Result
	if len(d.Hubs) != len(r.Groups[0]) || len(d.Areas) != len(r.Groups[1]) || len(d.Practices.Code) != len(in.Practices) {
		t.Fatalf("%d hubs, %d areas, %d practices; want %d, %d, %d",
			len(d.Hubs), len(d.Areas), len(d.Practices.Code), len(r.Groups[0]), len(r.Groups[1]), len(in.Practices))
	}
	var patients int64
	for p, pr := range in.Practices {
		if d.Practices.Code[p] != pr.Code || d.Practices.Name[p] != pr.Name || d.Practices.Patients[p] != int64(pr.Patients) {
			t.Errorf("practice %d: %q %q %d, want %q %q %d", p, d.Practices.Code[p], d.Practices.Name[p], d.Practices.Patients[p], pr.Code, pr.Name, pr.Patients)
		}
		if h := d.Practices.Hub[p]; d.Hubs[h].ID != int(r.Assign[0][p]) {
			t.Errorf("practice %s in hub %d, want %d", pr.Code, d.Hubs[h].ID, r.Assign[0][p])
		}
		patients += d.Practices.Patients[p]
	}
	var hubPatients int64
	for i, h := range d.Hubs {
		g := r.Groups[0][i]
		hubPatients += h.Patients
		if h.ID != g.ID || h.Patients != g.Patients || h.Practices != len(g.Members) || h.Status != string(g.Status) ||
			h.Site != g.HubSite || h.Area != g.Parent || h.Reason != g.Reason || len(h.Rings) == 0 || !strings.HasPrefix(h.Fill, "#") {
			t.Errorf("hub %d: %+v does not match group %+v", i, h, g)
		}
	}
	if patients != hubPatients {
		t.Errorf("practices hold %d patients, hubs %d", patients, hubPatients)
	}
	if len(d.Outline) != 2 {
		t.Errorf("%d outline rings, want 2 (mainland and island)", len(d.Outline))
	}
	if d.Practices.Moved != nil || d.Practices.From != nil || d.Practices.Postcode != nil {
		t.Errorf("moved/from/postcode columns present without data")
	}
	for i, a := range d.Areas {
		g := r.Groups[1][i]
		if a.ID != i || a.Patients != g.Patients || a.Hubs != len(g.Children) || a.Area != -1 || len(a.Rings) == 0 {
			t.Errorf("area %d: %+v does not match group %+v", i, a, g)
		}
	}
	// Same input, same bytes.
	again, _ := htmlPage(t, build(t, in), HTMLOptions{Title: "Synthetic", Attribution: "Test data"})
	if again != page {
		t.Error("two writes of the same input differ")
	}
}

// The rings in the page decode to the hub polygons of the model, projected
// and rounded to whole metres.
func TestPageDataRings(t *testing.T) {
	m := build(t, synthetic(t, true))
	_, d := htmlPage(t, m, HTMLOptions{})
	// The page's origin is the floor of the smallest projected x and y.
	var xs, ys []float64
	add := func(p orb.Point) {
		q := m.Project(p)
		xs, ys = append(xs, q[0]), append(ys, q[1])
	}
	for _, mp := range append(polygonsOf(m.Hubs()), m.Boundary) {
		for _, poly := range mp {
			for _, r := range poly {
				for _, p := range r {
					add(p)
				}
			}
		}
	}
	for _, p := range m.Practices {
		add(p.Loc)
	}
	ox, oy := math.Floor(minOf(xs)), math.Floor(minOf(ys))
	for k, rg := range m.Hubs() {
		h := d.Hubs[k]
		var rings []orb.Ring
		for _, poly := range rg.Polygon {
			rings = append(rings, poly...)
		}
		if len(rings) != len(h.Rings) {
			t.Fatalf("hub %d: %d rings, want %d", h.ID, len(h.Rings), len(rings))
		}
		for ri, enc := range h.Rings {
			want := rings[ri][:len(rings[ri])-1] // without the closing vertex
			if len(enc) != 2*len(want) {
				t.Fatalf("hub %d ring %d: %d numbers for %d vertices", h.ID, ri, len(enc), len(want))
			}
			var x, y int64
			for i, p := range want {
				x += enc[2*i]
				y += enc[2*i+1]
				q := m.Project(p)
				if math.Abs(float64(x)-(q[0]-ox)) > 0.5 || math.Abs(float64(y)-(q[1]-oy)) > 0.5 {
					t.Fatalf("hub %d ring %d vertex %d: decoded (%d, %d), want (%.1f, %.1f)", h.ID, ri, i, x, y, q[0]-ox, q[1]-oy)
				}
			}
		}
	}
	for i, p := range m.Practices {
		q := m.Project(p.Loc)
		if math.Abs(float64(d.Practices.X[i])-(q[0]-ox)) > 0.5 || math.Abs(float64(d.Practices.Y[i])-(q[1]-oy)) > 0.5 {
			t.Errorf("practice %s at (%d, %d), want (%.1f, %.1f)", p.Code, d.Practices.X[i], d.Practices.Y[i], q[0]-ox, q[1]-oy)
		}
	}
	if w, h := float64(d.Size[0]), float64(d.Size[1]); w < maxOf(xs)-ox || h < maxOf(ys)-oy {
		t.Errorf("size %v smaller than the extent %.0f x %.0f", d.Size, maxOf(xs)-ox, maxOf(ys)-oy)
	}
	if d.Metres != 1 {
		t.Errorf("metres per unit %v, want 1 (the projection is in metres)", d.Metres)
	}
	if len(d.Outline) != 2 {
		t.Errorf("%d outline rings, want 2 (mainland and island)", len(d.Outline))
	}
}

func minOf(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		m = math.Min(m, x)
	}
	return m
}

func maxOf(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

// Every text from the data stays text: it cannot end the script block, and
// it decodes back unchanged.
func TestWriteHTMLEscapes(t *testing.T) {
	in := synthetic(t, true)
	for i := range in.Practices {
		in.Practices[i].Name = nasty[i%len(nasty)]
	}
	title := nasty[0] + nasty[1]
	page, d := htmlPage(t, build(t, in), HTMLOptions{Title: title, Attribution: nasty[2]})
	if n := strings.Count(strings.ToLower(page), "</script"); n != 2 {
		t.Errorf("%d </script sequences, want 2", n)
	}
	if strings.Contains(page, "<!--") || strings.Contains(page, `<img`) || strings.Contains(page, "\u2028") {
		t.Error("raw markup or line separator from the data reached the page")
	}
	if !strings.Contains(page, "<title>&lt;/script&gt;") {
		t.Error("title not escaped in <title>")
	}
	if d.Title != title || d.Attribution != nasty[2] {
		t.Errorf("title %q attribution %q did not survive", d.Title, d.Attribution)
	}
	for i, name := range d.Practices.Name {
		if name != nasty[i%len(nasty)] {
			t.Errorf("practice %d name %q, want %q", i, name, nasty[i%len(nasty)])
		}
	}
}

// The page's own code builds the document from data with textContent only.
func TestHTMLAssetsUseNoMarkupFromData(t *testing.T) {
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute(\"on", "srcdoc"} {
		if strings.Contains(pageJS, bad) {
			t.Errorf("map.js uses %s", bad)
		}
	}
	for name, asset := range map[string]string{"map.js": pageJS, "map.css": pageCSS} {
		if regexp.MustCompile(`(?i)</(script|style)`).MatchString(asset) {
			t.Errorf("%s contains a closing tag", name)
		}
		for _, slot := range []string{"{{TITLE}}", "{{CSS}}", "{{DATA}}", "{{JS}}"} {
			if strings.Contains(asset, slot) {
				t.Errorf("%s contains the template slot %s", name, slot)
			}
		}
	}
}

// Moved practices (plans made with -from) and postcodes are carried to the
// page; the columns are left out when no practice has them.
func TestPageDataMovedAndPostcodes(t *testing.T) {
	in := synthetic(t, true)
	in.Practices[0].Attrs = map[string]string{"postcode": "B1 1AA"}
	in.Practices[3].Attrs = map[string]string{"moved": "yes"}
	m := build(t, in)
	m.Practices[2].Props = append(m.Practices[2].Props, Property{"moved", true}, Property{"from", "U12345"})
	_, d := htmlPage(t, m, HTMLOptions{})
	if len(d.Practices.Moved) != len(in.Practices) || d.Practices.Moved[2] != 1 || d.Practices.Moved[3] != 1 || d.Practices.Moved[1] != 0 || d.Practices.From[2] != "U12345" {
		t.Errorf("moved %v from %v", d.Practices.Moved, d.Practices.From)
	}
	if len(d.Practices.Postcode) != len(in.Practices) || d.Practices.Postcode[0] != "B1 1AA" || d.Practices.Postcode[1] != "" {
		t.Errorf("postcodes %v", d.Practices.Postcode)
	}
}

func TestWriteHTMLErrors(t *testing.T) {
	in := synthetic(t, true)
	for _, tc := range []struct {
		name  string
		spoil func(m *Model)
		want  error
	}{
		{"no levels", func(m *Model) { m.Levels = nil }, ErrNoFeatures},
		{"no hubs", func(m *Model) { m.Levels[0].Regions = nil }, ErrNoFeatures},
		{"practice in no hub", func(m *Model) { m.Practices[4].Group[0] = 99 }, ErrInput},
		{"hub in no area", func(m *Model) { m.Levels[0].Regions[1].Parent = 7 }, ErrInput},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := build(t, in)
			tc.spoil(m)
			var buf bytes.Buffer
			err := m.WriteHTML(&buf, HTMLOptions{})
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes before failing", buf.Len())
			}
		})
	}
}

// The England page stays well under the 15 MB, and holds every
// hub, area and practice.
func TestHTMLEnglandSize(t *testing.T) {
	if testing.Short() {
		t.Skip("England partition takes a while; run without -short")
	}
	in := englandInput(t)
	page, d := htmlPage(t, build(t, in), HTMLOptions{Title: "England"})
	if len(page) > 15e6 {
		t.Errorf("England page is %d bytes, over 15 MB", len(page))
	}
	r := in.Result
	if len(d.Hubs) != len(r.Groups[0]) || len(d.Areas) != len(r.Groups[1]) || len(d.Practices.Code) != len(in.Practices) {
		t.Errorf("%d hubs, %d areas, %d practices; want %d, %d, %d", len(d.Hubs), len(d.Areas), len(d.Practices.Code),
			len(r.Groups[0]), len(r.Groups[1]), len(in.Practices))
	}
	t.Logf("England page: %d bytes", len(page))
}
