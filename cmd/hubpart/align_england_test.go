package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hubpart/hubpart/internal/fixture"
)

// The partition command aligned with the CCGs of practices_full.csv, then
// compared with the real PCNs on the same column: the report carries the
// coterminosity of the plan and of both sides of the comparison.
func TestAlignEnglandCLI(t *testing.T) {
	full := fixture.Shared(t, "england-2021/practices_full.csv")
	dir := t.TempDir()
	hubs := filepath.Join(dir, "hubs.csv")
	gj := filepath.Join(dir, "hubs.geojson")
	var stdout, stderr bytes.Buffer
	err := runPartition(context.Background(), []string{"-in", full, "-boundary", fixture.EnglandBoundary(),
		"-align", "ccg_code", "-q", "-out-csv", hubs, "-out-geojson", gj}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("runPartition: %v (stderr %q)", err, stderr.String())
	}
	out := stdout.String()
	m := regexp.MustCompile(`hub coterminosity: ([\d,]+) of ([\d,]+) hubs \(([0-9.]+)%\) inside one value`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no hub coterminosity in\n%s", out)
	}
	if share, _ := strconv.ParseFloat(m[3], 64); share < 97 {
		t.Errorf("%s%% of hubs inside one CCG, want at least 97%%\n%s", m[3], out)
	}
	// the GeoJSON carries the same coterminosity
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	b, err := os.ReadFile(gj)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	inside, crossing := 0, 0
	for _, f := range fc.Features {
		switch f.Properties["layer"] {
		case "hub":
			if f.Properties["inside_ccg_code"] == true {
				inside++
			}
		case "practice":
			if n, ok := f.Properties["hubs_crossing_ccg_code"].(float64); !ok {
				t.Fatalf("practice without hubs_crossing_ccg_code: %v", f.Properties)
			} else if n > 0 {
				crossing++
			}
		}
	}
	if fmt.Sprint(inside) != strings.ReplaceAll(m[1], ",", "") {
		t.Errorf("GeoJSON: %d hubs inside one CCG, the report %s", inside, m[1])
	}
	t.Logf("GeoJSON: %d hubs inside one CCG; %d practices in a CCG crossed by some hub", inside, crossing)
	stdout.Reset()
	err = runCompare(context.Background(), []string{"-in", full, "-a", ":pcn_code", "-b", hubs, "-align", "ccg_code", "-q"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("runCompare: %v (stderr %q)", err, stderr.String())
	}
	out = stdout.String()
	row := compareRow(t, out, "groups inside one value")
	if row[1] != strings.ReplaceAll(m[1], ",", "") {
		t.Errorf("compare counts %s hubs inside one value, the partition report %s\n%s", row[1], m[1], out)
	}
	t.Logf("real PCNs and aligned hubs inside one CCG: %v; shares %v", row, compareRow(t, out, "share of groups inside"))
}
