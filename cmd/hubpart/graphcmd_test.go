package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const (
	smallPractices = "../../testdata/small_practices.csv"
	smallBoundary  = "../../testdata/small_boundary.geojson"
)

func TestRunGraphCSV(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "edges.csv")
	var stdout, stderr bytes.Buffer
	err := runGraph(context.Background(), []string{"-in", smallPractices, "-boundary", smallBoundary, "-out", out, "-q"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("runGraph: %v (stderr %q)", err, stderr.String())
	}
	t.Log(strings.TrimSpace(stdout.String()))
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], []string{"code_a", "code_b", "km"}) {
		t.Fatalf("header %v", rows[0])
	}
	rows = rows[1:]
	adj := map[[2]string]float64{}
	for _, r := range rows {
		km, err := strconv.ParseFloat(r[2], 64)
		if err != nil || len(r[2]) != len(strings.Split(r[2], ".")[0])+4 {
			t.Fatalf("km %q not a number with 3 decimals", r[2])
		}
		if r[0] == r[1] {
			t.Errorf("self pair %v", r)
		}
		k := [2]string{min(r[0], r[1]), max(r[0], r[1])}
		if _, dup := adj[k]; dup {
			t.Errorf("pair %v twice", k)
		}
		adj[k] = km
	}
	linked := func(a, b string) (float64, bool) {
		km, ok := adj[[2]string{min(a, b), max(a, b)}]
		return km, ok
	}
	// T0026 and T0027 share T0013's building: all three adjacent at 0 km,
	// and each has exactly the same other neighbours.
	for _, p := range [][2]string{{"T0013", "T0026"}, {"T0013", "T0027"}, {"T0026", "T0027"}, {"T0007", "T0028"}} {
		if km, ok := linked(p[0], p[1]); !ok || km != 0 {
			t.Errorf("%v: linked %v at %v km, want 0", p, ok, km)
		}
	}
	neigh := func(c string) []string {
		var out []string
		for k := range adj {
			if k[0] == c && !strings.HasPrefix(k[1], "T002") {
				out = append(out, k[1])
			} else if k[1] == c && !strings.HasPrefix(k[0], "T002") {
				out = append(out, k[0])
			}
		}
		slices.Sort(out)
		return slices.DeleteFunc(out, func(s string) bool { return s == "T0013" })
	}
	if a, b := neigh("T0013"), neigh("T0026"); !slices.Equal(a, b) || len(a) < 3 {
		t.Errorf("shared building neighbours differ: %v vs %v", a, b)
	}
	// The island is reached by exactly one crossing (the boundary leaves
	// 8 km of sea between it and the town).
	crossings := 0
	for k := range adj {
		if (k[0][0] == 'I') != (k[1][0] == 'I') {
			crossings++
		}
	}
	if crossings != 1 {
		t.Errorf("%d crossings to the island, want 1 (a bridge)", crossings)
	}
	if _, ok := linked("I0001", "I0002"); !ok {
		t.Error("island practices not linked to each other")
	}
	// Rows are in a deterministic order: a second run gives the same bytes.
	first, _ := os.ReadFile(out)
	if err := runGraph(context.Background(), []string{"-in", smallPractices, "-boundary", smallBoundary, "-out", out, "-q"}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(out)
	if !bytes.Equal(first, second) {
		t.Error("output differs between runs")
	}
}

func TestRunGraphMETIS(t *testing.T) {
	out := filepath.Join(t.TempDir(), "g.metis")
	var stdout, stderr bytes.Buffer
	if err := runGraph(context.Background(), []string{"-in", smallPractices, "-out", out, "-format", "metis", "-q"}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	head := strings.Fields(lines[0])
	// 30 practices at 27 sites (one building of 3, one of 2).
	if len(head) != 3 || head[0] != "27" || head[2] != "010" || len(lines) != 28 {
		t.Fatalf("header %q and %d lines, want 27 sites", lines[0], len(lines))
	}
	m, _ := strconv.Atoi(head[1])
	deg := 0
	for _, l := range lines[1:] {
		deg += len(strings.Fields(l)) - 1
	}
	if deg != 2*m {
		t.Errorf("sum of degrees %d, want 2m = %d", deg, 2*m)
	}
}

func TestRunGraphErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.csv")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no -in", []string{"-out", filepath.Join(dir, "a.csv")}, "-in is required"},
		{"no -out", []string{"-in", smallPractices}, "-out is required"},
		{"bad format", []string{"-in", smallPractices, "-out", filepath.Join(dir, "a"), "-format", "dot"}, "-format"},
		{"stray argument", []string{"-in", smallPractices, "-out", filepath.Join(dir, "a"), "extra"}, "unexpected argument"},
		{"missing input", []string{"-in", missing, "-out", filepath.Join(dir, "a.csv")}, "nope.csv"},
		{"missing boundary", []string{"-in", smallPractices, "-boundary", missing, "-out", filepath.Join(dir, "a.csv")}, "nope.csv"},
		{"unwritable output", []string{"-in", smallPractices, "-out", filepath.Join(dir, "no", "such", "dir.csv")}, "dir.csv"},
		{"unknown flag", []string{"-frobnicate"}, "frobnicate"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := runGraph(context.Background(), c.args, &stdout, &stderr)
			if err == nil {
				t.Fatal("no error")
			}
			if msg := err.Error(); !strings.Contains(msg+stderr.String(), c.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q (stderr %q), want one line mentioning %q", msg, stderr.String(), c.want)
			}
		})
	}
	// Nothing half-written is left behind.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("files left in the output directory: %v", entries)
	}
}
