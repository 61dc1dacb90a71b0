package geo_test

import (
	"errors"
	"fmt"

	"github.com/hubpart/hubpart/geo"
	"github.com/paulmach/orb"
)

func ExampleDistance() {
	london := orb.Point{-0.1278, 51.5074}
	edinburgh := orb.Point{-3.1883, 55.9533}
	fmt.Printf("%.1f km\n", geo.Distance(london, edinburgh)/1000)
	// Across the antimeridian: one degree of longitude on the equator.
	fmt.Printf("%.1f km\n", geo.Distance(orb.Point{179.5, 0}, orb.Point{-179.5, 0})/1000)
	// Output:
	// 533.7 km
	// 111.2 km
}

func ExampleNewProjection() {
	pts := []orb.Point{{-1.5, 53}, {-1.5, 54}, {-0.5, 53.5}}
	p, err := geo.NewProjection(pts)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := p.Centre()
	fmt.Printf("centre %.4f, %.4f\n", c[0], c[1])
	for _, xy := range p.ForwardAll(pts) {
		fmt.Printf("%8.0f %8.0f\n", xy[0], xy[1])
	}
	back := p.Inverse(p.Forward(pts[0]))
	fmt.Printf("round trip %.9f, %.9f\n", back[0], back[1])

	// More than a hemisphere cannot be projected.
	_, err = geo.NewProjection([]orb.Point{{0, 0}, {100, 0}, {-100, 0}})
	fmt.Println(errors.Is(err, geo.ErrHemisphere))
	// Output:
	// centre -1.1667, 53.5009
	//   -22307   -55649
	//   -21787    55546
	//    44093      103
	// round trip -1.500000000, 53.000000000
	// true
}
