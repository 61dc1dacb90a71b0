package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"github.com/hubpart/hubpart/internal/hugepage"
	"io"
	"path/filepath"
	"slices"
	"syscall"
	"testing"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/fixture"
	"github.com/hubpart/hubpart/partition"
	"github.com/hubpart/hubpart/synth"
	"github.com/paulmach/orb"
)

var (
	englandCSV      = fixture.EnglandPractices()
	englandBoundary = fixture.EnglandBoundary()
)

var (
	hubsAndAreas = []partition.Level{{Name: "hub", Min: 30000, Max: 50000}, {Name: "area", Min: 100000}}
	outputAreas  = []partition.Level{{Name: "group", Min: 100, Max: 150}}
)

// endToEnd runs graph + partition on practices that are already read.
func endToEnd(b *testing.B, ps []input.Practice, boundary orb.MultiPolygon, levels []partition.Level) *partition.Result {
	b.Helper()
	defer paceGC(len(ps))() // as the CLI runs
	defer limitMemory(len(ps))()
	ctx := context.Background()
	var gopts []graph.Option
	if len(boundary) > 0 {
		gopts = append(gopts, graph.WithBoundary(boundary))
	}
	g, _, err := graph.Build(ctx, ps, gopts...)
	if err != nil {
		b.Fatal(err)
	}
	res, err := partition.Run(ctx, g, ps, levels, partition.WithSeed(1))
	if err != nil {
		b.Fatal(err)
	}
	return res
}

// reportResult adds the quality of the last run as benchmark metrics.
func reportResult(b *testing.B, res *partition.Result) {
	q := res.Quality[0]
	b.ReportMetric(float64(q.Groups-q.InBounds), "out-of-bounds")
	b.ReportMetric(float64(q.Groups-q.Contiguous), "non-contiguous")
	b.ReportMetric(q.MeanKm, "mean-km")
	b.ReportMetric(q.MaxKm, "max-km")
}

// reportPeakRSS adds the process's peak resident memory (Linux: KiB).
func reportPeakRSS(b *testing.B) {
	if u := usageNow(); u.maxRSS > 0 {
		b.ReportMetric(float64(u.maxRSS)/1024, "peak-RSS-MB")
	}
}

// BenchmarkEndToEndEngland: read the England practices and outline, build the
// contiguity graph, hubs and areas — the README's pipeline without export.
func BenchmarkEndToEndEngland(b *testing.B) {
	b.ReportAllocs()
	var res *partition.Result
	cpu := cpuTime()
	for b.Loop() {
		reserveHeap(englandCSV) // as runPartition does before reading
		ps, err := input.ReadFile(context.Background(), englandCSV)
		if err != nil {
			b.Fatal(err)
		}
		boundary, err := input.ReadBoundary(englandBoundary)
		if err != nil {
			b.Fatal(err)
		}
		res = endToEnd(b, ps, boundary, hubsAndAreas)
	}
	b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
	reportResult(b, res)
}

// BenchmarkEndToEndSynthetic: graph + hubs + areas on synthetic countries of
// growing size (generation not timed), for the O(n log n) table.
func BenchmarkEndToEndSynthetic(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			c, err := synth.Generate(synth.Options{Practices: n, Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			var res *partition.Result
			for b.Loop() {
				res = endToEnd(b, c.Practices, c.Boundary, hubsAndAreas)
			}
			reportResult(b, res)
			reportPeakRSS(b)
		})
	}
}

// BenchmarkEndToEndPostcodes: all 1,684,685 GB postcodes, weight 1 each, in
// contiguous groups of 100–150 (the census output area job): read the
// gzipped CSV, build the graph, partition.
func BenchmarkEndToEndPostcodes(b *testing.B) {
	postcodesCSV := fixture.Postcodes(b)
	b.ReportAllocs()
	var res *partition.Result
	start := usageNow()
	for b.Loop() {
		reserveHeap(postcodesCSV) // as runPartition does before reading
		ps, err := input.ReadFile(context.Background(), postcodesCSV, input.ColumnAlias("code", "postcode"), input.ConstantPatients(1))
		if err != nil {
			b.Fatal(err)
		}
		res = endToEnd(b, ps, nil, outputAreas)
	}
	reportUsage(b, start)
	reportResult(b, res)
	reportPeakRSS(b)
}

// large turns on the 10-million-point benchmark (about a minute on two
// cores and 7–8 GiB peak; 5 GiB with GOMEMLIMIT=5000MiB, see BENCHMARKS.md).
var large = flag.Bool("large", false, "run BenchmarkEndToEndClustered/10M (10 million points, minutes and gigabytes)")

// clusteredAreas is issue 16's national-scale job: weight 1 in [100, 150],
// areas of at least 1,000.
var clusteredAreas = []partition.Level{{Name: "group", Min: 100, Max: 150}, {Name: "area", Min: 1000}}

