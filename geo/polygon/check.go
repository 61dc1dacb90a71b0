package polygon

import (
	"errors"
	"fmt"
	"math"

	"github.com/hubpart/hubpart/geo"
	"github.com/paulmach/orb"
)

// Sentinel errors of the validity checks; they arrive wrapped in a
// *Error and are testable with errors.Is.
var (
	ErrRingOpen         = errors.New("polygon: ring not closed")
	ErrRingShort        = errors.New("polygon: ring has fewer than 4 points")
	ErrRingRepeat       = errors.New("polygon: ring repeats a point")
	ErrRingOrientation  = errors.New("polygon: ring has the wrong orientation")
	ErrRingIntersection = errors.New("polygon: ring edges cross or overlap")
	ErrHoleOutside      = errors.New("polygon: hole not inside its outer ring")
	ErrPolygonNested    = errors.New("polygon: polygon inside another polygon")
	ErrOverlap          = errors.New("polygon: polygons share interior area")
)

// A Error locates a validity problem: the polygon (index in the
// MultiPolygon, or in the slice given to CheckNoOverlap), the ring and the
// vertex where it was found (-1 when not applicable), and for problems
// between two polygons or rings the other one. Err is one of the sentinels
// above (or geo.ErrNonFinite).
type Error struct {
	Polygon, Ring, Vertex int
	Other                 int // other polygon (CheckNoOverlap) or -1
	OtherRing             int // other ring, or -1
	Err                   error
}

func (e *Error) Error() string {
	s := fmt.Sprintf("polygon: polygon %d", e.Polygon)
	if e.Ring >= 0 {
		s += fmt.Sprintf(" ring %d", e.Ring)
	}
	if e.Vertex >= 0 {
		s += fmt.Sprintf(" vertex %d", e.Vertex)
	}
	if e.Other >= 0 {
		s += fmt.Sprintf(" and polygon %d", e.Other)
	}
	if e.OtherRing >= 0 {
		s += fmt.Sprintf(" ring %d", e.OtherRing)
	}
	return s + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

func polyErr(err error, poly, ring, vertex int) *Error {
	return &Error{Polygon: poly, Ring: ring, Vertex: vertex, Other: -1, OtherRing: -1, Err: err}
}

// Check reports the first validity problem of mp (see the model
// above), or nil. An empty MultiPolygon is valid. Segment tests are
// accelerated by a uniform grid, so the cost is about linear in the number
// of vertices for well-spread inputs.
func Check(mp orb.MultiPolygon) error {
	n := 0
	for _, poly := range mp {
		for _, ring := range poly {
			n += max(len(ring)-1, 0)
		}
	}
	segs := make([]segment, 0, n)
	for pi, poly := range mp {
		if len(poly) == 0 {
			return polyErr(ErrRingShort, pi, 0, -1)
		}
		for ri, ring := range poly {
			if err := checkRing(ring, pi, ri); err != nil {
				return err
			}
			a := SignedArea(ring)
			if (ri == 0) != (a > 0) {
				return polyErr(ErrRingOrientation, pi, ri, -1)
			}
			for k := 0; k+1 < len(ring); k++ {
				segs = append(segs, segment{a: ring[k], b: ring[k+1], poly: int32(pi), ring: int32(ri), idx: int32(k), n: int32(len(ring) - 1)})
			}
		}
	}
	if err := checkSegments(segs, mp); err != nil {
		return err
	}
	return checkNesting(mp)
}

// checkRing checks closure, length, finiteness and repeated points.
func checkRing(ring orb.Ring, pi, ri int) error {
	if len(ring) < 4 {
		return polyErr(ErrRingShort, pi, ri, -1)
	}
	for k, p := range ring {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
			return polyErr(geo.ErrNonFinite, pi, ri, k)
		}
	}
	if ring[0] != ring[len(ring)-1] {
		return polyErr(ErrRingOpen, pi, ri, len(ring)-1)
	}
	for k := 1; k < len(ring); k++ {
		if ring[k] == ring[k-1] {
			return polyErr(ErrRingRepeat, pi, ri, k)
		}
	}
	return nil
}

// SignedArea returns the signed (shoelace) area of a ring, positive when it
// runs counter-clockwise. The ring may be open or closed (a closing point equal
// to the first adds nothing); the sum is taken relative to the first point for
// precision. Fewer than three points have area 0.
func SignedArea[P ~[2]float64](ring []P) float64 {
	if len(ring) < 3 {
		return 0
	}
	o := ring[0]
	var s float64
	for k := 1; k+1 < len(ring); k++ {
		a, b := ring[k], ring[k+1]
		s += (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
	}
	return s / 2
}

// Area returns the area of mp: outer rings count positive, holes negative,
// whatever their orientation.
func Area(mp orb.MultiPolygon) float64 {
	var s float64
	for _, poly := range mp {
		for ri, ring := range poly {
			a := math.Abs(SignedArea(ring))
			if ri == 0 {
				s += a
			} else {
				s -= a
			}
		}
	}
	return s
}
