package partition_test

import (
	"context"
	"fmt"
	"os"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
	"github.com/paulmach/orb"
)

// row returns a row of practices 1 km apart with the given list sizes and
// its contiguity graph.
func row(sizes []int64) ([]input.Practice, *graph.Graph) {
	var edges [][2]int32
	ps := make([]input.Practice, len(sizes))
	xy := make([][2]float64, len(sizes))
	for i, s := range sizes {
		ps[i] = input.Practice{Code: fmt.Sprint("P", i), Loc: orb.Point{float64(i) * 0.0146, 52}, Patients: s}
		xy[i] = [2]float64{float64(i) * 1000, 0}
		if i > 0 {
			edges = append(edges, [2]int32{int32(i - 1), int32(i)})
		}
	}
	g := graph.FromEdges(len(sizes), edges, nil)
	g.XY = xy
	return ps, g
}

// Eight practices of 15,000 in two CCGs of four, A and B. Without
// alignment three hubs of 45,000, 30,000 and 45,000 patients, the middle one
// across the line; with it four hubs of 30,000, each inside one CCG.
func ExampleWithAlign() {
	ps, g := row([]int64{15000, 15000, 15000, 15000, 15000, 15000, 15000, 15000})
	ccg := []string{"A", "A", "A", "A", "B", "B", "B", "B"}
	hubs := []partition.Level{{Name: "hub", Min: 30000, Max: 50000}}
	for _, w := range []float64{0, partition.DefaultAlignWeight} {
		res, err := partition.Run(context.Background(), g, ps, hubs, partition.WithSeed(1), partition.WithAlign(ccg, w))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("weight %v: hubs %v\n", w, res.Assign[0])
		res.Coterminosity[0].WriteSummary(os.Stdout, "hub", 3)
	}
	// Output:
	// weight 0: hubs [0 0 0 1 1 2 2 2]
	// hub coterminosity: 2 of 3 hubs (66.7%) inside one value; 75.0% of patients in a hub inside their own value
	// hub coterminosity: 2 of 2 values crossed: A by 1 of its 2 hubs, B by 1 of its 2 hubs
	// weight 3: hubs [0 0 1 1 2 2 3 3]
	// hub coterminosity: 4 of 4 hubs (100.0%) inside one value; 100.0% of patients in a hub inside their own value
	// hub coterminosity: 0 of 2 values crossed
}

// A row of six practices where P2 and P4 must each host a hub.
func ExampleWithHubSites() {
	ps, g := row([]int64{12000, 20000, 9000, 25000, 18000, 16000})
	fixed := []bool{false, false, true, false, true, false}
	hubs := []partition.Level{{Name: "hub", Min: 30000, Max: 50000}}
	res, err := partition.Run(context.Background(), g, ps, hubs, partition.WithSeed(1), partition.WithHubSites(fixed))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, h := range res.Groups[0] {
		fmt.Println("hub", h.ID, h.Members, h.Patients, h.Status, "hub site", ps[h.HubSite].Code)
	}
	// Output:
	// hub 0 [0 1] 32000 ok hub site P1
	// hub 1 [2 3] 34000 ok hub site P2
	// hub 2 [4 5] 34000 ok hub site P4
}

// The coterminosity of any grouping, here three groups against two values.
func ExampleMeasureCoterminosity() {
	ps, _ := row([]int64{10, 20, 30, 40})
	c, err := partition.MeasureCoterminosity(ps, []int32{0, 0, 1, 2}, []string{"A", "A", "A", "B"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d of %d groups inside one value, %.0f%% of patients\n", c.Inside, c.Groups, 100*c.PatientShare())
	// Output:
	// 3 of 3 groups inside one value, 100% of patients
}
