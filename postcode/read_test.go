package postcode

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/hubpart/hubpart/internal/fixture"
)

func readString(t *testing.T, s string) (*Table, error) {
	t.Helper()
	return Read(context.Background(), strings.NewReader(s))
}

func TestReadFormats(t *testing.T) {
	cases := []struct {
		file     string
		format   Format
		n, skip  int
		pc       string
		lat, lon float64
		tol      float64 // degrees
	}{
		{"testdata/simple.csv", Simple, 8, 1, "ab10 1aa", 57.148232, -2.096648, 0},
		{"testdata/onspd.csv", ONSPD, 2, 1, "SR67EE", 54.934125, -1.373588, 0},
		// BLAC: OS's published ETRS89 position of the grid reference
		// (331534.552, 431920.792); the file rounds it to the metre.
		{"testdata/codepoint.csv", CodePoint, 3, 1, "FY1 1AA", 53.77911025694444, -3.040454906944444, 0.0001},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			tb, err := ReadFile(context.Background(), c.file)
			if err != nil {
				t.Fatal(err)
			}
			if tb.Format() != c.format || tb.Len() != c.n || tb.Skipped() != c.skip {
				t.Errorf("format %v, %d postcodes, %d skipped; want %v, %d, %d", tb.Format(), tb.Len(), tb.Skipped(), c.format, c.n, c.skip)
			}
			m, err := tb.Locate(c.pc)
			if err != nil {
				t.Fatal(err)
			}
			if m.Level != Exact || math.Abs(m.Point.Lat()-c.lat) > c.tol+1e-9 || math.Abs(m.Point.Lon()-c.lon) > c.tol+1e-9 {
				t.Errorf("Locate(%q) = %+v; want exact at %v, %v", c.pc, m, c.lat, c.lon)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	cases := []struct {
		name, in string
		want     error
		line     int
		field    string
	}{
		{"empty", "", ErrEmpty, 0, ""},
		{"header only", "postcode,lat,lon\n", ErrEmpty, 0, ""},
		{"only no-coordinate rows", "postcode,lat,lon\nFY1 9AB,,\n", ErrEmpty, 0, ""},
		{"no postcode column", "code,lat,lon\nA,1,2\n", ErrFormat, 1, "header"},
		{"no coordinates", "postcode,country\nFY1 9AB,E\n", ErrFormat, 1, "header"},
		{"bad postcode", "postcode,lat,lon\nFY1 9AB,53,-3\nNOTAPC,53,-3\n", ErrInvalid, 3, "postcode"},
		{"bad lat", "postcode,lat,lon\n\nFY1 9AB,x,-3\n", ErrCoordinate, 3, "lat"},
		{"lat out of range", "pcds,lat,long\nFY1 9AB,91,-3\n", ErrCoordinate, 2, "lat"},
		{"lon out of range", "pcds,lat,long\nFY1 9AB,53,-181\n", ErrCoordinate, 2, "long"},
		{"nan", "postcode,lat,lon\nFY1 9AB,NaN,-3\n", ErrCoordinate, 2, "lat"},
		{"ragged", "postcode,lat,lon\nFY1 9AB,53\n", ErrRagged, 2, ""},
		{"unbalanced quote", "postcode,lat,lon\n\"FY1 9AB,53,-3\n", ErrSyntax, 2, ""},
		{"off the grid", "\"FY1 1AA\",10,800000,431920,\"E92000001\"\n", ErrCoordinate, 1, "eastings"},
		{"duplicate elsewhere", "postcode,lat,lon\nFY1 9AB,53,-3\nFY19AB,54,-3\n", ErrDuplicate, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := readString(t, c.in)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v; want %v", err, c.want)
			}
			var re *RecordError
			if c.line > 0 {
				if !errors.As(err, &re) || re.Line != c.line || re.Field != c.field {
					t.Errorf("err = %v; want line %d field %q", err, c.line, c.field)
				}
			}
		})
	}
}

func TestReadDuplicateSamePlaceKeptOnce(t *testing.T) {
	tb, err := readString(t, "postcode,lat,lon\nFY1 9AB,53.8,-3.04\n\"FY19AB\",53.8,-3.04\r\n")
	if err != nil || tb.Len() != 1 {
		t.Fatalf("got %v postcodes, %v; want 1", tb.Len(), err)
	}
}

// Line numbers stay right across the chunks parsed in parallel.
func TestReadLineNumbersAcrossChunks(t *testing.T) {
	var b strings.Builder
	b.WriteString("postcode,lat,lon\n")
	const rows = 120000 // several chunks
	for i := 0; i < rows; i++ {
		d := i % 10
		b.WriteString("FY" + string(rune('1'+i/10000%9)) + " " + string(rune('0'+d)) + string(rune('A'+i/10%26)) + string(rune('A'+i/260%26)) + ",53.8,-3.04\n")
	}
	b.WriteString("FY1 9AB,53.8,oops\n")
	_, err := readString(t, b.String())
	var re *RecordError
	if !errors.As(err, &re) || re.Line != rows+2 || re.Field != "lon" {
		t.Fatalf("err = %v; want line %d field lon", err, rows+2)
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Read(ctx, strings.NewReader("postcode,lat,lon\nFY1 9AB,53.8,-3.04\n"))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v; want context.Canceled", err)
	}
}

// All 1.7 million GB postcodes of 2014 (skips without ../shared).
func TestReadShared(t *testing.T) {
	path := fixture.Postcodes(t)
	if testing.Short() {
		t.Skip("1.7M postcodes: skipped with -short")
	}
	tb, err := ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if tb.Len() != 1684685 || tb.Skipped() != 0 || tb.Format() != Simple {
		t.Errorf("%d postcodes, %d skipped, %v; want 1,684,685, 0, simple", tb.Len(), tb.Skipped(), tb.Format())
	}
	for _, pc := range []string{"SR6 7EE", "AB10 1AA", "ab101aa"} {
		if m, err := tb.Locate(pc); err != nil || m.Level != Exact {
			t.Errorf("Locate(%q) = %+v, %v; want exact", pc, m, err)
		}
	}
}
