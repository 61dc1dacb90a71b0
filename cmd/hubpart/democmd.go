package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/hubpart/hubpart/synth"
)

// runDemo runs the whole pipeline on the built-in synthetic country and
// writes hubs.csv, hubs.geojson, hubs.svg, hubs.png and hubs.html (the
// interactive map); -map puts the map of its kind somewhere else.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		lf       levelFlags
		n        int
		dataSeed uint64
		dir      string
		data     string
		mapFile  string
		quiet    bool
	)
	fs.IntVar(&n, "n", synth.DefaultPractices, "number of synthetic practices (100 to 2,000,000)")
	fs.Uint64Var(&dataSeed, "data-seed", 1, "`seed` of the synthetic country")
	fs.StringVar(&dir, "out-dir", ".", "`directory` for hubs.csv, hubs.geojson, hubs.svg, hubs.png and hubs.html")
	fs.StringVar(&mapFile, "map", "", "write the map of this `file`'s kind (.svg, .png, or .html: an interactive page) there instead of in -out-dir")
	fs.StringVar(&data, "write-data", "", "also write the synthetic practices as CSV to `file`")
	fs.BoolVar(&quiet, "q", false, "no progress display")
	lf.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	levels, err := lf.levels()
	if err != nil {
		return err
	}
	outSVG, outPNG, outHTML := filepath.Join(dir, "hubs.svg"), filepath.Join(dir, "hubs.png"), filepath.Join(dir, "hubs.html")
	switch ext := filepath.Ext(mapFile); {
	case mapFile == "":
	case ext == ".svg":
		outSVG = mapFile
	case ext == ".png":
		outPNG = mapFile
	case ext == ".html" || ext == ".htm":
		outHTML = mapFile
	default:
		return fmt.Errorf("-map %s: want a .svg, .png or .html file", mapFile)
	}
	c, err := synth.Generate(synth.Options{Practices: n, Seed: dataSeed})
	if err != nil {
		return err
	}
	if data != "" {
		if err := writeFileAtomic(data, c.WriteCSV); err != nil {
			return err
		}
	}
	j := &job{
		practices: c.Practices, boundary: c.Boundary, levels: levels, opts: lf.options(),
		outCSV:     filepath.Join(dir, "hubs.csv"),
		outGeoJSON: filepath.Join(dir, "hubs.geojson"),
		outSVG:     outSVG,
		outPNG:     outPNG,
		outHTML:    outHTML,
		title:      fmt.Sprintf("hubpart demo: synthetic country, %d practices (seed %d)", n, dataSeed),
		quiet:      quiet,
	}
	return j.run(ctx, stdout, stderr)
}
