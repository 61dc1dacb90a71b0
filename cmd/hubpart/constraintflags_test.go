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

func TestIsMarked(t *testing.T) {
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"", false}, {"  ", false}, {"0", false}, {"false", false}, {"FALSE", false}, {"No", false},
		{"1", true}, {"yes", true}, {"x", true}, {"hub", true}, {" true ", true}, {"00", true},
	} {
		if got := isMarked(c.v); got != c.want {
			t.Errorf("isMarked(%q) = %v, want %v", c.v, got, c.want)
		}
	}
}

// The England practices with a hub_site column marking a few practices far
// apart (and "no" or blank for the rest): each marked practice ends in a
// hub of its own, and the report names no problem.
func TestPartitionHubSites(t *testing.T) {
	in, err := os.Open(fixture.EnglandPractices())
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(in).ReadAll()
	in.Close()
	if err != nil {
		t.Fatal(err)
	}
	marked := map[string]bool{"A81001": true, "B82018": true, "J82001": true, "E85124": false, "Y02625": true, "L83100": true}
	dir := t.TempDir()
	path := filepath.Join(dir, "practices.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	seen := 0
	for i, r := range rows {
		v := "no"
		switch {
		case i == 0:
			v = "hub_site"
		case marked[r[0]]:
			v, seen = "yes", seen+1
		case i%2 == 0:
			v = ""
		}
		if err := w.Write(append(r, v)); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if seen != 5 {
		t.Fatalf("%d marked practices found in the England file, want 5", seen)
	}
	out := filepath.Join(dir, "hubs.csv")
	var stdout, stderr bytes.Buffer
	if err := runPartition(context.Background(), []string{"-in", path, "-hub-sites", "hub_site", "-q", "-out-csv", out}, &stdout, &stderr); err != nil {
		t.Fatalf("runPartition: %v (stderr %q)", err, stderr.String())
	}
	if strings.Contains(stdout.String(), "fixed hub site") {
		t.Errorf("report explains a fixed-site problem:\n%s", stdout.String())
	}
	hubOf := map[string]string{}
	for _, r := range readAssign(t, out) {
		hubOf[r[0]] = r[1]
	}
	hubs := map[string]string{}
	for c, m := range marked {
		if !m {
			continue
		}
		h := hubOf[c]
		if o, ok := hubs[h]; ok {
			t.Errorf("marked practices %s and %s share hub %s", o, c, h)
		}
		hubs[h] = c
	}
	err = runPartition(context.Background(), []string{"-in", path, "-hub-sites", "nosuch", "-q"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "nosuch") {
		t.Errorf("unknown column: %v", err)
	}
}
