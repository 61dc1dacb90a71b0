package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/export"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/parallel"
	"github.com/hubpart/hubpart/partition"
)

// job is one run of the main pipeline: practices and levels in, files and a
// report out.
type job struct {
	practices []input.Practice
	boundary  orb.MultiPolygon // lon/lat; optional
	levels    []partition.Level
	opts      []partition.Option
	hubs      int // -hubs, for its check against the number of practices
	// decorate, when set, adds properties to the export model before the
	// files are written (coterminosity of aligned levels).
	decorate func(m *export.Model, res *partition.Result)

	outCSV, outGeoJSON, outSVG, outPNG string
	outHTML                            string   // the interactive map page (-map FILE.html)
	extra                              outputs  // written with the others (demo -write-data)
	fixedNames                         bool     // the demo: output names come from -out-dir
	htmlFromMap                        bool     // the demo: -map named the HTML map
	inputs                             []string // flag, path pairs no output may overwrite
	title                              string   // fixed title (the demo); "" for -title or one from the counts
	mapf                               mapFlags // -title, -attribution, -inset-label, -insets
	inputName                          string   // the practices file, named in the map's attribution
	dataCredit                         string   // the data's credit on the maps when not a file's (the demo); "" for "Practices: <file>."
	quiet                              bool
	prog                               *progress // nil: made from quiet

	// results, set by run
	res   *partition.Result
	model *export.Model
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
	fs.IntVar(&lf.effort, "effort", 0, "local-search effort `multiplier`, 0 to 100 (0: the library default)")
	fs.IntVar(&lf.hubs, "hubs", 0, "exact `number` of hubs, made when a plan of that many within the bounds is found (else a note says what was made and why; 0: chosen from -target)")
	fs.BoolVar(&lf.freeHubs, "free-hubs", false, "let the distance to the hub sites choose the number of hubs within the bounds (more, smaller hubs)")
	fs.Int64Var(&lf.target, "target", 0, "target hub `patients` (0: the library default, midway between the bounds)")
}

// maxEffort caps -effort: the search budget grows linearly with it, and
// beyond a few the results stop improving (see BENCHMARKS.md), so larger
// values only make a run take hours.
const maxEffort = 100

