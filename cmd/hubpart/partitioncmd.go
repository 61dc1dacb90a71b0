package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
)

func runPartition(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("partition", flag.ContinueOnError)
	fs.SetOutput(stderr)
	setUsage(fs, "-in PRACTICES [flags]", `
Groups the practices of a CSV or GeoJSON file into contiguous hubs of
-hub-min to -hub-max patients and hubs into areas of at least -area-min, then
writes the assignment (-out-csv), the shapes (-out-geojson) and a map (-map).
Every output is written whole or not at all, and none is left behind when one
of them fails; an output may not overwrite an input or another output.`)
	var (
		lf                                 levelFlags
		cf                                 constraintFlags
		mf                                 mapFlags
		inf                                inputFlags
		nf                                 nhsFlags
		in, boundary, strata, locked, from string
		maxMoved                           int64
		outCSV, outGeoJSON, outSVG, outPNG string
		quiet                              bool
	)
	fs.StringVar(&in, "in", "", "practices `file` (.csv, .csv.gz, .geojson; without coordinates, as NHS Digital's list-size file, with -postcodes)")
	fs.StringVar(&boundary, "boundary", "", "land outline `file` (GeoJSON Polygon/MultiPolygon), optional")
	fs.StringVar(&strata, "strata", "", "`column` whose values groups must not cross (e.g. a CCG code)")
	fs.StringVar(&locked, "locked", "", "`column` naming practices that must share a hub (blank: free)")
	fs.StringVar(&from, "from", "", "`column` of an existing configuration to start from, e.g. pcn_code (blank: free); hubs change it as little as possible")
	fs.Int64Var(&maxMoved, "max-moved", 0, "with -from: at most this many `patients` moved by repairs (0: no limit); groups left out of bounds are reported")
	fs.StringVar(&outCSV, "out-csv", "", "write code,hub,area,hub_status,area_status (with -from also from,change,hub_origin,hub_change), located to `file`")
	fs.StringVar(&outGeoJSON, "out-geojson", "", "write hubs, areas and practices as GeoJSON to `file`, or to DIR/hubs.geojson, areas.geojson and practices.geojson when it is a directory (ends in /)")
	fs.StringVar(&outSVG, "map-svg", "", "draw the map as SVG to `file`")
	fs.StringVar(&outPNG, "map-png", "", "draw the map as PNG to `file`")
	var mapFile, outHTML string
	fs.StringVar(&mapFile, "map", "", "draw the map to `file`: .svg, .png, or .html (an interactive page: pan, zoom, hover, search)")
	fs.BoolVar(&quiet, "q", false, "no progress display")
	lf.register(fs)
	inf.register(fs)
	cf.register(fs)
	mf.register(fs)
	nf.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err := mf.check(); err != nil {
		return err
	}
	if in == "" {
		return fmt.Errorf("-in is required")
	}
	if err := nf.check(); err != nil {
		return err
	}
	switch ext := strings.ToLower(filepath.Ext(mapFile)); {
	case mapFile == "":
	case ext == ".svg" && outSVG != "":
		return fmt.Errorf("-map %s and -map-svg %s both ask for the SVG map; give one", mapFile, outSVG)
	case ext == ".png" && outPNG != "":
		return fmt.Errorf("-map %s and -map-png %s both ask for the PNG map; give one", mapFile, outPNG)
	case ext == ".svg":
		outSVG = mapFile
	case ext == ".png":
		outPNG = mapFile
	case ext == ".html" || ext == ".htm":
		outHTML = mapFile
	default:
		return fmt.Errorf("-map %s: want a .svg, .png or .html file (or -map-svg, -map-png)", mapFile)
	}
	levels, err := lf.levels()
	if err != nil {
		return err
	}
	if maxMoved < 0 {
		return fmt.Errorf("-max-moved %d: must not be negative", maxMoved)
	}
	if maxMoved > 0 && from == "" {
		return fmt.Errorf("-max-moved needs -from")
	}
	j := &job{
		levels: levels, hubs: lf.hubs,
		outCSV: outCSV, outGeoJSON: outGeoJSON, outSVG: outSVG, outPNG: outPNG, outHTML: outHTML,
		inputs: append([]string{"-in", in, "-boundary", boundary}, nf.inputs()...),
		mapf:   mf, inputName: in, quiet: quiet,
	}
	if err := j.files().check(j.inputs...); err != nil {
		return err
	}
	var keep []string
	for _, c := range append(append([]string{strata, locked, from}, cf.columns()...), mf.columns()...) {
		if c != "" {
			keep = append(keep, c)
		}
	}
	prog := newProgress(stderr, quiet)
	defer prog.Done()
	ropts, err := inf.options()
	if err != nil {
		return err
	}
	ropts = append(ropts, input.WithProgress(prog.Report))
	keep = nf.keep(keep)
	reserveHeap(in, nf.postcodes) // before reading
	nopts, pcs, err := nf.readOptions(ctx, prog)
	if err != nil {
		return err
	}
	ropts = append(ropts, nopts...)
	// The outline is read while the practices are.
	outline := readBoundaryAsync(boundary)
	defer outline.wait()
	var ps []input.Practice
	if outHTML != "" {
		ps, err = readForMap(in, keep, ropts, func(p string, o ...input.ReadOption) ([]input.Practice, error) { return input.ReadFile(ctx, p, o...) }) // the page also searches postcodes
	} else {
		ps, err = input.ReadFile(ctx, in, withKeep(ropts, keep)...)
	}
	if err != nil {
		return err
	}
	if err := nf.apply(ps, pcs, stdout); err != nil {
		return err
	}
	b, err := outline.wait()
	if err != nil {
		return err
	}
	opts := lf.options()
	if strata != "" {
		labels, err := attrColumn(ps, strata)
		if err != nil {
			return err
		}
		opts = append(opts, partition.WithStrata(labels))
	}
	if locked != "" {
		labels, err := attrColumn(ps, locked)
		if err != nil {
			return err
		}
		opts = append(opts, partition.WithLocked(labels))
	}
	if from != "" {
		labels, err := attrColumn(ps, from)
		if err != nil {
			return err
		}
		opts = append(opts, partition.WithInitial(labels), partition.WithMaxMoved(maxMoved))
	}
	copts, err := cf.options(ps, len(levels))
	if err != nil {
		return err
	}
	opts = append(opts, copts...)
	j.decorate = cf.decorate(ps)
	j.practices, j.boundary, j.opts, j.prog = ps, b, opts, prog
	return j.run(ctx, stdout, stderr)
}
