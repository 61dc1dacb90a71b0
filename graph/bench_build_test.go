package graph

import (
	"context"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

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
// (ns/op), CPU time (cpu-ms/op, all cores) and the wall time of each stage
// (sites-ms/op, project-ms/op, ...).
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
			var st stageTimes
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				st.start()
				if _, _, err := Build(context.Background(), ps, WithProgress(st.progress)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
			st.report(b)
		})
	}
}

// stageTimes adds up the wall time of Build's stages, each from the end of
// the one before to its own end (so the edge lengths, computed between
// "triangulate" and "spacing", count in "spacing").
type stageTimes struct {
	last  time.Time
	names []string
	ms    map[string]float64
}

func (st *stageTimes) start() { st.last = time.Now() }

func (st *stageTimes) progress(stage string, done, total int) {
	if done != total {
		return
	}
	if st.ms == nil {
		st.ms = map[string]float64{}
	}
	if _, ok := st.ms[stage]; !ok {
		st.names = append(st.names, stage)
	}
	now := time.Now()
	st.ms[stage] += float64(now.Sub(st.last).Microseconds()) / 1e3
	st.last = now
}

// report gives each stage's mean wall time as a metric, stage-ms/op.
func (st *stageTimes) report(b *testing.B) {
	for _, name := range st.names {
		b.ReportMetric(st.ms[name]/float64(b.N), name+"-ms/op")
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
