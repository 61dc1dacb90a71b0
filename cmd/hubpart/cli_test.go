package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeCSV writes a practices CSV from rows of (lat, lon, patients).
func writeCSV(t *testing.T, dir string, rows [][3]float64) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("code,name,lat,lon,patients\n")
	for i, r := range rows {
		fmt.Fprintf(&b, "P%06d,\"Practice %d, Test\",%.6f,%.6f,%d\n", i, i, r[0], r[1], int(r[2]))
	}
	path := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readAssign reads the partition command's CSV output.
func readAssign(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"code", "hub", "area", "hub_status", "area_status", "located"}
	if strings.Join(rows[0], ",") != strings.Join(want, ",") {
		t.Fatalf("header %v, want %v", rows[0], want)
	}
	return rows[1:]
}

// The degenerate inputs of the reliability issue, run end to end through the
// CLI: each either partitions every practice (statuses say why a group is out
// of bounds) or fails with one clear line and no output file.
func TestPartitionDegenerate(t *testing.T) {
	line := func(n int, lat0, lon0, dlat, dlon float64, w float64) [][3]float64 {
		rows := make([][3]float64, n)
		for i := range rows {
			rows[i] = [3]float64{lat0 + float64(i)*dlat, lon0 + float64(i)*dlon, w}
		}
		return rows
	}
	cases := []struct {
		name     string
		rows     [][3]float64
		statuses map[string]int // hub_status -> practices, when the run succeeds
		errHas   string         // non-empty: the run must fail with this in its one line
	}{
		{name: "one practice", rows: line(1, 52, -1, 0, 0, 8000), statuses: map[string]int{"undersize": 1}},
		{name: "one practice above the maximum", rows: line(1, 52, -1, 0, 0, 90000), statuses: map[string]int{"oversize": 1}},
		{name: "all at one point", rows: line(40, 52, -1, 0, 0, 5000), statuses: map[string]int{"ok": 40}},
		{name: "all on a line", rows: line(60, 52, -1, 0.01, 0.01, 5000), statuses: map[string]int{"ok": 60}},
		{name: "total below the minimum", rows: line(3, 52, -1, 0.01, 0, 5000), statuses: map[string]int{"undersize": 3}},
		{name: "two far-apart islands below the minimum", rows: append(line(3, 50, -5, 0.01, 0, 4000), line(3, 56, 1, 0.01, 0, 4000)...),
			statuses: map[string]int{"undersize": 6}},
		{name: "across the antimeridian", rows: append(line(20, -17, 179.9, 0.01, 0.001, 6000), line(20, -17.05, -179.95, 0.01, 0.001, 6000)...),
			statuses: map[string]int{"ok": 40}},
		{name: "southern hemisphere", rows: line(50, -33.9, 151.2, 0.003, 0.004, 7000), statuses: map[string]int{"ok": 50}},
		{name: "more than a hemisphere", rows: [][3]float64{{0, 0, 5000}, {0, 120, 5000}, {0, -120, 5000}}, errHas: "hemisphere"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			in := writeCSV(t, dir, c.rows)
			out := filepath.Join(dir, "out.csv")
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"partition", "-in", in, "-out-csv", out, "-q"}, &stdout, &stderr)
			if c.errHas != "" {
				if code == 0 {
					t.Fatalf("exit 0, want failure")
				}
				msg := stderr.String()
				if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, c.errHas) {
					t.Errorf("stderr %q: want one line mentioning %q", msg, c.errHas)
				}
				if _, err := os.Stat(out); !os.IsNotExist(err) {
					t.Errorf("output file left behind after failure")
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			rows := readAssign(t, out)
			if len(rows) != len(c.rows) {
				t.Fatalf("%d practices out, %d in", len(rows), len(c.rows))
			}
			got := map[string]int{}
			for _, r := range rows {
				got[r[3]]++
			}
			if fmt.Sprint(got) != fmt.Sprint(c.statuses) {
				t.Errorf("hub statuses %v, want %v", got, c.statuses)
			}
			var in64 int64
			for _, r := range c.rows {
				in64 += int64(r[2])
			}
			if !strings.Contains(stdout.String(), "patients "+thousands(in64)+" in, "+thousands(in64)+" out") {
				t.Errorf("report does not show patients in = out = %d:\n%s", in64, stdout.String())
			}
		})
	}
}

