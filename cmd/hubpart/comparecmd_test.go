package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The fixture is a 5 × 4 grid of practices about 1.5 km apart (C001–C020,
// row by row; C020 shares C015's building). Column pcn groups the grid's
// columns (P0–P4), column alt its rows (R0–R3; C007 and C014 blank, C020 in
// R2 with C015). compare_small_hubs.csv puts columns 0–1 in hub 0, column 2
// with C004 and C009 in hub 1, the rest in hub 2; its rows are shuffled.
const (
	compareSmall     = "../../testdata/compare_small.csv"
	compareSmallHubs = "../../testdata/compare_small_hubs.csv"
)

// compareRow returns the two values of the table row whose name starts
// with name.
func compareRow(t *testing.T, out, name string) [2]string {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, name) {
			f := strings.Fields(line[26:])
			if len(f) == 2 {
				return [2]string{f[0], f[1]}
			}
		}
	}
	t.Fatalf("no row %q in\n%s", name, out)
	return [2]string{}
}

// compareMeasure returns the number after the given label.
func compareMeasure(t *testing.T, out, label string) float64 {
	t.Helper()
	m := regexp.MustCompile(regexp.QuoteMeta(label) + `\s+(-?[0-9.]+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no %q in\n%s", label, out)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestRunCompare(t *testing.T) {
	// Expected values by hand from the fixture (bounds 30,000–50,000):
	//   pcn: P0 44,000  P1 42,000  P2 32,300  P3 31,200  P4 37,800, all
	//        contiguous columns.
	//   alt: R0 52,300  R1 37,900  R2 43,100  R3 36,200  and the blanks C007
	//        9,100 and C014 8,700; R1 (C006 cut off by C007) and R2 (C015 cut
	//        off by C014) are not contiguous.
	//   hub: 86,000  48,600  52,700, all contiguous.
	// ARI(pcn, alt): 1 pair together in both (C015, C020), 30 within pcn,
	// 32 within alt, of 190: (1 − 30·32/190)/(31 − 30·32/190) = −0.1562.
	// ARI(hub, pcn): 26, 58, 30 of 190: (26 − 58·30/190)/(44 − 58·30/190)
	// = 0.4834. Kept together pcn in alt: 0; alt in pcn: the 2 blanks, 10%;
	// hub in pcn: 0; pcn in hub: P0, P1, P2, P4 whole, 80%.
	type want struct {
		groups, inBounds, contiguous, blanks, minSize, maxSize [2]string
		ari, keptAB, keptBA                                    float64
	}
	cases := []struct {
		name string
		a, b string
		want want
	}{
		{"two input columns", ":pcn", ":alt", want{
			[2]string{"5", "6"}, [2]string{"5", "3"}, [2]string{"5", "4"}, [2]string{"0", "2"},
			[2]string{"31,200", "8,700"}, [2]string{"44,000", "52,300"}, -0.1562, 0, 10}},
		{"input file named explicitly", compareSmall + ":pcn", ":alt", want{
			[2]string{"5", "6"}, [2]string{"5", "3"}, [2]string{"5", "4"}, [2]string{"0", "2"},
			[2]string{"31,200", "8,700"}, [2]string{"44,000", "52,300"}, -0.1562, 0, 10}},
		{"hub file, default column", compareSmallHubs, ":pcn", want{
			[2]string{"3", "5"}, [2]string{"1", "5"}, [2]string{"3", "5"}, [2]string{"0", "0"},
			[2]string{"48,600", "31,200"}, [2]string{"86,000", "44,000"}, 0.4834, 0, 80}},
		{"identical", compareSmallHubs + ":hub", compareSmallHubs, want{
			[2]string{"3", "3"}, [2]string{"1", "1"}, [2]string{"3", "3"}, [2]string{"0", "0"},
			[2]string{"48,600", "48,600"}, [2]string{"86,000", "86,000"}, 1, 100, 100}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := runCompare(context.Background(), []string{"-in", compareSmall, "-a", tc.a, "-b", tc.b, "-q"}, &stdout, &stderr)
			if err != nil {
				t.Fatalf("runCompare: %v (stderr %q)", err, stderr.String())
			}
			out := stdout.String()
			for _, c := range []struct {
				row  string
				want [2]string
			}{
				{"groups", tc.want.groups},
				{"in bounds [30,000, 50,000]", tc.want.inBounds},
				{"contiguous", tc.want.contiguous},
				{"blank labels", tc.want.blanks},
				{"smallest group patients", tc.want.minSize},
				{"largest group patients", tc.want.maxSize},
			} {
				if got := compareRow(t, out, c.row); got != c.want {
					t.Errorf("%s: %v, want %v\n%s", c.row, got, c.want, out)
				}
			}
			if got := compareMeasure(t, out, "adjusted Rand index (A, B)"); got != tc.want.ari {
				t.Errorf("ARI %v, want %v", got, tc.want.ari)
			}
			if got := compareMeasure(t, out, "kept together, A in B"); got != tc.want.keptAB {
				t.Errorf("kept A in B %v, want %v", got, tc.want.keptAB)
			}
			if got := compareMeasure(t, out, "kept together, B in A"); got != tc.want.keptBA {
				t.Errorf("kept B in A %v, want %v", got, tc.want.keptBA)
			}
			for _, km := range []string{"mean km", "p95 km", "max km"} {
				v := compareRow(t, out, km)
				for _, s := range v {
					if f, err := strconv.ParseFloat(s, 64); err != nil || f < 0 || f > 10 {
						t.Errorf("%s %q: not a plausible distance in a 6 km town", km, s)
					}
				}
			}
			if !strings.Contains(out, "20 practices, 187,300 patients") {
				t.Errorf("header does not count 20 practices, 187,300 patients:\n%s", out)
			}
		})
	}
}

// writeTemp writes a side file into a temporary directory.
func writeTemp(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// hubsWithout returns the fixture hub file minus the row of code, plus the
// extra lines.
func hubsWithout(t *testing.T, code string, extra ...string) string {
	t.Helper()
	b, err := os.ReadFile(compareSmallHubs)
	if err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if !strings.HasPrefix(line, code+",") {
			keep = append(keep, line)
		}
	}
	return strings.Join(append(keep, extra...), "\n") + "\n"
}

func TestRunCompareErrors(t *testing.T) {
	missing := writeTemp(t, "missing.csv", hubsWithout(t, "C013"))
	stranger := writeTemp(t, "stranger.csv", hubsWithout(t, "", "X999,4,ok"))
	twice := writeTemp(t, "twice.csv", hubsWithout(t, "", "C007,2,ok"))
	noCode := writeTemp(t, "nocode.csv", "id,hub\nC001,1\n")
	cases := []struct {
		name string
		args []string
		want []string // substrings of the error
	}{
		{"missing code names code and file", []string{"-a", missing, "-b", ":pcn"}, []string{"C013", missing, "1 practice"}},
		{"code not in the input", []string{"-a", ":pcn", "-b", stranger}, []string{"X999", stranger, "line 22"}},
		{"code twice", []string{"-a", twice, "-b", ":pcn"}, []string{"C007", "twice", "line 22"}},
		{"side file without code column", []string{"-a", noCode, "-b", ":pcn"}, []string{`no column "code"`, noCode}},
		{"side file without the column", []string{"-a", compareSmallHubs + ":area", "-b", ":pcn"}, []string{`no column "area"`}},
		{"input without the column", []string{"-a", ":nosuch", "-b", ":pcn"}, []string{"nosuch"}},
		{"side file absent", []string{"-a", "nowhere.csv", "-b", ":pcn"}, []string{"nowhere.csv"}},
		{"no -b", []string{"-a", ":pcn"}, []string{"-a and -b"}},
		{"bad bounds", []string{"-a", ":pcn", "-b", ":alt", "-min", "50", "-max", "40"}, []string{"-max 40 is below -min 50"}},
		{"stray argument", []string{"-a", ":pcn", "-b", ":alt", "extra"}, []string{`unexpected argument "extra"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"-in", compareSmall, "-q"}, tc.args...)
			err := runCompare(context.Background(), args, &stdout, &stderr)
			if err == nil {
				t.Fatalf("no error; output\n%s", stdout.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
	t.Run("no -in", func(t *testing.T) {
		if err := runCompare(context.Background(), []string{"-a", ":x", "-b", ":y"}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "-in") {
			t.Errorf("error %v, want -in is required", err)
		}
	})
	t.Run("help", func(t *testing.T) {
		var stderr bytes.Buffer
		err := runCompare(context.Background(), []string{"-h"}, &bytes.Buffer{}, &stderr)
		if !errors.Is(err, flag.ErrHelp) || !strings.Contains(stderr.String(), "blank label") {
			t.Errorf("-h: %v, usage %q", err, stderr.String())
		}
	})
}

func TestParseSide(t *testing.T) {
	cases := []struct {
		spec, file, column string
		bad                bool
	}{
		{spec: "out.csv", file: "out.csv", column: "hub"},
		{spec: "out.csv:area", file: "out.csv", column: "area"},
		{spec: "out.csv:", file: "out.csv", column: "hub"},
		{spec: ":pcn_code", file: "", column: "pcn_code"},
		{spec: compareSmall + ":alt", file: "", column: "alt"},
		{spec: "./" + compareSmall, file: "", column: "hub"},
		{spec: "dir:with:colons.csv:hub2", file: "dir:with:colons.csv", column: "hub2"},
		{spec: ": ", bad: true},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%q", tc.spec), func(t *testing.T) {
			s, err := parseSide(tc.spec, compareSmall)
			if tc.bad {
				if err == nil {
					t.Fatalf("parseSide(%q) accepted", tc.spec)
				}
				return
			}
			if err != nil || s.file != tc.file || s.column != tc.column {
				t.Fatalf("parseSide(%q) = %+v, %v; want file %q column %q", tc.spec, s, err, tc.file, tc.column)
			}
		})
	}
}

