package postcode

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"strconv"
	"testing"
)

// FuzzNormalize checks that normalising is idempotent, that the canonical
// form survives the key round trip, and that Sector and District are
// prefixes of it.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"FY1 9AB", "fy19ab", "AB101AA", "B1  1AA", "EC1A 1BB", "", "1", "A1 1A", "ZZ99 3CZ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Normalize(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Normalize(%q): %v, not ErrInvalid", s, err)
			}
			return
		}
		again, err := Normalize(n)
		if err != nil || again != n {
			t.Fatalf("Normalize(%q) = %q but Normalize(%q) = %q, %v", s, n, n, again, err)
		}
		sec, _ := Sector(s)
		dis, _ := District(s)
		if len(sec) != len(n)-2 || n[:len(sec)] != sec || n[:len(dis)+1] != dis+" " {
			t.Fatalf("%q: sector %q, district %q are not prefixes of %q", s, sec, dis, n)
		}
	})
}

// FuzzRead checks that Read never panics, and that every postcode a table
// lists is found exactly where the table says.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"testdata/simple.csv", "testdata/onspd.csv", "testdata/codepoint.csv"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("postcode,lat,lon\n\"FY1 9AB\",53.8,-3.04\nFY19AB,53.8,-3.04\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := Read(context.Background(), bytes.NewReader(b))
		if err != nil {
			return
		}
		if tb.Len() == 0 {
			t.Fatal("empty table without error")
		}
		for i, e := range tb.e {
			if i > 0 && tb.e[i-1].k >= e.k {
				t.Fatalf("table not strictly sorted at %d", i)
			}
			m, err := tb.Locate(e.k.String())
			if err != nil || m.Level != Exact || m.Point != e.point() {
				t.Fatalf("Locate(%s) = %+v, %v; want exact at %v", e.k, m, err, e.point())
			}
		}
	})
}

// FuzzParseMicro checks the fast decimal reader against strconv.
func FuzzParseMicro(f *testing.F) {
	for _, s := range []string{"57.148232", "-2.096648", "+0.5", "53.", ".5", "1e3", "1.1234567"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := parseMicro([]byte(s))
		if !ok {
			return
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.Round(x*1e6) != float64(v) {
			t.Fatalf("parseMicro(%q) = %d; strconv gives %v, %v", s, v, x, err)
		}
	})
}
