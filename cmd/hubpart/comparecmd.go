package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"github.com/klauspost/compress/gzip"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
	"github.com/paulmach/orb"
)

const compareUsage = `Usage: hubpart compare -in PRACTICES -a SIDE -b SIDE [flags]

Compares two groupings of the same practices: each is scored like a
partition result (groups, bounds, contiguity, distances to the hub site,
sizes), and the two are compared with the adjusted Rand index and the share
of practices whose group-mates stay together, in both directions.

A SIDE is FILE[:COLUMN] or :COLUMN.
  FILE[:COLUMN]  a CSV file (.csv or .csv.gz) with a "code" column and the
                 label column, "hub" by default: the -out-csv output of
                 "hubpart partition".
  :COLUMN        a column of the practices file itself (also when FILE is the
                 practices file), e.g. -b :pcn_code.
Every practice must have a row on each side; a missing code, a code the
practices file lacks, or a code given twice is an error. A blank label makes
the practice a group of its own (a singleton).

Flags:
`

// compareSide is one side of a comparison: where its labels come from.
type compareSide struct {
	spec   string // as given
	file   string // "" for a column of the practices file
	column string
}

// parseSide splits FILE[:COLUMN] at its last colon. A missing column means
// "hub"; a missing file, or the practices file itself, means a column of
// the practices file.
func parseSide(spec, in string) (compareSide, error) {
	s := compareSide{spec: spec, file: spec, column: "hub"}
	if i := strings.LastIndexByte(spec, ':'); i >= 0 {
		s.file, s.column = spec[:i], spec[i+1:]
		if s.column == "" {
			s.column = "hub"
		}
	}
	if strings.TrimSpace(s.column) == "" {
		return s, fmt.Errorf("%q: empty column name", spec)
	}
	if s.file == "" && !strings.Contains(spec, ":") {
		return s, fmt.Errorf("%q: want FILE[:COLUMN] or :COLUMN", spec)
	}
	if s.file != "" && sameFile(s.file, in) {
		s.file = ""
	}
	return s, nil
}

// describe names the side for the report.
func (s compareSide) describe(in string) string {
	if s.file == "" {
		return fmt.Sprintf("column %q of %s", s.column, in)
	}
	return fmt.Sprintf("column %q of %s", s.column, s.file)
}

// sideLabels are the labels of one side as dense integers.
type sideLabels struct {
	assign []int32 // per practice; equal labels, equal values
	blanks int     // practices with a blank label (each its own group)
}

// denseLabels numbers the distinct non-blank labels in sorted order and
// gives every blank label a number of its own after them, so that results do
// not depend on input order beyond the practices' own order.
func denseLabels(raw []string) sideLabels {
	distinct := make([]string, 0, len(raw))
	for _, v := range raw {
		if v != "" {
			distinct = append(distinct, v)
		}
	}
	slices.Sort(distinct)
	distinct = slices.Compact(distinct)
	out := sideLabels{assign: make([]int32, len(raw))}
	next := int32(len(distinct))
	for i, v := range raw {
		if v == "" {
			out.assign[i] = next
			next++
			out.blanks++
			continue
		}
		k, _ := slices.BinarySearch(distinct, v)
		out.assign[i] = int32(k)
	}
	return out
}

// inputColumn returns the (trimmed) values of column col of the practices,
// as kept by input.KeepColumns; a practice without it (a GeoJSON feature
// lacking the property) has a blank label.
func inputColumn(ps []input.Practice, col string) []string {
	out := make([]string, len(ps))
	for i := range ps {
		out[i] = strings.TrimSpace(ps[i].Attrs[col])
	}
	return out
}

