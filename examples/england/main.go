// Command england partitions every English GP practice (1 January 2021) into
// hubs and areas and prints hubpart's quality beside the real Primary Care
// Networks of that date, then draws the map.
//
//	go run ./examples/england -data testdata/england-2021 -map england.png
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
	mapFile := flag.String("map", "england.png", "map to draw (.png or .svg); empty for none")
	geojsonFile := flag.String("geojson", "", "also write GeoJSON to this file")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := run(*data, *mapFile, *geojsonFile, *seed); err != nil {
		log.Fatal(err)
	}
}

func run(data, mapFile, geojsonFile string, seed uint64) error {
	ctx := context.Background()
	start := time.Now()
	ps, err := input.ReadFile(filepath.Join(data, "practices.csv"), input.KeepColumns("pcn_code"))
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
	ours := res.Quality[0]

	fmt.Printf("England, %d practices, %d patients (read + graph + hubs + areas: %v)\n\n",
		len(ps), input.TotalPatients(ps), elapsed.Round(time.Millisecond))
	fmt.Printf("%-26s %12s %12s\n", "", "real PCNs", "hubpart")
	row := func(name string, a, b any) { fmt.Printf("%-26s %12v %12v\n", name, a, b) }
	row("groups", real.Groups, ours.Groups)
	row("within [30k, 50k]", real.InBounds, ours.InBounds)
	row("contiguous", real.Contiguous, ours.Contiguous)
	row("mean km to hub site", fmt.Sprintf("%.2f", real.MeanKm), fmt.Sprintf("%.2f", ours.MeanKm))
	row("p95 km to hub site", fmt.Sprintf("%.1f", real.P95Km), fmt.Sprintf("%.1f", ours.P95Km))
	row("max km to hub site", fmt.Sprintf("%.1f", real.MaxKm), fmt.Sprintf("%.1f", ours.MaxKm))
	row("smallest group", real.MinSize, ours.MinSize)
	row("largest group", real.MaxSize, ours.MaxSize)
	if len(res.Quality) > 1 {
		a := res.Quality[1]
		fmt.Printf("\nareas: %d, %d at least %d patients\n", a.Groups, a.InBounds, levels[1].Min)
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
		f, err := os.Create(mapFile)
		if err != nil {
			return err
		}
		opt := export.MapOptions{
			Title: "hubpart: England's GP practices in hubs of 30,000–50,000 patients",
			Summary: []string{
				fmt.Sprintf("%d hubs, %d within bounds; mean %.2f km to hub site (real PCNs: %.2f km)", ours.Groups, ours.InBounds, ours.MeanKm, real.MeanKm),
				"Contains NHS Digital and ODS data; Contains OS data © Crown copyright; ONS, OGL v3.0",
			},
		}
		if filepath.Ext(mapFile) == ".svg" {
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
		fmt.Println("wrote", mapFile)
	}
	return nil
}