// A million practices at one point is one site: partitioned by splitting the
// site into its practices.
func TestPartitionMillionAtOnePoint(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000,000 practices: skipped in -short mode")
	}
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("code,lat,lon,patients\n")
	const n = 1000000
	for i := range n {
		fmt.Fprintf(&b, "P%d,51.5,-0.12,%d\n", i, 100+i%50)
	}
	in := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.csv")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"partition", "-in", in, "-out-csv", out, "-q", "-no-areas"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil {
		t.Fatal(err)
	}
	rows, bad := 0, 0
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		rows++
		if rec[2] != "ok" {
			bad++
		}
	}
	if rows != n {
		t.Fatalf("%d practices out, want %d", rows, n)
	}
	if bad != 0 {
		t.Errorf("%d practices in hubs out of bounds", bad)
	}
}

// Bad input: one clear line on stderr, exit 1, and no output file.
func TestPartitionBadInput(t *testing.T) {
	cases := []struct {
		name, csv, errHas string
	}{
		{"empty file", "", "empty"},
		{"header only", "code,lat,lon,patients\n", "no records"},
		{"missing column", "code,lat,patients\nA,52,100\n", "lon"},
		{"non-numeric", "code,lat,lon,patients\nA,52,abc,100\n", "line 2"},
		{"NaN", "code,lat,lon,patients\nA,NaN,-1,100\n", "lat"},
		{"latitude out of range", "code,lat,lon,patients\nA,95,-1,100\n", "lat"},
		{"negative patients", "code,lat,lon,patients\nA,52,-1,-5\n", "patients"},
		{"duplicate code", "code,lat,lon,patients\nA,52,-1,5\nA,52.1,-1,5\n", "A"},
		{"ragged row", "code,lat,lon,patients\nA,52,-1\n", "line 2"},
		{"unterminated quote", "code,name,lat,lon,patients\nA,\"Oops,52,-1,5\n", "line"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "in.csv")
			if err := os.WriteFile(in, []byte(c.csv), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out.csv")
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"partition", "-in", in, "-out-csv", out, "-q"}, &stdout, &stderr)
			if code != 1 {
				t.Fatalf("exit %d, want 1", code)
			}
			msg := stderr.String()
			if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, c.errHas) {
				t.Errorf("stderr %q: want one line mentioning %q", msg, c.errHas)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("files left in the output directory: %v", entries)
			}
		})
	}
}

func TestRunUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), nil, &stdout, &stderr); code != 2 {
		t.Errorf("no command: exit %d, want 2", code)
	}
	if code := run(context.Background(), []string{"frobnicate"}, &stdout, &stderr); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if code := run(context.Background(), []string{"help"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "partition") {
		t.Errorf("help: exit %d, output %q", code, stdout.String())
	}
}

// The README's main command on a small synthetic country: every output file
// written, every practice assigned.
func TestDemo(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"demo", "-n", "600", "-out-dir", dir, "-q"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, f := range []string{"hubs.csv", "hubs.geojson", "hubs.svg", "hubs.png"} {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	rows := readAssign(t, filepath.Join(dir, "hubs.csv"))
	if len(rows) != 600 {
		t.Errorf("%d practices in hubs.csv, want 600", len(rows))
	}
	if !strings.Contains(stdout.String(), "practices 600 in, 600 out") {
		t.Errorf("report:\n%s", stdout.String())
	}
}

// Postcode-style input: another code column and no list sizes.
func TestPartitionOtherColumns(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("postcode,latitude,longitude,country\n")
	for i := range 400 {
		fmt.Fprintf(&b, "PC%04d,%.6f,%.6f,E92000001\n", i, 52+float64(i%20)*0.002, -1+float64(i/20)*0.003)
	}
	in := filepath.Join(dir, "postcodes.csv")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.csv")
	var stdout, stderr bytes.Buffer
	args := []string{"partition", "-in", in, "-code-col", "postcode", "-weight", "1",
		"-hub-min", "100", "-hub-max", "150", "-no-areas", "-out-csv", out, "-q"}
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
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
	if strings.Join(rows[0], ",") != "code,hub,hub_status,located" {
		t.Fatalf("header %v", rows[0])
	}
	size := map[string]int{}
	for _, r := range rows[1:] {
		if r[2] != "ok" {
			t.Errorf("%s: status %s", r[0], r[2])
		}
		size[r[1]]++
	}
	if len(rows)-1 != 400 {
		t.Fatalf("%d rows out, want 400", len(rows)-1)
	}
	for hub, n := range size {
		if n < 100 || n > 150 {
			t.Errorf("hub %s has %d postcodes, want 100–150", hub, n)
		}
	}
	// Without -weight the file has no patients column: one clear line.
	stderr.Reset()
	if code := run(context.Background(), []string{"partition", "-in", in, "-code-col", "postcode", "-out-csv", out, "-q"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "patients") {
		t.Errorf("exit %d, stderr %q: want a missing patients column error", code, stderr.String())
	}
}
