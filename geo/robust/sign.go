package robust

// Sign is the exact sign of a determinant: Negative, Zero or Positive. Its
// integer value is -1, 0 or +1, so int(s) can be multiplied or compared.
type Sign int8

// The three signs, and their names for the two predicates.
const (
	Negative Sign = -1
	Zero     Sign = 0
	Positive Sign = 1

	Clockwise        = Negative // Orient2D: c is right of a→b
	Collinear        = Zero     // Orient2D: a, b and c lie on one line
	CounterClockwise = Positive // Orient2D: c is left of a→b

	Outside    = Negative // InCircle: d strictly outside the circle
	Cocircular = Zero     // InCircle: d on the circle
	Inside     = Positive // InCircle: d strictly inside the circle
)

func (s Sign) String() string {
	switch {
	case s > 0:
		return "+"
	case s < 0:
		return "-"
	}
	return "0"
}

func signOf(x float64) Sign {
	switch {
	case x > 0:
		return Positive
	case x < 0:
		return Negative
	}
	return Zero
}

// Orient2D returns CounterClockwise if a, b and c turn left (c lies left of
// the directed line a→b), Clockwise if they turn right and Collinear if they
// lie on one line (including when two or more of them coincide). The sign is
// exact for all finite input.
//
// Symmetries: Orient2D(a, b, c) == Orient2D(b, c, a) and
// Orient2D(a, b, c) == -Orient2D(b, a, c).
func Orient2D(a, b, c [2]float64) Sign { return signOf(orient2D(a, b, c)) }

// Orient2DValue returns a value that approximates twice the signed area of
// the triangle abc and whose sign is exactly Orient2D(a, b, c). It is for
// callers that need a magnitude with a trustworthy sign (a circumcentre of a
// nearly flat triangle); decisions should use Orient2D.
func Orient2DValue(a, b, c [2]float64) float64 { return orient2D(a, b, c) }

// InCircle returns Inside if d lies strictly inside the circle through a, b
// and c, Outside if strictly outside and Cocircular if on it. a, b and c must
// be counter-clockwise (Orient2D(a, b, c) == CounterClockwise); for clockwise
// a, b, c the sign is reversed. For collinear a, b, c it is still the exact
// sign of the lifted 4×4 determinant, which then has no circle meaning.
//
// Symmetries: the sign is unchanged by a cyclic rotation of a, b, c and flips
// when two of a, b, c are swapped.
func InCircle(a, b, c, d [2]float64) Sign { return signOf(inCircle(a, b, c, d)) }

// InRange reports whether every coordinate of pts is zero or has magnitude
// in [2^-200, 2^250), where the fast exact arithmetic applies. Callers that
// test this once for a whole point set may then use Orient2DInRange and
// InCircleInRange, which skip the per-call underflow check.
func InRange(pts ...[2]float64) bool { return inSafeRange(pts...) }

// Orient2DInRange is Orient2D for points that satisfy InRange.
func Orient2DInRange(a, b, c [2]float64) Sign { return signOf(orient2DSafe(a, b, c)) }

// InCircleInRange is InCircle for points that satisfy InRange.
func InCircleInRange(a, b, c, d [2]float64) Sign { return signOf(inCircleSafe(a, b, c, d)) }
