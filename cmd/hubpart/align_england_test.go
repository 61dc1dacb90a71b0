package main

import (
	"bytes"
	"context"
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
	var stdout, stderr bytes.Buffer
	err := runPartition(context.Background(), []string{"-in", full, "-boundary", fixture.EnglandBoundary(),
		"-align", "ccg_code", "-q", "-out-csv", hubs}, &stdout, &stderr)
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
