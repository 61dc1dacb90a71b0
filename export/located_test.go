package export

import (
	"fmt"
	"testing"

	"github.com/hubpart/hubpart/input"
)

// Every practice says how it was located; a kept column of the same name is
// renamed rather than written twice.
func TestLocatedProps(t *testing.T) {
	cases := []struct {
		name  string
		p     input.Practice
		attrs []Property
		want  string
	}{
		{"coordinates", input.Practice{}, nil, "[{located coordinates}]"},
		{"by postcode", input.Practice{Postcode: "FY1 9AB", Located: input.BySector},
			[]Property{{"pcn_code", "U1"}}, "[{located sector} {postcode FY1 9AB} {pcn_code U1}]"},
		{"kept located renamed", input.Practice{Located: input.ByPostcode, Postcode: "FY1 9AB"},
			[]Property{{"located", "x"}, {"postcode", "y"}}, "[{located postcode} {postcode FY1 9AB} {input_located x} {input_postcode y}]"},
		{"kept postcode kept when none read", input.Practice{},
			[]Property{{"postcode", "B1 1AA"}}, "[{located coordinates} {postcode B1 1AA}]"},
	}
	for _, c := range cases {
		if got := fmt.Sprint(locatedProps(c.p, c.attrs)); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