// readSideFile reads the labels of column col from a CSV file with a code
// column, one row per practice of ps, in any order.
func readSideFile(path, col string, ps []input.Practice) (raw []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	cr := csv.NewReader(&lineCap{r: r})
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty file", path)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	ci, li := -1, -1
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		switch {
		case strings.EqualFold(h, "code") && ci < 0:
			ci = i
		case strings.EqualFold(h, strings.TrimSpace(col)) && li < 0:
			li = i
		}
	}
	if ci < 0 || li < 0 {
		missing := "code"
		if ci >= 0 {
			missing = col
		}
		return nil, fmt.Errorf("%s: no column %q in header %q", path, missing, strings.Join(header, ","))
	}
	index := make(map[string]int, len(ps))
	for i := range ps {
		index[ps[i].Code] = i
	}
	raw = make([]string, len(ps))
	line := make([]int, len(ps)) // line of each practice's row, 0 if none yet
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		ln, _ := cr.FieldPos(0)
		code := strings.TrimSpace(rec[ci])
		p, ok := index[unneutralise(code)] // as hubpart writes codes
		if ok {
			code = unneutralise(code)
		} else {
			p, ok = index[code]
		}
		switch {
		case !ok:
			return nil, fmt.Errorf("%s line %d: practice %q is not in the practices file", path, ln, code)
		case line[p] != 0:
			return nil, fmt.Errorf("%s line %d: practice %q given twice (first on line %d)", path, ln, code, line[p])
		}
		line[p] = ln
		raw[p] = strings.TrimSpace(rec[li])
	}
	missing := 0
	first := ""
	for p := range ps {
		if line[p] == 0 {
			if missing == 0 {
				first = ps[p].Code
			}
			missing++
		}
	}
	if missing > 0 {
		return nil, fmt.Errorf("%s: no row for practice %q (%d practice(s) missing); every practice needs a label, blank for a group of its own", path, first, missing)
	}
	return raw, nil
}

// maxSideLine is the longest line of a side file, as for practices files.
const maxSideLine = 1 << 20

// lineCap fails once a physical line passes maxSideLine bytes, so a side
// file without line breaks (or a gzip bomb of one) cannot fill memory.
type lineCap struct {
	r    io.Reader
	cur  int
	line int
}

func (l *lineCap) Read(b []byte) (int, error) {
	n, err := l.r.Read(b)
	for _, c := range b[:n] {
		if c == '\n' {
			l.cur = 0
			l.line++
			continue
		}
		if l.cur++; l.cur > maxSideLine {
			return 0, fmt.Errorf("line %d longer than 1 MiB", l.line+1)
		}
	}
	return n, err
}

