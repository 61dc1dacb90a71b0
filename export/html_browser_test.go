package export

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"maps"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdpinput "github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
)

// The browser tests load the page in Debian's chromium, headless, through
// the DevTools protocol. They skip when no chromium is installed (.ci/run
// installs it with apt-get).

var htmlScreenshot = flag.String("html-screenshot", "", "write the screenshot of the England map page to this PNG `file` (for the README)")

// chromiumPath finds the browser: $HUBPART_CHROMIUM, then chromium or
// chromium-browser on the PATH.
func chromiumPath() string {
	if p := os.Getenv("HUBPART_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startBrowser starts a headless chromium with a fresh profile and returns
// a context for one tab in it; everything stops when the test ends.
func startBrowser(tb testing.TB) context.Context {
	tb.Helper()
	path := chromiumPath()
	if path == "" {
		tb.Skip("chromium is not installed (looked for $HUBPART_CHROMIUM, chromium, chromium-browser): apt-get install chromium to run the browser tests")
	}
	profile, err := os.MkdirTemp("", "hubpart-chromium-")
	if err != nil {
		tb.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	tb.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		// The browser's helpers can still write to the profile for a
		// moment after it stops.
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		tb.Fatalf("starting %s: %v", path, err)
	}
	return ctx
}

// pageWatch records what a page asks from the network and what it reports
// as a problem (console errors and warnings, uncaught exceptions, browser
// log errors such as a resource that failed to load).
type pageWatch struct {
	mu       sync.Mutex
	requests []string
	problems []string
}

func watchPage(tb testing.TB, ctx context.Context) *pageWatch {
	tb.Helper()
	w := &pageWatch{}
	err := chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			w.requests = append(w.requests, e.Request.URL)
		case *runtime.EventExceptionThrown:
			msg := e.ExceptionDetails.Text
			if x := e.ExceptionDetails.Exception; x != nil {
				msg += " " + x.Description
			}
			w.problems = append(w.problems, "exception: "+msg)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				w.problems = append(w.problems, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(parts, " ")))
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
				w.problems = append(w.problems, fmt.Sprintf("log %s: %s %s", e.Entry.Level, e.Entry.Text, e.Entry.URL))
			}
		}
	})
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// check fails the test for every request that leaves the file (anything
// but file:, data:, blob: and about:) and for every problem reported.
func (w *pageWatch) check(tb testing.TB, page string) {
	tb.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, u := range w.requests {
		if !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") && !strings.HasPrefix(u, "about:") {
			tb.Errorf("%s requested %s", page, u)
		}
	}
	for _, p := range w.problems {
		tb.Errorf("%s: %s", page, p)
	}
	w.requests, w.problems = nil, nil
}

// openPage loads u in a fresh document and waits until the page has drawn
// and handled its URL fragment.
func openPage(tb testing.TB, ctx context.Context, u string) {
	tb.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(u)); err != nil {
		tb.Fatalf("loading %s: %v", u, err)
	}
	waitReady(tb, ctx)
}

func waitReady(tb testing.TB, ctx context.Context) {
	tb.Helper()
	if err := waitFor(ctx, `document.readyState === "complete" && document.documentElement.hasAttribute("data-ready")`); err != nil {
		tb.Fatalf("page never became ready: %v", err)
	}
}

