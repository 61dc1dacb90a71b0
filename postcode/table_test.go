package postcode

import (
	"context"
	"errors"
	"math"
	"testing"
)

func TestLocate(t *testing.T) {
	tb, err := ReadFile(context.Background(), "testdata/simple.csv")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, pc  string
		level     Level
		area      string
		n         int
		lat, lon  float64
		wantError error
	}{
		{"exact", "fy1 1aa", Exact, "FY1 1AA", 1, 53.817260, -3.053912, nil},
		{"exact fixed seven", "AB101AA", Exact, "AB10 1AA", 1, 57.148232, -2.096648, nil},
		{"sector mean", "FY1 9ZZ", InSector, "FY1 9", 2, 53.801, -3.042, nil},
		// FY1 has FY1 1AA, FY1 2AA, FY1 9AB, FY1 9AD; FY10 is another district.
		{"district mean", "FY1 5AA", InDistrict, "FY1", 4, (53.817260 + 53.812 + 53.8 + 53.802) / 4, (-3.053912 - 3.05 - 3.04 - 3.044) / 4, nil},
		{"short district not confused with longer", "AB1 9ZZ", InDistrict, "AB1", 1, 57.101474, -2.242851, nil},
		{"listed without coordinates", "ZZ9 9ZZ", 0, "", 0, 0, 0, ErrNotFound},
		{"unknown district", "XX1 1AA", 0, "", 0, 0, 0, ErrNotFound},
		{"not a postcode", "hello", 0, "", 0, 0, 0, ErrInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := tb.Locate(c.pc)
			if c.wantError != nil {
				if !errors.Is(err, c.wantError) {
					t.Fatalf("Locate(%q) = %+v, %v; want %v", c.pc, m, err, c.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if m.Level != c.level || m.Area != c.area || m.Postcodes != c.n ||
				math.Abs(m.Point.Lat()-c.lat) > 1e-6 || math.Abs(m.Point.Lon()-c.lon) > 1e-6 {
				t.Errorf("Locate(%q) = %+v; want %v %q (%d) at %v, %v", c.pc, m, c.level, c.area, c.n, c.lat, c.lon)
			}
		})
	}
}

func TestLevelString(t *testing.T) {
	for l, want := range map[Level]string{Exact: "postcode", InSector: "sector", InDistrict: "district", 0: "Level(0)"} {
		if got := l.String(); got != want {
			t.Errorf("Level(%d).String() = %q, want %q", l, got, want)
		}
	}
}

func TestZeroTable(t *testing.T) {
	var tb Table
	if _, err := tb.Locate("FY1 9AB"); !errors.Is(err, ErrNotFound) {
		t.Errorf("zero table: %v, want ErrNotFound", err)
	}
}
