package epcn

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hubpart/hubpart/internal/fixture"
)

func day(s string) time.Time {
	t, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReadCSVPublishedHeader(t *testing.T) {
	ms, err := ReadFile("testdata/partners.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 6 {
		t.Fatalf("%d relationships, want 6", len(ms))
	}
	first := ms[0]
	want := Membership{Practice: "C85628", Name: "CAXTON HOUSE SURGERY", PCN: "U16464", PCNName: "BARNSLEY PCN", Start: day("20191001"), End: day("20200831"), Line: 16}
	if first != want {
		t.Errorf("first = %+v\nwant    %+v", first, want)
	}
	if ms[4].Line != 20 || ms[4].Practice != "Y05363" {
		t.Errorf("row 5 = %+v, want Y05363 on line 20", ms[4])
	}
}

func TestAsAt(t *testing.T) {
	ms, err := ReadFile("testdata/partners.csv")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		date string
		want map[string]string // practice -> PCN
	}{
		{"2019-09-30", map[string]string{}},
		{"20191001", map[string]string{"C85628": "U16464", "C85024": "U16464", "C85026": "U16464"}},
		{"2020-08-31", map[string]string{"C85628": "U16464", "C85024": "U16464", "C85026": "U16464"}},
		{"2020-09-01", map[string]string{"C85628": "U99999", "C85024": "U16464", "C85026": "U16464"}},
		{"2020-10-19", map[string]string{"C85628": "U99999", "C85026": "U16464"}},
		{"2021-01-01", map[string]string{"C85628": "U99999", "C85026": "U16464", "Y05363": "U16464"}},
	}
	for _, c := range cases {
		t.Run(c.date, func(t *testing.T) {
			got, err := AsAt(ms, day(c.date))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Errorf("%d practices in PCNs, want %d: %v", len(got), len(c.want), got)
			}
			for p, pcn := range c.want {
				if got[p].PCN != pcn {
					t.Errorf("%s in %q, want %q", p, got[p].PCN, pcn)
				}
			}
		})
	}
}

func TestAsAtTwoPCNs(t *testing.T) {
	ms := []Membership{
		{Practice: "A1", PCN: "U1", Start: day("20190101"), Line: 2},
		{Practice: "A1", PCN: "U2", Start: day("20200101"), Line: 3},
	}
	if _, err := AsAt(ms, day("20191231")); err != nil {
		t.Fatalf("before the overlap: %v", err)
	}
	_, err := AsAt(ms, day("20200101"))
	var re *RecordError
	if !errors.Is(err, ErrTwoPCNs) || !errors.As(err, &re) || re.Line != 3 || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("err = %v; want ErrTwoPCNs naming lines 2 and 3", err)
	}
}

func TestReadErrors(t *testing.T) {
	const header = "Partner Organisation Code,PCN Code,PCN Name,\"Practice to PCN\nRelationship\nStart Date\",\"Practice to PCN\nRelationship\nEnd Date\"\n"
	cases := []struct {
		name, in string
		want     error
		line     int
		column   string
	}{
		{"empty", "", ErrEmpty, 0, ""},
		{"header only", header, ErrEmpty, 0, ""},
		{"no PCN code", "Partner Organisation Code,Practice to PCN Relationship Start Date\nA1,20200101\n", ErrMissingColumn, 1, "pcn code"},
		{"no start date", "Partner Organisation Code,PCN Code\nA1,U1\n", ErrMissingColumn, 1, "practice to pcn relationship start date"},
		{"blank practice", header + " ,U1,X,20200101,\n", ErrBlank, 6, "partner organisation code"},
		{"blank pcn", header + "A1,,X,20200101,\n", ErrBlank, 6, "pcn code"},
		{"bad start", header + "A1,U1,X,2020-13-01,\n", ErrDate, 6, "practice to pcn relationship start date"},
		{"bad end", header + "A1,U1,X,20200101,soon\n", ErrDate, 6, "practice to pcn relationship end date"},
		{"end before start", header + "A1,U1,X,20200101,20191231\n", ErrEndBeforeStart, 6, "practice to pcn relationship end date"},
		{"ragged", header + "A1,U1,X,20200101\n", ErrRagged, 6, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(c.in))
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v; want %v", err, c.want)
			}
			if c.line > 0 {
				var re *RecordError
				if !errors.As(err, &re) || re.Line != c.line || re.Column != c.column {
					t.Errorf("err = %v; want line %d column %q", err, c.line, c.column)
				}
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	cases := []struct {
		in   string
		want string
		ok   bool
	}{
		{"20210101", "2021-01-01", true},
		{" 2021-01-01 ", "2021-01-01", true},
		{"44197", "2021-01-01", true}, // spreadsheet serial day
		{"2021/01/01", "", false},
		{"", "", false},
		{"20211301", "", false},
	}
	for _, c := range cases {
		got, err := ParseDate(c.in)
		if (err == nil) != c.ok || (c.ok && got.Format(time.DateOnly) != c.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %s ok=%v", c.in, got, err, c.want, c.ok)
		}
		if !c.ok && !errors.Is(err, ErrDate) {
			t.Errorf("ParseDate(%q): %v, not ErrDate", c.in, err)
		}
	}
}

func TestReadFileUnknownType(t *testing.T) {
	if _, err := ReadFile("partners.ods"); !errors.Is(err, ErrFormat) {
		t.Errorf("err = %v; want ErrFormat", err)
	}
}

// The published CSV export (skips without ../shared): 7,359 relationships;
// on 1 January 2021, 6,587 practices were in a PCN and none in two.
func TestShared(t *testing.T) {
	ms, err := ReadFile(fixture.Shared(t, "england-2021/raw/ePCN_2022-04-27_csv/PCN_Core_Partner_Details.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 7359 {
		t.Errorf("%d relationships, want 7,359", len(ms))
	}
	at, err := AsAt(ms, day("2021-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	if len(at) != 6587 {
		t.Errorf("%d practices in a PCN on 2021-01-01, want 6,587", len(at))
	}
}

func TestNames(t *testing.T) {
	ms := []Membership{
		{Practice: "A1", Name: "OLD NAME", Start: day("20190101")},
		{Practice: "A1", Name: "NEW NAME", Start: day("20200101")},
		{Practice: "A1", Name: "", Start: day("20210101")},
		{Practice: "B2", Name: "", Start: day("20190101")},
	}
	got := Names(ms)
	if len(got) != 1 || got["A1"] != "NEW NAME" {
		t.Errorf("Names = %v, want A1: NEW NAME only", got)
	}
}
