package osgb_test

import (
	"fmt"

	"github.com/hubpart/hubpart/geo/osgb"
)

// A Code-Point Open record gives a postcode's position as National Grid
// eastings and northings; ToWGS84 turns it into longitude and latitude.
func ExampleToWGS84() {
	p := osgb.ToWGS84(651409.792, 313177.448)           // Caister water tower
	fmt.Printf("lat %.5f lon %.5f\n", p.Lat(), p.Lon()) // OS: 52.65801, 1.71607 (3.5 m away)
	// Output: lat 52.65798 lon 1.71605
}
