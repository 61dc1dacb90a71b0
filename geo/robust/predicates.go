package robust

import "math"

const (
	epsilon      = 1.0 / (1 << 53) // half an ulp of 1: the unit roundoff
	ccwErrBoundA = (3 + 16*epsilon) * epsilon
	iccErrBoundA = (10 + 96*epsilon) * epsilon
)

// orient2D returns a positive value if a, b and c are in counter-clockwise
// order, a negative value if they are in clockwise order and zero if they are
// collinear (including when two or more of them coincide). The value
// approximates twice the signed area of the triangle abc; its SIGN is exact
// for all finite input.
//
// Symmetries: orient2D(a, b, c) has the sign of orient2D(b, c, a) and the
// opposite sign of orient2D(b, a, c).
func orient2D(a, b, c [2]float64) float64 {
	if minNonzeroBits4(a[0]-c[0], b[1]-c[1], a[1]-c[1], b[0]-c[0]) < orientLo {
		return orient2DExactAny(a, b, c) // a product could underflow
	}
	return orient2DSafe(a, b, c)
}

// orient2DSafe is Orient2D for inputs whose coordinate differences are zero
// or at least 2^-500 in magnitude, so that no product in the filter
// underflows (overflow shows up as Inf or NaN and is caught). Coordinates
// that are all zero or in [2^-200, 2^250), as checked by inSafeRange,
// satisfy this.
func orient2DSafe(a, b, c [2]float64) float64 {
	detLeft := float64((a[0] - c[0]) * (b[1] - c[1]))
	detRight := float64((a[1] - c[1]) * (b[0] - c[0]))
	det := detLeft - detRight

	var detSum float64
	switch {
	case detLeft > 0:
		if detRight <= 0 {
			return det
		}
		detSum = detLeft + detRight
	case detLeft < 0:
		if detRight >= 0 {
			return det
		}
		detSum = -detLeft - detRight
	case detLeft == 0 && !math.IsNaN(detRight):
		return det // det is -detRight, correctly signed
	default:
		return orient2DExactAny(a, b, c) // NaN from overflow
	}
	if bound := ccwErrBoundA * detSum; det >= bound || -det >= bound {
		return det
	}
	return orient2DExactAny(a, b, c)
}

// Lower bounds, minus one, on the bit patterns of nonzero coordinate
// differences for which the floating-point filters cannot underflow:
// |x| >= 2^-500 for Orient2D (degree 2), |x| >= 2^-250 for InCircle
// (degree 4).
const (
	orientLo = (1023-500)<<52 - 1
	circleLo = (1023-250)<<52 - 1
)

// minNonzeroBits4 returns the smallest bit pattern of |x| minus one over
// its arguments; zeros wrap around to the maximum and so are ignored.
// Non-negative floats order like their bit patterns.
func minNonzeroBits4(a, b, c, d float64) uint64 {
	const abs = 1<<63 - 1
	return min(math.Float64bits(a)&abs-1, math.Float64bits(b)&abs-1,
		math.Float64bits(c)&abs-1, math.Float64bits(d)&abs-1)
}

// orient2DExactAny picks the exact evaluation valid for the input range.
func orient2DExactAny(a, b, c [2]float64) float64 {
	if !inSafeRange(a, b, c) {
		return orient2DBig(a, b, c)
	}
	return orient2DExact(a, b, c)
}

// orient2DExact evaluates
//
//	ax*by - ax*cy - ay*bx + ay*cx + bx*cy - by*cx
//
// exactly from the six two-products of the input coordinates.
func orient2DExact(a, b, c [2]float64) float64 {
	terms := [6][2]float64{
		{a[0], b[1]}, {-a[0], c[1]}, {-a[1], b[0]},
		{a[1], c[0]}, {b[0], c[1]}, {-b[1], c[0]},
	}
	var e []float64
	for _, t := range terms {
		hi, lo := twoProduct(t[0], t[1])
		e = expansionSum(e, []float64{lo, hi})
	}
	return mostSignificant(e)
}

