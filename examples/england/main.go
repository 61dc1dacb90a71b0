// Command england partitions every English GP practice (1 January 2021) into
// hubs and areas twice — on a blank map (clean slate) and starting from the
// real Primary Care Networks of that date (the PCN repair) — prints both
// beside the PCNs with the disruption each causes, then draws the maps (the
// repair's marks the practices that moved).
//
//	go run ./examples/england -data testdata/england-2021 -map england.png -map-from england-from-pcns.png
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/hubpart/hubpart/export"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
)

func main() {
	data := flag.String("data", "testdata/england-2021", "folder with practices.csv and england_boundary.geojson")
	mapFile := flag.String("map", "england.png", "map of the clean-slate plan to draw (.png or .svg); empty for none")
	mapFrom := flag.String("map-from", "", "map of the PCN repair to draw (.png or .svg), moved practices marked; empty for none")
	geojsonFile := flag.String("geojson", "", "also write GeoJSON to this file")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := run(*data, *mapFile, *mapFrom, *geojsonFile, *seed); err != nil {
		log.Fatal(err)
	}
}

func run(data, mapFile, mapFrom, geojsonFile string, seed uint64) error {
	ctx := context.Background()
	start := time.Now()
	ps, err := input.ReadFile(ctx, filepath.Join(data, "practices.csv"), input.KeepColumns("pcn_code"))
	if err != nil {
		return err
	}
	boundary, err := input.ReadBoundary(filepath.Join(data, "england_boundary.geojson"))
	if err != nil {
		return err
	}
	g, _, err := graph.Build(ctx, ps, graph.WithBoundary(boundary))
	if err != nil {
		return err
	}
	hub := partition.Level{Name: "hub", Min: 30000, Max: 50000}
	levels := []partition.Level{hub, {Name: "area", Min: 100000}}
	res, err := partition.Run(ctx, g, ps, levels, partition.WithSeed(seed))
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	if err := partition.Validate(g, ps, res); err != nil {
		return err
	}
	// The PCN repair: the same run starting from the PCNs (blank: free).
	labels := make([]string, len(ps))
	for i := range ps {
		labels[i] = ps[i].Attrs["pcn_code"]
	}
	t0 := time.Now()
	rep, err := partition.Run(ctx, g, ps, levels, partition.WithSeed(seed), partition.WithInitial(labels))
	if err != nil {
		return err
	}
	repTime := time.Since(t0)
	if err := partition.Validate(g, ps, rep); err != nil {
		return err
	}
	clean, err := partition.CompareInitial(g, ps, labels, hub, res.Assign[0])
	if err != nil {
		return err
	}

	// The real PCNs: practices in no PCN count as groups of their own.
	pcn := make([]int32, len(ps))
	ids := map[string]int32{}
	for i := range ps {
		code := ps[i].Attrs["pcn_code"]
		if code == "" {
			code = "none:" + ps[i].Code
		}
		id, ok := ids[code]
		if !ok {
			id = int32(len(ids))
			ids[code] = id
		}
		pcn[i] = id
	}
	real, _ := partition.Evaluate(g, ps, hub, pcn)
	ours, from := res.Quality[0], rep.Quality[0]

	fmt.Printf("England, %d practices, %d patients (read + graph + hubs + areas: %v; from the PCNs: %v)\n\n",
		len(ps), input.TotalPatients(ps), elapsed.Round(time.Millisecond), repTime.Round(time.Millisecond))
	fmt.Printf("%-30s %12s %12s %12s\n", "", "real PCNs", "clean slate", "from PCNs")
	row := func(name string, a, b, c any) { fmt.Printf("%-30s %12v %12v %12v\n", name, a, b, c) }
	row("groups", real.Groups, ours.Groups, from.Groups)
	row("within [30k, 50k]", real.InBounds, ours.InBounds, from.InBounds)
	row("contiguous", real.Contiguous, ours.Contiguous, from.Contiguous)
	row("mean km to hub site", fmt.Sprintf("%.2f", real.MeanKm), fmt.Sprintf("%.2f", ours.MeanKm), fmt.Sprintf("%.2f", from.MeanKm))
	row("p95 km to hub site", fmt.Sprintf("%.1f", real.P95Km), fmt.Sprintf("%.1f", ours.P95Km), fmt.Sprintf("%.1f", from.P95Km))
	row("max km to hub site", fmt.Sprintf("%.1f", real.MaxKm), fmt.Sprintf("%.1f", ours.MaxKm), fmt.Sprintf("%.1f", from.MaxKm))
	row("smallest group", real.MinSize, ours.MinSize, from.MinSize)
	row("largest group", real.MaxSize, ours.MaxSize, from.MaxSize)
	a, b := clean.Summary, rep.Change.Summary
	pct := func(x, y int64) string { return fmt.Sprintf("%.1f%%", 100*float64(x)/float64(y)) }
	fmt.Printf("\nchange from the PCNs (a hub's origin: the PCN supplying most of its patients)\n")
	row("valid PCNs kept exactly", fmt.Sprintf("%d valid", a.Valid), fmt.Sprintf("%d", a.KeptValid), fmt.Sprintf("%d", b.KeptValid))
	row("  share of the valid PCNs", "", pct(int64(a.KeptValid), int64(a.Valid)), pct(int64(b.KeptValid), int64(b.Valid)))
	row("PCNs split / merged", "", fmt.Sprintf("%d / %d", a.Split, a.Merged), fmt.Sprintf("%d / %d", b.Split, b.Merged))
	row("PCNs grown / shrunk", "", fmt.Sprintf("%d / %d", a.Grown, a.Shrunk), fmt.Sprintf("%d / %d", b.Grown, b.Shrunk))
	row("PCNs reshaped", "", a.Reshaped, b.Reshaped)
	row("practices moved", "", pct(int64(a.PracticesMoved), int64(a.Practices)), pct(int64(b.PracticesMoved), int64(b.Practices)))
	row("patients moved", "", pct(a.PatientsMoved, a.Patients), pct(b.PatientsMoved, b.Patients))
	row("  from detached parts", "", pct(a.DetachedMoved, a.Patients), pct(b.DetachedMoved, b.Patients))
	row("adjusted Rand index", "1", fmt.Sprintf("%.3f", a.ARI), fmt.Sprintf("%.3f", b.ARI))
	if len(res.Quality) > 1 {
		fmt.Printf("\nareas: %d, %d at least %d patients (from the PCNs: %d, %d)\n", res.Quality[1].Groups, res.Quality[1].InBounds, levels[1].Min,
			rep.Quality[1].Groups, rep.Quality[1].InBounds)
	}

	if mapFrom != "" {
		title := "hubpart: England's hubs repaired from the 2021 PCNs"
		summary := []string{
			fmt.Sprintf("%d hubs, %d within bounds; %d of the %d valid PCNs kept exactly; %s of patients moved (magenta)", from.Groups, from.InBounds, b.KeptValid, b.Valid, pct(b.PatientsMoved, b.Patients)),
			"Contains NHS Digital and ODS data; Contains OS data © Crown copyright; ONS, OGL v3.0",
		}
		if err := drawMap(ctx, export.Input{Practices: ps, Graph: g, Result: rep, Boundary: boundary}, mapFrom, title, summary); err != nil {
			return err
		}
	}
	if mapFile == "" && geojsonFile == "" {
		return nil
	}
	m, err := export.Build(ctx, export.Input{Practices: ps, Graph: g, Result: res, Boundary: boundary})
	if err != nil {
		return err
	}
	if geojsonFile != "" {
		f, err := os.Create(geojsonFile)
		if err != nil {
			return err
		}
		err = m.WriteGeoJSON(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		fmt.Println("wrote", geojsonFile)
	}
	if mapFile != "" {
		title := "hubpart: England's GP practices in hubs of 30,000–50,000 patients"
		summary := []string{
			fmt.Sprintf("%d hubs, %d within bounds; mean %.2f km to hub site (real PCNs: %.2f km)", ours.Groups, ours.InBounds, ours.MeanKm, real.MeanKm),
			"Contains NHS Digital and ODS data; Contains OS data © Crown copyright; ONS, OGL v3.0",
		}
		if err := writeMap(m, mapFile, title, summary); err != nil {
			return err
		}
	}
	return nil
}

// drawMap builds the model of in and draws it to file.
func drawMap(ctx context.Context, in export.Input, file, title string, summary []string) error {
	m, err := export.Build(ctx, in)
	if err != nil {
		return err
	}
	return writeMap(m, file, title, summary)
}

// writeMap draws m to file (.svg, otherwise PNG).
func writeMap(m *export.Model, file, title string, summary []string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	opt := export.MapOptions{Title: title, Summary: summary}
	if filepath.Ext(file) == ".svg" {
		err = m.WriteSVG(f, opt)
	} else {
		err = m.WritePNG(f, opt)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Println("wrote", file)
	return nil
}
