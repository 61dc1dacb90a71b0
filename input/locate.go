package input

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hubpart/hubpart/postcode"
)

// Located says where a practice's location came from.
type Located uint8

// The ways a practice is located. The zero value means the input gave
// coordinates.
const (
	ByCoordinates Located = iota // the input's lat and lon (or geometry)
	ByPostcode                   // its postcode, found in the lookup
	BySector                     // the centre of its postcode sector ("FY1 9")
	ByDistrict                   // the centre of its postcode district ("FY1")
)

// String returns the word written in the located column of the outputs:
// "coordinates", "postcode", "sector" or "district".
func (l Located) String() string {
	switch l {
	case ByCoordinates:
		return "coordinates"
	case ByPostcode:
		return "postcode"
	case BySector:
		return "sector"
	case ByDistrict:
		return "district"
	}
	return fmt.Sprintf("Located(%d)", uint8(l))
}

// Fallback reports whether the practice was placed at a sector or
// district centre rather than at its own postcode or coordinates.
func (l Located) Fallback() bool { return l == BySector || l == ByDistrict }

// postcodeNames are the column names LocateByPostcode looks for, lower
// case, by preference.
var postcodeNames = []string{"postcode", "pcds", "post_code", "practice_postcode"}

// LocateByPostcode makes ReadCSV locate practices that have no coordinates
// by their postcode (a column named postcode, pcds, post_code or
// practice_postcode, or as set with ColumnAlias("postcode", ...)), using
// the lookup t: a practice is located when the file has no lat and lon
// columns at all, or when both its lat and lon cells are blank. A postcode
// missing from t falls back to the centre of its sector, then of its
// district; Practice.Located says which. Practice.Postcode is filled for
// every row, in canonical form ("FY1 9AB") when it is a postcode.
//
// Practices that cannot be located at all (no postcode, not a postcode,
// nor its sector or district in t) are not dropped: the read fails with an
// *UnlocatedError listing every one of them.
func LocateByPostcode(t *postcode.Table) ReadOption {
	return func(o *readOptions) {
		if t == nil {
			o.setOptErr(newRecordError(0, -1, "", "LocateByPostcode", "nil table", ErrOption))
			return
		}
		o.postcodes = t
	}
}

// ErrNotLocated is wrapped by *UnlocatedError.
var ErrNotLocated = errors.New("input: practices cannot be located")

// ErrNoCoordinates reports a file without lat and lon columns read without
// a postcode lookup; it arrives inside a *RecordError for the header.
var ErrNoCoordinates = errors.New("input: no lat and lon columns (give a postcode lookup to locate practices by their postcode column)")

// An Unlocated practice is one LocateByPostcode could not place.
type Unlocated struct {
	Line     int
	Code     string
	Postcode string // as written in the file
	Err      error  // postcode.ErrInvalid or postcode.ErrNotFound
}

// An UnlocatedError lists every practice of a read that could not be
// located, in file order. It wraps ErrNotLocated.
type UnlocatedError struct {
	Practices []Unlocated
}

func (e *UnlocatedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "input: %d practice", len(e.Practices))
	if len(e.Practices) != 1 {
		b.WriteString("s")
	}
	b.WriteString(" cannot be located by postcode (not in the lookup, nor their sector or district): ")
	for i, u := range e.Practices {
		if i > 0 {
			b.WriteString("; ")
		}
		pc := u.Postcode
		if strings.TrimSpace(pc) == "" {
			pc = "no postcode"
		} else if errors.Is(u.Err, postcode.ErrInvalid) {
			pc = fmt.Sprintf("%q is not a postcode", pc)
		}
		fmt.Fprintf(&b, "%s (line %d, %s)", u.Code, u.Line, pc)
	}
	return b.String()
}

func (e *UnlocatedError) Unwrap() error { return ErrNotLocated }

// locateColumns finds the postcode column when LocateByPostcode is set,
// and relaxes lat and lon: it is called by resolveColumns before the
// fields are matched. It returns the column (-1 if none) and whether lat
// and lon may be absent.
func locateColumns(lower []string, o *readOptions) (col int, optionalLatLon bool, ambiguous []int) {
	if o.postcodes == nil {
		return -1, false, nil
	}
	names := postcodeNames
	if a, ok := o.alias["postcode"]; ok {
		names = []string{a}
	}
	for _, n := range names {
		var idx []int
		for i, h := range lower {
			if h == n {
				idx = append(idx, i)
			}
		}
		switch {
		case len(idx) > 1:
			return -1, false, idx
		case len(idx) == 1:
			return idx[0], true, nil
		}
	}
	return -1, false, nil
}

// locate places one practice by its postcode.
func (o *readOptions) locate(pc string) (Practice, error) {
	m, err := o.postcodes.Locate(pc)
	if err != nil {
		return Practice{}, err
	}
	var l Located
	switch m.Level {
	case postcode.Exact:
		l = ByPostcode
	case postcode.InSector:
		l = BySector
	default:
		l = ByDistrict
	}
	return Practice{Loc: m.Point, Located: l}, nil
}
