package hugepage

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// residentBytes is the process's resident memory (/proc/self/statm).
func residentBytes(t *testing.T) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Skipf("no /proc/self/statm: %v", err)
	}
	f := strings.Fields(string(b))
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return pages * int64(os.Getpagesize())
}

// TestPopulate checks that populate backs a fresh mapping (the resident
// memory grows by its size) and leaves what it holds as it was.
func TestPopulate(t *testing.T) {
	const size = 64 << 20
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(mem)
	copy(mem, "written before")
	before := residentBytes(t)
	populate(uintptr(unsafe.Pointer(&mem[0])), size)
	grown := residentBytes(t) - before
	if grown < size*9/10 {
		if !kernelAtLeast(t, 5, 14) {
			t.Skipf("resident memory grew by %d bytes: this kernel has no MADV_POPULATE_WRITE (Linux 5.14)", grown)
		}
		t.Fatalf("resident memory grew by %d bytes, want about %d", grown, size)
	}
	if string(mem[:14]) != "written before" {
		t.Fatalf("populate changed the memory: %q", mem[:14])
	}
	for i := 14; i < size; i += 4096 {
		if mem[i] != 0 {
			t.Fatalf("byte %d is %d after populate, want 0", i, mem[i])
		}
	}
}

// kernelAtLeast reports whether the running kernel is version major.minor
// or later.
func kernelAtLeast(t *testing.T, major, minor int) bool {
	b, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		t.Skipf("no kernel version: %v", err)
	}
	parts := strings.SplitN(strings.TrimSpace(string(b)), ".", 3)
	if len(parts) < 2 {
		t.Skipf("kernel version %q", b)
	}
	ma, _ := strconv.Atoi(parts[0])
	mi, _ := strconv.Atoi(strings.TrimFunc(parts[1], func(r rune) bool { return r < '0' || r > '9' }))
	return ma > major || (ma == major && mi >= minor)
}
