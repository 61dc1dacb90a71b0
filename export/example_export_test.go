package export_test

import (
	"context"
	"fmt"
	"io"
	"log"

	"github.com/hubpart/hubpart/export"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
	"github.com/paulmach/orb"
)

// Six practices in two rows of three; the west four form hub 0, the east
// two hub 1, and both hubs make area 0.
func ExampleFeatureCollection() {
	var ps []input.Practice
	for i := range 6 {
		ps = append(ps, input.Practice{
			Code:     fmt.Sprintf("P%d", i),
			Loc:      orb.Point{-1.5 + 0.02*float64(i%3), 52.5 + 0.02*float64(i/3)},
			Patients: 10000,
		})
	}
	g, info, err := graph.Build(context.Background(), ps)
	if err != nil {
		log.Fatal(err)
	}
	hubOf := []int32{0, 0, 1, 0, 0, 1}
	res := &partition.Result{
		Levels: []partition.Level{{Name: "hub", Min: 30000, Max: 50000}, {Name: "area", Min: 100000}},
		Groups: [][]partition.Group{
			{
				{ID: 0, Members: []int{0, 1, 3, 4}, Parent: 0, Patients: 40000, HubSite: 1, Status: partition.StatusOK},
				{ID: 1, Members: []int{2, 5}, Parent: 0, Patients: 20000, HubSite: 2, Status: partition.StatusUndersize},
			},
			{{ID: 0, Members: []int{0, 1, 2, 3, 4, 5}, Children: []int{0, 1}, Parent: -1, Patients: 60000, HubSite: 1, Status: partition.StatusUndersize}},
		},
		Assign: [][]int32{hubOf, {0, 0, 0, 0, 0, 0}},
	}
	in := export.Input{Practices: ps, Graph: g, Info: info, Result: res}

	fc, err := export.FeatureCollection(in)
	if err != nil {
		log.Fatal(err)
	}
	count := map[string]int{}
	for _, f := range fc.Features {
		count[f.Properties["layer"].(string)]++
	}
	fmt.Println("hubs:", count["hub"], "areas:", count["area"], "practices:", count["practice"])
	h := fc.Features[1]
	fmt.Println("hub 1:", h.Geometry.GeoJSONType(), h.Properties["patients"], h.Properties["status"], "in area", h.Properties["area"])

	if err := export.WritePNG(io.Discard, in, fc, export.MapOptions{Title: "Example", Width: 400}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// hubs: 2 areas: 1 practices: 6
	// hub 1: Polygon 20000 undersize in area 0
}

// Neighbouring groups never share a colour: a path of four groups
// coloured with the balanced DSATUR choice.
func ExampleColourGroups() {
	edges := [][2]int{{0, 1}, {1, 2}, {2, 3}}
	col := export.ColourGroups(4, func(fn func(a, b int)) {
		for _, e := range edges {
			fn(e[0], e[1])
		}
	})
	fmt.Println(col)
	// Output:
	// [2 0 1 3]
}
