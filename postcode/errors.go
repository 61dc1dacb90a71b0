package postcode

import (
	"errors"
	"fmt"
)

// Sentinel errors, testable with errors.Is.
var (
	ErrInvalid    = errors.New("postcode: not a postcode")
	ErrNotFound   = errors.New("postcode: not found, nor its sector or district")
	ErrFormat     = errors.New("postcode: unrecognised file (want a header with a postcode column and lat/long or eastings/northings, or Code-Point Open rows)")
	ErrCoordinate = errors.New("postcode: bad coordinate")
	ErrRagged     = errors.New("postcode: wrong number of fields")
	ErrSyntax     = errors.New("postcode: CSV syntax error")
	ErrDuplicate  = errors.New("postcode: listed twice at different places")
	ErrEmpty      = errors.New("postcode: no postcodes")
)

// A RecordError is a problem with one row of a postcode file.
type RecordError struct {
	Line  int    // 1-based line number
	Field string // column name, or "" for the whole row
	Value string // the offending value
	Err   error  // one of the sentinels above
}

func (e *RecordError) Error() string {
	s := fmt.Sprintf("line %d", e.Line)
	if e.Field != "" {
		s += fmt.Sprintf(": field %q", e.Field)
	}
	if e.Value != "" {
		s += fmt.Sprintf(": %q", e.Value)
	}
	return s + ": " + e.Err.Error()
}

func (e *RecordError) Unwrap() error { return e.Err }
