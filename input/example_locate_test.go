package input_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/postcode"
)

// NHS Digital's list-size file has postcodes but no coordinates: a postcode
// lookup places each practice, at its sector's centre when its postcode is
// newer than the lookup.
func ExampleLocateByPostcode() {
	lookup, err := postcode.Read(context.Background(), strings.NewReader(`postcode,lat,lon
FY1 9BS,53.818782,-3.051657
NE657UW,55.309097,-1.911657
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	const listSize = `CODE,POSTCODE,NUMBER_OF_PATIENTS
A84002,NE65 7UW,5903
Y05788,FY1 9NP,206
`
	ps, err := input.ReadCSV(context.Background(), strings.NewReader(listSize), input.LocateByPostcode(lookup))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range ps {
		fmt.Printf("%s %s: %s at %v\n", p.Code, p.Postcode, p.Located, p.Loc)
	}
	// Output:
	// A84002 NE65 7UW: postcode at [-1.911657 55.309097]
	// Y05788 FY1 9NP: sector at [-3.051657 53.818782]
}