// inCircle returns a positive value if d lies strictly inside the circle
// through a, b and c, a negative value if it lies strictly outside and zero if
// the four points are cocircular. a, b and c must be in counter-clockwise
// order (orient2D(a, b, c) > 0); for clockwise a, b, c the sign is reversed.
// For collinear a, b, c it is still the exact sign of the lifted determinant,
// but that no longer has a circle meaning. The SIGN is exact; the value
// approximates the 4×4 lifted determinant.
//
// Symmetries: the sign is unchanged by cyclic rotation of a, b, c and flips
// when two of a, b, c are swapped.
func inCircle(a, b, c, d [2]float64) float64 {
	adx, ady := a[0]-d[0], a[1]-d[1]
	bdx, bdy := b[0]-d[0], b[1]-d[1]
	cdx, cdy := c[0]-d[0], c[1]-d[1]
	if min(minNonzeroBits4(adx, ady, bdx, bdy), minNonzeroBits4(cdx, cdy, 0, 0)) < circleLo {
		return inCircleExactAny(a, b, c, d) // a product could underflow
	}
	return inCircleSafe(a, b, c, d)
}

// inCircleSafe is InCircle for inputs whose coordinate differences are zero
// or at least 2^-250 in magnitude, so that no product in the filter
// underflows (overflow shows up as Inf or NaN and is caught). Coordinates
// that are all zero or in [2^-200, 2^250), as checked by inSafeRange,
// satisfy this.
func inCircleSafe(a, b, c, d [2]float64) float64 {
	adx, ady := a[0]-d[0], a[1]-d[1]
	bdx, bdy := b[0]-d[0], b[1]-d[1]
	cdx, cdy := c[0]-d[0], c[1]-d[1]

	bdxcdy := float64(bdx * cdy)
	cdxbdy := float64(cdx * bdy)
	alift := float64(adx*adx) + float64(ady*ady)

	cdxady := float64(cdx * ady)
	adxcdy := float64(adx * cdy)
	blift := float64(bdx*bdx) + float64(bdy*bdy)

	adxbdy := float64(adx * bdy)
	bdxady := float64(bdx * ady)
	clift := float64(cdx*cdx) + float64(cdy*cdy)

	det := float64(alift*(bdxcdy-cdxbdy)) +
		float64(blift*(cdxady-adxcdy)) +
		float64(clift*(adxbdy-bdxady))

	permanent := float64((math.Abs(bdxcdy)+math.Abs(cdxbdy))*alift) +
		float64((math.Abs(cdxady)+math.Abs(adxcdy))*blift) +
		float64((math.Abs(adxbdy)+math.Abs(bdxady))*clift)
	if bound := iccErrBoundA * permanent; det > bound || -det > bound {
		return det
	}
	return inCircleExactAny(a, b, c, d)
}

// inCircleExactAny picks the exact evaluation valid for the input range.
func inCircleExactAny(a, b, c, d [2]float64) float64 {
	if !inSafeRange(a, b, c, d) {
		return inCircleBig(a, b, c, d)
	}
	return inCircleExact(a, b, c, d)
}

// inCircleExact evaluates the in-circle determinant exactly. The differences
// a-d, b-d, c-d are formed exactly as expansions of one or two components and
// the 3×3 determinant
//
//	alift*(bdx*cdy - cdx*bdy) + blift*(cdx*ady - adx*cdy) + clift*(adx*bdy - bdx*ady)
//
// is expanded with exact expansion products.
func inCircleExact(a, b, c, d [2]float64) float64 {
	var ad, bd, cd [2][]float64
	var store [6][2]float64
	diff := func(i int, x, y float64) []float64 {
		hi, lo := twoDiff(x, y)
		s := store[i][:0]
		if lo != 0 {
			s = append(s, lo)
		}
		if hi != 0 || len(s) == 0 {
			s = append(s, hi)
		}
		return s
	}
	ad[0], ad[1] = diff(0, a[0], d[0]), diff(1, a[1], d[1])
	bd[0], bd[1] = diff(2, b[0], d[0]), diff(3, b[1], d[1])
	cd[0], cd[1] = diff(4, c[0], d[0]), diff(5, c[1], d[1])

	lift := func(p [2][]float64) []float64 {
		return expansionSum(expansionProduct(p[0], p[0]), expansionProduct(p[1], p[1]))
	}
	cross := func(p, q [2][]float64) []float64 { // p.x*q.y - p.y*q.x
		return expansionSum(expansionProduct(p[0], q[1]), negate(expansionProduct(p[1], q[0])))
	}
	det := expansionSum(
		expansionSum(
			expansionProduct(lift(ad), cross(bd, cd)),
			expansionProduct(lift(bd), cross(cd, ad))),
		expansionProduct(lift(cd), cross(ad, bd)))
	return mostSignificant(det)
}