func runCompare(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), compareUsage)
		fs.PrintDefaults()
	}
	var (
		in, boundary, specA, specB string
		align                      string
		lo, hi                     int64
		quiet                      bool
		nf                         nhsFlags
	)
	fs.StringVar(&in, "in", "", "practices `file` (.csv, .csv.gz, .geojson; without coordinates, with -postcodes)")
	fs.StringVar(&specA, "a", "", "first grouping: `FILE[:COLUMN]` or :COLUMN")
	fs.StringVar(&specB, "b", "", "second grouping: `FILE[:COLUMN]` or :COLUMN")
	fs.StringVar(&boundary, "boundary", "", "land outline `file` (GeoJSON Polygon/MultiPolygon), optional")
	fs.Int64Var(&lo, "min", 30000, "smallest group `patients` counted in bounds")
	fs.Int64Var(&hi, "max", 50000, "largest group `patients` counted in bounds (0: no maximum)")
	fs.StringVar(&align, "align", "", "also report each side's coterminosity with this `column` of the practices file (e.g. ccg_code)")
	fs.BoolVar(&quiet, "q", false, "no progress display")
	nf.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := nf.check(); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case in == "":
		return errors.New("-in is required")
	case specA == "" || specB == "":
		return errors.New("-a and -b are both required")
	case lo < 0 || hi < 0:
		return errors.New("-min and -max must not be negative")
	case hi != 0 && hi < lo:
		return fmt.Errorf("-max %d is below -min %d", hi, lo)
	}
	sides := make([]compareSide, 2)
	var keep []string
	for k, spec := range []string{specA, specB} {
		s, err := parseSide(spec, in)
		if err != nil {
			return fmt.Errorf("-%c %w", 'a'+k, err)
		}
		sides[k] = s
		if s.file == "" && !slices.Contains(keep, s.column) {
			keep = append(keep, s.column)
		}
	}
	if align != "" && !slices.Contains(keep, align) {
		keep = append(keep, align)
	}
	var ropts []input.ReadOption
	if keep = nf.keep(keep); len(keep) > 0 {
		ropts = append(ropts, input.KeepColumns(keep...))
	}
	reserveHeap(in, nf.postcodes) // before reading
	nopts, pcs, err := nf.readOptions(ctx, nil)
	if err != nil {
		return err
	}
	ps, err := input.ReadFile(ctx, in, append(ropts, nopts...)...)
	if err != nil {
		return err
	}
	if err := nf.apply(ps, pcs, stdout); err != nil {
		return err
	}
	if len(ps) == 0 {
		return fmt.Errorf("%s: no practices", in)
	}
	labels := make([]sideLabels, 2)
	var rawA []string
	for k, s := range sides {
		raw := inputColumn(ps, s.column)
		if s.file != "" {
			if raw, err = readSideFile(s.file, s.column, ps); err != nil {
				return err
			}
		}
		if k == 0 {
			rawA = raw
		}
		labels[k] = denseLabels(raw)
	}
	var b orb.MultiPolygon
	if boundary != "" {
		if b, err = input.ReadBoundary(boundary); err != nil {
			return err
		}
	}

	prog := newProgress(stderr, quiet)
	gopts := []graph.Option{graph.WithProgress(prog.Report)}
	if len(b) > 0 {
		gopts = append(gopts, graph.WithBoundary(b))
	}
	prog.Report("graph", 0, 0)
	g, _, err := graph.Build(ctx, ps, gopts...)
	prog.Done()
	if err != nil {
		return err
	}
	lvl := partition.Level{Name: "hub", Min: lo, Max: hi}
	qs := make([]partition.Quality, 2)
	for k := range sides {
		q, groups := partition.Evaluate(g, ps, lvl, labels[k].assign)
		if groups == nil {
			return fmt.Errorf("internal error: cannot evaluate side %c", 'A'+k)
		}
		qs[k] = q
	}
	var cot [2]*partition.Coterminosity
	if align != "" {
		values, err := attrColumn(ps, align)
		if err != nil {
			return fmt.Errorf("-align: %w", err)
		}
		for k := range sides {
			if cot[k], err = partition.MeasureCoterminosity(ps, labels[k].assign, values); err != nil {
				return err
			}
		}
	}
	ari, err := partition.AdjustedRand(labels[0].assign, labels[1].assign)
	if err != nil {
		return err
	}
	keptAB, _ := partition.KeptTogether(labels[0].assign, labels[1].assign)
	keptBA, _ := partition.KeptTogether(labels[1].assign, labels[0].assign)
	change, err := partition.CompareInitial(g, ps, rawA, lvl, labels[1].assign)
	if err != nil {
		return err
	}

	rep := compareReport{
		in: in, practices: len(ps), patients: input.TotalPatients(ps),
		sites: g.N(), edges: g.NumEdges(), lvl: lvl,
		names: [2]string{sides[0].describe(in), sides[1].describe(in)},
		q:     [2]partition.Quality(qs), blanks: [2]int{labels[0].blanks, labels[1].blanks},
		ari: ari, keptAB: keptAB, keptBA: keptBA, change: change.Summary,
		align: align, cot: cot,
	}
	return rep.write(stdout)
}

