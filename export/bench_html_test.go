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
