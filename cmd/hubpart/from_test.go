package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hubpart/hubpart/internal/fixture"
)

// TestPartitionFrom runs England from the 2021 PCNs through the CLI: the
// CSV gains from, change, hub_origin and hub_change, the report states the
// disruption, -locked pcn_code combines with -from without stopping the
// run, and a small -max-moved leaves groups out of bounds with the budget
// named.
func TestPartitionFrom(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "hubs.csv")
	gj := filepath.Join(dir, "hubs.geojson")
	var stdout, stderr bytes.Buffer
	args := []string{"partition", "-in", englandPractices, "-boundary", fixture.EnglandBoundary(),
		"-from", "pcn_code", "-no-areas", "-out-csv", out, "-out-geojson", gj, "-q"}
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"change from the initial configuration", "kept exactly", "patients moved", "adjusted Rand index"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, stdout.String())
		}
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "code,hub,hub_status,from,change,hub_origin,hub_change,located" {
		t.Fatalf("header %s", got)
	}
	classes := map[string]int{}
	for _, r := range rows[1:] {
		classes[r[4]]++
		if r[4] == "moved" && r[3] == r[5] {
			t.Errorf("%s: moved but its PCN %s is its hub's origin", r[0], r[3])
		}
	}
	for _, c := range []string{"kept", "moved", "split", "free"} {
		if classes[c] == 0 {
			t.Errorf("no practice with change %q (%v)", c, classes)
		}
	}
	b, err := os.ReadFile(gj)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"moved":true`)) || !bytes.Contains(b, []byte(`"origin":`)) {
		t.Error("GeoJSON lacks moved or origin")
	}

	// -locked pcn_code with -from: non-contiguous PCNs are split, listed
	// every one, and the run goes on.
	stdout.Reset()
	stderr.Reset()
	args = []string{"partition", "-in", englandPractices, "-boundary", fixture.EnglandBoundary(),
		"-from", "pcn_code", "-locked", "pcn_code", "-no-areas", "-q"}
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("-locked with -from: exit %d: %s", code, stderr.String())
	}
	if n := strings.Count(stdout.String(), "note: locked set"); n < 300 {
		t.Errorf("%d locked sets listed, want every non-contiguous PCN (over 300)", n)
	}

	// A budget of 100,000 patients leaves groups out of bounds, saying why.
	stdout.Reset()
	args = []string{"partition", "-in", englandPractices, "-boundary", fixture.EnglandBoundary(),
		"-from", "pcn_code", "-max-moved", "100000", "-no-areas", "-q"}
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("-max-moved: exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "budget of 100,000 patients moved") {
		t.Errorf("no group reported out of bounds for the budget:\n%.3000s", stdout.String())
	}
	if code := run(context.Background(), []string{"partition", "-in", englandPractices, "-max-moved", "5", "-q"}, &stdout, &stderr); code == 0 {
		t.Error("-max-moved without -from accepted")
	}
}
