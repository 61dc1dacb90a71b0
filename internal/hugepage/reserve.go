package hugepage

import (
	"runtime"
	"runtime/metrics"
	"sync"
)

// chunk is the size of each untouched block Reserve allocates. A block
// placed in a free run of the heap left by earlier work is zeroed by the
// runtime (touched); blocks this large rarely fit such runs, so almost
// every block comes from fresh address space.
const chunk = 64 << 20

// mu serialises Reserve calls (runs may overlap in tests).
var mu sync.Mutex

// Reserve makes the heap's address space reach total bytes, the part added
// marked for huge pages, and returns the bytes added: 0 when the heap is
// already that large, or where huge pages are off or already on for all
// memory (see the package comment). Memory the heap held before is left
// as it is, so a program calls Reserve before its large allocations. It
// runs a garbage collection when it adds anything, so the added memory is
// free for the program's next allocations when Reserve returns.
func Reserve(total int64) int64 {
	if !wanted() {
		return 0
	}
	mu.Lock()
	defer mu.Unlock()
	before := heapMapped()
	if total <= before {
		return 0
	}
	// A block that lands in a free run of the heap adds nothing (and is
	// zeroed by the runtime: touched); a block or two more than the
	// shortfall allows for that, and no more, so that a fragmented heap is
	// not touched through.
	var blocks [][]byte
	for tries := (total-before)/chunk + 2; tries > 0; tries-- {
		if heapMapped() >= total {
			break
		}
		b := make([]byte, chunk)
		if advise(b) != nil {
			return 0 // the kernel refused: leave the heap as it is
		}
		blocks = append(blocks, b)
	}
	after := heapMapped()
	clear(blocks)
	blocks = nil
	runtime.GC() // free the blocks now, for the next allocations
	return after - before
}

// heapMapped returns the address space the heap has mapped: its objects,
// its unused and free memory, and what it has returned to the system
// (which stays mapped, and marked).
func heapMapped() int64 {
	s := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(s)
	var n int64
	for _, x := range s {
		if x.Value.Kind() == metrics.KindUint64 {
			n += int64(x.Value.Uint64())
		}
	}
	return n
}
