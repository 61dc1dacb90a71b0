package postcode_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/hubpart/hubpart/postcode"
)

func ExampleNormalize() {
	for _, s := range []string{"sr67ee", "AB101AA", "B1  1AA"} {
		n, _ := postcode.Normalize(s)
		fmt.Println(n)
	}
	// Output:
	// SR6 7EE
	// AB10 1AA
	// B1 1AA
}

// A postcode newer than the lookup falls back to its sector's centre.
func ExampleTable_Locate() {
	file := `postcode,lat,lon
FY1 9AB,53.800000,-3.040000
FY1 9AD,53.802000,-3.044000
`
	t, err := postcode.Read(context.Background(), strings.NewReader(file))
	if err != nil {
		log.Fatal(err)
	}
	for _, pc := range []string{"fy19ab", "FY1 9ZZ"} {
		m, err := t.Locate(pc)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %s %s, %.3f %.3f\n", pc, m.Level, m.Area, m.Point.Lat(), m.Point.Lon())
	}
	// Output:
	// fy19ab: postcode FY1 9AB, 53.800 -3.040
	// FY1 9ZZ: sector FY1 9, 53.801 -3.042
}
