package graph

import (
	"context"
	"math/rand/v2"
	"syscall"
	"testing"

	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/fixture"
)

func BenchmarkBuildEngland(b *testing.B) {
	ps, mp := readEngland(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Build(context.Background(), ps, WithBoundary(mp)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild: the contiguity graph of clustered points and of all
// 1.7M GB postcodes (weight 1; skipped without ../shared), wall time
// (ns/op) and CPU time (cpu-ms/op, all cores).
func BenchmarkBuild(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 7))
	inputs := []struct {
		name string
		ps   func() []input.Practice
	}{
		{"10k", func() []input.Practice { return clustered(rng, 10_000, 40) }},
		{"100k", func() []input.Practice { return clustered(rng, 100_000, 200) }},
		{"postcodes-1.7M", func() []input.Practice {
			ps, err := input.ReadFile(context.Background(), fixture.Postcodes(b), input.ColumnAlias("code", "postcode"), input.ConstantPatients(1))
			if err != nil {
				b.Fatal(err)
			}
			return ps
		}},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			ps := in.ps()
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				if _, _, err := Build(context.Background(), ps); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime returns the process's user and system time in nanoseconds: with
// ns/op (wall) it shows how much of Build runs on more than one core.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