func (lf *levelFlags) levels() ([]partition.Level, error) {
	for _, f := range []struct {
		name string
		v    int64
	}{{"-hub-min", lf.hubMin}, {"-hub-max", lf.hubMax}, {"-area-min", lf.areaMin}, {"-area-max", lf.areaMax}, {"-target", lf.target}} {
		if f.v < 0 {
			return nil, fmt.Errorf("%s %d: must not be negative", f.name, f.v)
		}
	}
	switch {
	case lf.effort < 0 || lf.effort > maxEffort:
		return nil, fmt.Errorf("-effort %d: want 0 (the default) to %d", lf.effort, maxEffort)
	case lf.hubs < 0:
		return nil, fmt.Errorf("-hubs %d: must not be negative", lf.hubs)
	case lf.hubs > 0 && lf.target > 0:
		return nil, fmt.Errorf("-hubs and -target exclude each other: give a number of hubs or a target size")
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
// input.KeepColumns), or an error naming the first practice without it.
func attrColumn(ps []input.Practice, col string) ([]string, error) {
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

// files are the outputs the job writes, in the order of its flags. The
// write functions read the job's results, so call writeAll only after run
// has made them; check may be called before.
func (j *job) files() outputs {
	var o outputs
	o = append(o, j.extra...)
	o.add(j.flag("-out-csv"), j.outCSV, func(w io.Writer) error { return writeAssignCSV(w, j.practices, j.res) })
	if j.outGeoJSON != "" && geojsonLayerDir(j.outGeoJSON) {
		for _, layer := range j.layerNames() {
			o.add(j.flag("-out-geojson"), filepath.Join(j.outGeoJSON, layer+"s.geojson"), func(w io.Writer) error { return j.model.WriteGeoJSON(w, layer) })
		}
	} else {
		o.add(j.flag("-out-geojson"), j.outGeoJSON, func(w io.Writer) error { return j.model.WriteGeoJSON(w) })
	}
	o.add(j.flag("-map-svg"), j.outSVG, func(w io.Writer) error { return j.model.WriteSVG(w, j.mapOptions()) })
	o.add(j.flag("-map-png"), j.outPNG, func(w io.Writer) error { return j.model.WritePNG(w, j.mapOptions()) })
	o.add(j.mapFlag(), j.outHTML, func(w io.Writer) error {
		return j.model.WriteHTML(w, j.htmlOptions())
	})
	return o
}

// layerNames are the GeoJSON layers export writes: one per level, then the
// practices (export.Model.LayerNames, known before the model is built).
func (j *job) layerNames() []string {
	var out []string
	for l, lv := range j.levels {
		name := lv.Name
		if name == "" {
			name = []string{"hub", "area"}[min(l, 1)]
		}
		out = append(out, name)
	}
	return append(out, export.PracticeLayer)
}

// flag names an output in messages: the flag that asked for it, or for the
// demo (which has fixed file names) "-out-dir".
func (j *job) flag(name string) string {
	if j.fixedNames {
		return "-out-dir"
	}
	return name
}

// mapFlag names the HTML map in messages: -map, the one flag that asks for
// it (also in the demo, where it replaces the file in -out-dir).
func (j *job) mapFlag() string {
	if j.fixedNames && !j.htmlFromMap {
		return "-out-dir"
	}
	return "-map"
}

func (j *job) run(ctx context.Context, stdout, stderr io.Writer) error {
	prog := j.prog
	if prog == nil {
		prog = newProgress(stderr, j.quiet)
	}
	defer prog.Done()
	defer paceGC(len(j.practices))()
	defer limitMemory(len(j.practices))()
	start := time.Now()
	if j.hubs > len(j.practices) {
		return fmt.Errorf("-hubs %s: there are only %s practices, and a hub holds at least one", thousands(j.hubs), thousands(len(j.practices)))
	}
	files := j.files()
	if err := files.check(j.inputs...); err != nil {
		return err
	}
	pIn, err := checkedTotal(j.practices)
	if err != nil {
		return err
	}

	// The practices are checked against the outline while the graph is
	// built; the check's error comes first, and its warning is printed
	// (clear of the progress line) once the graph is done.
	var warning bytes.Buffer
	checked := make(chan error, 1)
	go func() { checked <- checkInsideBoundary(j.practices, j.boundary, &warning) }()
	gopts := []graph.Option{graph.WithProgress(prog.Report)}
	if len(j.boundary) > 0 {
		gopts = append(gopts, graph.WithBoundary(j.boundary))
	}
	prog.Report("graph", 0, 0)
	g, info, err := graph.Build(ctx, j.practices, gopts...)
	if cerr := <-checked; cerr != nil {
		return cerr
	}
	if warning.Len() > 0 {
		prog.Done()
		_, _ = warning.WriteTo(stderr) // as a warning written directly would be
	}
	if err != nil {
		return err
	}
	// Nothing but the bridges' count is read from info after this, and its
	// triangulation only by the cells: without outputs that need them, the
	// partition runs with neither held.
	bridges, tri := len(info.Bridges), info.Tri
	tGraph := time.Since(start)
	opts := append(append([]partition.Option(nil), j.opts...), partition.WithProgress(prog.Report))
	var ahead *cellsAhead
	if j.wantsModel() {
		// The cells start when the partition first leaves a CPU idle
		// (sooner they would take CPU time from it), or after it.
		ahead = newCellsAhead(ctx, g, tri, j.boundary)
		defer ahead.stop()
		opts = append(opts, partition.WithIdle(ahead.start))
	}
	res, err := partition.Run(ctx, g, j.practices, j.levels, opts...)
	if err != nil {
		return err
	}
	// Run has validated the result (partition.Validate) before returning it.
	tPart := time.Since(start) - tGraph
	j.res = res

	if j.wantsModel() {
		prog.Report("export", 0, 0)
		ahead.start() // if the partition did not
		cells, err := ahead.wait()
		if err != nil {
			return err
		}
		j.model, err = export.Build(ctx, export.Input{Practices: j.practices, Graph: g, Result: res, Boundary: j.boundary, Cells: cells})
		if err != nil {
			return err
		}
		if j.decorate != nil {
			j.decorate(j.model, res)
		}
	}
	if len(files) > 0 {
		prog.Report("export", 0, 0)
		if err := j.writeFiles(files); err != nil {
			return err
		}
	}
	prog.Done()

	fmt.Fprintf(stdout, "practices %s in, %s out; patients %s in, %s out\n",
		thousands(len(j.practices)), thousands(len(res.Assign[0])), thousands(pIn), thousands(res.Quality[0].Patients))
	fmt.Fprintf(stdout, "graph: %s sites, %s edges (%s bridges) in %v\n",
		thousands(g.N()), thousands(g.NumEdges()), thousands(bridges), tGraph.Round(time.Millisecond))
	if err := res.Report(stdout); err != nil {
		return err
	}
	if got := res.Quality[0].Groups; j.hubs > 0 && got != j.hubs {
		fmt.Fprintf(stdout, "note: -hubs %s asked for %s hubs; made %s (why: the notes above)\n",
			thousands(j.hubs), thousands(j.hubs), thousands(got))
	}
	fmt.Fprintf(stdout, "partition %v, total %v\n", tPart.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	for _, f := range files {
		fmt.Fprintf(stdout, "wrote %s\n", f.path)
	}
	return nil
}

// wantsModel reports whether an output needs the export model (polygons).
func (j *job) wantsModel() bool {
	return j.outGeoJSON != "" || j.outSVG != "" || j.outPNG != "" || j.outHTML != ""
}

// writeFiles writes the outputs, first making the -out-geojson directory
// when one was asked for; the directory is removed again when it was made
// here and the outputs failed.
func (j *job) writeFiles(files outputs) error {
	made := ""
	if j.outGeoJSON != "" && geojsonLayerDir(j.outGeoJSON) {
		if _, err := os.Stat(j.outGeoJSON); err != nil {
			if err := os.MkdirAll(j.outGeoJSON, 0o755); err != nil {
				return fmt.Errorf("-out-geojson: %w", err)
			}
			made = j.outGeoJSON
		}
	}
	err := files.writeAll()
	if err != nil && made != "" {
		os.Remove(made)
	}
	return err
}

// summaryLines are the legend lines of the map.
func summaryLines(res *partition.Result) []string {
	var out []string
	for _, q := range res.Quality {
		out = append(out, fmt.Sprintf("%s %ss, %s in bounds; mean %.2f km, p95 %.1f km, max %.1f km to hub site",
			thousands(q.Groups), q.Level, thousands(q.InBounds), q.MeanKm, q.P95Km, q.MaxKm))
	}
	return out
}

// writeAssignCSV writes code, one column per level, then one status column
// per level: with levels hub and area, "code,hub,area,hub_status,area_status".
// A result started from an initial configuration (-from) adds the
// practice's initial label and change class and its hub's origin and
// change class: "from,change,hub_origin,hub_change". The last column,
// located, says where each practice's location came from: coordinates,
// postcode, sector or district (see input.Located).
func writeAssignCSV(w io.Writer, ps []input.Practice, res *partition.Result) error {
	var b strings.Builder
	b.WriteString("code")
	for _, l := range res.Levels {
		b.WriteString("," + csvField(l.Name))
	}
	for _, l := range res.Levels {
		b.WriteString("," + csvField(l.Name+"_status"))
	}
	ch := res.Change
	if ch != nil {
		b.WriteString(",from,change," + csvField(res.Levels[0].Name+"_origin") + "," + csvField(res.Levels[0].Name+"_change"))
	}
	b.WriteString(",located\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	// Rows are formatted in blocks on all cores, a batch of blocks at a
	// time (so memory stays a few blocks whatever the file's size), and
	// written in order.
	row := func(buf []byte, p int) []byte {
		buf = appendCSVField(buf, ps[p].Code)
		for l := range res.Levels {
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(res.Assign[l][p]), 10)
		}
		for l := range res.Levels {
			buf = append(buf, ',')
			buf = append(buf, res.Groups[l][res.Assign[l][p]].Status...)
		}
		if ch != nil {
			h := ch.Hubs[res.Assign[0][p]]
			buf = append(buf, ',')
			buf = appendCSVField(buf, ch.From[p])
			buf = append(append(buf, ','), ch.Class[p]...)
			buf = append(buf, ',')
			buf = appendCSVField(buf, h.Origin)
			buf = append(append(buf, ','), h.Class...)
		}
		buf = append(append(buf, ','), ps[p].Located.String()...)
		return append(buf, '\n')
	}
	const block = 1 << 14
	blocks := make([][]byte, runtime.GOMAXPROCS(0))
	for lo := 0; lo < len(ps); lo += block * len(blocks) {
		n := min((len(ps)-lo+block-1)/block, len(blocks))
		parallel.Each(n, func(k int) {
			buf := blocks[k][:0]
			for p := lo + k*block; p < min(lo+(k+1)*block, len(ps)); p++ {
				buf = row(buf, p)
			}
			blocks[k] = buf
		})
		for _, buf := range blocks[:n] {
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
	}
	return nil
}

// csvField quotes s when CSV needs it, after neutralising it (see
// neutralise).
func csvField(s string) string {
	return string(appendCSVField(nil, s))
}

// appendCSVField appends csvField(s) to buf, allocating nothing unless
// the field starts like a formula.
func appendCSVField(buf []byte, s string) []byte {
	s = neutralise(s)
	if !strings.ContainsAny(s, ",\"\r\n") && strings.TrimSpace(s) == s {
		return append(buf, s...)
	}
	buf = append(buf, '"')
	for i := range len(s) {
		if s[i] == '"' {
			buf = append(buf, '"')
		}
		buf = append(buf, s[i])
	}
	return append(buf, '"')
}

// neutralise keeps a spreadsheet from reading a cell as a formula: a cell
// that starts with = + - @, a tab, a carriage return or a single quote gets
// one more single quote in front ("=SUM(A1)" is written "'=SUM(A1)"). Quoting
// a leading quote too makes the rule reversible: unneutralise drops exactly
// one leading quote.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r'", rune(s[0])) {
		return "'" + s
	}
	return s
}

// unneutralise undoes neutralise on a cell read back from a CSV written by
// hubpart.
func unneutralise(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r'", rune(s[1])) {
		return s[1:]
	}
	return s
}
