package main

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/geo/polygon"
)

// boundaryIndex answers polygon.Contains(b, p) for many points without
// testing every edge of the outline each time (England's has thousands):
// the outline's edges are bucketed into horizontal strips, and a point is
// tested only against the edges of its strip — the only ones that can touch
// it or cross the ray from it towards +x. Each edge is decided by
// polygon.Crossing, and the rings and polygons are combined as
// polygon.PolygonSide and polygon.Locate combine them, so every answer is
// the same as polygon.Contains's, exactly.
type boundaryIndex struct {
	bound        orb.Bound
	y0, step     float64
	strips       [][]edgeRef
	ringPoly     []int32 // polygon of each ring (numbered across mp)
	ringIsOuter  []bool
	parity, seen []int32 // per ring, scratch for one query
}

type edgeRef struct {
	a, b orb.Point
	ring int32
}

func newBoundaryIndex(mp orb.MultiPolygon) *boundaryIndex {
	bound := mp.Bound()
	ix := &boundaryIndex{bound: bound}
	edges := 0
	for _, poly := range mp {
		for _, ring := range poly {
			edges += len(ring)
		}
	}
	n := max(1, min(1<<14, edges/4))
	ix.y0 = bound.Min[1]
	ix.step = (bound.Max[1] - bound.Min[1]) / float64(n)
	if !(ix.step > 0) {
		ix.step, n = 1, 1
	}
	ix.strips = make([][]edgeRef, n)
	ring := int32(0)
	for pi, poly := range mp {
		for ri, r := range poly {
			ix.ringPoly = append(ix.ringPoly, int32(pi))
			ix.ringIsOuter = append(ix.ringIsOuter, ri == 0)
			for k := range r {
				a, b := r[k], r[(k+1)%len(r)] // RingSide's edges, closing one included
				s0, s1 := ix.strip(min(a[1], b[1])), ix.strip(max(a[1], b[1]))
				for s := s0; s <= s1; s++ {
					ix.strips[s] = append(ix.strips[s], edgeRef{a, b, ring})
				}
			}
			ring++
		}
	}
	ix.parity = make([]int32, ring)
	ix.seen = make([]int32, 0, 16)
	return ix
}

func (ix *boundaryIndex) strip(y float64) int {
	s := int(math.Floor((y - ix.y0) / ix.step))
	return min(max(s, 0), len(ix.strips)-1)
}

// contains reports whether p lies inside the outline or on its boundary.
// It is not safe for concurrent use (it keeps scratch space).
func (ix *boundaryIndex) contains(p orb.Point) bool {
	if !ix.bound.Contains(p) {
		return false
	}
	for _, r := range ix.seen {
		ix.parity[r] = 0
	}
	ix.seen = ix.seen[:0]
	for _, e := range ix.strips[ix.strip(p[1])] {
		on, crosses := polygon.Crossing(e.a, e.b, p)
		if on {
			return true
		}
		if crosses {
			if ix.parity[e.ring] == 0 {
				ix.seen = append(ix.seen, e.ring)
			}
			ix.parity[e.ring] ^= 1
		}
	}
	// A polygon holds p when its outer ring does and none of its holes.
	for _, r := range ix.seen {
		if ix.parity[r] == 0 || !ix.ringIsOuter[r] {
			continue
		}
		inHole := false
		for _, h := range ix.seen {
			if h != r && ix.parity[h] == 1 && ix.ringPoly[h] == ix.ringPoly[r] && !ix.ringIsOuter[h] {
				inHole = true
				break
			}
		}
		if !inHole {
			return true
		}
	}
	return false
}
