package input_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/input"
)

func ExampleReadCSV() {
	const data = `code,name,lat,lon,patients
A81001,The Densham Surgery,54.561687,-1.318938,4100
A81002,"Queens Park Medical Centre, Stockton",54.569019,-1.313928,18917
`
	ps, err := input.ReadCSV(context.Background(), strings.NewReader(data))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range ps {
		fmt.Printf("%s %q at %v: %d patients\n", p.Code, p.Name, p.Loc, p.Patients)
	}
	fmt.Println("total", input.TotalPatients(ps))
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
	_, err := input.ReadCSV(context.Background(), strings.NewReader(data), input.AllErrors())
	var list input.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Println(e)
		}
	}
	fmt.Println(errors.Is(err, input.ErrNotNumber), errors.Is(err, geo.ErrLatRange))
	// Output:
	// input: line 3 (code A2): field "lat": "north": not a number
	// input: line 4 (code A3): field "patients": "12.5": not a whole number
	// input: line 5 (code A1): field "code": "A1": duplicate code (first at line 2)
	// true false
}

// Postcodes have no list size: weigh each one 1.
func ExampleReadCSV_postcodes() {
	const data = "postcode,lat,lon,country\nAB101AA,57.148232,-2.096648,S92000003\n"
	ps, err := input.ReadCSV(context.Background(), strings.NewReader(data),
		input.ColumnAlias("code", "postcode"), input.ConstantPatients(1), input.KeepColumns("country"))
	fmt.Println(ps[0].Code, ps[0].Patients, ps[0].Attrs["country"], err)
	// Output:
	// AB101AA 1 S92000003 <nil>
}
