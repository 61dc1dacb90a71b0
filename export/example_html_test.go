package export_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/hubpart/hubpart/export"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
	"github.com/paulmach/orb"
)

// The interactive page of two hubs: one file, nothing fetched, every
// name escaped.
func ExampleModel_WriteHTML() {
	var ps []input.Practice
	for i := range 6 {
		ps = append(ps, input.Practice{
			Code:     fmt.Sprintf("P%d", i),
			Name:     fmt.Sprintf("Surgery <%d>", i),
			Loc:      orb.Point{-1.5 + 0.02*float64(i%3), 52.5 + 0.02*float64(i/3)},
			Patients: 10000,
		})
	}
	g, _, err := graph.Build(context.Background(), ps)
	if err != nil {
		log.Fatal(err)
	}
	res := &partition.Result{
		Levels: []partition.Level{{Name: "hub", Min: 20000, Max: 50000}},
		Groups: [][]partition.Group{{
			{ID: 0, Members: []int{0, 1, 3, 4}, Parent: -1, Patients: 40000, HubSite: 1, Status: partition.StatusOK},
			{ID: 1, Members: []int{2, 5}, Parent: -1, Patients: 20000, HubSite: 2, Status: partition.StatusOK},
		}},
		Assign: [][]int32{{0, 0, 1, 0, 0, 1}},
	}
	m, err := export.Build(context.Background(), export.Input{Practices: ps, Graph: g, Result: res})
	if err != nil {
		log.Fatal(err)
	}
	var page strings.Builder
	if err := m.WriteHTML(&page, export.HTMLOptions{Title: "Two hubs <draft>", Attribution: "Made-up practices"}); err != nil {
		log.Fatal(err)
	}
	s := page.String()
	fmt.Println(s[strings.Index(s, "<title>") : strings.Index(s, "</title>")+len("</title>")])
	fmt.Println("scripts:", strings.Count(s, "<script"), "external:", strings.Contains(s, "http"))
	fmt.Println("names as JSON text:", strings.Contains(s, `"Surgery \u003c0\u003e"`))
	// Output:
	// <title>Two hubs &lt;draft&gt;</title>
	// scripts: 2 external: false
	// names as JSON text: true
}