func TestDenseLabels(t *testing.T) {
	got := denseLabels([]string{"b", "", "a", "b", "", "c"})
	want := []int32{1, 3, 0, 1, 4, 2}
	if fmt.Sprint(got.assign) != fmt.Sprint(want) || got.blanks != 2 {
		t.Fatalf("denseLabels = %v (%d blanks), want %v (2)", got.assign, got.blanks, want)
	}
}

// With a land outline around the town the scores are the same: the grid's
// links all run over land.
func TestRunCompareBoundary(t *testing.T) {
	land := writeTemp(t, "land.geojson", `{"type":"Polygon","coordinates":[[[-0.55,51.47],[-0.37,51.47],[-0.37,51.57],[-0.55,51.57],[-0.55,51.47]]]}`)
	var with, without, stderr bytes.Buffer
	args := []string{"-in", compareSmall, "-a", compareSmallHubs, "-b", ":alt", "-q"}
	if err := runCompare(context.Background(), append(args, "-boundary", land), &with, &stderr); err != nil {
		t.Fatalf("with -boundary: %v (stderr %q)", err, stderr.String())
	}
	if err := runCompare(context.Background(), args, &without, &stderr); err != nil {
		t.Fatalf("without -boundary: %v", err)
	}
	if with.String() != without.String() {
		t.Errorf("the outline changed the scores:\n%s\nversus\n%s", with.String(), without.String())
	}
	bad := writeTemp(t, "bad.geojson", `{"type":"Point","coordinates":[0,51]}`)
	if err := runCompare(context.Background(), append(args, "-boundary", bad), &bytes.Buffer{}, &stderr); err == nil {
		t.Error("a Point outline was accepted")
	}
}

// A side file with a line over 1 MiB is refused without reading it whole.
func TestCompareSideLineLimit(t *testing.T) {
	dir := t.TempDir()
	side := filepath.Join(dir, "side.csv")
	if err := os.WriteFile(side, []byte("code,hub\n"+strings.Repeat("x", 2<<20)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	err := runCompare(context.Background(), []string{"-in", compareSmall, "-a", side, "-b", ":pcn", "-q"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "longer than 1 MiB") {
		t.Errorf("got %v, want a line-length error", err)
	}
}