// BenchmarkEndToEndClustered: graph + groups + areas on clustered synthetic
// points of weight 1 (synth.GeneratePoints, generation not timed), every
// row out. 10M runs only with -large.
func BenchmarkEndToEndClustered(b *testing.B) {
	for _, n := range []int{1_000_000, 10_000_000} {
		b.Run(fmt.Sprintf("%dM", n/1_000_000), func(b *testing.B) {
			if n > 1_000_000 && !*large {
				b.Skip("10M points: run with -large")
			}
			// as runPartition does before reading a file of n rows
			hugepage.Reserve(heapForRows(int64(n)))
			pts, err := synth.GeneratePoints(synth.PointsOptions{Points: n, Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			ps, boundary := pts.Practices(), pts.Boundary
			pts = nil
			res := runClustered(b, ps, boundary)
			for l, a := range res.Assign {
				if len(a) != n || slices.Min(a) < 0 {
					b.Fatalf("level %d: %d rows out (min group %d), want %d assigned", l, len(a), slices.Min(a), n)
				}
			}
		})
	}
}

// runClustered times the clustered job on ps (CPU seconds per run too) and
// reports the last run's quality and the peak RSS.
func runClustered(b *testing.B, ps []input.Practice, boundary orb.MultiPolygon) *partition.Result {
	b.ReportAllocs()
	var res *partition.Result
	start := usageNow()
	for b.Loop() {
		res = endToEnd(b, ps, boundary, clusteredAreas)
	}
	reportUsage(b, start)
	reportResult(b, res)
	reportPeakRSS(b)
	return res
}

// BenchmarkEndToEndClusteredSpatial: the 1M points of
// BenchmarkEndToEndClustered/1M put in the order of a Morton (Z-order)
// curve over their coordinates before the run (not timed), as national
// files tend to come (postcode order, census block identifiers): the same
// job with sites numbered by place, which shows what memory locality is
// worth to the stages that visit every site (a different numbering, so the
// groups differ).
func BenchmarkEndToEndClusteredSpatial(b *testing.B) {
	pts, err := synth.GeneratePoints(synth.PointsOptions{Points: 1_000_000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	ps, boundary := pts.Practices(), pts.Boundary
	key := func(p input.Practice) uint64 {
		return zOrder(uint32((p.Loc[0]+180)*1e5), uint32((p.Loc[1]+90)*1e5))
	}
	slices.SortStableFunc(ps, func(a, c input.Practice) int { return cmp.Compare(key(a), key(c)) })
	runClustered(b, ps, boundary)
}

// zOrder interleaves the bits of x and y (x in the even bits).
func zOrder(x, y uint32) uint64 {
	var z uint64
	for i := range 32 {
		z |= uint64(x>>i&1)<<(2*i) | uint64(y>>i&1)<<(2*i+1)
	}
	return z
}

// BenchmarkEndToEndEnglandOutputs: the partition command on England with
// every output — read, graph, hubs and areas, then the CSV, the GeoJSON
// layers, the SVG and the PNG map written to files (issue 16's "England
// with every output").
func BenchmarkEndToEndEnglandOutputs(b *testing.B) {
	dir := b.TempDir()
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		reserveHeap(englandCSV)                       // as runPartition does before reading
		outline := readBoundaryAsync(englandBoundary) // as runPartition reads it
		ps, err := input.ReadFile(context.Background(), englandCSV)
		if err != nil {
			b.Fatal(err)
		}
		boundary, err := outline.wait()
		if err != nil {
			b.Fatal(err)
		}
		j := &job{
			practices: ps, boundary: boundary, levels: hubsAndAreas, opts: []partition.Option{partition.WithSeed(1)},
			outCSV:     filepath.Join(dir, "hubs.csv"),
			outGeoJSON: dir + "/",
			outSVG:     filepath.Join(dir, "hubs.svg"),
			outPNG:     filepath.Join(dir, "hubs.png"),
			title:      "England", quiet: true,
		}
		if err := j.run(context.Background(), io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
}

// cpuTime is the process's user + system CPU time so far, in nanoseconds:
// on a loaded machine it moves far less than wall time, so the benchmarks
// above report it too (cpu-ms/op, all goroutines together).
func cpuTime() int64 { return usageNow().cpu() }

// rusage is the process's CPU time, user and system, in nanoseconds, its
// minor page faults (first touches of memory) and its peak resident size in
// KiB, from getrusage (all zero if that fails).
type rusage struct{ user, sys, faults, maxRSS int64 }

func usageNow() rusage {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return rusage{}
	}
	return rusage{ru.Utime.Nano(), ru.Stime.Nano(), int64(ru.Minflt), int64(ru.Maxrss)}
}

func (u rusage) cpu() int64 { return u.user + u.sys }

// reportUsage reports the CPU seconds, the system's share of them and the
// page faults per run since start: on a virtual machine where a fault costs
// microseconds, the system time is mostly faults, so memory touched costs
// time as well as space.
func reportUsage(b *testing.B, start rusage) {
	end, n := usageNow(), float64(b.N)
	b.ReportMetric(float64(end.cpu()-start.cpu())/1e9/n, "cpu-s/op")
	b.ReportMetric(float64(end.sys-start.sys)/1e9/n, "sys-s/op")
	b.ReportMetric(float64(end.faults-start.faults)/n, "faults/op")
}
