package polygon

import (
	"github.com/hubpart/hubpart/geo/robust"
	"github.com/paulmach/orb"
)

// Point in polygon: the one copy of the crossing-number test, exact.
//
// A point is classified against each ring by counting the ring's edges that
// cross the ray from the point towards +x (odd: inside). Which side of an
// edge the point lies on is decided with the exact robust.Orient2D, so the
// answer is exact for every finite input, and a point on an edge or vertex
// is reported as OnBoundary rather than falling either way.

// Side is where a point lies relative to a ring or polygon.
type Side int8

const (
	Outside    Side = -1
	OnBoundary Side = 0
	Inside     Side = 1
)

func (s Side) String() string {
	switch s {
	case Outside:
		return "outside"
	case OnBoundary:
		return "on boundary"
	case Inside:
		return "inside"
	}
	return "Side(?)"
}

// Crossing is one step of the crossing-number test, for callers that keep
// their own index of edges: on reports whether p lies on the closed segment
// ab, crosses whether the edge a→b crosses the ray from p towards +x (each
// crossing toggles inside/outside). Degenerate edges (a == b) never cross.
func Crossing[P ~[2]float64](a, b, p P) (on, crosses bool) {
	// An edge wholly above, below or left of p (strictly) neither holds p
	// nor crosses its ray: the test below would say so exactly (an edge
	// left of p that straddles its line has p on its right going up, on
	// its left going down), so it is skipped without the orientation.
	if p[1] < a[1] && p[1] < b[1] || p[1] > a[1] && p[1] > b[1] || p[0] > a[0] && p[0] > b[0] {
		return false, false
	}
	if a == b {
		return a == p, false
	}
	o := robust.Orient2D([2]float64(a), [2]float64(b), [2]float64(p))
	if o == robust.Collinear && min(a[0], b[0]) <= p[0] && p[0] <= max(a[0], b[0]) &&
		min(a[1], b[1]) <= p[1] && p[1] <= max(a[1], b[1]) {
		return true, false
	}
	// The edge straddles the horizontal line through p; it crosses the ray
	// to the right when p is left of the upward edge.
	return false, (a[1] > p[1]) != (b[1] > p[1]) && (b[1] > a[1]) == (o == robust.CounterClockwise)
}

// RingSide returns where p lies relative to ring (the even-odd rule on its
// edges). The ring need not be closed: the edge from its last point back to
// its first is included. An empty ring has everything Outside. It takes an
// orb.Ring or a plain [][2]float64 loop.
func RingSide[P ~[2]float64](ring []P, p P) Side {
	n := len(ring)
	in := false
	for k := range n {
		on, crosses := Crossing(ring[k], ring[(k+1)%n], p)
		if on {
			return OnBoundary
		}
		if crosses {
			in = !in
		}
	}
	if in {
		return Inside
	}
	return Outside
}

// PolygonSide returns where p lies relative to poly: Inside when inside its
// outer ring and outside every hole, OnBoundary on any of its rings.
func PolygonSide(poly orb.Polygon, p orb.Point) Side {
	side := Outside
	for ri, ring := range poly {
		s := RingSide(ring, p)
		if s == OnBoundary {
			return OnBoundary
		}
		if ri == 0 {
			if s == Outside {
				return Outside
			}
			side = Inside
		} else if s == Inside {
			side = Outside
		}
	}
	return side
}

// Locate returns where p lies relative to mp: Inside one of its polygons,
// OnBoundary of one, or Outside all. mp should be valid (see Check); for
// overlapping polygons the first polygon that has p inside or on its
// boundary decides.
func Locate(mp orb.MultiPolygon, p orb.Point) Side {
	for _, poly := range mp {
		if s := PolygonSide(poly, p); s != Outside {
			return s
		}
	}
	return Outside
}

// Contains reports whether p lies inside mp or on its boundary
// (Locate(mp, p) != Outside). The decision is exact.
func Contains(mp orb.MultiPolygon, p orb.Point) bool {
	return Locate(mp, p) != Outside
}
