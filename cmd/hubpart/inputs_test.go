package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The reading cases of issue #10 end to end: each gives a complete result
// or one line naming the problem, and no output.
func TestPartitionReadingCases(t *testing.T) {
	small, err := os.ReadFile(filepath.Join("..", "..", "testdata", "small_practices.csv"))
	if err != nil {
		t.Fatal(err)
	}
	header, rows, _ := strings.Cut(string(small), "\n")
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	cases := []struct {
		name   string
		file   string
		data   []byte
		args   []string
		errHas string // "" when the run must succeed with 30 practices
	}{
		{"2 MiB of blank lines", "in.csv", []byte(header + "\n" + strings.Repeat("\n", 2<<20) + rows), nil, ""},
		{"2 MiB of blank CRLF lines", "in.csv", []byte(strings.ReplaceAll(header+"\n"+strings.Repeat("\n", 1<<20)+rows, "\n", "\r\n")), nil, ""},
		{"CR-only line ends", "in.csv", []byte(strings.ReplaceAll(string(small), "\n", "\r")), nil, ""},
		{"patients adding up beyond int64", "in.csv", []byte("code,lat,lon,patients\nA,51.5,-0.1,9000000000000000000\nB,51.6,-0.1,9000000000000000000\n"), nil, "line 3"},
		{"-weight 9223372036854775807", "in.csv", []byte("code,lat,lon\nA,51.5,-0.1\nB,51.6,-0.1\n"), []string{"-weight", "9223372036854775807"}, "line 3"},
		{"+5 patients", "in.csv", []byte("code,lat,lon,patients\nA,51.5,-0.1,+5\n"), nil, `"patients"`},
		{"hex latitude", "in.csv", []byte("code,lat,lon,patients\nA,0x1p5,-0.1,5\n"), nil, `"lat"`},
		{"5_1.5 latitude", "in.csv", []byte("code,lat,lon,patients\nA,5_1.5,-0.1,5\n"), nil, `"lat"`},
		{"code with an escape", "in.csv", []byte("code,lat,lon,patients\n\"A\x1b[2J\",51.5,-0.1,5\n"), nil, "control character"},
		{"GeoJSON of spaces, gzipped", "in.geojson.gz", gz(bytes.Repeat([]byte(" "), 64<<20)), nil, "white space"},
		{"GeoJSON of zeros", "in.geojson", make([]byte, 4<<20), nil, "not a JSON object"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, c.file)
			if err := os.WriteFile(in, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out.csv")
			args := append([]string{"partition", "-in", in, "-out-csv", out, "-hub-min", "1", "-hub-max", "60000", "-no-areas", "-q"}, c.args...)
			code, stdout, stderr := runCLI(args...)
			if c.errHas != "" {
				if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.errHas) {
					t.Fatalf("exit %d, stderr %q: want one line mentioning %q", code, stderr, c.errHas)
				}
				if _, err := os.Stat(out); err == nil {
					t.Error("output written")
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stdout, "practices 30 in, 30 out") {
				t.Errorf("report:\n%s", stdout)
			}
		})
	}
}

// A .geojson that is a link to /dev/zero stops at once instead of filling
// memory (issue #10).
func TestPartitionDevZero(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs /dev/zero")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "zero.geojson")
	if err := os.Symlink("/dev/zero", in); err != nil {
		t.Skip(err)
	}
	start := time.Now()
	code, _, stderr := runCLI("partition", "-in", in, "-q")
	if code != 1 || !strings.Contains(stderr, "not a JSON object") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

// The same boundary polygon twice reads as once (issue #10: it was taken
// for sea, with bridges and split hubs); a bow-tie boundary is refused.
func TestPartitionBoundaryValidity(t *testing.T) {
	dir := t.TempDir()
	in, _ := smallInput(t, dir)
	sq := `[[[-1.2,51.9],[-0.8,51.9],[-0.8,52.2],[-1.2,52.2],[-1.2,51.9]]]`
	write := func(name, doc string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	once := write("once.geojson", `{"type":"Polygon","coordinates":`+sq+`}`)
	twice := write("twice.geojson", `{"type":"MultiPolygon","coordinates":[`+sq+`,`+sq+`]}`)
	bow := write("bow.geojson", `{"type":"Polygon","coordinates":[[[-1.2,51.9],[-0.8,52.2],[-0.8,51.9],[-1.2,52.2],[-1.2,51.9]]]}`)
	var outs []string
	for _, b := range []string{once, twice} {
		out := filepath.Join(dir, filepath.Base(b)+".csv")
		code, stdout, stderr := runCLI(append([]string{"partition", "-in", in, "-boundary", b, "-out-csv", out}, smallBounds...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", b, code, stderr)
		}
		if !strings.Contains(stdout, "(0 bridges)") {
			t.Errorf("%s: bridges:\n%s", b, stdout)
		}
		got, _ := os.ReadFile(out)
		outs = append(outs, string(got))
	}
	if outs[0] != outs[1] {
		t.Error("the doubled boundary gives other hubs than the single one")
	}
	code, _, stderr := runCLI(append([]string{"partition", "-in", in, "-boundary", bow}, smallBounds...)...)
	if code != 1 || !strings.Contains(stderr, "invalid boundary") {
		t.Errorf("bow tie: exit %d, stderr %q", code, stderr)
	}
}
