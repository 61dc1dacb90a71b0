package hugepage

import (
	"bufio"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// markedRanges lists the address ranges of this process that the kernel
// backs with huge pages on request ("hg" among an area's VmFlags in
// /proc/self/smaps).
func markedRanges(t *testing.T) [][2]uintptr {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	var out [][2]uintptr
	var cur [2]uintptr
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := strings.Cut(strings.Fields(line)[0], "-"); ok { // an area's first line: "lo-hi perms ..."
			a, err1 := strconv.ParseUint(lo, 16, 64)
			b, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 == nil && err2 == nil {
				cur = [2]uintptr{uintptr(a), uintptr(b)}
				continue
			}
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && strings.Contains(" "+flags+" ", " hg ") {
			out = append(out, cur)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReserve(t *testing.T) {
	if !wanted() {
		t.Skip("transparent huge pages are not in madvise mode on this machine (or GODEBUG=disablethp=1): Reserve does nothing")
	}
	// Blocks may first land in free runs of the heap (another run of the
	// test in this process leaves some): ask for that much more.
	before := heapMapped()
	size := before + heapFree() + 4*chunk
	if got := Reserve(size); got < 4*chunk {
		t.Fatalf("Reserve(%d) on a heap of %d added %d, want about %d", size, before, got, 4*chunk)
	}
	if got := Reserve(size / 2); got != 0 {
		t.Errorf("Reserve of less than the heap = %d, want 0", got)
	}
	var marked uintptr
	ranges := markedRanges(t)
	for _, r := range ranges {
		marked += r[1] - r[0]
	}
	if marked < 3*chunk {
		t.Fatalf("%d bytes marked for huge pages in smaps, want at least %d", marked, 3*chunk)
	}
	// A large allocation made now lands in the marked range: the runtime
	// reuses the lowest free addresses, which Reserve freed.
	b := make([]byte, chunk)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	inside := false
	for _, r := range ranges {
		inside = inside || (r[0] <= p && p+uintptr(len(b)) <= r[1])
	}
	if !inside {
		t.Errorf("a %d-byte allocation at %#x is outside the marked ranges %x", len(b), p, ranges)
	}
	runtime.KeepAlive(b)
	if got := Reserve(heapMapped() + heapFree() + 2*chunk); got < 2*chunk {
		t.Errorf("Reserve of 2 blocks more than the heap and its free memory added %d, want at least %d", got, 2*chunk)
	}
}

// heapFree is the heap's free memory, returned to the system or not.
func heapFree() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/free:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64() + s[1].Value.Uint64())
}
