// Package robust decides the two questions planar geometry rests on, exactly:
// which side of a line a point lies on (Orient2D) and whether a point lies
// inside the circle through three others (InCircle). Each returns a Sign,
// never a float whose sign the caller must trust.
//
// Model: points are [2]float64 in any planar unit (hubpart uses projected
// metres). Every finite input gets the exact sign of the determinant, as if
// computed with real numbers; non-finite input gives an unspecified sign.
//
// Method, after J. R. Shewchuk, "Adaptive Precision Floating-Point Arithmetic
// and Fast Robust Geometric Predicates" (1997), and the s2 library's
// triage-then-exact design: each predicate first evaluates its determinant in
// ordinary floating point together with a rigorous bound on the rounding
// error. When the magnitude exceeds the bound the sign is certain and is
// returned at once; this is the case for all but a tiny fraction of calls.
// Otherwise the determinant is recomputed exactly as a floating-point
// expansion (an unevaluated sum of non-overlapping doubles) and the sign of
// its most significant component is the exact sign.
//
// The expansion fallback is exact while no intermediate product overflows or
// underflows, which holds when every coordinate is zero or has magnitude in
// [2^-200, 2^250) (InRange). Outside that range (never for projected metres)
// the fallback switches to big-integer arithmetic (big.go), so the sign is
// exact for every finite input.
//
// Package robust imports nothing of hubpart.
package robust
