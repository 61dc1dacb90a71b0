package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hubpart/hubpart/internal/hugepage"
	"github.com/hubpart/hubpart/synth"
)

// runDemo runs the whole pipeline on the built-in synthetic country and
// writes hubs.csv, hubs.geojson, hubs.svg, hubs.png and hubs.html (the
// interactive map; -map puts it elsewhere).
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	setUsage(fs, "[flags]", `
Runs the whole pipeline on a built-in synthetic country of -n practices and
writes hubs.csv, hubs.geojson, hubs.svg, hubs.png and hubs.html (an
interactive map to open in a browser) to -out-dir: a quick way to see what
hubpart does without data of your own.`)
	var (
		lf       levelFlags
		mf       mapFlags
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
	fs.StringVar(&mapFile, "map", "", "write the interactive map page to this .html `file` instead of -out-dir/hubs.html")
	fs.StringVar(&data, "write-data", "", "also write the synthetic practices as CSV to `file`")
	fs.BoolVar(&quiet, "q", false, "no progress display")
	lf.register(fs)
	mf.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err := mf.check(); err != nil {
		return err
	}
	levels, err := lf.levels()
	if err != nil {
		return err
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("-out-dir %s: not a directory", dir)
	}
	outHTML := filepath.Join(dir, "hubs.html")
	if mapFile != "" {
		if ext := strings.ToLower(filepath.Ext(mapFile)); ext != ".html" && ext != ".htm" {
			return fmt.Errorf("-map %s: want an .html file (the SVG and PNG maps go to -out-dir)", mapFile)
		}
		outHTML = mapFile
	}
	hugepage.Reserve(heapForRows(int64(n))) // before the country is made, as reserveHeap before reading
	var c *synth.Country
	j := &job{
		levels: levels, opts: lf.options(), hubs: lf.hubs,
		outCSV:      filepath.Join(dir, "hubs.csv"),
		outGeoJSON:  filepath.Join(dir, "hubs.geojson"),
		outSVG:      filepath.Join(dir, "hubs.svg"),
		outPNG:      filepath.Join(dir, "hubs.png"),
		outHTML:     outHTML,
		htmlFromMap: mapFile != "",
		fixedNames:  true,
		title:       fmt.Sprintf("hubpart demo: synthetic country, %s practices (seed %d)", thousands(n), dataSeed),
		mapf:        mf,
		quiet:       quiet,
	}
	if mf.title != "" {
		j.title = mf.title
	}
	j.dataCredit = "Synthetic practices (hubpart demo)."
	j.extra.add("-write-data", data, func(w io.Writer) error { return c.WriteCSV(w) })
	if err := j.files().check(); err != nil {
		return err
	}
	if c, err = synth.Generate(synth.Options{Practices: n, Seed: dataSeed}); err != nil {
		return err
	}
	j.practices, j.boundary = c.Practices, c.Boundary
	return j.run(ctx, stdout, stderr)
}
