package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"
)

var fuzzModel struct {
	once sync.Once
	m    *Model
}

// FuzzWriteHTMLText puts arbitrary text in the title, the attribution, a
// practice's name and code and an extra property, and checks that the page
// still has exactly its two script blocks and gives the texts back
// unchanged from its data.
func FuzzWriteHTMLText(f *testing.F) {
	for _, s := range nasty {
		f.Add(s, s, s)
	}
	f.Add("", "", "\x00\xff\xfe")
	f.Fuzz(func(t *testing.T, title, name, from string) {
		fuzzModel.once.Do(func() { fuzzModel.m = build(t, synthetic(t, true)) })
		m := *fuzzModel.m
		m.Practices = append([]Practice(nil), m.Practices...)
		m.Practices[0].Name = name
		m.Practices[1].Code = name
		m.Practices[2].Props = []Property{{"moved", true}, {"from", from}}
		var buf bytes.Buffer
		if err := m.WriteHTML(&buf, HTMLOptions{Title: title, Attribution: from}); err != nil {
			t.Fatal(err)
		}
		page := buf.String()
		if n := strings.Count(strings.ToLower(page), "</script"); n != 2 {
			t.Fatalf("%d </script sequences, want 2", n)
		}
		if n := strings.Count(strings.ToLower(page), "<script"); n != 2 {
			t.Fatalf("%d <script sequences, want 2", n)
		}
		if strings.Contains(page, "<!--") {
			t.Fatal("page contains <!--")
		}
		const open = `<script id="hubpart-data" type="application/json">`
		rest := page[strings.Index(page, open)+len(open):]
		var d pageData
		if err := json.Unmarshal([]byte(rest[:strings.Index(rest, "</script>")]), &d); err != nil {
			t.Fatal(err)
		}
		// encoding/json replaces invalid UTF-8 with U+FFFD; compare with
		// what it gives back for the text alone.
		want := func(s string) string {
			b, _ := json.Marshal(s)
			var back string
			json.Unmarshal(b, &back)
			return back
		}
		wantTitle := want(title)
		if title == "" {
			wantTitle = "Hubs"
		}
		if d.Title != wantTitle || d.Attribution != want(from) || d.Practices.Name[0] != want(name) ||
			d.Practices.Code[1] != want(name) {
			t.Fatalf("texts changed: %q %q %q %q", d.Title, d.Attribution, d.Practices.Name[0], d.Practices.Code[1])
		}
		if from != "" && d.Practices.From[2] != want(from) || from == "" && d.Practices.From != nil {
			t.Fatalf("from %q came back as %q", from, d.Practices.From)
		}
	})
}
