package voronoi_test

import (
	"fmt"

	"github.com/hubpart/hubpart/geo/delaunay"
	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/geo/voronoi"
	"github.com/paulmach/orb"
)

func square(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

// Four sites in a 10 x 10 square: each cell is one quarter. The fifth point
// duplicates the first and gets no cell of its own.
func ExampleCells() {
	pts := [][2]float64{{2, 2}, {8, 2}, {8, 8}, {2, 8}, {2, 2}}
	t, err := delaunay.Triangulate(pts)
	if err != nil {
		panic(err)
	}
	clip := orb.MultiPolygon{{square(0, 0, 10, 10)}}
	cells, err := voronoi.Cells(t, clip)
	if err != nil {
		panic(err)
	}
	for i, c := range cells {
		if c == nil {
			fmt.Printf("point %d: shares the cell of point %d\n", i, t.Rep[i])
			continue
		}
		fmt.Printf("point %d: area %.0f, valid %v\n", i, polygon.Area(c), polygon.Check(c) == nil)
	}
	// Output:
	// point 0: area 25, valid true
	// point 1: area 25, valid true
	// point 2: area 25, valid true
	// point 3: area 25, valid true
	// point 4: shares the cell of point 0
}

// A convex cell spanning the notch of a U-shaped region is cut into two
// pieces.
func ExampleClipConvex() {
	u := orb.MultiPolygon{{{{0, 0}, {6, 0}, {6, 6}, {4, 6}, {4, 2}, {2, 2}, {2, 6}, {0, 6}, {0, 0}}}}
	pieces := voronoi.ClipConvex(square(1, 3, 5, 5), u)
	for _, p := range pieces {
		fmt.Println(p[0])
	}
	// Output:
	// [[1 3] [2 3] [2 5] [1 5] [1 3]]
	// [[4 3] [5 3] [5 5] [4 5] [4 3]]
}

// Cells of a 3 x 3 grid: the eight outer cells dissolve into one polygon
// with a hole; two diagonal cells give two polygons touching at a corner.
func ExampleDissolve() {
	var cells []orb.MultiPolygon
	for y := range 3 {
		for x := range 3 {
			cells = append(cells, orb.MultiPolygon{{square(float64(x), float64(y), float64(x+1), float64(y+1))}})
		}
	}
	out := voronoi.Dissolve(cells, [][]int32{{0, 1, 2, 3, 5, 6, 7, 8}, {4}, {0, 4}})
	for g, mp := range out {
		fmt.Printf("group %d: %d polygon(s), %d ring(s) in the first, area %.0f\n", g, len(mp), len(mp[0]), polygon.Area(mp))
	}
	// Output:
	// group 0: 1 polygon(s), 2 ring(s) in the first, area 8
	// group 1: 1 polygon(s), 1 ring(s) in the first, area 1
	// group 2: 2 polygon(s), 1 ring(s) in the first, area 2
}
