package main

import (
	"os"
	"runtime/debug"
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

// limitMemory sets the soft memory limit for a run on n practices and
// returns the function that restores the previous one. It also asks for
// huge pages for the run's budget (hugepage.Reserve; main has asked for
// memFloor before reading the input), whatever the limit: on a virtual
// machine with huge pages on request, the postcodes then take about 15,000
// page faults instead of 290,000.
func limitMemory(n int) (restore func()) {
	budget := max(memFloor, int64(n)*memPerPractice)
	hugepage.Reserve(budget)
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
