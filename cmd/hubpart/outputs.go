package main

import (
	"context"
	"io"
	"sync"

	"github.com/hubpart/hubpart/export"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/partition"
)

// writeOutputs writes the job's output files side by side: the CSV while
// the export model is built, then the GeoJSON, SVG and PNG from the model,
// each file written whole or not at all. It returns the files written, in
// the order CSV, GeoJSON, SVG, PNG, or the first error in that order.
func (j *job) writeOutputs(ctx context.Context, g *graph.Graph, res *partition.Result, prog *progress) ([]string, error) {
	if j.outCSV == "" && j.outGeoJSON == "" && j.outSVG == "" && j.outPNG == "" {
		return nil, nil
	}
	prog.Report("export", 0, 0)
	type result struct {
		files []string
		err   error
	}
	var csv, gj, svg, png result
	var wg sync.WaitGroup
	do := func(r *result, path string, write func(w io.Writer) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r.err = writeFileAtomic(path, write); r.err == nil {
				r.files = []string{path}
			}
		}()
	}
	if j.outCSV != "" {
		do(&csv, j.outCSV, func(w io.Writer) error { return writeAssignCSV(w, j.practices, res) })
	}
	var buildErr error
	if j.outGeoJSON != "" || j.outSVG != "" || j.outPNG != "" {
		m, err := export.Build(ctx, export.Input{Practices: j.practices, Graph: g, Result: res, Boundary: j.boundary})
		if err != nil {
			buildErr = err
		} else {
			if j.outGeoJSON != "" {
				wg.Add(1)
				go func() {
					defer wg.Done()
					gj.files, gj.err = writeGeoJSON(j.outGeoJSON, m)
				}()
			}
			mo := export.MapOptions{Title: j.title, Summary: summaryLines(res)}
			if j.outSVG != "" {
				do(&svg, j.outSVG, func(w io.Writer) error { return m.WriteSVG(w, mo) })
			}
			if j.outPNG != "" {
				do(&png, j.outPNG, func(w io.Writer) error { return m.WritePNG(w, mo) })
			}
		}
	}
	wg.Wait()
	var files []string
	for _, r := range []result{csv, {err: buildErr}, gj, svg, png} {
		if r.err != nil {
			return nil, r.err
		}
		files = append(files, r.files...)
	}
	return files, nil
}
