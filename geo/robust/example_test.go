package robust_test

import (
	"fmt"

	"github.com/hubpart/hubpart/geo/robust"
)

func ExampleOrient2D() {
	a, b := [2]float64{0, 0}, [2]float64{1, 1}
	fmt.Println(robust.Orient2D(a, b, [2]float64{0, 1}) == robust.CounterClockwise)
	fmt.Println(robust.Orient2D(a, b, [2]float64{1, 0}) == robust.Clockwise)
	fmt.Println(robust.Orient2D(a, b, [2]float64{3, 3}) == robust.Collinear)
	// Output:
	// true
	// true
	// true
}

func ExampleInCircle() {
	a, b, c := [2]float64{0, 0}, [2]float64{1, 0}, [2]float64{0, 1}
	fmt.Println(robust.InCircle(a, b, c, [2]float64{0.5, 0.5}) == robust.Inside)
	fmt.Println(robust.InCircle(a, b, c, [2]float64{1, 1}) == robust.Cocircular)
	fmt.Println(robust.InCircle(a, b, c, [2]float64{2, 2}) == robust.Outside)
	// Output:
	// true
	// true
	// true
}
