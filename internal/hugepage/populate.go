package hugepage

import "unsafe"

// Populate has the kernel back the memory of b (a large allocation the
// program is about to fill) now, on a goroutine of its own, instead of page
// by page as the program first touches it. It returns at once. Backing
// memory never changes what it holds, so the program may use b meanwhile.
//
// It pays where first touches are dear and the program fills a large
// allocation on one goroutine: on a virtual machine whose host backs guest
// memory lazily, each first touch of a huge page costs a fault in the host
// as well (BenchmarkFirstTouch), and a reader filling 150 MB of practices
// would take those faults one after another. It does nothing off Linux, and
// nothing on kernels before 5.14.
func Populate[T any](b []T) {
	if cap(b) == 0 {
		return
	}
	var zero T
	n := uintptr(cap(b)) * unsafe.Sizeof(zero)
	if n < 8<<20 {
		return // not worth a goroutine
	}
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	go func() {
		populate(addr, n)
		_ = b[:cap(b)] // b stays reachable (and its memory b's) until done
	}()
}
