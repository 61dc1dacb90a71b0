package epcn

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors, testable with errors.Is.
var (
	ErrMissingColumn  = errors.New("epcn: missing column")
	ErrBlank          = errors.New("epcn: blank value")
	ErrDate           = errors.New("epcn: not a date (want YYYYMMDD or YYYY-MM-DD)")
	ErrEndBeforeStart = errors.New("epcn: relationship ends before it starts")
	ErrTwoPCNs        = errors.New("epcn: practice in two PCNs on the same date")
	ErrEmpty          = errors.New("epcn: no relationships")
	ErrFormat         = errors.New("epcn: unknown file type (want .csv or .xlsx)")
	ErrSheet          = errors.New("epcn: workbook has no PCN Core Partner Details sheet")
	ErrRagged         = errors.New("epcn: wrong number of fields")
)

// A RecordError is a problem with one row (or the header) of the file.
type RecordError struct {
	Line   int    // 1-based line (CSV) or row (xlsx) where the record starts
	Column string // header name as published, spacing collapsed; "" for the row
	Value  string
	Err    error
}

func (e *RecordError) Error() string {
	s := fmt.Sprintf("line %d", e.Line)
	if e.Column != "" {
		s += fmt.Sprintf(": column %q", e.Column)
	}
	if e.Value != "" {
		s += fmt.Sprintf(": %q", e.Value)
	}
	return s + ": " + e.Err.Error()
}

func (e *RecordError) Unwrap() error { return e.Err }

// A Membership is one practice-to-PCN relationship.
type Membership struct {
	Practice string    // ODS code of the practice (Partner Organisation Code)
	Name     string    // the practice's name (Partner Name); may be blank
	PCN      string    // ODS code of the PCN
	PCNName  string    // may be blank
	Start    time.Time // first day, UTC midnight
	End      time.Time // last day; zero while the relationship lasts
	Line     int       // where the row starts in the file
}

// ValidOn reports whether the relationship holds on date d (both ends
// inclusive; only d's calendar day counts).
func (m Membership) ValidOn(d time.Time) bool {
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	return !day.Before(m.Start) && (m.End.IsZero() || !day.After(m.End))
}

// Unallocated is the PCN code ODS gives practices in no PCN.
const Unallocated = "U"

// AsAt returns, for each practice in a PCN on date d, its relationship,
// keyed by practice code. Practices without one on d (or with the PCN code
// "U") are absent. Two relationships of one practice valid on d are
// ErrTwoPCNs, naming both lines.
func AsAt(ms []Membership, d time.Time) (map[string]Membership, error) {
	out := make(map[string]Membership)
	for _, m := range ms {
		if !m.ValidOn(d) || m.PCN == Unallocated {
			continue
		}
		if prev, ok := out[m.Practice]; ok && prev.PCN != m.PCN {
			return nil, &RecordError{Line: m.Line, Value: m.Practice,
				Err: fmt.Errorf("%w: %s (line %d) and %s on %s", ErrTwoPCNs, prev.PCN, prev.Line, m.PCN, d.Format(time.DateOnly))}
		}
		out[m.Practice] = m
	}
	return out, nil
}

// Names returns each practice's name as its latest relationship (by start
// date, then file order) gives it, keyed by practice code; practices whose
// rows have no name are absent.
func Names(ms []Membership) map[string]string {
	out := make(map[string]string)
	start := make(map[string]time.Time)
	for _, m := range ms {
		if m.Name == "" {
			continue
		}
		if s, ok := start[m.Practice]; !ok || !m.Start.Before(s) {
			out[m.Practice], start[m.Practice] = m.Name, m.Start
		}
	}
	return out
}

// ParseDate reads a date as the ePCN file writes it (YYYYMMDD), as
// YYYY-MM-DD, or as a spreadsheet serial day (days since 30 December 1899,
// a whole number below 100,000, as a workbook stores date cells).
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil && n > 0 && n < 100000 {
		return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n), nil
	}
	for _, layout := range []string{"20060102", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: %q", ErrDate, s)
}