// waitFor evaluates the JavaScript condition every 20 ms until it holds
// (at most 30 s).
func waitFor(ctx context.Context, cond string) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond, chromedp.EvalAwaitPromise))
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = fmt.Errorf("%s still false after 30 s", cond)
			}
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// textOf returns the text of element #id as rendered (innerText: blocks
// on their own lines).
func textOf(tb testing.TB, ctx context.Context, id string) string {
	tb.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.getElementById(%q).innerText`, id)))
	if err != nil {
		tb.Fatalf("#%s: %v", id, err)
	}
	return s
}

// search types q into the search box and submits it.
func search(tb testing.TB, ctx context.Context, q string) {
	tb.Helper()
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("q"), q), chromedp.Click(chromedp.ID("find"))); err != nil {
		tb.Fatalf("searching %q: %v", q, err)
	}
	// The search runs on the hashchange event; wait until the fragment
	// names the query and the page has drawn.
	want := "#q=" + strings.ReplaceAll(url.QueryEscape(q), "+", "%20")
	expr := fmt.Sprintf(`location.hash === %q && new Promise(r => requestAnimationFrame(() => r(true)))`, want)
	if err := waitFor(ctx, expr); err != nil {
		tb.Fatalf("search %q did not run: %v", q, err)
	}
}

// locate returns where practice code is drawn, in page coordinates.
func locate(tb testing.TB, ctx context.Context, code string) (x, y float64) {
	tb.Helper()
	js := fmt.Sprintf(`(() => { const r = document.getElementById("map").getBoundingClientRect();
		const p = hubpartMap.locate(%q); return p && [r.left + p[0], r.top + p[1]]; })()`, code)
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](js))
	if err != nil || len(v) != 2 {
		tb.Fatalf("locating %s: %v %v", code, v, err)
	}
	return v[0], v[1]
}

// waitTip waits for the tooltip to show and returns its text.
func waitTip(tb testing.TB, ctx context.Context) string {
	tb.Helper()
	if err := waitFor(ctx, `!document.getElementById("tip").hidden`); err != nil {
		tb.Fatalf("no tooltip: %v", err)
	}
	return textOf(tb, ctx, "tip")
}

// hubPixels counts the canvas pixels painted exactly in one of the hub
// fill colours, and the pixels of the whole canvas.
func hubPixels(tb testing.TB, ctx context.Context) (hub, all int) {
	tb.Helper()
	const js = `(() => {
		const d = JSON.parse(document.getElementById("hubpart-data").textContent);
		const fills = new Set(d.hubs.map(h => h.fill).concat(d.areas.map(a => a.fill)));
		const c = document.getElementById("map");
		const copy = document.createElement("canvas");
		copy.width = c.width; copy.height = c.height;
		const g = copy.getContext("2d", {willReadFrequently: true});
		g.drawImage(c, 0, 0);
		const px = g.getImageData(0, 0, c.width, c.height).data;
		const hex = v => v.toString(16).padStart(2, "0");
		let n = 0;
		for (let i = 0; i < px.length; i += 4) {
			if (fills.has("#" + hex(px[i]) + hex(px[i+1]) + hex(px[i+2]))) n++;
		}
		return [n, px.length / 4];
	})()`
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](js))
	if err != nil {
		tb.Fatalf("reading the canvas: %v", err)
	}
	return v[0], v[1]
}

func click(tb testing.TB, ctx context.Context, id string) {
	tb.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID(id))); err != nil {
		tb.Fatalf("clicking #%s: %v", id, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, chromedp.EvalAwaitPromise)); err != nil {
		tb.Fatal(err)
	}
}

// englandPage writes the England page (seed 1 partition with the outline)
// into a temporary folder and returns its path.
func englandPage(tb testing.TB) (string, Input) {
	tb.Helper()
	in := englandInput(tb)
	var buf bytes.Buffer
	if err := build(tb, in).WriteHTML(&buf, HTMLOptions{Title: "England: hubs and areas", Attribution: "Contains NHS Digital and ONS data, OGL v3.0."}); err != nil {
		tb.Fatal(err)
	}
	p := filepath.Join(tb.TempDir(), "england.html")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p, in
}

func fileURL(p string) string { return (&url.URL{Scheme: "file", Path: p}).String() }

func TestHTMLEnglandInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("England partition and a browser take a while; run without -short")
	}
	ctx := startBrowser(t)
	watch := watchPage(t, ctx)
	path, in := englandPage(t)
	u := fileURL(path)
	r := in.Result

	// The counts.
	openPage(t, ctx, u)
	var patients int64
	for _, g := range r.Groups[0] {
		patients += g.Patients
	}
	want := fmt.Sprintf("%s hubs · %s areas · %s practices · %s patients", thousands(int64(len(r.Groups[0]))),
		thousands(int64(len(r.Groups[1]))), thousands(int64(len(in.Practices))), thousands(patients))
	if got := textOf(t, ctx, "summary"); got != want {
		t.Errorf("#summary %q, want %q", got, want)
	}
	watch.check(t, "England page")

	// A link to a practice.
	code := "E85124"
	p := slices.IndexFunc(in.Practices, func(pr input.Practice) bool { return pr.Code == code })
	if p < 0 {
		t.Fatalf("practice %s not in the England data", code)
	}
	hub := r.Groups[0][r.Assign[0][p]]
	openPage(t, ctx, u+"#q="+code)
	sel := textOf(t, ctx, "selection")
	checkHubListed(t, sel, in, hub)
	if !strings.Contains(sel, "Practice "+code) {
		t.Errorf("#selection does not name practice %s: %q", code, sel)
	}
	if v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("q").value`)); err != nil || v != code {
		t.Errorf("search box holds %q (%v), want %s", v, err, code)
	}
	watch.check(t, "#q="+code)

	// The search box: a hub, then part of a unique name.
	other := r.Groups[0][len(r.Groups[0])/2]
	search(t, ctx, fmt.Sprintf("hub %d", other.ID))
	checkHubListed(t, textOf(t, ctx, "selection"), in, other)
	name := in.Practices[p].Name
	if n := countNames(in, name); n == 1 {
		search(t, ctx, strings.ToLower(name))
		sel := textOf(t, ctx, "selection")
		checkHubListed(t, sel, in, hub)
	}
	search(t, ctx, "no such practice anywhere")
	if sel := textOf(t, ctx, "selection"); !strings.Contains(sel, "Nothing matches") {
		t.Errorf("unmatched search shows %q", sel)
	}
	watch.check(t, "search box")

	// The mouse: hover a practice, then (practices hidden) its hub, then
	// click the hub.
	site := in.Practices[other.HubSite].Code
	search(t, ctx, site)
	x, y := locate(t, ctx, site)
	if err := chromedp.Do(ctx, chromedp.MouseEvent(cdpinput.DispatchMouseEventTypeMouseMoved, x, y)); err != nil {
		t.Fatal(err)
	}
	tip := waitTip(t, ctx)
	if !strings.Contains(tip, site) || !regexp.MustCompile(fmt.Sprintf(`\bHub %d\b`, other.ID)).MatchString(tip) {
		t.Errorf("hovering practice %s shows %q", site, tip)
	}
	click(t, ctx, "layer-practices")
	if err := chromedp.Do(ctx, chromedp.MouseEvent(cdpinput.DispatchMouseEventTypeMouseMoved, x+1, y+1)); err != nil {
		t.Fatal(err)
	}
	tip = waitTip(t, ctx)
	for _, want := range []string{fmt.Sprintf("Hub %d", other.ID), thousands(other.Patients) + " patients", "Hub site: " + in.Practices[other.HubSite].Name, fmt.Sprintf("Area %d", other.Parent)} {
		if !strings.Contains(tip, want) {
			t.Errorf("hovering hub %d shows %q, want %q in it", other.ID, tip, want)
		}
	}
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(x+1, y+1)); err != nil {
		t.Fatal(err)
	}
	if err := waitFor(ctx, fmt.Sprintf(`location.hash === "#q=Hub%%20%d"`, other.ID)); err != nil {
		t.Fatalf("clicking hub %d: %v", other.ID, err)
	}
	checkHubListed(t, textOf(t, ctx, "selection"), in, other)
	click(t, ctx, "layer-practices")
	watch.check(t, "mouse")

	// Layers: the hub fills go when the hubs layer is off and come back.
	click(t, ctx, "zoom-fit")
	on, all := hubPixels(t, ctx)
	if on < all/20 {
		t.Errorf("%d of %d canvas pixels in hub colours, want at least a twentieth", on, all)
	}
	click(t, ctx, "layer-hubs")
	off, _ := hubPixels(t, ctx)
	if off > on/50 {
		t.Errorf("hubs layer off: %d pixels still in hub colours (%d with it on)", off, on)
	}
	click(t, ctx, "layer-hubs")
	if back, _ := hubPixels(t, ctx); back != on {
		t.Errorf("hubs layer back on: %d pixels in hub colours, want %d", back, on)
	}
	click(t, ctx, "colour-area")
	if byArea, _ := hubPixels(t, ctx); byArea < all/20 {
		t.Errorf("coloured by area: %d of %d pixels in fill colours", byArea, all)
	}
	click(t, ctx, "colour-neighbours")
	watch.check(t, "layer toggles")

	// The key's count of hubs outside their bounds lists them.
	var outside []partition.Group
	for _, g := range r.Groups[0] {
		if g.Status != partition.StatusOK {
			outside = append(outside, g)
		}
	}
	click(t, ctx, "warn-list")
	sel = textOf(t, ctx, "selection")
	if !strings.Contains(sel, fmt.Sprintf("%d hubs outside their size bounds", len(outside))) {
		t.Errorf("list of hubs outside their bounds: %q", sel)
	}
	for _, g := range outside {
		if !regexp.MustCompile(fmt.Sprintf(`\bHub %d\b`, g.ID)).MatchString(sel) {
			t.Errorf("hub %d (%s) not in the list of hubs outside their bounds", g.ID, g.Status)
		}
	}
	watch.check(t, "hubs outside their bounds")

	// A screenshot of England with the practice's hub selected.
	openPage(t, ctx, u+"#q="+code)
	click(t, ctx, "zoom-fit")
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	checkScreenshot(t, shot)
	if *htmlScreenshot != "" {
		if err := writeSmallPNG(*htmlScreenshot, shot); err != nil {
			t.Fatal(err)
		}
	}
	watch.check(t, "screenshot")
}

