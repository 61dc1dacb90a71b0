package partition

import (
	"context"
	"errors"
	"flag"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/fixture"
	"github.com/hubpart/hubpart/synth"
)

var large = flag.Bool("large", false, "run the 1M-practice cases (BenchmarkRun/1M, TestCancelLarge)")

// BenchmarkRunEngland times hubs [30k, 50k] + areas [100k, –] on the
// England graph (graph built once, outside the loop). The metrics hub-ms and
// area-ms split the time by level (from Result.Timings): area-ms is the
// aggregation of hubs into areas.
func BenchmarkRunEngland(b *testing.B) {
	g, ps := loadEngland(b)
	b.ReportAllocs()
	perLevel := make([]time.Duration, len(hubLevels))
	runs := 0
	for b.Loop() {
		res, err := Run(context.Background(), g, ps, hubLevels)
		if err != nil {
			b.Fatal(err)
		}
		for _, t := range res.Timings {
			for l, lvl := range hubLevels {
				if strings.HasPrefix(t.Stage, lvl.Name+":") {
					perLevel[l] += t.Duration
				}
			}
		}
		runs++
	}
	for l, lvl := range hubLevels {
		b.ReportMetric(float64(perLevel[l].Microseconds())/1000/float64(runs), lvl.Name+"-ms")
	}
}

// synthGraph generates a synthetic country of n practices and builds its
// contiguity graph.
func synthGraph(b testing.TB, n int) (*graph.Graph, []input.Practice) {
	b.Helper()
	c, err := synth.Generate(synth.Options{Practices: n, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	g, _, err := graph.Build(context.Background(), c.Practices, graph.WithBoundary(c.Boundary))
	if err != nil {
		b.Fatal(err)
	}
	return g, c.Practices
}

// BenchmarkRun times hubs + areas on synthetic countries. The 1M case takes
// a minute to set up and is run only with -large.
func BenchmarkRun(b *testing.B) {
	cases := []struct {
		name string
		n    int
	}{{"10k", 10_000}, {"100k", 100_000}, {"1M", 1_000_000}}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			if c.n >= 1_000_000 && !*large {
				b.Skip("1M case: run with -large")
			}
			g, ps := synthGraph(b, c.n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				res, err := Run(context.Background(), g, ps, hubLevels)
				if err != nil {
					b.Fatal(err)
				}
				reportQuality(b, res)
			}
		})
	}
}

// BenchmarkRunPostcodes groups the 1.7M GB postcodes (weight 1 each) into
// contiguous groups of [100, 150], and reports the mean wall time of each
// stage of Result.Timings ("prepare-ms", "group:split-and-refine-ms", ...).
// Skipped when the data is absent.
func BenchmarkRunPostcodes(b *testing.B) {
	ps, err := input.ReadFile(context.Background(), fixture.Postcodes(b), input.ConstantPatients(1), input.ColumnAlias("code", "postcode"))
	if err != nil {
		b.Fatal(err)
	}
	g, _, err := graph.Build(context.Background(), ps)
	if err != nil {
		b.Fatal(err)
	}
	levels := []Level{{Name: "group", Min: 100, Max: 150}}
	b.ReportAllocs()
	b.ResetTimer()
	stages := map[string]time.Duration{}
	runs := 0
	for b.Loop() {
		res, err := Run(context.Background(), g, ps, levels)
		if err != nil {
			b.Fatal(err)
		}
		reportQuality(b, res)
		for _, t := range res.Timings {
			stages[strings.ReplaceAll(strings.ReplaceAll(t.Stage, ": ", ":"), " ", "-")+"-ms"] += t.Duration
		}
		runs++
	}
	for unit, d := range stages {
		b.ReportMetric(float64(d.Microseconds())/1000/float64(runs), unit)
	}
}

// reportQuality adds level-0 quality figures to the benchmark line: groups
// not ok (any reason), groups out of bounds without a forced reason, and
// the patient-weighted mean distance in km.
func reportQuality(b *testing.B, res *Result) {
	q := res.Quality[0]
	failed := 0
	for _, g := range res.Groups[0] {
		if g.Status == StatusOutOfBounds {
			failed++
		}
	}
	b.ReportMetric(float64(q.Groups), "groups")
	b.ReportMetric(float64(q.Groups-q.InBounds), "not-ok")
	b.ReportMetric(float64(failed), "out-of-bounds")
	b.ReportMetric(q.MeanKm, "mean-km")
}

// TestCancelLarge cancels a 1M-practice run (hubs + areas) at several
// points and requires it to return context.Canceled within 200 ms with no
// goroutine left behind. Run with -large.
func TestCancelLarge(t *testing.T) {
	if !*large {
		t.Skip("run with -large")
	}
	g, ps := synthGraph(t, 1_000_000)
	before := runtime.NumGoroutine()
	for _, at := range []time.Duration{100 * time.Millisecond, 700 * time.Millisecond, 2 * time.Second, 4 * time.Second} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(at, cancel)
		start := time.Now()
		_, err := Run(ctx, g, ps, hubLevels)
		el := time.Since(start)
		if err == nil {
			t.Logf("cancel at %v: finished first (%v)", at, el)
			continue
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
		t.Logf("cancel at %v: returned %v later", at, el-at)
		if el-at > 200*time.Millisecond {
			t.Errorf("cancel at %v: returned %v later", at, el-at)
		}
	}
	time.Sleep(50 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("%d goroutines before, %d after", before, after)
	}
}
