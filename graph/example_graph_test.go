package graph_test

import (
	"context"
	"fmt"
	"os"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
)

func ExampleFromEdges() {
	// Self-loops are dropped, repeats merged, neighbours sorted.
	g := graph.FromEdges(4, [][2]int32{{2, 0}, {0, 1}, {1, 0}, {3, 3}}, nil)
	for v := range g.N() {
		fmt.Println(v, g.Neighbors(v))
	}
	// Output:
	// 0 [1 2]
	// 1 [0]
	// 2 [0]
	// 3 []
}

func ExampleGraph_Components() {
	g := graph.FromEdges(5, [][2]int32{{3, 4}, {1, 2}}, nil)
	comp, count := g.Components()
	fmt.Println(comp, count)
	// Output:
	// [0 1 1 2 2] 3
}

func ExampleChecker() {
	// A path 0 - 1 - 2 - 3.
	g := graph.FromEdges(4, [][2]int32{{0, 1}, {1, 2}, {2, 3}}, nil)
	c := graph.NewChecker(g)
	fmt.Println(c.Connected([]int32{2, 0, 1}))
	fmt.Println(c.Connected([]int32{0, 3}))
	fmt.Println(c.ConnectedWithout([]int32{0, 1, 2}, 1))
	fmt.Println(c.ConnectedWithout([]int32{0, 1, 2}, 2))
	// Output:
	// true
	// false
	// false
	// true
}

func ExampleGraph_ArticulationPoints() {
	// Two triangles sharing vertex 2 (a bow tie), with a tail 4 - 5.
	g := graph.FromEdges(6, [][2]int32{{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 2}, {4, 5}}, nil)
	fmt.Println(g.ArticulationPoints())
	// Output:
	// [2 4]
}

func ExampleGraph_WriteMETIS() {
	g := graph.FromEdges(3, [][2]int32{{0, 1}, {1, 2}}, nil)
	g.Weight = []int64{4100, 18917, 0}
	if err := g.WriteMETIS(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 3 2 010
	// 4100 2
	// 18917 1 3
	// 0 2
}

func ExampleBuild() {
	ps := []input.Practice{
		{Code: "A", Loc: orb.Point{-1.000, 52.000}, Patients: 8000},
		{Code: "B", Loc: orb.Point{-1.010, 52.005}, Patients: 6000},
		{Code: "C", Loc: orb.Point{-1.000, 52.000}, Patients: 4000}, // same building as A
		{Code: "D", Loc: orb.Point{-0.990, 52.008}, Patients: 9000},
		{Code: "E", Loc: orb.Point{-1.200, 52.010}, Patients: 3000}, // on an island
		{Code: "F", Loc: orb.Point{-1.195, 52.030}, Patients: 2000}, // on the island too
	}
	land := orb.MultiPolygon{
		{{{-1.06, 51.95}, {-0.90, 51.95}, {-0.90, 52.05}, {-1.06, 52.05}, {-1.06, 51.95}}}, // mainland
		{{{-1.23, 51.99}, {-1.17, 51.99}, {-1.17, 52.05}, {-1.23, 52.05}, {-1.23, 51.99}}}, // island
	}
	g, info, err := graph.Build(context.Background(), ps, graph.WithBoundary(land))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("sites:", g.N(), "weights:", g.Weight)
	fmt.Println("Delaunay edges:", info.DelaunayEdges, "pruned as sea:", info.PrunedSea, "bridges:", info.Bridges)
	g.Edges(func(a, b int32, k graph.EdgeKind) bool {
		fmt.Printf("%d-%d %.2f km bridge=%v\n", a, b, g.Length(a, b)/1000, k == graph.Bridge)
		return true
	})
	// Output:
	// sites: 5 weights: [12000 6000 9000 3000 2000]
	// Delaunay edges: 8 pruned as sea: 4 bridges: [[1 4]]
	// 0-1 0.88 km bridge=false
	// 0-2 1.12 km bridge=false
	// 1-2 1.41 km bridge=false
	// 1-4 12.96 km bridge=true
	// 3-4 2.25 km bridge=false
}

func ExampleGraph_SiteOf() {
	ps := []input.Practice{
		{Code: "A", Loc: orb.Point{-1.00, 52.00}, Patients: 1},
		{Code: "B", Loc: orb.Point{-1.01, 52.00}, Patients: 1},
		{Code: "C", Loc: orb.Point{-1.00, 52.00}, Patients: 1},
	}
	g, _, err := graph.Build(context.Background(), ps)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g.SiteOf(), g.SiteMembers(0))
	// Output:
	// [0 1 0] [0 2]
}
