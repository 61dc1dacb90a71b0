package hugepage

import (
	"syscall"
	"testing"
	"time"
)

// BenchmarkFirstTouch measures what the kernel charges for memory a
// process touches for the first time: each op maps 256 MiB of fresh
// anonymous memory, writes one byte in every 4 KiB page and unmaps it, in
// 4 KiB pages and in huge pages (the range marked as Reserve marks the
// heap). It reports milliseconds per GiB.
//
// On a virtual machine the figure depends on the machine's history, not
// only on the kernel: a guest page the host is not backing (never touched
// since boot, or handed back by the guest's free page reporting a few
// seconds after it was freed, see BENCHMARKS.md) costs a fault in the host
// as well. On the project's machine of 2 Dec 2026: 364-369 ms/GiB in 4 KiB
// pages; in huge pages 47.7-84.5 ms/GiB over 20 GiB touched back to back
// (-benchtime 80x), but 205-314 ms/GiB over 2 GiB (-benchtime 8x), even a
// minute after a run of 20 GiB.
func BenchmarkFirstTouch(b *testing.B) {
	const size = 256 << 20
	for _, tc := range []struct {
		name string
		huge bool
	}{{"4KiB", false}, {"2MiB", true}} {
		b.Run(tc.name, func(b *testing.B) {
			var busy time.Duration
			for b.Loop() {
				mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
				if err != nil {
					b.Fatal(err)
				}
				if tc.huge {
					if err := syscall.Madvise(mem, syscall.MADV_HUGEPAGE); err != nil {
						b.Skipf("madvise(MADV_HUGEPAGE): %v", err)
					}
				}
				start := time.Now()
				for i := 0; i < len(mem); i += 4096 {
					mem[i] = 1
				}
				busy += time.Since(start)
				if err := syscall.Munmap(mem); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(busy.Milliseconds())/(float64(b.N)*size/(1<<30)), "ms/GiB")
		})
	}
}
