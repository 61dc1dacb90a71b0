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

// A row of seven practices 1 km apart starting from three existing groups:
// A (40,000) is valid and stays as it is; B (60,000) is split in two
// without moving anyone; C (3,000) is too small and the practice joins a
// neighbour.
func ExampleWithInitial() {
	sizes := []int64{20000, 20000, 15000, 15000, 15000, 15000, 3000}
	from := []string{"A", "A", "B", "B", "B", "B", "C"}
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
	levels := []partition.Level{{Name: "hub", Min: 30000, Max: 50000}}
	res, err := partition.Run(context.Background(), g, ps, levels, partition.WithInitial(from))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, h := range res.Groups[0] {
		hc := res.Change.Hubs[h.ID]
		fmt.Println("hub", h.ID, h.Members, h.Patients, "origin", hc.Origin, hc.Class)
	}
	for _, gr := range res.Change.Groups {
		fmt.Println("group", gr.Label, gr.Class, "moved", gr.Moved)
	}
	res.Change.Summary.WriteReport(os.Stdout)
	// Output:
	// hub 0 [0 1] 40000 origin A kept
	// hub 1 [2 3] 30000 origin B split
	// hub 2 [4 5 6] 33000 origin B split
	// group A kept moved 0
	// group B split moved 0
	// group C merged moved 3000
	// initial groups                3            1 valid (within bounds and contiguous)
	// kept exactly                  1            1 of the 1 valid (100.0%)
	// split / merged                1 / 1
	// grown / shrunk / reshaped     0 / 0 / 0
	// practices moved               1            of 7 (14.3%)
	// patients moved                3,000        of 103,000 (2.9%)
	//   of which in detached parts  0            0.0% of patients (parts cut off from the largest part of their group: strict contiguity)
	// adjusted Rand index           0.308
}
