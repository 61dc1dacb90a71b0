package input

import (
	"strings"
)

// columns maps record fields and kept attributes to CSV column indexes.
type columns struct {
	n        int // number of header fields
	code     int
	name     int // -1 if absent
	lat      int
	lon      int
	patients int // -1 with ConstantPatients
	postcode int // -1 unless LocateByPostcode found one; lat, lon may then be -1
	keep     []keptColumn
}

// keptColumn is one column copied into Practice.Attrs.
type keptColumn struct {
	key string // Attrs key
	col int
}

// resolveColumns matches the header against the field names, aliases and
// kept columns. Every problem found is passed to add (with Field "header"
// and Value the column name); ok is false if any was found.
func resolveColumns(header []string, line int, o *readOptions, add func(*RecordError) bool) (c columns, ok bool) {
	ok = true
	fail := func(value string, err error) {
		ok = false
		add(newRecordError(line, -1, "", "header", value, err))
	}
	lower := make([]string, len(header))
	for i, h := range header {
		lower[i] = strings.ToLower(strings.TrimSpace(h))
	}
	find := func(names ...string) []int {
		var idx []int
		for i, h := range lower {
			for _, n := range names {
				if h == n {
					idx = append(idx, i)
					break
				}
			}
		}
		return idx
	}
	c.n = len(header)
	used := make([]bool, len(header))
	pcCol, optionalLatLon, ambiguous := locateColumns(lower, o)
	c.postcode = pcCol
	if ambiguous != nil {
		var got []string
		for _, i := range ambiguous {
			got = append(got, strings.TrimSpace(header[i]))
		}
		fail(strings.Join(got, ","), ErrAmbiguousColumn)
	}
	if _, la := o.alias["lat"]; !la && o.postcodes == nil {
		if _, lo := o.alias["lon"]; !lo && len(find(defaultNames["lat"]...)) == 0 && len(find(defaultNames["lon"]...)) == 0 {
			if len(find(postcodeNames...)) > 0 {
				fail("lat", ErrNoCoordinates)
				return c, false
			}
		}
	}
	if optionalLatLon {
		_, la := o.alias["lat"]
		_, lo := o.alias["lon"]
		if !la && !lo && len(find(defaultNames["lat"]...)) != len(find(defaultNames["lon"]...)) {
			optionalLatLon = false // one without the other: report the missing one
		}
	}
	for _, f := range fields {
		_, aliased := o.alias[f]
		required := (f != "name" || aliased) && !(f == "patients" && o.constant) &&
			!((f == "lat" || f == "lon") && optionalLatLon && !aliased)
		col := -1
		if f == "patients" && o.constant {
			// The weight is constant; any patients column is ignored and
			// stays available to KeepAllColumns.
		} else {
			names := defaultNames[f]
			if a, isAlias := o.alias[f]; isAlias {
				names = []string{a}
			}
			switch idx := find(names...); {
			case len(idx) == 1:
				col = idx[0]
				used[col] = true
			case len(idx) > 1:
				var got []string
				for _, i := range idx {
					got = append(got, strings.TrimSpace(header[i]))
				}
				fail(strings.Join(got, ","), ErrAmbiguousColumn)
			case required:
				fail(names[0], ErrMissingColumn)
			}
		}
		switch f {
		case "code":
			c.code = col
		case "name":
			c.name = col
		case "lat":
			c.lat = col
		case "lon":
			c.lon = col
		case "patients":
			c.patients = col
		}
	}
	for _, k := range o.keep {
		switch idx := find(strings.ToLower(strings.TrimSpace(k))); {
		case len(idx) == 1:
			c.keep = append(c.keep, keptColumn{key: k, col: idx[0]})
		case len(idx) > 1:
			fail(k, ErrAmbiguousColumn)
		default:
			fail(k, ErrMissingColumn)
		}
	}
	if o.keepAll {
		seen := make(map[string]bool)
		for _, k := range c.keep {
			seen[strings.ToLower(strings.TrimSpace(k.key))] = true
		}
		for i, h := range header {
			if used[i] {
				continue
			}
			if idx := find(lower[i]); len(idx) > 1 {
				if idx[0] == i {
					fail(strings.TrimSpace(h), ErrAmbiguousColumn)
				}
				continue
			}
			if seen[lower[i]] {
				continue
			}
			seen[lower[i]] = true
			c.keep = append(c.keep, keptColumn{key: strings.TrimSpace(h), col: i})
		}
	}
	return c, ok
}
