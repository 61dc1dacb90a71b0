package delaunay_test

import (
	"fmt"

	"github.com/hubpart/hubpart/geo/delaunay"
)

// A unit square with its centre, given twice: the duplicate is merged into
// the first occurrence, and the four triangles fan around the centre.
func ExampleTriangulate() {
	pts := [][2]float64{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0.5, 0.5}, {0.5, 0.5}}
	tr, err := delaunay.Triangulate(pts)
	if err != nil {
		panic(err)
	}
	fmt.Println("sites:", tr.NumSites(), "triangles:", len(tr.Triangles)/3)
	fmt.Println("rep of point 5:", tr.Rep[5])
	fmt.Println("hull:", tr.Hull)
	var edges [][2]int32
	tr.Edges(func(a, b int32) bool {
		edges = append(edges, [2]int32{a, b})
		return true
	})
	fmt.Println("edges:", edges)
	// Output:
	// sites: 5 triangles: 4
	// rep of point 5: 4
	// hull: [0 1 2 3]
	// edges: [[0 4] [0 1] [1 4] [0 3] [3 4] [2 4] [1 2] [2 3]]
}

// Collinear input has no triangles; the hull is the chain along the line.
func ExampleTriangulate_collinear() {
	tr, _ := delaunay.Triangulate([][2]float64{{2, 2}, {0, 0}, {1, 1}, {3, 3}, {1, 1}})
	fmt.Println(len(tr.Triangles), tr.Hull)
	var edges [][2]int32
	tr.Edges(func(a, b int32) bool {
		edges = append(edges, [2]int32{a, b})
		return true
	})
	fmt.Println("edges:", edges)
	// Output:
	// 0 [1 2 0 3]
	// edges: [[1 2] [0 2] [0 3]]
}
