package postcode

import (
	"fmt"
	"slices"

	"github.com/paulmach/orb"
)

// A Level says how precisely a postcode was located.
type Level uint8

// The levels, most precise first.
const (
	Exact      Level = iota + 1 // the postcode itself is listed
	InSector                    // the mean of the listed postcodes of its sector
	InDistrict                  // the mean of the listed postcodes of its district
)

// String returns "postcode", "sector" or "district", the words used in the
// located column of hubpart's outputs.
func (l Level) String() string {
	switch l {
	case Exact:
		return "postcode"
	case InSector:
		return "sector"
	case InDistrict:
		return "district"
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

// A Match is where Table.Locate put a postcode.
type Match struct {
	Point orb.Point // [lon, lat], degrees
	Level Level
	// Area is what was found: the canonical postcode ("FY1 9AB"), its sector
	// ("FY1 9") or its district ("FY1").
	Area string
	// Postcodes is how many listed postcodes the point is the mean of
	// (1 for Exact).
	Postcodes int
}

// An entry is one listed postcode: its key and location in millionths of a
// degree.
type entry struct {
	k        key
	lat, lon int32
}

// A Table maps postcodes to locations. It is immutable once read and safe
// for concurrent use. The zero Table is empty.
type Table struct {
	e       []entry // sorted by key, unique
	skipped int
	format  Format
}

// Len returns the number of postcodes listed.
func (t *Table) Len() int { return len(t.e) }

// Skipped returns the number of rows of the file that had no coordinates
// (ONS's "no grid reference", Code-Point's 0, 0, or blank) and were left out.
func (t *Table) Skipped() int { return t.skipped }

// Format returns the kind of file the table was read from.
func (t *Table) Format() Format { return t.format }

// Locate finds the postcode pc (written in any case and spacing). When pc
// is not listed, it returns the mean location of the listed postcodes in
// its sector, failing that in its district. It fails with ErrInvalid when
// pc is not a postcode and ErrNotFound when neither its sector nor its
// district has a listed postcode. Cost: O(log n) plus the size of the
// sector or district averaged.
func (t *Table) Locate(pc string) (Match, error) {
	k, ok := parseKey([]byte(pc))
	if !ok {
		return Match{}, fmt.Errorf("%w: %q", ErrInvalid, pc)
	}
	if i, found := t.find(k); found {
		return Match{Point: t.e[i].point(), Level: Exact, Area: k.String(), Postcodes: 1}, nil
	}
	if p, n := t.mean(k.sector(), sectorW); n > 0 {
		return Match{Point: p, Level: InSector, Area: k.sectorString(), Postcodes: n}, nil
	}
	if p, n := t.mean(k.district(), districtW); n > 0 {
		return Match{Point: p, Level: InDistrict, Area: k.outward(), Postcodes: n}, nil
	}
	return Match{}, fmt.Errorf("%w: %s", ErrNotFound, k.String())
}

func (t *Table) find(k key) (int, bool) {
	return slices.BinarySearchFunc(t.e, k, func(e entry, k key) int {
		switch {
		case e.k < k:
			return -1
		case e.k > k:
			return 1
		}
		return 0
	})
}

// mean returns the mean location of the listed keys in [lo, lo+width) and
// their number.
func (t *Table) mean(lo key, width uint64) (orb.Point, int) {
	i, _ := t.find(lo)
	hi := lo + key(width)
	var sLat, sLon int64
	n := 0
	for ; i < len(t.e) && t.e[i].k < hi; i++ {
		sLat += int64(t.e[i].lat)
		sLon += int64(t.e[i].lon)
		n++
	}
	if n == 0 {
		return orb.Point{}, 0
	}
	return orb.Point{float64(sLon) / float64(n) / 1e6, float64(sLat) / float64(n) / 1e6}, n
}

func (e entry) point() orb.Point {
	return orb.Point{float64(e.lon) / 1e6, float64(e.lat) / 1e6}
}
