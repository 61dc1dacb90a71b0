package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/export"
	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/partition"
)

// job is one run of the main pipeline: practices and levels in, files and a
// report out.
type job struct {
	practices []geo.Practice
	boundary  orb.MultiPolygon // lon/lat; optional
	levels    []partition.Level
	opts      []partition.Option

	outCSV, outGeoJSON, outSVG, outPNG string
	title                              string
	quiet                              bool
	prog                               *progress // nil: made from quiet
}

// levelFlags holds the bounds flags shared by the partition and demo commands.
type levelFlags struct {
	hubMin, hubMax, areaMin, areaMax int64
	noAreas, freeHubs                bool
	seed                             uint64
	effort, hubs                     int
	target                           int64
}

func (lf *levelFlags) register(fs interface {
	Int64Var(*int64, string, int64, string)
	Uint64Var(*uint64, string, uint64, string)
	IntVar(*int, string, int, string)
	BoolVar(*bool, string, bool, string)
}) {
	fs.Int64Var(&lf.hubMin, "hub-min", 30000, "smallest hub `patients`")
	fs.Int64Var(&lf.hubMax, "hub-max", 50000, "largest hub `patients` (0: no maximum)")
	fs.Int64Var(&lf.areaMin, "area-min", 100000, "smallest area `patients`")
	fs.Int64Var(&lf.areaMax, "area-max", 0, "largest area `patients` (0: no maximum)")
	fs.BoolVar(&lf.noAreas, "no-areas", false, "stop after hubs (no area level)")
	fs.Uint64Var(&lf.seed, "seed", 1, "random `seed` (same seed, same result)")
	fs.IntVar(&lf.effort, "effort", 0, "local-search effort multiplier (0: the library default)")
	fs.IntVar(&lf.hubs, "hubs", 0, "number of hubs (0: chosen from -target)")
	fs.BoolVar(&lf.freeHubs, "free-hubs", false, "let the distance to the hub sites choose the number of hubs within the bounds (more, smaller hubs)")
	fs.Int64Var(&lf.target, "target", 0, "target hub `patients` (0: the library default, midway between the bounds)")
}

func (lf *levelFlags) levels() ([]partition.Level, error) {
	if lf.hubMin < 0 || lf.hubMax < 0 || lf.areaMin < 0 || lf.areaMax < 0 {
		return nil, fmt.Errorf("bounds must not be negative")
	}
	if lf.hubMax != 0 && lf.hubMax < lf.hubMin {
		return nil, fmt.Errorf("-hub-max %d is below -hub-min %d", lf.hubMax, lf.hubMin)
	}
	lv := []partition.Level{{Name: "hub", Min: lf.hubMin, Max: lf.hubMax}}
	if !lf.noAreas {
		if lf.areaMax != 0 && lf.areaMax < lf.areaMin {
			return nil, fmt.Errorf("-area-max %d is below -area-min %d", lf.areaMax, lf.areaMin)
		}
		lv = append(lv, partition.Level{Name: "area", Min: lf.areaMin, Max: lf.areaMax})
	}
	return lv, nil
}

func (lf *levelFlags) options() []partition.Option {
	opts := []partition.Option{partition.WithSeed(lf.seed)}
	if lf.effort > 0 {
		opts = append(opts, partition.WithEffort(lf.effort))
	}
	if lf.hubs > 0 {
		opts = append(opts, partition.WithCount(lf.hubs))
	}
	if lf.target > 0 {
		opts = append(opts, partition.WithTarget(lf.target))
	}
	if lf.freeHubs {
		opts = append(opts, partition.WithFreeCount())
	}
	return opts
}

// attrColumn returns the value of column col for every practice (as kept by
// geo.KeepColumns), or an error naming the first practice without it.
func attrColumn(ps []geo.Practice, col string) ([]string, error) {
	out := make([]string, len(ps))
	key := strings.ToLower(col)
	for i := range ps {
		v, ok := ps[i].Attrs[key]
		if !ok {
			v, ok = ps[i].Attrs[col]
		}
		if !ok {
			return nil, fmt.Errorf("practice %s has no column %q", ps[i].Code, col)
		}
		out[i] = v
	}
	return out, nil
}

