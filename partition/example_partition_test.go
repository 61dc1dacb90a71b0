package partition_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
	"github.com/paulmach/orb"
)

// A row of six practices 1 km apart, grouped into hubs of 30k–50k and
// areas of 100k+.
func ExampleRun() {
	sizes := []int64{12000, 20000, 9000, 25000, 18000, 16000}
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
	levels := []partition.Level{{Name: "hub", Min: 30000, Max: 50000}, {Name: "area", Min: 100000}}
	res, err := partition.Run(context.Background(), g, ps, levels, partition.WithSeed(1))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, h := range res.Groups[0] {
		fmt.Println("hub", h.ID, h.Members, h.Patients, h.Status, "hub site", ps[h.HubSite].Code)
	}
	for _, a := range res.Groups[1] {
		fmt.Println("area", a.ID, a.Children, a.Patients, a.Status)
	}
	// Output:
	// hub 0 [0 1] 32000 ok hub site P1
	// hub 1 [2 3] 34000 ok hub site P3
	// hub 2 [4 5] 34000 ok hub site P4
	// area 0 [0 1 2] 100000 ok
}

// Evaluate scores any assignment, here a hand-made one with a hub that is
// too small.
func ExampleEvaluate() {
	ps := []input.Practice{
		{Code: "A", Loc: orb.Point{0, 52}, Patients: 20000},
		{Code: "B", Loc: orb.Point{0.0146, 52}, Patients: 15000},
		{Code: "C", Loc: orb.Point{0.0292, 52}, Patients: 25000},
	}
	g := graph.FromEdges(3, [][2]int32{{0, 1}, {1, 2}}, nil)
	q, groups := partition.Evaluate(g, ps, partition.Level{Name: "hub", Min: 30000, Max: 50000}, []int32{7, 7, 9})
	for _, gr := range groups {
		fmt.Println(gr.ID, gr.Members, gr.Patients, gr.Status)
	}
	fmt.Printf("%d groups, %d in bounds, %d contiguous, mean %.2f km\n", q.Groups, q.InBounds, q.Contiguous, q.MeanKm)
	// Output:
	// 0 [0 1] 35000 ok
	// 1 [2] 25000 out-of-bounds
	// 2 groups, 1 in bounds, 2 contiguous, mean 0.25 km
}

// Validate checks any result against the graph and practices; here a
// result whose first hub lost a member is caught.
func ExampleValidate() {
	sizes := []int64{20000, 15000, 25000, 10000}
	ps := make([]input.Practice, len(sizes))
	for i, s := range sizes {
		ps[i] = input.Practice{Code: fmt.Sprint("P", i), Loc: orb.Point{float64(i) * 0.0146, 52}, Patients: s}
	}
	g := graph.FromEdges(4, [][2]int32{{0, 1}, {1, 2}, {2, 3}}, nil)
	levels := []partition.Level{{Name: "hub", Min: 30000, Max: 50000}}
	res, err := partition.Run(context.Background(), g, ps, levels)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(partition.Validate(g, ps, res))
	res.Groups[0][0].Members = res.Groups[0][0].Members[1:]
	err = partition.Validate(g, ps, res)
	var ve *partition.ValidationError
	fmt.Println(errors.Is(err, partition.ErrInvalid), errors.As(err, &ve), len(ve.Problems))
	// Output:
	// <nil>
	// true true 4
}

// Report prints the quality of each level and every group out of bounds
// with its reason (timings cleared here to keep the output stable).
func ExampleResult_Report() {
	sizes := []int64{60000, 20000, 15000, 10000}
	ps := make([]input.Practice, len(sizes))
	for i, s := range sizes {
		ps[i] = input.Practice{Code: fmt.Sprint("P", i), Loc: orb.Point{float64(i) * 0.0146, 52}, Patients: s}
	}
	g := graph.FromEdges(4, [][2]int32{{0, 1}, {1, 2}, {2, 3}}, nil)
	levels := []partition.Level{{Name: "hub", Min: 30000, Max: 50000}}
	res, err := partition.Run(context.Background(), g, ps, levels)
	if err != nil {
		fmt.Println(err)
		return
	}
	res.Timings = nil
	res.Report(os.Stdout)
	// Output:
	// level  bounds            groups  in bounds  contiguous  mean km  p95 km  max km  min size  max size
	// hub    [30,000, 50,000]  2       1          2           0.29     1.00    1.0     45,000    60,000
	// hub 0: oversize, 60,000 patients, 1 practice: practice P0 has 60,000 patients, above the hub maximum 50,000
}
