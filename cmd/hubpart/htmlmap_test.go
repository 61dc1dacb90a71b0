package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hubpart/hubpart/internal/fixture"
)

// -map FILE.html writes the interactive page; the partition's counts are in
// its data, and a run that fails writes no page.
func TestPartitionHTMLMap(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "small.html")
	csvOut := filepath.Join(dir, "small.csv")
	var stdout, stderr bytes.Buffer
	args := []string{"partition", "-in", "../../testdata/small_practices.csv", "-boundary", "../../testdata/small_boundary.geojson",
		"-map", page, "-out-csv", csvOut, "-q"}
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.HasPrefix(s, "<!DOCTYPE html>") || !strings.Contains(s, `<script id="hubpart-data" type="application/json">`) {
		t.Errorf("%s is not the map page", page)
	}
	if !strings.Contains(stdout.String(), "wrote "+page) {
		t.Errorf("report does not name %s:\n%s", page, stdout.String())
	}
	// Every practice of the CSV is in the page.
	rows := readAssign(t, csvOut)
	for _, r := range rows {
		if !strings.Contains(s, `"`+r[0]+`"`) {
			t.Errorf("practice %s missing from the page", r[0])
		}
	}

	// The default title counts the result; the attribution names the input.
	if !strings.Contains(s, `"title":"30 practices in `) || !strings.Contains(s, `"attribution":"Practices: small_practices.csv."`) {
		t.Errorf("default title or attribution missing from the page")
	}
	stdout.Reset()
	args = append(args, "-title", "Test <area>", "-attribution", "Data: ONS & NHS")
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if b, err = os.ReadFile(page); err != nil {
		t.Fatal(err)
	}
	s = string(b)
	if !strings.Contains(s, "<title>Test &lt;area&gt;</title>") || !strings.Contains(s, `"attribution":"Data: ONS \u0026 NHS"`) {
		t.Errorf("-title and -attribution did not reach the page")
	}

	// A map file of another kind is refused before any work.
	stderr.Reset()
	bad := filepath.Join(dir, "map.txt")
	if code := run(context.Background(), []string{"partition", "-in", "../../testdata/small_practices.csv", "-map", bad, "-q"}, &stdout, &stderr); code == 0 ||
		!strings.Contains(stderr.String(), ".html") {
		t.Errorf("-map map.txt: exit %d, stderr %q", code, stderr.String())
	}
	if _, err := os.Stat(bad); err == nil {
		t.Errorf("%s written", bad)
	}
}

// The demo writes hubs.html beside its other files, or where -map says.
// The page credits the synthetic data and, once, hubpart (the page adds its
// own "Made with hubpart", so the credit line must not repeat it); the SVG
// map, which has no such line of its own, credits both.
func TestDemoHTMLMap(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"demo", "-n", "300", "-out-dir", dir, "-q"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	page, err := os.ReadFile(filepath.Join(dir, "hubs.html"))
	if err != nil || len(page) == 0 {
		t.Errorf("hubs.html not written: %v", err)
	}
	if !strings.Contains(string(page), `"attribution":"Synthetic practices (hubpart demo)."`) {
		t.Error("the page does not credit the synthetic practices")
	}
	if n := strings.Count(strings.ToLower(string(page)), "made with hubpart"); n != 1 {
		t.Errorf("the page says %d times that it was made with hubpart, want once", n)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "hubs.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svg), "Synthetic practices (hubpart demo). Map made with hubpart") {
		t.Error("the SVG map lacks the demo's credit line")
	}
	other := filepath.Join(t.TempDir(), "demo-map.html")
	if code := run(context.Background(), []string{"demo", "-n", "300", "-out-dir", dir, "-map", other, "-q"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if st, err := os.Stat(other); err != nil || st.Size() == 0 {
		t.Errorf("-map %s not written: %v", other, err)
	}
}

// A plan started from the real PCNs (-from) marks the practices it moved
// in the page's data, each with the PCN it came from.
func TestPartitionHTMLMapFrom(t *testing.T) {
	if testing.Short() {
		t.Skip("England partition; run without -short")
	}
	page := filepath.Join(t.TempDir(), "from.html")
	var stdout, stderr bytes.Buffer
	args := []string{"partition", "-in", fixture.EnglandPractices(), "-boundary", fixture.EnglandBoundary(),
		"-from", "pcn_code", "-map", page, "-q"}
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	const open = `<script id="hubpart-data" type="application/json">`
	i := strings.Index(s, open)
	if i < 0 {
		t.Fatal("no data block")
	}
	rest := s[i+len(open):]
	var d struct {
		Practices struct {
			Code  []string `json:"code"`
			Moved []int    `json:"moved"`
			From  []string `json:"from"`
		} `json:"practices"`
	}
	if err := json.Unmarshal([]byte(rest[:strings.Index(rest, "</script>")]), &d); err != nil {
		t.Fatal(err)
	}
	p := d.Practices
	if len(p.Moved) != len(p.Code) || len(p.From) != len(p.Code) {
		t.Fatalf("moved/from columns: %d, %d for %d practices", len(p.Moved), len(p.From), len(p.Code))
	}
	moved := 0
	for k := range p.Code {
		if p.Moved[k] == 1 {
			moved++
			if p.From[k] == "" {
				t.Errorf("moved practice %s has no PCN it came from", p.Code[k])
			}
		}
	}
	if moved == 0 || moved == len(p.Code) {
		t.Errorf("%d of %d practices marked moved", moved, len(p.Code))
	}
	t.Logf("%d of %d practices moved", moved, len(p.Code))
}

// With -map FILE.html a postcode column, when the file has one, is kept so
// that the page can search it; a file without one reads as before, and a
// missing column the user asked for is still reported by its own name.
func TestPartitionHTMLMapPostcodes(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("code,name,lat,lon,patients,postcode\n")
	for i := range 40 {
		fmt.Fprintf(&b, "P%03d,Practice %d,%.5f,%.5f,5000,AB%d %dCD\n", i, i, 52+float64(i%8)*0.01, -1+float64(i/8)*0.01, i%9+1, i%7)
	}
	in := filepath.Join(dir, "with_postcodes.csv")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "map.html")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"partition", "-in", in, "-map", page, "-q"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"postcode":["AB1 0CD","AB2 1CD"`) {
		t.Errorf("page lacks the postcodes")
	}

	// A column the user asked for and the file lacks: its own error.
	stderr.Reset()
	if code := run(context.Background(), []string{"partition", "-in", "../../testdata/small_practices.csv", "-strata", "ccg", "-map", page, "-q"}, &stdout, &stderr); code == 0 ||
		!strings.Contains(stderr.String(), "ccg") || strings.Contains(stderr.String(), "postcode") {
		t.Errorf("missing -strata column: exit %d, stderr %q", code, stderr.String())
	}
}
