package main

import (
	"os"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/hubpart/hubpart/internal/hugepage"
)

// A soft memory limit for large inputs. Go collects garbage each time the
// heap has doubled since the last collection, so a run's peak is about
// twice its live data: 7.6–8.6 GiB for ten million practices, whose live
// data stays under 5 GiB. A run therefore asks the collector to keep the
// heap within memPerPractice bytes per practice (at least memFloor): the
// collector then works harder as the heap nears that, rather than letting
// it double (10 million practices: 5.0 GiB peak for about 5% more CPU; the
// 1.7 million GB postcodes: 1.0 GiB). It is a soft limit: a run that needs
// more still gets it, the collector's share of the CPU being capped by the
// runtime. Overlapping runs (tests) add their budgets. A GOMEMLIMIT set in
// the environment always wins.
const (
	memPerPractice = 512     // bytes
	memFloor       = 1 << 30 // bytes
)

// heapPerPractice is about how large the heap of a large run grows per
// practice under that limit (the 1.68 million GB postcodes: 1.03 GB peak),
// for the huge pages asked for in limitMemory.
const heapPerPractice = 640 // bytes

// limitMemory sets the soft memory limit for a run on n practices and
// returns the function that restores the previous one. It also asks for
// huge pages for the heap the run will grow to (hugepage.Reserve), whatever
// the limit; reserveHeap has asked for the reading's before the input was
// read.
func limitMemory(n int) (restore func()) {
	budget := max(memFloor, int64(n)*memPerPractice)
	hugepage.Reserve(min(budget, int64(n)*heapPerPractice))
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	memLimit.Lock()
	defer memLimit.Unlock()
	if memLimit.runs == 0 {
		memLimit.old = debug.SetMemoryLimit(-1)
	}
	memLimit.runs++
	memLimit.total += budget
	debug.SetMemoryLimit(memLimit.total)
	return func() {
		memLimit.Lock()
		defer memLimit.Unlock()
		memLimit.runs--
		memLimit.total -= budget
		if memLimit.runs == 0 {
			debug.SetMemoryLimit(memLimit.old)
		} else {
			debug.SetMemoryLimit(memLimit.total)
		}
	}
}

// memLimit counts the runs under way, the sum of their budgets and the
// limit to restore.
var memLimit struct {
	sync.Mutex
	runs  int
	total int64
	old   int64
}

// The fewest bytes a row of an input file takes, for an upper bound on its
// practices before it is read: a gzipped file of GB postcodes takes 9.5
// bytes a row, the plain file 38, England's practices 84.
const (
	minRowBytes   = 30
	minGzRowBytes = 8
)

// runHeap is the heap reserved for any run, whatever its input: England
// with every output peaks at about 150 MB.
const runHeap = 256 << 20

// reserveHeap asks for huge pages (hugepage.Reserve) for the heap a run
// reading the files at paths ("" for none) may grow to, before they are
// read: the heap of as many practices as they can hold (heapPerPractice
// each), or runHeap if more. Reserving it all before reading keeps the
// heap in one marked range; marking costs about 15 ms per GiB. On a
// virtual machine with huge pages on request, England with every output
// then takes about 2,300 page faults instead of 17,000 from the command
// line (0.33–0.35 s instead of 0.43–0.50 s), the GB postcodes 8,000–16,000
// instead of 280,000 (BENCHMARKS.md).
func reserveHeap(paths ...string) {
	hugepage.Reserve(heapForRows(rowsIn(paths...)))
}

// heapForRows is the heap a run on rows practices may grow to (at least
// runHeap).
func heapForRows(rows int64) int64 {
	return max(runHeap, rows*heapPerPractice)
}

// rowsIn is the most rows the files at paths can hold (see minRowBytes).
func rowsIn(paths ...string) int64 {
	var rows int64
	for _, path := range paths {
		fi, err := os.Stat(path)
		if path == "" || err != nil || !fi.Mode().IsRegular() {
			continue // the reading reports it
		}
		if strings.HasSuffix(strings.ToLower(path), ".gz") {
			rows += fi.Size() / minGzRowBytes
		} else {
			rows += fi.Size() / minRowBytes
		}
	}
	return rows
}
