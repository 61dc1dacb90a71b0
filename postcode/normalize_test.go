package postcode

import (
	"errors"
	"testing"
)

func TestNormalize(t *testing.T) {
	cases := []struct {
		name, in, want, sector, district string
	}{
		{"spaced", "FY1 9AB", "FY1 9AB", "FY1 9", "FY1"},
		{"compact", "fy19ab", "FY1 9AB", "FY1 9", "FY1"},
		{"fixed seven, long outward", "AB101AA", "AB10 1AA", "AB10 1", "AB10"},
		{"fixed seven, short outward", "B1  1AA", "B1 1AA", "B1 1", "B1"},
		{"tabs and padding", "\t sr6   7ee ", "SR6 7EE", "SR6 7", "SR6"},
		{"letter in outward", "EC1A 1BB", "EC1A 1BB", "EC1A 1", "EC1A"},
		{"girobank", "GIR 0AA", "GIR 0AA", "GIR 0", "GIR"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Normalize(c.in)
			if err != nil || got != c.want {
				t.Fatalf("Normalize(%q) = %q, %v; want %q", c.in, got, err, c.want)
			}
			if s, err := Sector(c.in); err != nil || s != c.sector {
				t.Errorf("Sector(%q) = %q, %v; want %q", c.in, s, err, c.sector)
			}
			if d, err := District(c.in); err != nil || d != c.district {
				t.Errorf("District(%q) = %q, %v; want %q", c.in, d, err, c.district)
			}
		})
	}
}

func TestNormalizeInvalid(t *testing.T) {
	cases := []struct{ name, in string }{
		{"empty", ""},
		{"spaces", "   "},
		{"too short", "A1 1A"},
		{"too long", "AB12C 1AA"},
		{"digit first", "1AB 1AA"},
		{"inward letter first", "FY1 A9B"},
		{"inward digit last", "FY1 9A1"},
		{"punctuation", "FY1-9AB"},
		{"non-ASCII", "FY1 9ÅB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got, err := Normalize(c.in); !errors.Is(err, ErrInvalid) {
				t.Errorf("Normalize(%q) = %q, %v; want ErrInvalid", c.in, got, err)
			}
		})
	}
}

// Keys keep sectors and districts contiguous: every postcode of "FY1"
// sorts before "FY10" and after "FY0".
func TestKeyOrder(t *testing.T) {
	order := []string{"FY0 9ZZ", "FY1 1AA", "FY1 9AB", "FY1 9ZZ", "FY10 1AA", "FY1A 1AA", "FYA 1AA", "G1 1AA"}
	var prev key
	for i, s := range order {
		k, ok := parseKey([]byte(s))
		if !ok {
			t.Fatalf("parseKey(%q) failed", s)
		}
		if i > 0 && k <= prev {
			t.Errorf("%q does not sort after %q", s, order[i-1])
		}
		if k.district() > k || k >= k.district()+districtW || k.sector() > k || k >= k.sector()+sectorW {
			t.Errorf("%q lies outside its own sector or district range", s)
		}
		prev = k
	}
	fy1, _ := parseKey([]byte("FY1 1AA"))
	fy10, _ := parseKey([]byte("FY10 1AA"))
	if fy10 < fy1.district()+districtW {
		t.Errorf("FY10 falls inside FY1's district range")
	}
}

func TestParseMicro(t *testing.T) {
	cases := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"57.148232", 57148232, true},
		{"-2.096648", -2096648, true},
		{"+0.5", 500000, true},
		{"53", 53000000, true},
		{"53.", 53000000, true},
		{".5", 500000, true},
		{"99.999999", onspdNoGridMicro, true},
		{"1.1234567", 0, false}, // seven places: strconv rounds it
		{"1e3", 0, false},
		{"", 0, false},
		{"-", 0, false},
		{".", 0, false},
		{"1.2.3", 0, false},
		{"1234567.123456", 0, false}, // 13 digits
		{"NaN", 0, false},
	}
	for _, c := range cases {
		got, ok := parseMicro([]byte(c.in))
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("parseMicro(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
