package voronoi

import (
	"math"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/geo/robust"
	"github.com/paulmach/orb"
)

// Ring assembly shared by ClipConvex and Dissolve.
//
// Input: a set of directed boundary edges of a region, interior on the left
// of every edge, with exactly matching endpoint coordinates where edges
// meet (after cancellation every vertex has as many outgoing as incoming
// edges). Output: the region as a MultiPolygon with outer rings
// counter-clockwise and holes clockwise, every ring simple.
//
// Chaining: from each unused edge, follow edges end to start. Where a
// vertex has several unused outgoing edges (regions touching at a point),
// take the first one clockwise from the reversed incoming edge, which keeps
// the walk on the boundary of one face. A walk that revisits a vertex is cut
// there into simple loops; loops of positive area are outer rings, of
// negative area holes, and zero-area loops are dropped. Each hole goes to the
// smallest outer ring that contains it. A walk that reaches a vertex with no
// way on (only possible with inconsistent input) is dropped.

// dirEdge is a directed edge from a to b.
type dirEdge struct{ a, b [2]float64 }

// buildRings assembles edges into polygons; the order of the result follows
// the order of the edges (deterministic).
func buildRings(edges []dirEdge) orb.MultiPolygon {
	// Outgoing edges per vertex: a map for large inputs, a scan otherwise.
	var out map[[2]float64][]int32
	var scratch []int32
	outgoing := func(v [2]float64) []int32 {
		if out != nil {
			return out[v]
		}
		scratch = scratch[:0]
		for i, e := range edges {
			if e.a == v && e.a != e.b {
				scratch = append(scratch, int32(i))
			}
		}
		return scratch
	}
	if len(edges) > 48 {
		out = make(map[[2]float64][]int32, len(edges))
		for i, e := range edges {
			if e.a != e.b {
				out[e.a] = append(out[e.a], int32(i))
			}
		}
	}
	used := make([]bool, len(edges))
	var loops [][][2]float64
	var walk [][2]float64
	for i, e := range edges {
		if used[i] || e.a == e.b {
			continue
		}
		walk = walk[:0]
		cur := int32(i)
		used[cur] = true
		ok := true
		for {
			walk = append(walk, edges[cur].a)
			v := edges[cur].b
			if v == e.a {
				break
			}
			next := pick(edges, outgoing(v), used, edges[cur].a, v)
			if next < 0 {
				ok = false
				break
			}
			used[next] = true
			cur = next
		}
		if ok {
			loops = splitLoops(walk, loops)
		}
	}
	return assemble(loops)
}

// pick returns the unused edge among cand leaving v that comes first
// clockwise from the direction v->u, or -1.
func pick(edges []dirEdge, cand []int32, used []bool, u, v [2]float64) int32 {
	best := int32(-1)
	var bestClass int
	for _, c := range cand {
		if used[c] {
			continue
		}
		w := edges[c].b
		cl := turnClass(u, v, w)
		if best < 0 || cl < bestClass || (cl == bestClass && (cl == 0 || cl == 2) && robust.Orient2D(v, edges[best].b, w) > 0) {
			best, bestClass = c, cl
		}
	}
	return best
}

// turnClass buckets the clockwise angle from ray v->u to ray v->w:
// 0 in (0, pi), 1 exactly pi, 2 in (pi, 2pi), 3 zero (going back).
func turnClass(u, v, w [2]float64) int {
	switch o := robust.Orient2D(v, u, w); {
	case o < 0:
		return 0
	case o > 0:
		return 2
	}
	if (u[0]-v[0])*(w[0]-v[0])+(u[1]-v[1])*(w[1]-v[1]) < 0 {
		return 1
	}
	return 3
}

// splitLoops cuts a closed walk (first point not repeated at the end) at
// repeated vertices into simple loops, appended to loops.
func splitLoops(walk [][2]float64, loops [][][2]float64) [][][2]float64 {
	var stack [][2]float64
	var pos map[[2]float64]int
	if len(walk) > 32 {
		pos = make(map[[2]float64]int, len(walk))
	}
	find := func(p [2]float64) int {
		if pos != nil {
			if k, ok := pos[p]; ok {
				return k
			}
			return -1
		}
		for k, q := range stack {
			if q == p {
				return k
			}
		}
		return -1
	}
	for _, p := range walk {
		if k := find(p); k >= 0 {
			loops = append(loops, append([][2]float64(nil), stack[k:]...))
			if pos != nil {
				for _, q := range stack[k+1:] {
					delete(pos, q)
				}
			}
			stack = stack[:k+1]
			continue
		}
		if pos != nil {
			pos[p] = len(stack)
		}
		stack = append(stack, p)
	}
	return append(loops, stack)
}

// closeLoop returns loop as a closed orb.Ring.
func closeLoop(loop [][2]float64) orb.Ring {
	r := make(orb.Ring, len(loop)+1)
	for k, p := range loop {
		r[k] = p
	}
	r[len(loop)] = loop[0]
	return r
}

// assemble classifies loops into outer rings and holes and nests them.
func assemble(loops [][][2]float64) orb.MultiPolygon {
	type outer struct {
		ring orb.Ring
		area float64
		b    orb.Bound
	}
	var outers []outer
	var holes []orb.Ring
	for _, l := range loops {
		if len(l) < 3 {
			continue
		}
		switch a := polygon.SignedArea(l); {
		case a > 0:
			r := closeLoop(l)
			outers = append(outers, outer{r, a, r.Bound()})
		case a < 0:
			holes = append(holes, closeLoop(l))
		}
	}
	mp := make(orb.MultiPolygon, len(outers))
	for k, o := range outers {
		mp[k] = orb.Polygon{o.ring}
	}
	for _, h := range holes {
		hb := h.Bound()
		best, bestArea := -1, math.Inf(1)
		for k, o := range outers {
			if o.area >= bestArea || !o.b.Contains(hb.Min) || !o.b.Contains(hb.Max) {
				continue
			}
			if ringContains(o.ring, h) {
				best, bestArea = k, o.area
			}
		}
		if best >= 0 {
			mp[best] = append(mp[best], h)
		}
	}
	return mp
}

// ringContains reports whether ring `in`, which does not cross `r`, lies
// inside r: decided by the first vertex of `in` off r's boundary, or by an
// edge midpoint when all vertices are on r.
func ringContains(r, in orb.Ring) bool {
	for _, p := range in {
		if s := polygon.RingSide(r, p); s != polygon.OnBoundary {
			return s == polygon.Inside
		}
	}
	for k := 0; k+1 < len(in); k++ {
		m := [2]float64{(in[k][0] + in[k+1][0]) / 2, (in[k][1] + in[k+1][1]) / 2}
		if s := polygon.RingSide(r, orb.Point(m)); s != polygon.OnBoundary {
			return s == polygon.Inside
		}
	}
	return false
}
