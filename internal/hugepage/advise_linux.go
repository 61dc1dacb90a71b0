package hugepage

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"syscall"
	"unsafe"
)

// hugeSize is the size of an x86-64 or arm64 transparent huge page; the
// kernel gives one only where a whole aligned 2 MiB lies in a marked range.
const hugeSize = 2 << 20

// wanted reports whether marking memory helps here: the kernel's mode is
// "madvise" and Go's huge pages are not switched off.
var wanted = sync.OnceValue(func() bool {
	for _, kv := range strings.Split(os.Getenv("GODEBUG"), ",") {
		if strings.TrimSpace(kv) == "disablethp=1" {
			return false
		}
	}
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && bytes.Contains(mode, []byte("[madvise]"))
})

// advise marks the 2 MiB-aligned range round b for huge pages. Rounding
// outwards marks a little of the heap either side too, which is harmless:
// the mark changes how memory is backed, never its contents.
func advise(b []byte) error {
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(b))) &^ (hugeSize - 1)
	hi := (uintptr(unsafe.Pointer(unsafe.SliceData(b))) + uintptr(len(b)) + hugeSize - 1) &^ (hugeSize - 1)
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, syscall.MADV_HUGEPAGE)
	if errno != 0 && errno != syscall.ENOMEM { // ENOMEM: part of the rounding was not mapped; the rest is marked
		return errno
	}
	return nil
}

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14): fault a range in
// as if written, without changing what it holds.
const madvPopulateWrite = 23

// populate backs the whole pages inside [addr, addr+n) with memory now,
// a huge page's worth at a time; it stops at the first refusal (an older
// kernel).
func populate(addr, n uintptr) {
	lo := (addr + pageSize - 1) &^ (pageSize - 1)
	hi := (addr + n) &^ (pageSize - 1)
	for p := lo; p < hi; p += hugeSize {
		step := min(hugeSize, hi-p)
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, p, step, madvPopulateWrite); errno != 0 {
			return
		}
	}
}

const pageSize = 4096
