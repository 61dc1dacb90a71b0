package export

import (
	"errors"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/internal/disjoint"
	"github.com/hubpart/hubpart/internal/parallel"
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
//
// Collapsing is tried first around the groups that fail alone (repairNear):
// on a level of a hundred thousand hubs, one broken hub then costs the
// refinishing of a few, not of the level per radius. Densifying, and
// collapsing when that fails, are tried on the whole level.
func repairLevel(in Input, l int, merged []orb.MultiPolygon, apex map[orb.Point]int32, polys []orb.MultiPolygon,
	ll *lonLat, conv func(orb.Point) orb.Point) bool {
	defer func() { ll.dense = false }()
	orig := slices.Clone(polys)
	try := func(dense bool, snap func(orb.Point) orb.Point) bool {
		ll.dense = dense
		parallel.Each(len(merged), func(gi int) {
			polys[gi] = ll.finish(merged[gi], func(p orb.Point) orb.Point { return conv(snap(p)) })
		})
		if testHookRefinished != nil {
			testHookRefinished(len(merged))
		}
		return validateLevel(in, l, polys) == nil
	}
	same := func(p orb.Point) orb.Point { return p }
	if try(true, same) {
		return true
	}
	copy(polys, orig)
	ll.dense = false
	if repairNear(in, l, merged, apex, polys, ll, conv) {
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

// repairNear tries each of snapRadii around the groups of level l whose
// polygons fail (a group failing its own checks, or one of a pair found
// overlapping): the vertices of those groups and of their neighbours are
// collapsed, and every group holding a vertex that moves is refinished, so
// that shared edges stay shared. It reports whether the level then
// validates; if not, polys is as it was.
func repairNear(in Input, l int, merged []orb.MultiPolygon, apex map[orb.Point]int32, polys []orb.MultiPolygon,
	ll *lonLat, conv func(orb.Point) orb.Point) bool {
	bad := failingGroups(in, l, polys)
	if len(bad) == 0 {
		return false
	}
	// Collapse the vertices of the failing groups and of their neighbours
	// (the groups sharing a vertex with them): a chain of close vertices
	// runs on past a failing group's corner into its neighbours.
	corners := map[orb.Point]bool{}
	for _, gi := range bad {
		for _, poly := range merged[gi] {
			for _, ring := range poly {
				for _, p := range ring {
					corners[p] = true
				}
			}
		}
	}
	near := make([]bool, len(merged))
	parallel.Each(len(merged), func(gi int) { near[gi] = holdsAny(merged[gi], corners) })
	var around []orb.MultiPolygon
	for gi, n := range near {
		if n {
			around = append(around, merged[gi])
		}
	}
	for _, r := range snapRadii {
		snap := newVertexSnap(around, apex, r)
		moved := map[orb.Point]bool{}
		for p, q := range snap.rep {
			if p != q {
				moved[p] = true
			}
		}
		touched := make([]bool, len(merged))
		parallel.Each(len(merged), func(gi int) { touched[gi] = holdsAny(merged[gi], moved) })
		for _, gi := range bad {
			touched[gi] = true
		}
		var redo []int32
		for gi, t := range touched {
			if t {
				redo = append(redo, int32(gi))
			}
		}
		before := make([]orb.MultiPolygon, len(redo))
		parallel.Each(len(redo), func(i int) {
			gi := redo[i]
			before[i] = polys[gi]
			polys[gi] = ll.finish(merged[gi], func(p orb.Point) orb.Point { return conv(snap.at(p)) })
		})
		if testHookRefinished != nil {
			testHookRefinished(len(redo))
		}
		if firstError(groupErrors(in, l, polys, redo)) == nil && noOverlap(polys) == nil {
			return true
		}
		for i, gi := range redo {
			polys[gi] = before[i]
		}
	}
	return false
}

// failingGroups lists the groups of level l whose finished polygons fail:
// those failing their own checks, or else the two of the first overlap
// found; nil when the failure names no group.
func failingGroups(in Input, l int, polys []orb.MultiPolygon) []int32 {
	var bad []int32
	for gi, err := range groupErrors(in, l, polys, nil) {
		if err != nil {
			bad = append(bad, int32(gi))
		}
	}
	if len(bad) > 0 {
		return bad
	}
	var pe *polygon.Error
	if err := noOverlap(polys); errors.As(err, &pe) && pe.Polygon >= 0 && pe.Other >= 0 {
		return []int32{int32(min(pe.Polygon, pe.Other)), int32(max(pe.Polygon, pe.Other))}
	}
	return nil
}

// holdsAny reports whether a vertex of mp is in set.
func holdsAny(mp orb.MultiPolygon, set map[orb.Point]bool) bool {
	for _, poly := range mp {
		for _, ring := range poly {
			for _, p := range ring {
				if set[p] {
					return true
				}
			}
		}
	}
	return false
}

// testHookRefinished, when set, is told how many groups each repair try
// refinished.
var testHookRefinished func(groups int)

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
