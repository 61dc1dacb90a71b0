package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// A run sets a soft memory limit of its budget, overlapping runs add
// theirs, and the last to end restores the limit before them.
func TestLimitMemory(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOMEMLIMIT is set in the environment: limitMemory leaves the limit alone")
	}
	current := func() int64 { return debug.SetMemoryLimit(-1) }
	before := current()
	for _, tc := range []struct {
		n    int
		want int64
	}{
		{6_658, memFloor},                         // England: the floor
		{10_000_000, 10_000_000 * memPerPractice}, // 10M practices: 4.8 GiB
	} {
		done := limitMemory(tc.n)
		if got := current(); got != tc.want {
			t.Errorf("%d practices: limit %d, want %d", tc.n, got, tc.want)
		}
		done()
		if got := current(); got != before {
			t.Errorf("%d practices: limit %d after the run, want %d back", tc.n, got, before)
		}
	}
	a := limitMemory(100)
	b := limitMemory(10_000_000)
	if got, want := current(), int64(memFloor+10_000_000*memPerPractice); got != want {
		t.Errorf("overlapping runs: limit %d, want %d", got, want)
	}
	a()
	if got, want := current(), int64(10_000_000*memPerPractice); got != want {
		t.Errorf("one run left: limit %d, want %d", got, want)
	}
	b()
	if got := current(); got != before {
		t.Errorf("after the runs: limit %d, want %d", got, before)
	}
}

func TestHeapForRows(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, size int) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	small := write("england.csv", 557_124)
	plain := write("big.csv", 30_000_000)       // up to a million rows
	gz := write("postcodes.csv.GZ", 16_000_000) // up to two million rows
	for _, tc := range []struct {
		name  string
		paths []string
		want  int64
	}{
		{"none", nil, runHeap},
		{"small file", []string{small}, runHeap},
		{"plain", []string{plain}, 1_000_000 * heapPerPractice},
		{"gzipped", []string{gz}, 2_000_000 * heapPerPractice},
		{"both, an empty flag and a missing file", []string{plain, "", gz, filepath.Join(dir, "missing.csv"), dir}, 3_000_000 * heapPerPractice},
	} {
		if got := heapForRows(rowsIn(tc.paths...)); got != tc.want {
			t.Errorf("%s: heapForRows(rowsIn) = %d, want %d", tc.name, got, tc.want)
		}
	}
}
