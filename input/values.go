package input

import (
	"errors"
	"github.com/hubpart/hubpart/geo"
	"math"
	"strconv"
	"strings"
	"unsafe"
)

// parseFloat parses a coordinate. It returns ErrNotNumber for text that is
// not a number and geo.ErrNonFinite for NaN, ±Inf and values overflowing a
// float64. Surrounding spaces are not accepted: nothing is silently changed.
func parseFloat(s string) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
			if math.IsInf(f, 0) {
				return 0, geo.ErrNonFinite
			}
			return f, nil // underflow to zero: an ordinary rounding
		}
		return 0, ErrNotNumber
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, geo.ErrNonFinite
	}
	return f, nil
}

// parseLat parses a latitude in degrees, within [-90, 90].
func parseLat(s string) (float64, error) {
	f, err := parseFloat(s)
	if err != nil {
		return 0, err
	}
	return f, geo.CheckLat(f)
}

// parseLon parses a longitude in degrees, within [-180, 180].
func parseLon(s string) (float64, error) {
	f, err := parseFloat(s)
	if err != nil {
		return 0, err
	}
	return f, geo.CheckLon(f)
}

// parseCount parses a patient count: a base-10 integer, optionally signed,
// with no separators or spaces. "12.5" gives ErrNotInteger, "1,234" and
// "abc" give ErrNotNumber, "-3" gives ErrNegativePatients.
func parseCount(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		if f, ferr := parseFloat(s); ferr == nil && f == math.Trunc(f) && isIntegerLiteral(s) {
			// A whole number too large for int64.
			return 0, ErrNotNumber
		} else if ferr == nil {
			return 0, ErrNotInteger
		}
		return 0, ErrNotNumber
	}
	if n < 0 {
		return 0, ErrNegativePatients
	}
	return n, nil
}

// isIntegerLiteral reports whether s is an optional sign and digits only.
func isIntegerLiteral(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isBlank reports whether s is empty or white space only.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// arena copies many short strings into shared blocks, so a reader does not
// make one allocation per code. Blocks are append-only: bytes, once
// handed out, are never written again, which keeps the strings immutable.
type arena struct {
	buf []byte
}

const arenaBlock = 64 << 10

// str returns a copy of s that does not alias s.
func (a *arena) str(s string) string {
	if len(s) == 0 {
		return ""
	}
	if len(s) > arenaBlock/16 {
		return strings.Clone(s)
	}
	if cap(a.buf)-len(a.buf) < len(s) {
		a.buf = make([]byte, 0, arenaBlock)
	}
	start := len(a.buf)
	a.buf = append(a.buf, s...)
	return unsafe.String(&a.buf[start], len(s))
}
