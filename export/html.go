package export

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"
)

// HTMLOptions controls the interactive map page.
type HTMLOptions struct {
	Title       string // page title and heading; "Hubs" when empty
	Attribution string // credit line for the data, shown under the map (for example the data licence)
}

//go:embed htmlmap/page.html
var pageTemplate string

//go:embed htmlmap/map.css
var pageCSS string

//go:embed htmlmap/map.js
var pageJS string

// WriteHTML writes the partition as one self-contained interactive HTML
// page: its script, style and data are inline, and it requests nothing from
// the network, so it works offline and as an e-mail attachment. The page
// draws the outline (Boundary, when given), the hubs, the areas and the
// practices of m on a canvas, and lets the reader
// pan and zoom (mouse, wheel, touch), hover a hub or practice for its
// details, click a hub to list its practices, switch layers and the
// colouring (neighbouring hubs differ, or by area), and search for a
// practice by code, name or postcode (also as the URL fragment #q=...).
// Hubs outside their size bounds are hatched and outlined in red; practices
// whose extra property "moved" is true are ringed (with "from", when set,
// named as where they came from), and a "postcode" property is searchable.
//
// Every text from the data (titles, names, codes) reaches the page as JSON
// inside a script block, escaped so that it cannot close the block, and is
// put into the document as text, never as markup: the page is safe with any
// input text. The same input gives the same bytes.
func (m *Model) WriteHTML(w io.Writer, opt HTMLOptions) error {
	if opt.Title == "" {
		opt.Title = "Hubs"
	}
	d, err := m.pageData(opt)
	if err != nil {
		return err
	}
	data, err := scriptJSON(d)
	if err != nil {
		return fmt.Errorf("export: encoding map data: %w", err)
	}
	bw := bufio.NewWriter(w)
	if err := writePage(bw, opt.Title, data); err != nil {
		return fmt.Errorf("export: writing HTML: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: writing HTML: %w", err)
	}
	return nil
}

// scriptJSON encodes v for a <script type="application/json"> block:
// encoding/json already writes <, > and & as \u003c, \u003e and \u0026
// (so "</script" and "<!--" cannot occur) and U+2028/U+2029 as escapes.
func scriptJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// writePage fills the page template: {{TITLE}} (HTML-escaped), {{CSS}},
// {{DATA}} and {{JS}}, each exactly once.
func writePage(w io.Writer, title string, data []byte) error {
	rest := pageTemplate
	for _, slot := range []struct {
		mark string
		fill func() error
	}{
		{"{{TITLE}}", func() error { _, err := io.WriteString(w, html.EscapeString(title)); return err }},
		{"{{CSS}}", func() error { _, err := io.WriteString(w, pageCSS); return err }},
		{"{{DATA}}", func() error { _, err := w.Write(data); return err }},
		{"{{JS}}", func() error { _, err := io.WriteString(w, pageJS); return err }},
	} {
		before, after, ok := strings.Cut(rest, slot.mark)
		if !ok {
			return fmt.Errorf("page template lacks %s", slot.mark)
		}
		if _, err := io.WriteString(w, before); err != nil {
			return err
		}
		if err := slot.fill(); err != nil {
			return err
		}
		rest = after
	}
	_, err := io.WriteString(w, rest)
	return err
}
