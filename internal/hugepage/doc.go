// Package hugepage asks Linux to back the heap a large run will use with
// 2 MiB pages.
//
// Model: a process touching fresh memory takes one page fault per 4 KiB
// page, and on a virtual machine each fault is expensive: the 1.68 million
// GB postcodes take about 290,000 faults, 2.5–3 s of system CPU on a run of
// about 8 s. With transparent huge pages the kernel fills a fault with a
// 2 MiB page instead (512 times fewer faults), but where the machine's mode
// is "madvise" (/sys/kernel/mm/transparent_hugepage/enabled, the default on
// many distributions) it does so only for memory the program has asked
// for with madvise(MADV_HUGEPAGE), and Go's runtime no longer asks.
//
// Reserve asks on the program's behalf: it grows the heap to the size a
// run is expected to reach with untouched 64 MiB blocks, marks their
// address range with MADV_HUGEPAGE, and lets them go. Go never unmaps its
// heap, so the marked range stays marked; the run's own allocations then
// reuse it (the runtime places new spans at the lowest free addresses),
// and their first touches fault in 2 MiB pages. Nothing of the reserved
// memory is touched, so it adds nothing to the resident memory. A program
// reserves before its large allocations (hubpart: before reading its
// input), so that the heap lies in one marked range.
//
// Populate goes further for one large allocation a program is about to
// fill on one goroutine (hubpart: the practices read from a file): it has
// the kernel back it at once, from another goroutine, with
// madvise(MADV_POPULATE_WRITE), which never changes what memory holds. On
// a virtual machine whose host backs guest memory lazily, that moves the
// first touches, which cost a fault in the host as well, off the reading
// goroutine: reading the GB postcodes took 432–573 ms instead of 680–844
// (BenchmarkReadPostcodes, 4 alternated pairs).
//
// Reserve does nothing where it cannot help: off Linux, where the mode is
// "always" (every anonymous mapping already gets huge pages) or "never",
// and with GODEBUG=disablethp=1, Go's own switch for keeping huge pages off
// its heap. It is a hint: results never depend on it.
package hugepage
