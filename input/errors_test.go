package input

import (
	"errors"
	"fmt"
	"github.com/hubpart/hubpart/geo"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRecordErrorMessage(t *testing.T) {
	cases := []struct {
		name string
		err  *RecordError
		want string
	}{
		{"csv field", &RecordError{Line: 12, Feature: -1, Code: "A81001", Field: "lat", Value: "abc", Err: ErrNotNumber},
			`input: line 12 (code A81001): field "lat": "abc": not a number`},
		{"empty value", &RecordError{Line: 3, Feature: -1, Field: "lon", Err: ErrNotNumber},
			`input: line 3: field "lon": "": not a number`},
		{"header", &RecordError{Line: 1, Feature: -1, Field: "header", Value: "patients", Err: ErrMissingColumn},
			`input: line 1: field "header": "patients": missing column`},
		{"empty file", &RecordError{Line: 1, Feature: -1, Field: "header", Err: ErrEmpty},
			`input: line 1: field "header": no records`},
		{"ragged", &RecordError{Line: 7, Feature: -1, Value: "3 fields, header has 5", Err: ErrRagged},
			`input: line 7: "3 fields, header has 5": wrong number of fields`},
		{"feature", &RecordError{Feature: 4, Code: "X", Field: "geometry", Value: "Polygon", Err: ErrNotPoint},
			`input: feature 4 (code X): field "geometry": "Polygon": geometry is not a Point`},
		{"feature duplicate", &RecordError{Feature: 9, Code: "X", Field: "code", Value: "X", Err: ErrDuplicateCode, Dup: 2},
			`input: feature 9 (code X): field "code": "X": duplicate code (first at feature 2)`},
		{"nowhere", &RecordError{Feature: -1, Err: geo.ErrHemisphere},
			`input: input: points span more than a hemisphere`},
		{"too many", &RecordError{Line: 1002, Feature: -1, Value: "234", Err: ErrTooManyProblems},
			`input: line 1002 on: 234 more problems not listed`},
		{"child sentinel", &RecordError{Line: 2, Feature: -1, Field: "patients", Value: "1.5", Err: ErrNotInteger},
			`input: line 2: field "patients": "1.5": not a whole number`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if !errors.Is(tc.err, tc.err.Err) {
				t.Errorf("errors.Is(err, its sentinel) = false")
			}
		})
	}
}

func TestNotIntegerIsNotNumber(t *testing.T) {
	if !errors.Is(ErrNotInteger, ErrNotNumber) {
		t.Error("ErrNotInteger does not wrap ErrNotNumber")
	}
	if errors.Is(ErrNotNumber, ErrNotInteger) {
		t.Error("ErrNotNumber claims to be ErrNotInteger")
	}
	wrapped := fmt.Errorf("reading: %w", newRecordError(2, -1, "A", "patients", "1.5", ErrNotInteger))
	var re *RecordError
	if !errors.Is(wrapped, ErrNotNumber) || !errors.As(wrapped, &re) || re.Line != 2 {
		t.Errorf("wrapped %v lost its identity", wrapped)
	}
}

func TestTruncate(t *testing.T) {
	cases := []struct {
		name string
		in   string
	}{
		{"short", "abc"},
		{"exactly the limit", strings.Repeat("x", maxValueLen)},
		{"long ascii", strings.Repeat("x", 1000)},
		{"long multibyte", strings.Repeat("é", 100)},
		{"multibyte at the cut", strings.Repeat("x", maxValueLen-1) + "€€€"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := truncate(tc.in)
			if len(tc.in) <= maxValueLen {
				if got != tc.in {
					t.Errorf("short value changed: %q", got)
				}
				return
			}
			if !utf8.ValidString(got) || !strings.HasSuffix(got, "…") || len(got) > maxValueLen+len("…") {
				t.Errorf("truncate(%d bytes) = %q", len(tc.in), got)
			}
			if !strings.HasPrefix(tc.in, strings.TrimSuffix(got, "…")) {
				t.Errorf("truncation %q is not a prefix", got)
			}
		})
	}
	long := newRecordError(5, -1, strings.Repeat("C", 100), "code", strings.Repeat("v", 5000), ErrEmptyCode)
	if len(long.Error()) > 200 {
		t.Errorf("message of %d bytes for a long value", len(long.Error()))
	}
}

func TestErrorList(t *testing.T) {
	list := ErrorList{
		newRecordError(2, -1, "A", "lat", "x", ErrNotNumber),
		newRecordError(3, -1, "B", "lon", "200", geo.ErrLonRange),
	}
	if got, want := list.Error(), `input: 2 problems: line 2 (code A): field "lat": "x": not a number; line 3 (code B): field "lon": "200": longitude outside [-180, 180]`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if !errors.Is(list, geo.ErrLonRange) || errors.Is(list, geo.ErrLatRange) {
		t.Error("errors.Is does not see the entries")
	}
	var one ErrorList = list[:1]
	if one.Error() != list[0].Error() {
		t.Errorf("single-entry list says %q", one.Error())
	}
	if (ErrorList{}).Error() != "input: no problems" {
		t.Error("empty list message")
	}
}