func countNames(in Input, name string) int {
	n := 0
	for _, p := range in.Practices {
		if strings.Contains(strings.ToLower(p.Name), strings.ToLower(name)) || strings.HasPrefix(strings.ToLower(p.Code), strings.ToLower(name)) {
			n++
		}
	}
	return n
}

// checkHubListed checks that text names hub h and lists all its practices.
func checkHubListed(tb testing.TB, text string, in Input, h partition.Group) {
	tb.Helper()
	if !regexp.MustCompile(fmt.Sprintf(`\bHub %d\b`, h.ID)).MatchString(text) {
		tb.Errorf("#selection does not name hub %d: %q", h.ID, text)
	}
	for _, m := range h.Members {
		if !strings.Contains(text, in.Practices[m].Code) {
			tb.Errorf("#selection for hub %d lacks its practice %s", h.ID, in.Practices[m].Code)
		}
	}
}

// checkScreenshot decodes a PNG screenshot and fails unless it shows a
// map: many colours, and at least 3% of it in hub fill colours (England
// covers about a quarter of the page, its hubs a third of that once the
// edges, dots and area lines are drawn over them).
func checkScreenshot(tb testing.TB, b []byte) {
	tb.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("screenshot: %v", err)
	}
	fills := map[[3]uint8]bool{}
	for i := range 64 {
		c := PaletteColour(i)
		fills[[3]uint8{c.R, c.G, c.B}] = true
	}
	colours := map[[3]uint8]bool{}
	inFill, total := 0, 0
	bd := img.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			k := [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}
			colours[k] = true
			if fills[k] {
				inFill++
			}
			total++
		}
	}
	tb.Logf("screenshot %v: %d colours, %.0f%% in hub fills", bd.Size(), len(colours), 100*float64(inFill)/float64(total))
	if len(colours) < 100 || inFill < total*3/100 {
		tb.Errorf("screenshot looks blank: %d colours, %d of %d pixels in hub fills", len(colours), inFill, total)
	}
}

