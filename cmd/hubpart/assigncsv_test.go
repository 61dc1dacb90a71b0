package main

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
)

// writeAssignCSV formats its rows in blocks on all cores: the file must be
// the rows in order, whatever the number of blocks, batches and cores,
// with codes that need quoting or neutralising and the change columns.
// The expected rows are built one at a time with fmt and csvField.
func TestWriteAssignCSVBlocks(t *testing.T) {
	codes := []string{"A1", "=SUM(A1)", `say "hi"`, "a,b", " pad ", "-1", "'q", "line\nbreak", ""}
	for _, n := range []int{0, 1, 5, 1 << 14, 1<<14 + 1, 5<<14 + 3} {
		for _, procs := range []int{1, 2, 3} {
			t.Run(fmt.Sprintf("%d/%d", n, procs), func(t *testing.T) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				ps := make([]input.Practice, n)
				res := &partition.Result{
					Levels: []partition.Level{{Name: "hub"}, {Name: "area"}},
					Groups: [][]partition.Group{make([]partition.Group, 7), make([]partition.Group, 3)},
					Assign: [][]int32{make([]int32, n), make([]int32, n)},
					Change: &partition.Change{From: make([]string, n), Class: make([]string, n), Hubs: make([]partition.HubChange, 7)},
				}
				for g := range res.Groups[0] {
					res.Groups[0][g].Status = partition.StatusOK
					res.Change.Hubs[g] = partition.HubChange{Origin: codes[g%len(codes)], Class: "kept"}
				}
				res.Groups[0][3].Status = partition.StatusUndersize
				for g := range res.Groups[1] {
					res.Groups[1][g].Status = partition.StatusOK
				}
				for p := range ps {
					ps[p].Code = codes[p%len(codes)] + fmt.Sprint(p)
					ps[p].Located = input.Located(p % 4)
					res.Assign[0][p], res.Assign[1][p] = int32(p*5%7), int32(p%3)
					res.Change.From[p], res.Change.Class[p] = codes[(p+3)%len(codes)], "moved"
				}
				var want strings.Builder
				want.WriteString("code,hub,area,hub_status,area_status,from,change,hub_origin,hub_change,located\n")
				for p := range ps {
					h, a := res.Assign[0][p], res.Assign[1][p]
					fmt.Fprintf(&want, "%s,%d,%d,%s,%s,%s,%s,%s,%s,%s\n", csvField(ps[p].Code), h, a,
						res.Groups[0][h].Status, res.Groups[1][a].Status, csvField(res.Change.From[p]), res.Change.Class[p],
						csvField(res.Change.Hubs[h].Origin), res.Change.Hubs[h].Class, ps[p].Located)
				}
				var got bytes.Buffer
				if err := writeAssignCSV(&got, ps, res); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					g, w := strings.Split(got.String(), "\n"), strings.Split(want.String(), "\n")
					for i := range min(len(g), len(w)) {
						if g[i] != w[i] {
							t.Fatalf("line %d: got %q, want %q", i+1, g[i], w[i])
						}
					}
					t.Fatalf("got %d lines, want %d", len(g), len(w))
				}
			})
		}
	}
}

// csvField quotes what CSV needs quoted and neutralises what a spreadsheet
// would read as a formula.
func TestCSVField(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"A81001", "A81001"},
		{"", ""},
		{"a,b", `"a,b"`},
		{`say "hi"`, `"say ""hi"""`},
		{" pad", `" pad"`},
		{"pad\t", "\"pad\t\""},
		{"=SUM(A1)", "'=SUM(A1)"},
		{"-1", "'-1"},
		{"'q", "''q"},
		{"@x,y", `"'@x,y"`},
		{"\tx", "'\tx"},
		{"+x ", `"'+x "`},
		{"a\nb", "\"a\nb\""},
	} {
		if got := csvField(c.in); got != c.want {
			t.Errorf("csvField(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// BenchmarkWriteAssignCSV: the -out-csv rows of a million practices in
// hubs and areas (postcode-like codes), to io.Discard.
func BenchmarkWriteAssignCSV(b *testing.B) {
	const n = 1_000_000
	ps := make([]input.Practice, n)
	res := &partition.Result{
		Levels: []partition.Level{{Name: "hub"}, {Name: "area"}},
		Groups: [][]partition.Group{make([]partition.Group, n/125), make([]partition.Group, n/1250)},
		Assign: [][]int32{make([]int32, n), make([]int32, n)},
	}
	for l := range res.Groups {
		for g := range res.Groups[l] {
			res.Groups[l][g].Status = partition.StatusOK
		}
	}
	for p := range ps {
		ps[p].Code = fmt.Sprintf("AB%d %dCD", p%100, p%10)
		res.Assign[0][p], res.Assign[1][p] = int32(p/125), int32(p/1250)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := writeAssignCSV(io.Discard, ps, res); err != nil {
			b.Fatal(err)
		}
	}
}
