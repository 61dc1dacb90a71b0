package export

import (
	"github.com/hubpart/hubpart/internal/disjoint"
	"math"

	"github.com/paulmach/orb"
)

// snapRadii are the distances (projected metres) below which vertices are
// collapsed, tried in turn, when rounding to the output grid (about 0.11 m)
// broke a level's polygons.
var snapRadii = []float64{0.3, 1, 3, 10, 30}

// repairLevel refinishes the polygons of level l when rounding them to the
// output grid broke them, trying in turn: edges densified (near a pole a
// straight edge of the plane is a curve in longitude); vertices collapsed
// over each of snapRadii (detail finer than the grid, as nearly cocircular
// sites give: chains of Voronoi vertices centimetres apart); both. It
// reports whether the polygons then validate (polys holds them).
func repairLevel(in Input, l int, merged []orb.MultiPolygon, apex map[orb.Point]int32, polys []orb.MultiPolygon,
	ll *lonLat, conv func(orb.Point) orb.Point) bool {
	defer func() { ll.dense = false }()
	try := func(dense bool, snap func(orb.Point) orb.Point) bool {
		ll.dense = dense
		for gi := range merged {
			polys[gi] = ll.finish(merged[gi], func(p orb.Point) orb.Point { return conv(snap(p)) })
		}
		return validateLevel(in, l, polys) == nil
	}
	same := func(p orb.Point) orb.Point { return p }
	if try(true, same) {
		return true
	}
	for _, dense := range []bool{false, true} {
		for _, r := range snapRadii {
			if try(dense, newVertexSnap(merged, apex, r).at) {
				return true
			}
		}
	}
	return false
}

// vertexSnap maps each vertex of a set of polygons to the representative of
// its cluster: vertices closer than the radius are joined, transitively, so
// a chain of vertices each a few centimetres from the next becomes one
// point, and every polygon using any of them sees the same point (shared
// edges stay shared). A cluster holding a fan apex (a site, see pieces.go)
// is represented by it.
type vertexSnap struct {
	rep map[orb.Point]orb.Point
}

func newVertexSnap(mps []orb.MultiPolygon, apex map[orb.Point]int32, radius float64) *vertexSnap {
	var pts []orb.Point
	index := map[orb.Point]int{}
	for _, mp := range mps {
		for _, poly := range mp {
			for _, ring := range poly {
				for _, p := range ring {
					if _, ok := index[p]; !ok {
						index[p] = len(pts)
						pts = append(pts, p)
					}
				}
			}
		}
	}
	sets := disjoint.New(len(pts))
	find := func(i int) int { return int(sets.Find(int32(i))) }
	type cell struct{ x, y int64 }
	grid := map[cell][]int{}
	key := func(p orb.Point) cell {
		return cell{int64(math.Floor(p[0] / radius)), int64(math.Floor(p[1] / radius))}
	}
	for i, p := range pts {
		c := key(p)
		for dx := int64(-1); dx <= 1; dx++ {
			for dy := int64(-1); dy <= 1; dy++ {
				for _, j := range grid[cell{c.x + dx, c.y + dy}] {
					q := pts[j]
					if math.Hypot(p[0]-q[0], p[1]-q[1]) < radius {
						sets.Union(int32(i), int32(j))
					}
				}
			}
		}
		grid[c] = append(grid[c], i)
	}
	best := map[int]int{} // root -> representative index
	for i, p := range pts {
		r := find(i)
		if _, ok := apex[p]; ok {
			best[r] = i
		} else if _, ok := best[r]; !ok {
			best[r] = i
		}
	}
	s := &vertexSnap{rep: make(map[orb.Point]orb.Point, len(pts))}
	for i, p := range pts {
		s.rep[p] = pts[best[find(i)]]
	}
	return s
}

// at returns the representative of p (p itself if it is not a vertex).
func (s *vertexSnap) at(p orb.Point) orb.Point {
	if q, ok := s.rep[p]; ok {
		return q
	}
	return p
}
