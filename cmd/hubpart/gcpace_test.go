package main

import (
	"os"
	"runtime/debug"
	"testing"
)

// A small run sets the collector's pace and restores it, also when runs
// overlap; a large run leaves it alone.
func TestPaceGC(t *testing.T) {
	if testingGOGC() {
		t.Skip("GOGC is set in the environment: paceGC leaves the pace alone")
	}
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	current := func() int { p := debug.SetGCPercent(-1); debug.SetGCPercent(p); return p }

	done := paceGC(smallRun + 1)
	if got := current(); got != 100 {
		t.Fatalf("large run: pace %d, want 100", got)
	}
	done()
	a := paceGC(100)
	b := paceGC(200)
	if got := current(); got != smallRunGC {
		t.Fatalf("small runs: pace %d, want %d", got, smallRunGC)
	}
	a()
	if got := current(); got != smallRunGC {
		t.Fatalf("one small run still going: pace %d, want %d", got, smallRunGC)
	}
	b()
	if got := current(); got != 100 {
		t.Fatalf("after the runs: pace %d, want 100", got)
	}
}

func testingGOGC() bool { return os.Getenv("GOGC") != "" }