func (j *job) run(ctx context.Context, stdout, stderr io.Writer) error {
	prog := j.prog
	if prog == nil {
		prog = newProgress(stderr, j.quiet)
	}
	defer prog.Done()
	start := time.Now()

	gopts := []graph.Option{graph.WithProgress(prog.Report)}
	if len(j.boundary) > 0 {
		gopts = append(gopts, graph.WithBoundary(j.boundary))
	}
	prog.Report("graph", 0, 0)
	g, info, err := graph.Build(ctx, j.practices, gopts...)
	if err != nil {
		return err
	}
	tGraph := time.Since(start)

	opts := append(append([]partition.Option(nil), j.opts...), partition.WithProgress(prog.Report))
	res, err := partition.Run(ctx, g, j.practices, j.levels, opts...)
	if err != nil {
		return err
	}
	if err := partition.Validate(g, j.practices, res); err != nil {
		return fmt.Errorf("internal error, result failed validation: %w", err)
	}
	tPart := time.Since(start) - tGraph

	in := export.Input{Practices: j.practices, Graph: g, Info: info, Result: res, Boundary: j.boundary}
	if j.outCSV != "" {
		prog.Report("export", 0, 0)
		if err := writeFileAtomic(j.outCSV, func(w io.Writer) error { return writeAssignCSV(w, j.practices, res) }); err != nil {
			return err
		}
	}
	if j.outGeoJSON != "" || j.outSVG != "" || j.outPNG != "" {
		prog.Report("export", 0, 0)
		fc, err := export.FeatureCollection(in)
		if err != nil {
			return err
		}
		if j.outGeoJSON != "" {
			if err := writeFileAtomic(j.outGeoJSON, func(w io.Writer) error {
				b, err := fc.MarshalJSON()
				if err != nil {
					return err
				}
				_, err = w.Write(b)
				return err
			}); err != nil {
				return err
			}
		}
		mo := export.MapOptions{Title: j.title, Summary: summaryLines(res)}
		if j.outSVG != "" {
			if err := writeFileAtomic(j.outSVG, func(w io.Writer) error { return export.WriteSVG(w, in, fc, mo) }); err != nil {
				return err
			}
		}
		if j.outPNG != "" {
			if err := writeFileAtomic(j.outPNG, func(w io.Writer) error { return export.WritePNG(w, in, fc, mo) }); err != nil {
				return err
			}
		}
	}
	prog.Done()

	var pIn int64 = geo.TotalPatients(j.practices)
	fmt.Fprintf(stdout, "practices %d in, %d out; patients %d in, %d out\n",
		len(j.practices), len(res.Assign[0]), pIn, res.Quality[0].Patients)
	fmt.Fprintf(stdout, "graph: %d sites, %d edges (%d bridges) in %v\n",
		g.N(), g.NumEdges(), len(info.Bridges), tGraph.Round(time.Millisecond))
	if err := res.Report(stdout); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "partition %v, total %v\n", tPart.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	for _, f := range []string{j.outCSV, j.outGeoJSON, j.outSVG, j.outPNG} {
		if f != "" {
			fmt.Fprintf(stdout, "wrote %s\n", f)
		}
	}
	return nil
}

// summaryLines are the legend lines of the map.
func summaryLines(res *partition.Result) []string {
	var out []string
	for _, q := range res.Quality {
		out = append(out, fmt.Sprintf("%d %ss, %d in bounds; mean %.2f km, p95 %.1f km, max %.1f km to hub site",
			q.Groups, q.Level, q.InBounds, q.MeanKm, q.P95Km, q.MaxKm))
	}
	return out
}

// writeAssignCSV writes code, one column per level, then one status column
// per level: with levels hub and area, "code,hub,area,hub_status,area_status".
func writeAssignCSV(w io.Writer, ps []geo.Practice, res *partition.Result) error {
	var b strings.Builder
	b.WriteString("code")
	for _, l := range res.Levels {
		b.WriteString("," + csvField(l.Name))
	}
	for _, l := range res.Levels {
		b.WriteString("," + csvField(l.Name+"_status"))
	}
	b.WriteString("\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	for p := range ps {
		b.Reset()
		b.WriteString(csvField(ps[p].Code))
		for l := range res.Levels {
			fmt.Fprintf(&b, ",%d", res.Assign[l][p])
		}
		for l := range res.Levels {
			b.WriteString("," + string(res.Groups[l][res.Assign[l][p]].Status))
		}
		b.WriteString("\n")
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

// csvField quotes s when CSV needs it.
func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\r\n") || strings.TrimSpace(s) != s {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}
