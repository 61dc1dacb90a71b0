// Command metis runs hubpart and METIS 5.1 (gpmetis -contig) on the same data
// and prints one table: wall time, groups within bounds, contiguity and
// patient-weighted distance from practice to hub site.
//
// METIS is given the plain Delaunay graph of the sites (as in the figures the
// project set out to beat) with site weights as vertex weights, and asked for
// round(total / target) parts. Both results are scored by the same code
// (partition.Evaluate) against the same bounds, for contiguity both in the
// plain Delaunay graph and in hubpart's pruned contiguity graph.
//
//	scripts/compare-metis.sh            # installs METIS from Debian, then runs this
//	go run ./examples/metis -data england
//	go run ./examples/metis -data postcodes
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
	"github.com/paulmach/orb"
)

func main() {
	data := flag.String("data", "england", "england or postcodes")
	shared := flag.String("shared", "../shared/data", "the shared data folder")
	gpmetis := flag.String("gpmetis", "gpmetis", "the gpmetis program")
	flag.Parse()
	if err := run(*data, *shared, *gpmetis); err != nil {
		log.Fatal(err)
	}
}

func run(data, shared, gpmetis string) error {
	ctx := context.Background()
	var (
		ps       []input.Practice
		boundary orb.MultiPolygon
		lvl      partition.Level
		target   float64
		err      error
	)
	switch data {
	case "england":
		ps, err = input.ReadFile(ctx, filepath.Join(shared, "england-2021/practices.csv"))
		if err == nil {
			boundary, err = input.ReadBoundary(filepath.Join(shared, "england-2021/england_boundary.geojson"))
		}
		lvl, target = partition.Level{Name: "hub", Min: 30000, Max: 50000}, 40000
	case "postcodes":
		ps, err = input.ReadFile(ctx, filepath.Join(shared, "gb-postcodes-2014/postcodes.csv.gz"),
			input.ColumnAlias("code", "postcode"), input.ConstantPatients(1))
		lvl, target = partition.Level{Name: "group", Min: 100, Max: 150}, 125
	default:
		return fmt.Errorf("-data %q: want england or postcodes", data)
	}
	if err != nil {
		return err
	}

	// hubpart: graph + hubs, timed end to end after reading.
	t0 := time.Now()
	var gopts []graph.Option
	if len(boundary) > 0 {
		gopts = append(gopts, graph.WithBoundary(boundary))
	}
	g, info, err := graph.Build(ctx, ps, gopts...)
	if err != nil {
		return err
	}
	res, err := partition.Run(ctx, g, ps, []partition.Level{lvl}, partition.WithSeed(1))
	if err != nil {
		return err
	}
	tHub := time.Since(t0)

	// The plain Delaunay graph of the same sites.
	var edges [][2]int32
	info.Tri.Edges(func(a, b int32) bool { edges = append(edges, [2]int32{a, b}); return true })
	plain := graph.FromEdges(g.N(), edges, nil)
	plain.Weight, plain.Loc, plain.XY, plain.MemberOff, plain.Members = g.Weight, g.Loc, g.XY, g.MemberOff, g.Members

	// METIS on the plain Delaunay graph.
	dir, err := os.MkdirTemp("", "hubpart-metis")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	gf := filepath.Join(dir, "graph.metis")
	f, err := os.Create(gf)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := plain.WriteMETIS(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	f.Close()
	total := float64(input.TotalPatients(ps))
	k := int(math.Round(total / target))
	t1 := time.Now()
	out, err := exec.Command(gpmetis, "-contig", gf, strconv.Itoa(k)).CombinedOutput()
	tMetisWall := time.Since(t1)
	if err != nil {
		return fmt.Errorf("gpmetis: %v\n%s", err, out)
	}
	tMetis := tMetisWall
	if m := regexp.MustCompile(`Partitioning:\s+([0-9.]+) sec`).FindSubmatch(out); m != nil {
		s, _ := strconv.ParseFloat(string(m[1]), 64)
		tMetis = time.Duration(s * float64(time.Second))
	}
	parts, err := readParts(fmt.Sprintf("%s.part.%d", gf, k), g.N())
	if err != nil {
		return err
	}
	metisAssign := make([]int32, len(ps))
	for v := 0; v < g.N(); v++ {
		for _, p := range g.SiteMembers(v) {
			metisAssign[p] = parts[v]
		}
	}

	qm, _ := partition.Evaluate(g, ps, lvl, metisAssign)
	qmPlain, _ := partition.Evaluate(plain, ps, lvl, metisAssign)
	qh := res.Quality[0]
	qhPlain, _ := partition.Evaluate(plain, ps, lvl, res.Assign[0])

	fmt.Printf("%s: %d practices on %d sites, %d patients; bounds [%d, %d]\n\n", data, len(ps), g.N(), int64(total), lvl.Min, lvl.Max)
	fmt.Printf("%-34s %16s %16s\n", "", "METIS -contig", "hubpart")
	row := func(name string, a, b any) { fmt.Printf("%-34s %16v %16v\n", name, a, b) }
	row("time", fmt.Sprintf("%.3fs", tMetis.Seconds()), fmt.Sprintf("%.3fs", tHub.Seconds()))
	row("  what is timed", "partitioning", "graph+partition")
	row("groups", qm.Groups, qh.Groups)
	row("within bounds", qm.InBounds, qh.InBounds)
	row("out of bounds", qm.Groups-qm.InBounds, qh.Groups-qh.InBounds)
	row("largest group", qm.MaxSize, qh.MaxSize)
	row("smallest group", qm.MinSize, qh.MinSize)
	row("contiguous (plain Delaunay)", qmPlain.Contiguous, qhPlain.Contiguous)
	row("contiguous (hubpart graph)", qm.Contiguous, qh.Contiguous)
	row("mean km to hub site", fmt.Sprintf("%.2f", qm.MeanKm), fmt.Sprintf("%.2f", qh.MeanKm))
	row("p95 km to hub site", fmt.Sprintf("%.1f", qm.P95Km), fmt.Sprintf("%.1f", qh.P95Km))
	row("max km to hub site", fmt.Sprintf("%.1f", qm.MaxKm), fmt.Sprintf("%.1f", qh.MaxKm))
	fmt.Printf("\nMETIS wall time including its file reading: %.2fs; hubpart's out-of-bounds groups are marked with a reason (oversize/undersize/unsplittable).\n", tMetisWall.Seconds())
	return nil
}

// readParts reads a METIS partition file: one part number per vertex.
func readParts(path string, n int) ([]int32, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	parts := make([]int32, 0, n)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		v, err := strconv.Atoi(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, len(parts)+1, err)
		}
		parts = append(parts, int32(v))
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(parts) != n {
		return nil, fmt.Errorf("%s: %d lines for %d vertices", path, len(parts), n)
	}
	return parts, nil
}
