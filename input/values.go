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
//
// Only plain decimal notation is a number: an optional minus, digits with
// an optional fraction (".5" and "5." included), and an optional exponent
// ("5.15e1"). A plus sign, hexadecimal ("0x1p5"), digit separators
// ("5_1.5") and words other than NaN and Inf are ErrNotNumber.
func parseFloat(s string) (float64, error) {
	if f, ok := plainDecimal(s); ok {
		return f, nil
	}
	if !isDecimal(s) {
		if _, err := strconv.ParseFloat(s, 64); err == nil || errors.Is(err, strconv.ErrRange) {
			if f, _ := strconv.ParseFloat(s, 64); math.IsNaN(f) || math.IsInf(f, 0) && !strings.ContainsAny(s, "0123456789") {
				return 0, geo.ErrNonFinite
			}
		}
		return 0, ErrNotNumber
	}
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

// plainDecimal parses the usual coordinate, an optional minus sign and at
// most 15 digits with an optional decimal point ("-2.096648"), to exactly
// the value strconv.ParseFloat gives, about five times faster: the digits
// make an integer below 2^52 and the point a power of ten of at most 10^15,
// both exact in a float64, so one division rounds correctly (strconv's own
// exact case). Anything else reports false and takes the general path.
func plainDecimal(s string) (float64, bool) {
	i := 0
	if len(s) > 0 && s[0] == '-' {
		i = 1
	}
	var m uint64
	digits, point := 0, -1
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			m = m*10 + uint64(c-'0')
			digits++
		case c == '.' && point < 0:
			point = digits
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	f := float64(m)
	if point >= 0 {
		f /= pow10[digits-point]
	}
	if s[0] == '-' {
		f = -f
	}
	return f, true
}

// pow10 holds the powers of ten that plainDecimal divides by, each exact.
var pow10 = [16]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

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
//
// Only digits are a count: a sign ("+5", "-0"), separators ("1_000") and
// other bases ("0x10") are errors too.
func parseCount(s string) (int64, error) {
	if !isDigits(s) {
		switch {
		case len(s) > 1 && s[0] == '-' && isDigits(s[1:]) && strings.Trim(s[1:], "0") != "":
			return 0, ErrNegativePatients
		case isDecimal(s) && !isDigits(strings.TrimPrefix(s, "-")):
			return 0, ErrNotInteger
		}
		return 0, ErrNotNumber
	}
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

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
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

// isDecimal reports whether s is a number in plain decimal notation: an
// optional '-', digits with an optional '.' and fraction (at least one
// digit in all), and an optional exponent 'e' or 'E' with an optional sign
// and digits.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i, digits = i+1, digits+1
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i, digits = i+1, digits+1
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i, exp = i+1, exp+1
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
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
