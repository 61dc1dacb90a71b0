package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallInput copies the repository's small practices file into dir.
func smallInput(t *testing.T, dir string) (path string, content []byte) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "small_practices.csv"))
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(dir, "in.csv")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, b
}

// runCLI runs hubpart with args and returns the exit code and outputs.
func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

// dirNames lists the names in dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

var smallBounds = []string{"-hub-min", "20000", "-hub-max", "60000", "-no-areas", "-q"}

// Outputs that would destroy an input or each other are refused before
// anything is read or written: one line, exit 1, the input untouched and no
// file created (issue #10: -out-csv equal to -in, -out-geojson equal to -in,
// the same output twice, -map and -map-svg together).
func TestOutputClashes(t *testing.T) {
	cases := []struct {
		name   string
		args   func(dir, in string) []string
		errHas string
	}{
		{"out-csv is the input", func(dir, in string) []string { return []string{"-out-csv", in} }, "refusing to overwrite an input"},
		{"out-geojson is the input", func(dir, in string) []string { return []string{"-out-geojson", in} }, "refusing to overwrite an input"},
		{"map is the input", func(dir, in string) []string {
			return []string{"-map-svg", in}
		}, "refusing to overwrite an input"},
		{"input spelled another way", func(dir, in string) []string {
			return []string{"-out-csv", filepath.Join(dir, ".", "sub", "..", "in.csv")}
		}, "refusing to overwrite an input"},
		{"output is a link to the input", func(dir, in string) []string {
			link := filepath.Join(dir, "link.csv")
			if err := os.Symlink(in, link); err != nil {
				panic(err)
			}
			return []string{"-out-csv", link}
		}, "refusing to overwrite an input"},
		{"boundary is an output", func(dir, in string) []string {
			b := filepath.Join(dir, "b.geojson")
			os.WriteFile(b, []byte(`{"type":"Polygon","coordinates":[[[-2,51],[0,51],[0,53],[-2,53],[-2,51]]]}`), 0o644)
			return []string{"-boundary", b, "-out-geojson", b}
		}, "-boundary"},
		{"one file for two outputs", func(dir, in string) []string {
			x := filepath.Join(dir, "x")
			return []string{"-out-csv", x, "-out-geojson", x}
		}, "both name"},
		{"map and map-svg together", func(dir, in string) []string {
			return []string{"-map", filepath.Join(dir, "m.svg"), "-map-svg", filepath.Join(dir, "n.svg")}
		}, "give one"},
		{"map and map-png together", func(dir, in string) []string {
			return []string{"-map", filepath.Join(dir, "m.PNG"), "-map-png", filepath.Join(dir, "n.png")}
		}, "give one"},
		{"map of an unknown kind", func(dir, in string) []string { return []string{"-map", filepath.Join(dir, "m.jpg")} }, ".svg, .png or .html"},
		{"output is a directory", func(dir, in string) []string { return []string{"-out-csv", dir} }, "directory"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			os.Mkdir(filepath.Join(dir, "sub"), 0o755)
			in, content := smallInput(t, dir)
			args := append([]string{"partition", "-in", in}, c.args(dir, in)...)
			before := dirNames(t, dir)
			code, _, stderr := runCLI(append(args, smallBounds...)...)
			if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.errHas) {
				t.Fatalf("exit %d, stderr %q: want exit 1 and one line mentioning %q", code, stderr, c.errHas)
			}
			if got, _ := os.ReadFile(in); !bytes.Equal(got, content) {
				t.Errorf("the input was changed")
			}
			if after := dirNames(t, dir); strings.Join(after, " ") != strings.Join(before, " ") {
				t.Errorf("files %v after the run, %v before", after, before)
			}
		})
	}
}