// writeSmallPNG writes the screenshot with a palette of its 256 most
// frequent colours (the map's flat fills; edges snap to the nearest), a
// fraction of the size of the full-colour PNG, for the README.
func writeSmallPNG(path string, shot []byte) error {
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		return err
	}
	count := map[color.RGBA]int{}
	bd := img.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			count[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0xff}]++
		}
	}
	cols := slices.Collect(maps.Keys(count))
	slices.SortFunc(cols, func(a, b color.RGBA) int {
		if c := count[b] - count[a]; c != 0 {
			return c
		}
		return int(a.R)<<16 | int(a.G)<<8 | int(a.B) - (int(b.R)<<16 | int(b.G)<<8 | int(b.B))
	})
	pal := make(color.Palette, 0, 256)
	for _, c := range cols[:min(256, len(cols))] {
		pal = append(pal, c)
	}
	out := image.NewPaletted(bd, pal)
	draw.Draw(out, bd, img, bd.Min, draw.Src)
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, out); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// The footer parts the credit from "Made with hubpart." by a dot, unless
// the credit ends a sentence itself (or there is none).
func TestHTMLCreditInBrowser(t *testing.T) {
	ctx := startBrowser(t)
	m := build(t, synthetic(t, true))
	for _, c := range []struct{ credit, after string }{
		{"Contains OS data", `" ·"`},
		{"Synthetic practices (hubpart demo).", "none"},
		{"", "none"},
	} {
		var buf bytes.Buffer
		if err := m.WriteHTML(&buf, HTMLOptions{Title: "Credit", Attribution: c.credit}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "credit.html")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		openPage(t, ctx, fileURL(path))
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.getElementById("attribution").textContent,
			getComputedStyle(document.getElementById("attribution"), "::after").content]`))
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{c.credit, c.after}; !slices.Equal(got, want) {
			t.Errorf("credit %q: footer %q, want %q", c.credit, got, want)
		}
	}
}

// Names that try to be markup stay text in the browser.
func TestHTMLEscapesInBrowser(t *testing.T) {
	ctx := startBrowser(t)
	watch := watchPage(t, ctx)
	in := synthetic(t, true)
	for i := range in.Practices {
		in.Practices[i].Name = nasty[i%len(nasty)]
	}
	title := nasty[0] + nasty[1]
	var buf bytes.Buffer
	if err := build(t, in).WriteHTML(&buf, HTMLOptions{Title: title, Attribution: nasty[1]}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "nasty.html")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	u := fileURL(path)
	openPage(t, ctx, u+"#q="+url.PathEscape(in.Practices[1].Code))
	for _, q := range []string{"hub 0", "hub 3", "img", "script"} {
		search(t, ctx, q)
		sel := textOf(t, ctx, "selection")
		if q == "img" && !strings.Contains(sel, nasty[1]) {
			t.Errorf("search %q: the name is not shown as text: %q", q, sel)
		}
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.title, document.getElementById("title").textContent,
		String(document.getElementById("pwned")), String(document.querySelectorAll("script").length),
		String(document.querySelectorAll("img").length), document.getElementById("attribution").textContent]`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{title, title, "null", "2", "0", nasty[1]}
	if !slices.Equal(got, want) {
		t.Errorf("page state %q, want %q", got, want)
	}
	watch.check(t, "page with hostile names")
}

