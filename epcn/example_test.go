package epcn_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/hubpart/hubpart/epcn"
)

// Which PCN was each practice in on 1 January 2021? C85628 moved PCN in
// September 2020; C85024 had left its PCN by then.
func ExampleAsAt() {
	sheet := `"Partner
Organisation
Code",PCN Code,PCN Name,"Practice to PCN
Relationship
Start Date","Practice to PCN
Relationship
End Date"
C85628,U16464,BARNSLEY PCN,20191001,20200831
C85628,U99999,NORTH BARNSLEY PCN,20200901,
C85024,U16464,BARNSLEY PCN,20191001,20201018
`
	ms, err := epcn.ReadCSV(strings.NewReader(sheet))
	if err != nil {
		log.Fatal(err)
	}
	date, _ := epcn.ParseDate("2021-01-01")
	at, err := epcn.AsAt(ms, date)
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range []string{"C85628", "C85024"} {
		m, ok := at[p]
		fmt.Printf("%s: %q %v\n", p, m.PCN, ok)
	}
	// Output:
	// C85628: "U99999" true
	// C85024: "" false
}
