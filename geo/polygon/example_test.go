package polygon_test

import (
	"fmt"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/paulmach/orb"
)

func square(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

func ExampleCheck() {
	bowTie := orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 4}, {2, 4}, {2, -1}, {1, -1}, {1, 4}, {0, 4}, {0, 0}}}}
	fmt.Println(polygon.Check(bowTie))
	fmt.Println(polygon.Check(orb.MultiPolygon{{square(0, 0, 1, 1)}}))
	// Output:
	// polygon: polygon 0 ring 0 vertex 0 and polygon 0 ring 0: polygon: ring edges cross or overlap
	// <nil>
}

func ExampleContains() {
	mp := orb.MultiPolygon{{square(0, 0, 4, 4), {{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}}}}
	fmt.Println(polygon.Contains(mp, orb.Point{3, 3}), polygon.Contains(mp, orb.Point{1.5, 1.5}), polygon.Contains(mp, orb.Point{4, 2}))
	// Output: true false true
}

// Locate tells the boundary apart from the inside.
func ExampleLocate() {
	mp := orb.MultiPolygon{{square(0, 0, 4, 4), {{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}}}}
	for _, p := range []orb.Point{{3, 3}, {1.5, 1.5}, {4, 2}, {1, 1.5}, {5, 5}} {
		fmt.Println(p, polygon.Locate(mp, p))
	}
	// Output:
	// [3 3] inside
	// [1.5 1.5] outside
	// [4 2] on boundary
	// [1 1.5] on boundary
	// [5 5] outside
}