// The graph and demo commands refuse the same clashes.
func TestOutputClashesOtherCommands(t *testing.T) {
	dir := t.TempDir()
	in, content := smallInput(t, dir)
	if code, _, stderr := runCLI("graph", "-in", in, "-out", in, "-q"); code != 1 || !strings.Contains(stderr, "refusing to overwrite an input") {
		t.Errorf("graph -out = -in: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI("demo", "-n", "100", "-out-dir", dir, "-write-data", filepath.Join(dir, "hubs.csv"), "-q"); code != 1 || !strings.Contains(stderr, "both name") {
		t.Errorf("demo -write-data hubs.csv: exit %d, %q", code, stderr)
	}
	if got, _ := os.ReadFile(in); !bytes.Equal(got, content) {
		t.Errorf("the input was changed")
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("files left behind: %v", names)
	}
}

// When one requested output cannot be written, none is: the others are not
// created, and files already there keep their old content.
func TestOutputsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	in, _ := smallInput(t, dir)
	csvOut := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(csvOut, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	svgOut := filepath.Join(dir, "out.svg")
	bad := filepath.Join(dir, "missing-dir", "out.geojson")
	code, _, stderr := runCLI(append([]string{"partition", "-in", in, "-out-csv", csvOut, "-map", svgOut, "-out-geojson", bad}, smallBounds...)...)
	if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "missing-dir") {
		t.Fatalf("exit %d, stderr %q: want exit 1 and one line naming the output", code, stderr)
	}
	if got, _ := os.ReadFile(csvOut); string(got) != "old\n" {
		t.Errorf("out.csv was replaced although another output failed: %q", got)
	}
	if names := dirNames(t, dir); strings.Join(names, " ") != "in.csv out.csv" {
		t.Errorf("files after the failed run: %v", names)
	}
}

// An existing output keeps its permission bits, an output that is a link is
// written through (the link stays a link), and -map takes .SVG in any case.
func TestOutputModeLinkAndCase(t *testing.T) {
	dir := t.TempDir()
	in, _ := smallInput(t, dir)
	private := filepath.Join(dir, "private.csv")
	if err := os.WriteFile(private, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "real.geojson")
	if err := os.WriteFile(target, []byte("old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.geojson")
	if err := os.Symlink("real.geojson", link); err != nil {
		t.Fatal(err)
	}
	upper := filepath.Join(dir, "MAP.SVG")
	code, stdout, stderr := runCLI(append([]string{"partition", "-in", in, "-out-csv", private, "-out-geojson", link, "-map", upper}, smallBounds...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if st, err := os.Stat(private); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("private.csv mode %v (%v), want 0600", st.Mode(), err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link.geojson is no longer a link")
	}
	if st, err := os.Stat(target); err != nil || st.Mode().Perm() != 0o640 || st.Size() < 100 {
		t.Errorf("the link's target was not written in place: %v %v", st, err)
	}
	if st, err := os.Stat(upper); err != nil || st.Size() < 100 {
		t.Errorf("MAP.SVG not written: %v", err)
	}
	if !strings.Contains(stdout, "wrote "+upper) {
		t.Errorf("report does not list MAP.SVG:\n%s", stdout)
	}
	var tmp []string
	for _, n := range dirNames(t, dir) {
		if strings.Contains(n, ".tmp-") {
			tmp = append(tmp, n)
		}
	}
	if len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// A boundary that excludes every practice is an error; one that leaves a
// few outside is a warning naming the first (issue #10: a box 1,000 km away
// was accepted silently).
func TestBoundaryOutsidePractices(t *testing.T) {
	dir := t.TempDir()
	in, _ := smallInput(t, dir)
	far := filepath.Join(dir, "far.geojson")
	if err := os.WriteFile(far, []byte(`{"type":"Polygon","coordinates":[[[10,40],[11,40],[11,41],[10,41],[10,40]]]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.csv")
	code, _, stderr := runCLI(append([]string{"partition", "-in", in, "-boundary", far, "-out-csv", out}, smallBounds...)...)
	if code != 1 || !strings.Contains(stderr, "none of the 30 practices lies inside") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("output written")
	}
	// a box around all but the practices east of -0.99
	part := filepath.Join(dir, "part.geojson")
	if err := os.WriteFile(part, []byte(`{"type":"Polygon","coordinates":[[[-1.2,51.9],[-0.995,51.9],[-0.995,52.2],[-1.2,52.2],[-1.2,51.9]]]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(append([]string{"partition", "-in", in, "-boundary", part, "-out-csv", out}, smallBounds...)...)
	if code != 0 || !strings.Contains(stderr, "practices lie outside the -boundary outline (first: ") {
		t.Errorf("exit %d, stderr %q: want a warning", code, stderr)
	}
}
