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
func ExampleBuild() {
	var ps []input.Practice
	for i := range 6 {
		ps = append(ps, input.Practice{
			Code:     fmt.Sprintf("P%d", i),
			Loc:      orb.Point{-1.5 + 0.02*float64(i%3), 52.5 + 0.02*float64(i/3)},
			Patients: 10000,
		})
	}
	g, _, err := graph.Build(context.Background(), ps)
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
	in := export.Input{Practices: ps, Graph: g, Result: res}

	m, err := export.Build(context.Background(), in)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("layers:", m.LayerNames())
	fmt.Println("hubs:", len(m.Hubs()), "areas:", len(m.Areas()), "practices:", len(m.Practices))
	h := m.Hubs()[1]
	fmt.Println("hub 1:", len(h.Polygon), "polygon,", h.Patients, "patients,", h.Status, "in area", h.Parent)

	fc, err := m.FeatureCollection("hub")
	if err != nil {
		log.Fatal(err)
	}
	f := fc.Features[1]
	fmt.Println("feature", f.ID, f.Geometry.GeoJSONType(), "hub", f.Properties["hub"], "area", f.Properties["area"])

	if err := m.WritePNG(io.Discard, export.MapOptions{Title: "Example", Width: 400}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// layers: [hub area practice]
	// hubs: 2 areas: 1 practices: 6
	// hub 1: 1 polygon, 20000 patients, undersize in area 0
	// feature 2 MultiPolygon hub 1 area 0
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

// The cells depend only on the practices' sites (and the boundary), so
// they can be made while the partition is computed and handed to Build.
func ExampleNewCells() {
	ctx := context.Background()
	var ps []input.Practice
	for i := range 6 {
		ps = append(ps, input.Practice{
			Code:     fmt.Sprintf("P%d", i),
			Loc:      orb.Point{-1.5 + 0.02*float64(i%3), 52.5 + 0.02*float64(i/3)},
			Patients: 20000,
		})
	}
	g, _, err := graph.Build(ctx, ps)
	if err != nil {
		log.Fatal(err)
	}
	type made struct {
		c   *export.Cells
		err error
	}
	ahead := make(chan made, 1)
	go func() {
		c, err := export.NewCells(ctx, g, nil)
		ahead <- made{c, err}
	}()
	res, err := partition.Run(ctx, g, ps, []partition.Level{{Name: "hub", Min: 30000, Max: 50000}}, partition.WithSeed(1))
	if err != nil {
		log.Fatal(err)
	}
	c := <-ahead
	if c.err != nil {
		log.Fatal(c.err)
	}
	m, err := export.Build(ctx, export.Input{Practices: ps, Graph: g, Result: res, Cells: c.c})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("hubs:", len(m.Hubs()))
	// Output:
	// hubs: 3
}