// Dragging pans, the wheel zooms about the cursor, and two fingers pinch.
func TestHTMLPanZoomInBrowser(t *testing.T) {
	ctx := startBrowser(t)
	watch := watchPage(t, ctx)
	var buf bytes.Buffer
	if err := build(t, synthetic(t, true)).WriteHTML(&buf, HTMLOptions{Title: "Synthetic"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "synthetic.html")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	openPage(t, ctx, fileURL(path))
	const code = "P00"
	near := func(what string, gotX, gotY, wantX, wantY float64) {
		t.Helper()
		if d := math.Hypot(gotX-wantX, gotY-wantY); d > 1.5 {
			t.Errorf("%s: practice %s at (%.1f, %.1f), want (%.1f, %.1f)", what, code, gotX, gotY, wantX, wantY)
		}
	}
	settle := func() {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(r => requestAnimationFrame(() => r(true)))`, chromedp.EvalAwaitPromise)); err != nil {
			t.Fatal(err)
		}
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		settle()
	}
	x0, y0 := locate(t, ctx, code)

	// Drag the map 120 px right and 40 px down from a point away from the
	// practice.
	sx, sy := 400.0, 300.0
	do("drag",
		chromedp.MouseEvent(cdpinput.DispatchMouseEventTypeMousePressed, sx, sy, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(cdpinput.DispatchMouseEventTypeMouseMoved, sx+60, sy+20, chromedp.ButtonLeft),
		chromedp.MouseEvent(cdpinput.DispatchMouseEventTypeMouseMoved, sx+120, sy+40, chromedp.ButtonLeft),
		chromedp.MouseEvent(cdpinput.DispatchMouseEventTypeMouseReleased, sx+120, sy+40, chromedp.ButtonLeft, chromedp.ClickCount(1)),
	)
	x1, y1 := locate(t, ctx, code)
	near("after the drag", x1, y1, x0+120, y0+40)

	// The wheel zooms in about the cursor: the practice's distance from
	// the cursor grows by the same factor in x and y.
	cx, cy := 300.0, 250.0
	do("wheel", chromedp.MouseEvent(cdpinput.DispatchMouseEventTypeMouseWheel, cx, cy, func(p *cdpinput.DispatchMouseEventParams) {
		p.DeltaY, p.DeltaX = -240, 0.001 /* the protocol wants both; zero is omitted */
	}))
	x2, y2 := locate(t, ctx, code)
	f := (x2 - cx) / (x1 - cx)
	if f < 1.2 {
		t.Errorf("wheel up zoomed by %.3f, want > 1.2", f)
	}
	near("after the wheel", x2, y2, cx+(x1-cx)*f, cy+(y1-cy)*f)

	// Two fingers 100 px apart moving to 200 px apart zoom in twice about
	// their midpoint.
	mx, my := 500.0, 400.0
	touch := func(typ cdpinput.DispatchTouchEventType, half float64) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			p := cdpinput.DispatchTouchEventParams{Type: typ, TouchPoints: []*cdpinput.TouchPoint{}}
			if typ != cdpinput.DispatchTouchEventTypeTouchEnd {
				p.TouchPoints = []*cdpinput.TouchPoint{{X: mx - half, Y: my, ID: ptr(1.0)}, {X: mx + half, Y: my, ID: ptr(2.0)}}
			}
			_, err := cdp.Call(ctx, tg, cdpinput.DispatchTouchEvent, p)
			return err
		})
	}
	do("pinch",
		touch(cdpinput.DispatchTouchEventTypeTouchStart, 50),
		touch(cdpinput.DispatchTouchEventTypeTouchMove, 75),
		touch(cdpinput.DispatchTouchEventTypeTouchMove, 100),
		touch(cdpinput.DispatchTouchEventTypeTouchEnd, 0),
	)
	x3, y3 := locate(t, ctx, code)
	near("after the pinch", x3, y3, mx+(x2-mx)*2, my+(y2-my)*2)

	// The arrow keys pan by 80 px once the map has the focus.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("map").focus(), true`)); err != nil {
		t.Fatal(err)
	}
	do("arrow key", chromedp.KeyEvent(kb.ArrowRight))
	x4, y4 := locate(t, ctx, code)
	near("after the right arrow", x4, y4, x3-80, y3)
	watch.check(t, "pan and zoom")
}

