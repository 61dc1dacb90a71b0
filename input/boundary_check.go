package input

import (
	"errors"
	"fmt"
	"slices"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/geo/polygon"
)

// ErrBadBoundary is returned for an outline that is not a valid
// MultiPolygon: rings that cross themselves or each other, or parts that
// overlap.
var ErrBadBoundary = errors.New("input: invalid boundary")

// checkBoundary repairs and checks an outline as read: a part given more
// than once (the same rings, from the same or another feature) is kept
// once, since their union is that part; then the outline must be valid
// (polygon.Check): closed rings that do not cross, holes inside their
// outer ring, parts that do not overlap. Anything else is refused with
// ErrBadBoundary naming the problem, never repaired by guessing.
func checkBoundary(mp orb.MultiPolygon) (orb.MultiPolygon, error) {
	out := mp[:0:0]
	for _, poly := range mp {
		dup := false
		for _, q := range out {
			if samePolygon(poly, q) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, poly)
		}
	}
	if err := polygon.Check(oriented(out)); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadBoundary, err)
	}
	return out, nil
}

// oriented returns a copy of mp with outer rings counter-clockwise and
// holes clockwise, as polygon.Check wants; RFC 7946 readers must accept
// either orientation, and the outline is returned as written.
func oriented(mp orb.MultiPolygon) orb.MultiPolygon {
	out := make(orb.MultiPolygon, len(mp))
	for i, poly := range mp {
		out[i] = make(orb.Polygon, len(poly))
		for j, ring := range poly {
			r := slices.Clone(ring)
			if (signedArea(r) > 0) != (j == 0) {
				slices.Reverse(r)
			}
			out[i][j] = r
		}
	}
	return out
}

// signedArea is twice the ring's area, positive when counter-clockwise.
func signedArea(r orb.Ring) float64 {
	var s float64
	for i := 0; i+1 < len(r); i++ {
		s += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return s
}

// samePolygon reports whether a and b have the same rings, each the same
// closed loop of positions whatever its starting point and direction.
func samePolygon(a, b orb.Polygon) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameLoop(a[i], b[i]) {
			return false
		}
	}
	return true
}

func sameLoop(a, b orb.Ring) bool {
	open := func(r orb.Ring) orb.Ring {
		if len(r) > 1 && r[0] == r[len(r)-1] {
			return r[:len(r)-1]
		}
		return r
	}
	a, b = open(a), open(b)
	n := len(a)
	if n != len(b) || n == 0 {
		return n == len(b)
	}
	for s := range n {
		if a[0] != b[s] {
			continue
		}
		fwd, back := true, true
		for i := range n {
			fwd = fwd && a[i] == b[(s+i)%n]
			back = back && a[i] == b[(s-i+n)%n]
		}
		if fwd || back {
			return true
		}
	}
	return false
}
