package input

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors. Readers never return them bare: each arrives inside a
// *RecordError (or an ErrorList of them) naming the line or feature and the
// field, so test with errors.Is for the kind and errors.As for the place.
var (
	ErrEmpty            = errors.New("input: no records")
	ErrMissingColumn    = errors.New("input: missing column")
	ErrAmbiguousColumn  = errors.New("input: more than one column for the same field")
	ErrNotNumber        = errors.New("input: not a number")
	ErrNegativePatients = errors.New("input: negative patient count")
	ErrDuplicateCode    = errors.New("input: duplicate code")
	ErrEmptyCode        = errors.New("input: empty code")
	ErrRagged           = errors.New("input: wrong number of fields")
	ErrSyntax           = errors.New("input: syntax error")
	ErrLineTooLong      = errors.New("input: line longer than 1 MiB")
	ErrNotPoint         = errors.New("input: geometry is not a Point")
	ErrNotPolygon       = errors.New("input: geometry is not a Polygon or MultiPolygon")
	ErrUnknownFormat    = errors.New("input: unknown file format")
	ErrOption           = errors.New("input: invalid read option")
	ErrTooManyProblems  = errors.New("input: too many problems")

	// ErrNotInteger reports a patient count that is a number but not a
	// whole one ("12.5"). It wraps ErrNotNumber, so errors.Is(err,
	// ErrNotNumber) also holds.
	ErrNotInteger error = &childError{"input: not a whole number", ErrNotNumber}
)

// childError is a sentinel that is also a special case of a broader one.
type childError struct {
	msg    string
	parent error
}

func (e *childError) Error() string { return e.msg }
func (e *childError) Unwrap() error { return e.parent }

// maxValueLen bounds RecordError.Value so one bad megabyte-long field does
// not end up in a log line.
const maxValueLen = 40

// A RecordError describes one problem with one input record: where it is
// (line or feature), which record (code), which field, the offending value
// and the kind of problem (Err, one of the sentinels above).
type RecordError struct {
	Line    int    // 1-based line in the file (CSV), 0 if not applicable
	Feature int    // 0-based feature index (GeoJSON), -1 if not applicable
	Code    string // the record's code when known
	Field   string // the field/column/property at fault ("lat", "patients", "header", ...)
	Value   string // offending value (truncated to ~40 chars)
	Err     error  // one of the sentinels

	// Dup is set for ErrDuplicateCode: the line (CSV) or feature index
	// (GeoJSON) of the earlier record carrying the same code.
	Dup int
}

// newRecordError builds a RecordError, truncating the value.
func newRecordError(line, feature int, code, field, value string, err error) *RecordError {
	return &RecordError{Line: line, Feature: feature, Code: truncate(code), Field: field, Value: truncate(value), Err: err}
}

// truncate shortens s to about maxValueLen bytes on a rune boundary.
func truncate(s string) string {
	if len(s) <= maxValueLen {
		return s
	}
	cut := maxValueLen
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// Error formats the problem, for example
// `input: line 12 (code A81001): field "lat": "abc": not a number`.
func (e *RecordError) Error() string {
	var b strings.Builder
	b.WriteString("input: ")
	switch {
	case e.Line > 0:
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(e.Line))
	case e.Feature >= 0:
		b.WriteString("feature ")
		b.WriteString(strconv.Itoa(e.Feature))
	default:
		b.WriteString("input")
	}
	if errors.Is(e.Err, ErrTooManyProblems) {
		fmt.Fprintf(&b, " on: %s more problems not listed", e.Value)
		return b.String()
	}
	if e.Code != "" {
		fmt.Fprintf(&b, " (code %s)", e.Code)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": field %q", e.Field)
	}
	if e.Value != "" || e.Field != "" && e.Field != "header" {
		fmt.Fprintf(&b, ": %q", e.Value)
	}
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(trimPrefix(e.Err.Error()))
	} else {
		b.WriteString("unknown problem")
	}
	if errors.Is(e.Err, ErrDuplicateCode) {
		if e.Line > 0 {
			fmt.Fprintf(&b, " (first at line %d)", e.Dup)
		} else {
			fmt.Fprintf(&b, " (first at feature %d)", e.Dup)
		}
	}
	return b.String()
}

// Unwrap returns the sentinel, so errors.Is(err, geo.ErrLatRange) works.
func (e *RecordError) Unwrap() error { return e.Err }

// maxProblems caps an ErrorList; problems beyond it are counted in one
// final entry whose Err is ErrTooManyProblems.
const maxProblems = 1000

// An ErrorList holds every problem found when reading with AllErrors, in
// input order. When more than 1000 problems were found the list holds the
// first 1000 and one last entry with Err == ErrTooManyProblems whose Value
// says how many more there were.
type ErrorList []*RecordError

// Error summarises the list: the count and the first few problems.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "input: no problems"
	case 1:
		return l[0].Error()
	}
	n := len(l)
	if last := l[n-1]; errors.Is(last.Err, ErrTooManyProblems) {
		if more, err := strconv.Atoi(last.Value); err == nil {
			n = n - 1 + more
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "input: %d problems: ", n)
	const show = 3
	for i, e := range l {
		if i == show {
			b.WriteString("; ...")
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(trimPrefix(e.Error()))
	}
	return b.String()
}

// Unwrap returns the entries, so errors.Is and errors.As see each of them.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// problems collects RecordErrors for one read: the first one only, or all
// of them (capped) when allErrors is set.
type problems struct {
	all     bool
	list    ErrorList
	more    int // problems past maxProblems
	moreAt  *RecordError
	stopped bool // first error recorded and !all
}

// add records e and reports whether reading should stop.
func (p *problems) add(e *RecordError) (stop bool) {
	if len(p.list) < maxProblems {
		p.list = append(p.list, e)
	} else {
		if p.more == 0 {
			p.moreAt = e
		}
		p.more++
	}
	if !p.all {
		p.stopped = true
	}
	return p.stopped
}

// err returns nil, the single first error, or the ErrorList.
func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	if !p.all {
		return p.list[0]
	}
	if p.more > 0 {
		p.list = append(p.list, &RecordError{
			Line: p.moreAt.Line, Feature: p.moreAt.Feature,
			Value: strconv.Itoa(p.more), Err: ErrTooManyProblems,
		})
	}
	return p.list
}

// trimPrefix drops the package prefix of a sentinel's message ("input: ",
// "geo: ") when it is quoted inside a message that has its own.
func trimPrefix(s string) string {
	for _, p := range []string{"input: ", "geo: "} {
		if t, ok := strings.CutPrefix(s, p); ok {
			return t
		}
	}
	return s
}
