package robust

import (
	"math"
	"math/big"
)

// Exact predicates for coordinates outside the range where expansion
// arithmetic is exact.
//
// The expansion fallback in predicates.go is exact only while no product of
// up to four coordinate differences overflows or underflows. Every finite
// double is an integer multiple of 2^-1074, so for the rare inputs outside
// the safe range (huge coordinates, or subnormal and near-subnormal ones)
// the determinants are evaluated on the integers x·2^1074 with math/big,
// which is exact for every finite input.

const (
	safeMax = 0x1p250  // |coordinate| below this: degree-4 terms stay < 2^1010
	safeMin = 0x1p-200 // nonzero |coordinate| at least this: every term is a multiple of 2^-1008
)

// inSafeRange reports whether the expansion arithmetic is exact for
// predicates on points with these coordinates.
func inSafeRange(ps ...[2]float64) bool {
	for _, p := range ps {
		for _, v := range p {
			if a := math.Abs(v); a >= safeMax || (a != 0 && a < safeMin) {
				return false
			}
		}
	}
	return true
}

// bigScaled returns x·2^1074 as an exact big integer (x finite).
func bigScaled(x float64) *big.Int {
	bits := math.Float64bits(x)
	exp := int(bits >> 52 & 0x7ff)
	mant := bits & (1<<52 - 1)
	shift := 0
	if exp > 0 {
		mant |= 1 << 52
		shift = exp - 1
	}
	z := new(big.Int).SetUint64(mant)
	z.Lsh(z, uint(shift))
	if bits>>63 != 0 {
		z.Neg(z)
	}
	return z
}

// bigDiff returns (x - y)·2^1074 exactly.
func bigDiff(x, y float64) *big.Int {
	return new(big.Int).Sub(bigScaled(x), bigScaled(y))
}

// orient2DBig is Orient2D in big integer arithmetic; it returns -1, 0 or +1.
func orient2DBig(a, b, c [2]float64) float64 {
	l := new(big.Int).Mul(bigDiff(a[0], c[0]), bigDiff(b[1], c[1]))
	r := new(big.Int).Mul(bigDiff(a[1], c[1]), bigDiff(b[0], c[0]))
	return float64(l.Sub(l, r).Sign())
}

// inCircleBig is InCircle in big integer arithmetic; it returns -1, 0 or +1.
func inCircleBig(a, b, c, d [2]float64) float64 {
	adx, ady := bigDiff(a[0], d[0]), bigDiff(a[1], d[1])
	bdx, bdy := bigDiff(b[0], d[0]), bigDiff(b[1], d[1])
	cdx, cdy := bigDiff(c[0], d[0]), bigDiff(c[1], d[1])
	mul := func(x, y *big.Int) *big.Int { return new(big.Int).Mul(x, y) }
	sub := func(x, y *big.Int) *big.Int { return new(big.Int).Sub(x, y) }
	add := func(x, y *big.Int) *big.Int { return new(big.Int).Add(x, y) }
	al := add(mul(adx, adx), mul(ady, ady))
	bl := add(mul(bdx, bdx), mul(bdy, bdy))
	cl := add(mul(cdx, cdx), mul(cdy, cdy))
	det := add(add(
		mul(al, sub(mul(bdx, cdy), mul(cdx, bdy))),
		mul(bl, sub(mul(cdx, ady), mul(adx, cdy)))),
		mul(cl, sub(mul(adx, bdy), mul(bdx, ady))))
	return float64(det.Sign())
}
