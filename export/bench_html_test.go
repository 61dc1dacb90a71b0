package export

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// countWriter counts the bytes written to it.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkHTMLEngland writes the England map page; MB is its size.
func BenchmarkHTMLEngland(b *testing.B) {
	m := build(b, englandInput(b))
	var size int64
	b.ReportAllocs()
	for b.Loop() {
		var c countWriter
		if err := m.WriteHTML(&c, HTMLOptions{Title: "England"}); err != nil {
			b.Fatal(err)
		}
		size = c.n
	}
	b.ReportMetric(float64(size)/1e6, "MB")
}

// BenchmarkHTMLOpenEngland opens the England page from disk in headless
// chromium, each time in a fresh document, until it has drawn the map and
// handled its URL fragment. ns/op is the whole round trip as the test sees
// it (navigation and load included); ready-ms is the page's own clock
// (performance.now() when its script finishes: parsing the file and the
// data, building the shapes and the first drawing).
func BenchmarkHTMLOpenEngland(b *testing.B) {
	ctx := startBrowser(b)
	path, _ := englandPage(b)
	u := fileURL(path)
	var total float64
	n := 0
	for b.Loop() {
		openPage(b, ctx, u)
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.getAttribute("data-ready")`))
		if err != nil {
			b.Fatal(err)
		}
		ms, err := strconv.ParseFloat(v, 64)
		if err != nil {
			b.Fatalf("data-ready %q: %v", v, err)
		}
		total += ms
		n++
	}
	b.ReportMetric(total/float64(n), "ready-ms")
}

// BenchmarkHTMLRedrawEngland times, on the England page in headless
// chromium (software drawing: --disable-gpu), from an input event to the
// second animation frame after it: full-ms a click on the zoom button
// (the map drawn afresh), moved-ms a wheel turn (the last drawing scaled,
// the full drawing following when the wheel rests) and hover-ms a pointer
// move (tooltip and highlight only).
func BenchmarkHTMLRedrawEngland(b *testing.B) {
	ctx := startBrowser(b)
	path, _ := englandPage(b)
	openPage(b, ctx, fileURL(path))
	const frames = `requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now() - t0)))`
	events := []struct{ metric, js string }{
		{"full-ms", `new Promise(r => { const t0 = performance.now(); document.getElementById("zoom-fit").click(); ` + frames + `; })`},
		{"moved-ms", `new Promise(r => { const t0 = performance.now(); document.getElementById("map").dispatchEvent(new WheelEvent("wheel", {deltaY: -60, clientX: 400, clientY: 400, cancelable: true})); ` + frames + `; })`},
		{"hover-ms", `new Promise(r => { const t0 = performance.now(); document.getElementById("map").dispatchEvent(new PointerEvent("pointermove", {clientX: 420, clientY: 380, pointerType: "mouse"})); ` + frames + `; })`},
	}
	sum := make([]float64, len(events))
	n := 0
	for b.Loop() {
		for i, e := range events {
			ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](e.js, chromedp.EvalAwaitPromise))
			if err != nil {
				b.Fatal(err)
			}
			sum[i] += ms
		}
		n++
	}
	for i, e := range events {
		b.ReportMetric(sum[i]/float64(n), e.metric)
	}
}
