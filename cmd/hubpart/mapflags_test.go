package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The map's title, attribution and width come from the flags, or from the
// data when not given; bad values are one clear line.
func TestPartitionMapFlags(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("code,name,lat,lon,patients,town\n")
	for i := range 120 {
		fmt.Fprintf(&b, "P%03d,Practice %d,%.6f,%.6f,5000,Town %d\n", i, i, 52+float64(i%12)*0.01, -1+float64(i/12)*0.015, i/60)
	}
	in := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	svg := filepath.Join(dir, "map.svg")
	cases := []struct {
		name string
		args []string
		want []string // in the SVG
		err  string   // in stderr, for a failing run
	}{
		{"defaults from the data", nil, []string{"120 practices in ", " hubs and ", "Practices: in.csv. Map made with hubpart", `width="1200"`}, ""},
		{"given", []string{"-title", "Hubs <East>", "-attribution", "Data © someone", "-map-width", "640", "-inset-label", "town"},
			[]string{"Hubs &lt;East&gt;", "Data © someone", `width="640"`}, ""},
		{"width too small", []string{"-map-width", "10"}, nil, "-map-width 10"},
		{"too many insets", []string{"-insets", "99"}, nil, "-insets 99"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"partition", "-in", in, "-map-svg", svg, "-q"}, tc.args...)
			code := run(context.Background(), args, &stdout, &stderr)
			if tc.err != "" {
				if code == 0 || !strings.Contains(stderr.String(), tc.err) {
					t.Fatalf("exit %d, stderr %q: want an error naming %s", code, stderr.String(), tc.err)
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			data, err := os.ReadFile(svg)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(data), w) {
					t.Errorf("SVG lacks %q", w)
				}
			}
		})
	}
}
