package postcode

import (
	"fmt"
	"strings"
)

// A key packs a postcode into an integer whose order keeps every sector and
// every district contiguous: the outward code padded to four characters,
// then the inward code, seven base-37 digits (0 pads, 1-10 digits, 11-36
// letters), most significant first.
type key uint64

const (
	keyBase   = 37
	outwardsz = 4
	inwardsz  = 3
	sectorW   = keyBase * keyBase           // keys per sector prefix
	districtW = keyBase * keyBase * keyBase // keys per district prefix
)

func charCode(c byte) (uint64, bool) {
	switch {
	case c >= '0' && c <= '9':
		return uint64(c-'0') + 1, true
	case c >= 'A' && c <= 'Z':
		return uint64(c-'A') + 11, true
	case c >= 'a' && c <= 'z':
		return uint64(c-'a') + 11, true
	}
	return 0, false
}

func codeChar(v uint64) byte {
	if v <= 10 {
		return byte('0' + v - 1)
	}
	return byte('A' + v - 11)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// parseKey packs the postcode written in b (any case, any ASCII white
// space anywhere) without allocating.
func parseKey(b []byte) (key, bool) {
	var c [outwardsz + inwardsz]byte
	n := 0
	for _, ch := range b {
		if isSpace(ch) {
			continue
		}
		if n == len(c) {
			return 0, false
		}
		c[n] = ch
		n++
	}
	if n < 5 {
		return 0, false
	}
	out := n - inwardsz
	var k uint64
	for i := 0; i < out; i++ {
		v, ok := charCode(c[i])
		if !ok || (i == 0 && v <= 10) {
			return 0, false // outward code: letters and digits, a letter first
		}
		k = k*keyBase + v
	}
	for i := out; i < outwardsz; i++ {
		k *= keyBase
	}
	for i := out; i < n; i++ {
		v, ok := charCode(c[i])
		if !ok || (i == out) != (v <= 10) {
			return 0, false // inward code: a digit, then two letters
		}
		k = k*keyBase + v
	}
	return key(k), true
}

// digits returns the seven base-37 digits of k, most significant first.
func (k key) digits() [outwardsz + inwardsz]uint64 {
	var d [outwardsz + inwardsz]uint64
	v := uint64(k)
	for i := len(d) - 1; i >= 0; i-- {
		d[i] = v % keyBase
		v /= keyBase
	}
	return d
}

func (k key) outward() string {
	d := k.digits()
	var b strings.Builder
	for _, v := range d[:outwardsz] {
		if v != 0 {
			b.WriteByte(codeChar(v))
		}
	}
	return b.String()
}

// String is the canonical form "FY1 9AB".
func (k key) String() string {
	d := k.digits()
	return k.outward() + " " + string([]byte{codeChar(d[4]), codeChar(d[5]), codeChar(d[6])})
}

func (k key) sector() key   { return k / sectorW * sectorW }
func (k key) district() key { return k / districtW * districtW }

func (k key) sectorString() string {
	return k.outward() + " " + string(codeChar(k.digits()[4]))
}

// Normalize returns the canonical form of the postcode s, the outward code,
// one space and the inward code in capitals ("fy19ab", " FY1  9AB" and
// "FY1 9AB" all give "FY1 9AB"). Anything else is ErrInvalid.
func Normalize(s string) (string, error) {
	k, ok := parseKey([]byte(s))
	if !ok {
		return "", fmt.Errorf("%w: %q", ErrInvalid, s)
	}
	return k.String(), nil
}

// Sector returns the sector of the postcode s ("FY1 9AB" → "FY1 9").
func Sector(s string) (string, error) {
	k, ok := parseKey([]byte(s))
	if !ok {
		return "", fmt.Errorf("%w: %q", ErrInvalid, s)
	}
	return k.sectorString(), nil
}

// District returns the district, the outward code, of the postcode s
// ("FY1 9AB" → "FY1").
func District(s string) (string, error) {
	k, ok := parseKey([]byte(s))
	if !ok {
		return "", fmt.Errorf("%w: %q", ErrInvalid, s)
	}
	return k.outward(), nil
}
