package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hubpart/hubpart/input"
)

// FuzzReadSideFile feeds arbitrary bytes to the side-file reader: it must
// never panic, must name the file in every error, and on success must give
// every practice exactly the label of its one row.
func FuzzReadSideFile(f *testing.F) {
	f.Add("code,hub\nA,1\nB,1\nC,2\n", "hub")
	f.Add("\ufeffCode , Hub\n A , x \nC,\nB,y\n", "HUB")
	f.Add("code,hub\nA,1\nA,2\nB,1\nC,1\n", "hub")
	f.Add("code,hub\n\"A\",\"1,2\"\nB,\"q\"\"\"\nC,3\n", "hub")
	f.Add("hub,code\n1,A\n1,B\n", "hub")
	f.Add("code,hub\nA,1,extra\n", "hub")
	ps := []input.Practice{{Code: "A"}, {Code: "B"}, {Code: "C"}}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, body, col string) {
		path := filepath.Join(dir, "side.csv")
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		raw, err := readSideFile(path, col, ps)
		if err != nil {
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		if len(raw) != len(ps) {
			t.Fatalf("%d labels for %d practices", len(raw), len(ps))
		}
		for _, l := range raw {
			if l != strings.TrimSpace(l) {
				t.Fatalf("label %q not trimmed", l)
			}
		}
	})
}
