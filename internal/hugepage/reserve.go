package hugepage

import (
	"runtime"
	"sync"
)

// chunk is the size of each untouched block Reserve allocates. A block in a
// free run of the heap left by earlier work is zeroed by the runtime
// (touched); blocks this large only fit such runs once they have grown
// that large, so almost every block comes from fresh address space.
const chunk = 64 << 20

// reserved is the most memory marked so far in this process: Go keeps its
// heap mapped, so what was marked stays marked.
var reserved struct {
	sync.Mutex
	bytes int64
}

// Reserve marks at least bytes of the heap's address space for huge pages
// and returns how many bytes it newly marked: 0 when an earlier call has
// already marked as much, or where huge pages are off or already on for
// all memory (see the package comment). It runs a garbage collection when
// it marks anything, so the marked memory is free before Reserve returns.
func Reserve(bytes int64) int64 {
	if !wanted() {
		return 0
	}
	reserved.Lock()
	defer reserved.Unlock()
	if bytes <= reserved.bytes {
		return 0
	}
	need := bytes - reserved.bytes
	blocks := make([][]byte, 0, (need+chunk-1)/chunk)
	for got := int64(0); got < need; got += chunk {
		b := make([]byte, chunk)
		if advise(b) != nil {
			return 0 // the kernel refused: leave the heap as it is
		}
		blocks = append(blocks, b)
	}
	clear(blocks)
	blocks = nil
	runtime.GC() // free the blocks now, for the run's first allocations
	reserved.bytes = bytes
	return need
}
