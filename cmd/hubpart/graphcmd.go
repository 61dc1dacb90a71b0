package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/paulmach/orb"
)

// runGraph implements "hubpart graph": build the contiguity graph of a
// practices file and write it as a practice-level edge list (csv) or as a
// site-level METIS graph file (metis).
//
// csv: header code_a,code_b,km; one row per pair of adjacent practices.
// Practices at the same site are adjacent to each other (km 0.000) and each
// shares all its site's edges, so a site of 3 practices next to a site of 2
// gives 6 rows. Within a row code_a is the practice that comes first in the
// input; rows are ordered by (input position of code_a, of code_b). km is the
// great-circle distance to 3 decimals.
//
// metis: graph.WriteMETIS on the site graph, whose vertex i (1-based in the
// file) is the i-th distinct location in input order, weighted by the sum of
// its practices' patients.
//
// The output is written whole or not at all.
func runGraph(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("graph", flag.ContinueOnError)
	fs.SetOutput(stderr)
	setUsage(fs, "-in PRACTICES -out FILE [flags]", `
Builds the contiguity graph of a practices file (which practices are
neighbours, with links across the sea dropped when -boundary is given) and
writes it as practice pairs code_a,code_b,km (-format csv) or as a METIS
graph of the practice sites (-format metis).`)
	var (
		in, boundary, out, format string
		quiet                     bool
		inf                       inputFlags
		nf                        nhsFlags
	)
	inf.register(fs)
	nf.registerPostcodes(fs)
	fs.StringVar(&in, "in", "", "practices `file` (.csv, .csv.gz, .geojson)")
	fs.StringVar(&boundary, "boundary", "", "land outline `file` (GeoJSON Polygon/MultiPolygon), optional: drops links across the sea")
	fs.StringVar(&out, "out", "", "output `file`")
	fs.StringVar(&format, "format", "csv", "output format: csv (practice pairs code_a,code_b,km) or metis (site graph)")
	fs.BoolVar(&quiet, "q", false, "no progress display")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if in == "" {
		return fmt.Errorf("-in is required")
	}
	if out == "" {
		return fmt.Errorf("-out is required")
	}
	if format != "csv" && format != "metis" {
		return fmt.Errorf("-format %q: want csv or metis", format)
	}
	var outs outputs
	var rows int
	var g *graph.Graph
	var ps []input.Practice
	switch format {
	case "csv":
		outs.add("-out", out, func(w io.Writer) error {
			var werr error
			rows, werr = writePracticeEdges(w, g, ps)
			return werr
		})
	case "metis":
		outs.add("-out", out, func(w io.Writer) error {
			rows = g.NumEdges()
			return g.WriteMETIS(w)
		})
	}
	if err := outs.check(append([]string{"-in", in, "-boundary", boundary}, nf.inputs()...)...); err != nil {
		return err
	}
	ropts, err := inf.options()
	if err != nil {
		return err
	}
	reserveHeap(in, nf.postcodes) // before reading
	nopts, pcs, err := nf.readOptions(ctx, nil)
	if err != nil {
		return err
	}
	ps, err = input.ReadFile(ctx, in, append(ropts, nopts...)...)
	if err != nil {
		return err
	}
	if err := nf.apply(ps, pcs, stdout); err != nil {
		return err
	}
	var opts []graph.Option
	if boundary != "" {
		mp, err := input.ReadBoundary(boundary)
		if err != nil {
			return err
		}
		opts = append(opts, graph.WithBoundary(mp))
	}
	prog := newProgress(stderr, quiet)
	opts = append(opts, graph.WithProgress(prog.Report))
	g, info, err := graph.Build(ctx, ps, opts...)
	prog.Done()
	if err != nil {
		return err
	}
	if err := outs.writeAll(); err != nil {
		return err
	}
	what := "practice pairs"
	if format == "metis" {
		what = "site edges (METIS)"
	}
	fmt.Fprintf(stdout, "%s practices at %s sites; %s Delaunay edges, %s pruned as long, %s as sea; %s components joined by %s bridges; %s links; wrote %s %s to %s\n",
		thousands(len(ps)), thousands(g.N()), thousands(info.DelaunayEdges), thousands(info.PrunedLong), thousands(info.PrunedSea),
		thousands(info.ComponentsBeforeBridging), thousands(len(info.Bridges)), thousands(g.NumEdges()), thousands(rows), what, out)
	return nil
}

// writePracticeEdges writes the practice-level edge list of g (see runGraph)
// and returns the number of rows.
func writePracticeEdges(w io.Writer, g *graph.Graph, ps []input.Practice) (int, error) {
	var pairs [][2]int32
	for v := range g.N() {
		mv := g.SiteMembers(v)
		for i, p := range mv {
			for _, q := range mv[i+1:] {
				pairs = append(pairs, [2]int32{min(p, q), max(p, q)})
			}
		}
		for _, u := range g.Neighbors(v) {
			if u < int32(v) {
				continue
			}
			for _, p := range mv {
				for _, q := range g.SiteMembers(int(u)) {
					pairs = append(pairs, [2]int32{min(p, q), max(p, q)})
				}
			}
		}
	}
	slices.SortFunc(pairs, func(a, b [2]int32) int {
		if a[0] != b[0] {
			return int(a[0] - b[0])
		}
		return int(a[1] - b[1])
	})
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"code_a", "code_b", "km"}); err != nil {
		return 0, err
	}
	rec := make([]string, 3)
	for _, pq := range pairs {
		a, b := ps[pq[0]], ps[pq[1]]
		rec[0], rec[1] = neutralise(a.Code), neutralise(b.Code)
		rec[2] = strconv.FormatFloat(km(a.Loc, b.Loc), 'f', 3, 64)
		if err := cw.Write(rec); err != nil {
			return 0, err
		}
	}
	cw.Flush()
	return len(pairs), cw.Error()
}

func km(a, b orb.Point) float64 { return geo.Distance(a, b) / 1000 }
