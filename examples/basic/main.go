// Command basic is the smallest useful program using hubpart: read practices,
// build the contiguity graph, partition into hubs and areas, write GeoJSON.
//
//	go run ./examples/basic -in testdata/small_practices.csv -out hubs.geojson
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/hubpart/hubpart/export"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
)

func main() {
	in := flag.String("in", "testdata/small_practices.csv", "practices CSV (code,name,lat,lon,patients)")
	out := flag.String("out", "hubs.geojson", "GeoJSON output")
	flag.Parse()
	ctx := context.Background()

	practices, err := input.ReadFile(ctx, *in)
	if err != nil {
		log.Fatal(err)
	}
	g, _, err := graph.Build(ctx, practices)
	if err != nil {
		log.Fatal(err)
	}
	levels := []partition.Level{
		{Name: "hub", Min: 30000, Max: 50000},
		{Name: "area", Min: 100000},
	}
	res, err := partition.Run(ctx, g, practices, levels, partition.WithSeed(1))
	if err != nil {
		log.Fatal(err)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	m, err := export.Build(ctx, export.Input{Practices: practices, Graph: g, Result: res})
	if err != nil {
		log.Fatal(err)
	}
	if err := m.WriteGeoJSON(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	for l, q := range res.Quality {
		max := "no max"
		if levels[l].Max > 0 {
			max = fmt.Sprint(levels[l].Max)
		}
		fmt.Printf("%s: %d groups, %d in [%d, %s]\n", q.Level, q.Groups, q.InBounds, levels[l].Min, max)
	}
	fmt.Println("wrote", *out)
}
