package main

import (
	"fmt"
	"math"
	"strconv"

	"github.com/hubpart/hubpart/input"
)

// thousands writes n with a comma between groups of three digits, as the
// console shows counts of practices and patients: 1234567 → "1,234,567".
func thousands[T ~int | ~int32 | ~int64](n T) string {
	s := strconv.FormatInt(int64(n), 10)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	if len(s) <= 3 {
		if neg {
			return "-" + s
		}
		return s
	}
	b := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		b = append(b, '-')
	}
	head := len(s) % 3
	if head == 0 {
		head = 3
	}
	b = append(b, s[:head]...)
	for i := head; i < len(s); i += 3 {
		b = append(b, ',')
		b = append(b, s[i:i+3]...)
	}
	return string(b)
}

// checkedTotal is the sum of the practices' patients, or an error naming the
// practice at which the sum would pass the largest int64 (the reader stops
// such files earlier, naming the line; this guards other sources).
func checkedTotal(ps []input.Practice) (int64, error) {
	var t int64
	for i := range ps {
		w := int64(ps[i].Patients)
		if w < 0 {
			return 0, fmt.Errorf("practice %s: negative patients %d", ps[i].Code, w)
		}
		if t > math.MaxInt64-w {
			return 0, fmt.Errorf("practice %s: patients %d bring the total above %s, the largest total hubpart can add up exactly", ps[i].Code, w, thousands(int64(math.MaxInt64)))
		}
		t += w
	}
	return t, nil
}
