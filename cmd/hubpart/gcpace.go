package main

import (
	"os"
	"runtime/debug"
	"sync"
)

// Garbage collection pace for small inputs. A national run on a few
// thousand practices (England: 6,658) allocates about 150 MB while its live
// heap stays near 50 MB, so with Go's default pace (a collection each time
// the heap doubles) the collector runs many times and takes about a tenth
// of the CPU. Letting the heap grow to five times the live data between
// collections (GOGC=400) takes most of that away and raises England's peak
// from about 55 MB to 90 MB. Larger inputs keep the default: their memory
// matters more than the collector's share. A GOGC set in the environment
// always wins.
const (
	smallRun   = 20_000 // practices
	smallRunGC = 400    // percent, as GOGC
)

// paceGC sets the collector's pace for a run on n practices and returns
// the function that restores the previous one. Runs may overlap (tests):
// the first small run sets the pace and the last one to end restores it.
func paceGC(n int) (restore func()) {
	if n > smallRun || os.Getenv("GOGC") != "" {
		return func() {}
	}
	gcPace.Lock()
	defer gcPace.Unlock()
	if gcPace.runs == 0 {
		gcPace.old = debug.SetGCPercent(smallRunGC)
	}
	gcPace.runs++
	return func() {
		gcPace.Lock()
		defer gcPace.Unlock()
		if gcPace.runs--; gcPace.runs == 0 {
			debug.SetGCPercent(gcPace.old)
		}
	}
}

// gcPace counts the small runs under way and keeps the pace to restore.
var gcPace struct {
	sync.Mutex
	runs int
	old  int
}