// compareReport is what runCompare prints.
type compareReport struct {
	in                  string
	practices           int
	patients            int64
	sites, edges        int
	lvl                 partition.Level
	names               [2]string
	q                   [2]partition.Quality
	blanks              [2]int
	ari, keptAB, keptBA float64
	change              partition.Disruption        // B as a change from A
	align               string                      // column measured for coterminosity, or ""
	cot                 [2]*partition.Coterminosity // per side when align is set
}

// write prints the report: the sources, a side-by-side table and the
// similarity measures.
func (r *compareReport) write(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s practices, %s patients; contiguity graph of %s sites and %s edges\n",
		r.in, thousands(r.practices), thousands(r.patients), thousands(r.sites), thousands(r.edges))
	fmt.Fprintf(&b, "A: %s\nB: %s\n", r.names[0], r.names[1])
	fmt.Fprintf(&b, "(a blank label makes a practice a group of its own)\n\n")
	bounds := fmt.Sprintf("in bounds [%s, %s]", thousands(r.lvl.Min), thousands(r.lvl.Max))
	if r.lvl.Max == 0 {
		bounds = fmt.Sprintf("in bounds [%s, -]", thousands(r.lvl.Min))
	}
	row := func(name string, f func(k int) string) {
		fmt.Fprintf(&b, "%-26s %12s %12s\n", name, f(0), f(1))
	}
	num := func(v func(q partition.Quality) int64) func(int) string {
		return func(k int) string { return thousands(v(r.q[k])) }
	}
	km := func(v func(q partition.Quality) float64) func(int) string {
		return func(k int) string { return fmt.Sprintf("%.2f", v(r.q[k])) }
	}
	row("", func(k int) string { return string(rune('A' + k)) })
	row("groups", num(func(q partition.Quality) int64 { return int64(q.Groups) }))
	row(bounds, num(func(q partition.Quality) int64 { return int64(q.InBounds) }))
	row("contiguous", num(func(q partition.Quality) int64 { return int64(q.Contiguous) }))
	row("blank labels (singletons)", func(k int) string { return thousands(r.blanks[k]) })
	row("mean km to hub site", km(func(q partition.Quality) float64 { return q.MeanKm }))
	row("p95 km to hub site", km(func(q partition.Quality) float64 { return q.P95Km }))
	row("max km to hub site", km(func(q partition.Quality) float64 { return q.MaxKm }))
	row("smallest group patients", num(func(q partition.Quality) int64 { return q.MinSize }))
	row("largest group patients", num(func(q partition.Quality) int64 { return q.MaxSize }))
	if r.align != "" {
		share := func(v func(c *partition.Coterminosity) float64) func(int) string {
			return func(k int) string { return fmt.Sprintf("%.1f%%", 100*v(r.cot[k])) }
		}
		fmt.Fprintf(&b, "coterminosity with %s (a group is inside one value when all its practices share it):\n", r.align)
		row("groups inside one value", func(k int) string { return fmt.Sprint(r.cot[k].Inside) })
		row("share of groups inside", share((*partition.Coterminosity).GroupShare))
		row("share of patients inside", share((*partition.Coterminosity).PatientShare))
		row("values crossed", func(k int) string { return fmt.Sprint(len(r.cot[k].Crossed())) })
		for k, c := range r.cot {
			fmt.Fprintf(&b, "%c: %s\n", 'A'+k, c.CrossedList("group", 10))
		}
	}
	fmt.Fprintf(&b, "\nadjusted Rand index (A, B)  %.4f\n", r.ari)
	fmt.Fprintf(&b, "kept together, A in B       %.1f%% of practices have all their A group-mates in their B group\n", 100*r.keptAB)
	fmt.Fprintf(&b, "kept together, B in A       %.1f%% of practices have all their B group-mates in their A group\n", 100*r.keptBA)
	fmt.Fprintf(&b, "\nB as a change from A (A's groups the starting configuration, blank labels free; a B group's\norigin is the A group supplying most of its patients, a practice moved when its A group is not\nits B group's origin):\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	return r.change.WriteReport(w)
}