// twoSum returns a+b as the exact pair hi+lo with hi = fl(a+b).
func twoSum(a, b float64) (hi, lo float64) {
	hi = a + b
	bv := hi - a
	av := hi - bv
	return hi, (a - av) + (b - bv)
}

// twoDiff returns a-b as the exact pair hi+lo with hi = fl(a-b).
func twoDiff(a, b float64) (hi, lo float64) {
	hi = a - b
	bv := a - hi
	av := hi + bv
	return hi, (a - av) + (bv - b)
}

// twoProduct returns a*b as the exact pair hi+lo with hi = fl(a*b).
func twoProduct(a, b float64) (hi, lo float64) {
	hi = float64(a * b)
	return hi, math.FMA(a, b, -hi)
}

// scaleExpansion returns e*b as a new zero-eliminated expansion.
func scaleExpansion(e []float64, b float64) []float64 {
	h := make([]float64, 0, 2*len(e))
	if len(e) == 0 {
		return h
	}
	q, lo := twoProduct(e[0], b)
	if lo != 0 {
		h = append(h, lo)
	}
	for _, c := range e[1:] {
		p1, p0 := twoProduct(c, b)
		sum, l := twoSum(q, p0)
		if l != 0 {
			h = append(h, l)
		}
		q, l = fastTwoSum(p1, sum)
		if l != 0 {
			h = append(h, l)
		}
	}
	if q != 0 || len(h) == 0 {
		h = append(h, q)
	}
	return h
}

// fastTwoSum returns a+b exactly as hi+lo, assuming |a| >= |b| or a == 0.
func fastTwoSum(a, b float64) (hi, lo float64) {
	hi = a + b
	return hi, b - (hi - a)
}

// expansionSum returns e+f as a new zero-eliminated expansion (Shewchuk's
// FAST-EXPANSION-SUM; both inputs strongly non-overlapping, as every
// expansion built here is).
func expansionSum(e, f []float64) []float64 {
	h := make([]float64, 0, len(e)+len(f))
	if len(e) == 0 {
		return append(h, f...)
	}
	if len(f) == 0 {
		return append(h, e...)
	}
	i, j := 0, 0
	take := func() float64 { // next component in increasing magnitude
		if j >= len(f) || (i < len(e) && math.Abs(e[i]) <= math.Abs(f[j])) {
			i++
			return e[i-1]
		}
		j++
		return f[j-1]
	}
	q := take()
	n := len(e) + len(f)
	if n > 1 {
		var lo float64
		q, lo = fastTwoSum(take(), q)
		if lo != 0 {
			h = append(h, lo)
		}
		for k := 2; k < n; k++ {
			q, lo = twoSum(q, take())
			if lo != 0 {
				h = append(h, lo)
			}
		}
	}
	if q != 0 || len(h) == 0 {
		h = append(h, q)
	}
	return h
}

// expansionProduct returns e*f exactly.
func expansionProduct(e, f []float64) []float64 {
	var p []float64
	for _, c := range f {
		p = expansionSum(p, scaleExpansion(e, c))
	}
	if p == nil {
		p = []float64{0}
	}
	return p
}

// negate returns -e in place.
func negate(e []float64) []float64 {
	for i := range e {
		e[i] = -e[i]
	}
	return e
}

// mostSignificant returns the largest-magnitude component of a
// zero-eliminated expansion: it carries the exact sign of the sum.
func mostSignificant(e []float64) float64 {
	if len(e) == 0 {
		return 0
	}
	return e[len(e)-1]
}
