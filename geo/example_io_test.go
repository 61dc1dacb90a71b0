package geo_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hubpart/hubpart/geo"
	"github.com/paulmach/orb"
)

func ExampleReadCSV() {
	const data = `code,name,lat,lon,patients
A81001,The Densham Surgery,54.561687,-1.318938,4100
A81002,"Queens Park Medical Centre, Stockton",54.569019,-1.313928,18917
`
	ps, err := geo.ReadCSV(strings.NewReader(data))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range ps {
		fmt.Printf("%s %q at %v: %d patients\n", p.Code, p.Name, p.Loc, p.Patients)
	}
	fmt.Println("total", geo.TotalPatients(ps))
	// Output:
	// A81001 "The Densham Surgery" at [-1.318938 54.561687]: 4100 patients
	// A81002 "Queens Park Medical Centre, Stockton" at [-1.313928 54.569019]: 18917 patients
	// total 23017
}

// Every problem is a *RecordError naming the line and the field; with
// AllErrors they come together as an ErrorList.
func ExampleReadCSV_allErrors() {
	const data = `practice_code,latitude,longitude,list_size
A1,54.5,-1.3,4100
A2,north,-1.3,900
A3,54.5,-1.3,12.5
A1,54.5,-1.3,100
`
	_, err := geo.ReadCSV(strings.NewReader(data), geo.AllErrors())
	var list geo.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Println(e)
		}
	}
	fmt.Println(errors.Is(err, geo.ErrNotNumber), errors.Is(err, geo.ErrLatRange))
	// Output:
	// geo: line 3 (code A2): field "lat": "north": not a number
	// geo: line 4 (code A3): field "patients": "12.5": not a whole number
	// geo: line 5 (code A1): field "code": "A1": duplicate code (first at line 2)
	// true false
}

// Postcodes have no list size: weigh each one 1.
func ExampleReadCSV_postcodes() {
	const data = "postcode,lat,lon,country\nAB101AA,57.148232,-2.096648,S92000003\n"
	ps, err := geo.ReadCSV(strings.NewReader(data),
		geo.ColumnAlias("code", "postcode"), geo.ConstantPatients(1), geo.KeepColumns("country"))
	fmt.Println(ps[0].Code, ps[0].Patients, ps[0].Attrs["country"], err)
	// Output:
	// AB101AA 1 S92000003 <nil>
}

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

func ExampleIndex_Nearest() {
	pts := []orb.Point{{-1.32, 54.56}, {-1.31, 54.57}, {-1.26, 54.54}, {179.9, 0}, {-179.9, 0}}
	ix := geo.NewIndex(pts)
	ix.Nearest(orb.Point{-1.3, 54.56}, 2, func(i int, metres float64) bool {
		fmt.Printf("point %d at %.0f m\n", i, metres)
		return true
	})
	// Neighbours across the antimeridian are found.
	ix.Nearest(orb.Point{180, 0}, 2, func(i int, metres float64) bool {
		fmt.Printf("point %d at %.0f m\n", i, metres)
		return true
	})
	// Output:
	// point 1 at 1285 m
	// point 0 at 1290 m
	// point 3 at 11120 m
	// point 4 at 11120 m
}
