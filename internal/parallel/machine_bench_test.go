package parallel

import (
	"math"
	"runtime"
	"testing"
	"time"
)

// BenchmarkMachine measures what the machine's CPUs give together, the
// ceiling of every parallel stage: the same work on one goroutine, then
// one copy per CPU side by side. "speedup" is the throughput of all the
// copies over that of one (2 on two real cores; two virtual CPUs that
// share a core, or a busy host, give less). compute is arithmetic in
// registers; memory is a chain of dependent reads over 64 MiB per copy,
// which misses the caches and the TLB at nearly every step.
func BenchmarkMachine(b *testing.B) {
	p := runtime.GOMAXPROCS(0)
	compute := func() float64 {
		s := 0.0
		for i := range 20_000_000 {
			s += math.Sqrt(float64(i))
		}
		return s
	}
	const words = 16 << 20 // 64 MiB of int32 per copy
	chains := make([][]int32, p)
	for c := range chains {
		a := make([]int32, words)
		for i := range a {
			a[i] = int32((i*7919 + 13) & (words - 1)) // one cycle through every word
		}
		chains[c] = a
	}
	for _, tc := range []struct {
		name string
		work func(copy int) float64
	}{
		{"compute", func(int) float64 { return compute() }},
		{"memory", func(c int) float64 {
			a, x := chains[c], int32(0)
			for range 1_000_000 {
				x = a[x]
			}
			return float64(x)
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var one, all time.Duration
			var sink float64
			for b.Loop() {
				t := time.Now()
				sink += tc.work(0)
				one += time.Since(t)
				t = time.Now()
				done := make(chan float64, p)
				for c := range p {
					go func() { done <- tc.work(c) }()
				}
				for range p {
					sink += <-done
				}
				all += time.Since(t)
			}
			if sink == 42 { // keep the work
				b.Log(sink)
			}
			b.ReportMetric(float64(p)*one.Seconds()/all.Seconds(), "speedup")
		})
	}
}