func ptr[T any](v T) *T { return &v }

// A plan of hubs only, two of whose practices moved (-from): no area
// controls, the moved practices counted in the key and named in the hub's
// list.
func TestHTMLHubsOnlyMovedInBrowser(t *testing.T) {
	ctx := startBrowser(t)
	watch := watchPage(t, ctx)
	in := synthetic(t, true)
	m := build(t, in)
	m.Levels = m.Levels[:1]
	for i := range m.Levels[0].Regions {
		m.Levels[0].Regions[i].Parent = -1
	}
	for _, p := range []int{3, 7} {
		m.Practices[p].Props = append(m.Practices[p].Props, Property{"from", "U00042"}, Property{"moved", true})
	}
	m.Practices[5].Props = append(m.Practices[5].Props, Property{"postcode", "B1 1AA"})
	var buf bytes.Buffer
	if err := m.WriteHTML(&buf, HTMLOptions{Title: "Hubs only"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "hubs.html")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var patients int64
	for _, p := range in.Practices {
		patients += int64(p.Patients)
	}
	code := m.Practices[3].Code
	openPage(t, ctx, fileURL(path)+"#q="+code)
	want := fmt.Sprintf("%d hubs · %d practices · %s patients", len(m.Hubs()), len(m.Practices), thousands(patients))
	if got := textOf(t, ctx, "summary"); got != want {
		t.Errorf("#summary %q, want %q", got, want)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]bool](`["layer-areas", "colouring", "key-area", "key-moved"].map(id => {
		const e = document.getElementById(id); return (e.closest("label") || e).offsetParent !== null; })`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []bool{false, false, false, true}) {
		t.Errorf("visible [area layer, colouring, area key, moved key] = %v, want [false false false true]", got)
	}
	if n := textOf(t, ctx, "moved-count"); n != "(2)" {
		t.Errorf("moved count %q, want (2)", n)
	}
	if sel := textOf(t, ctx, "selection"); !strings.Contains(sel, "Moved from U00042") {
		t.Errorf("#selection for moved practice %s: %q", code, sel)
	}
	// A postcode finds its practice whatever the spacing and case.
	search(t, ctx, "b11aa")
	if sel := textOf(t, ctx, "selection"); !strings.Contains(sel, "Practice "+m.Practices[5].Code) || !strings.Contains(sel, "B1 1AA") {
		t.Errorf("postcode search shows %q", sel)
	}
	watch.check(t, "hubs-only page")
}
