package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
)

func runPartition(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("partition", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		lf                                 levelFlags
		cf                                 constraintFlags
		inf                                inputFlags
		in, boundary, strata, locked       string
		outCSV, outGeoJSON, outSVG, outPNG string
		quiet                              bool
	)
	fs.StringVar(&in, "in", "", "practices `file` (.csv, .csv.gz, .geojson)")
	fs.StringVar(&boundary, "boundary", "", "land outline `file` (GeoJSON Polygon/MultiPolygon), optional")
	fs.StringVar(&strata, "strata", "", "`column` whose values groups must not cross (e.g. a CCG code)")
	fs.StringVar(&locked, "locked", "", "`column` naming practices that must share a hub (blank: free)")
	fs.StringVar(&outCSV, "out-csv", "", "write code,hub,area,hub_status,area_status to `file`")
	fs.StringVar(&outGeoJSON, "out-geojson", "", "write hubs, areas and practices as GeoJSON to `file`, or to DIR/hubs.geojson, areas.geojson and practices.geojson when it is a directory (ends in /)")
	fs.StringVar(&outSVG, "map-svg", "", "draw the map as SVG to `file`")
	fs.StringVar(&outPNG, "map-png", "", "draw the map as PNG to `file`")
	var mapFile string
	fs.StringVar(&mapFile, "map", "", "draw the map to `file` (.svg or .png)")
	fs.BoolVar(&quiet, "q", false, "no progress display")
	lf.register(fs)
	inf.register(fs)
	cf.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if in == "" {
		return fmt.Errorf("-in is required")
	}
	switch ext := filepath.Ext(mapFile); {
	case mapFile == "":
	case ext == ".svg":
		outSVG = mapFile
	case ext == ".png":
		outPNG = mapFile
	default:
		return fmt.Errorf("-map %s: want a .svg or .png file", mapFile)
	}
	levels, err := lf.levels()
	if err != nil {
		return err
	}
	var keep []string
	for _, c := range append([]string{strata, locked}, cf.columns()...) {
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
	ropts = append(ropts, input.WithContext(ctx), input.WithProgress(prog.Report))
	if len(keep) > 0 {
		ropts = append(ropts, input.KeepColumns(keep...))
	}
	ps, err := input.ReadFile(in, ropts...)
	if err != nil {
		return err
	}
	var b orb.MultiPolygon
	if boundary != "" {
		if b, err = input.ReadBoundary(boundary); err != nil {
			return err
		}
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
	copts, err := cf.options(ps, len(levels))
	if err != nil {
		return err
	}
	opts = append(opts, copts...)
	j := &job{
		practices: ps, boundary: b, levels: levels, opts: opts,
		outCSV: outCSV, outGeoJSON: outGeoJSON, outSVG: outSVG, outPNG: outPNG,
		title: filepath.Base(in), quiet: quiet, prog: prog,
	}
	return j.run(ctx, stdout, stderr)
}
