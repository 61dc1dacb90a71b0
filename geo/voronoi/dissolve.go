package voronoi

import (
	"cmp"
	"github.com/hubpart/hubpart/geo/polygon"
	"math"
	"math/bits"
	"slices"

	"github.com/hubpart/hubpart/geo/robust"
	"github.com/paulmach/orb"
)

// Dissolve merges the cells of each group into one outline by dropping the
// edges shared between member cells; it is not a general union and relies
// on the cells forming a partition (no overlaps, neighbours sharing exact
// vertex coordinates), as Cells produces.
//
// For each group (a list of indices into cells; nil or empty cells are
// skipped, indices out of range are ignored) the directed boundary edges of
// all member rings are collected (outer rings counter-clockwise, holes
// clockwise, whatever the input orientation), edges that overlap
// collinearly are split at each other's vertices (T-junctions), opposite
// pairs cancel, and the rest is chained into rings. The result has one
// Polygon per connected piece: a contiguous group gives one Polygon, a
// group joined to an island only through the contiguity graph gives one
// Polygon per piece, and a group surrounding another keeps it as a hole.
// Pieces that touch at a single point are separate Polygons. Output order
// follows the order of the groups' edges, so it is deterministic.
func Dissolve(cells []orb.MultiPolygon, groups [][]int32) []orb.MultiPolygon {
	return DissolveKnown(cells, groups, nil)
}

// DissolveKnown is Dissolve for a caller that knows that no vertex of a
// member of group g lies inside an edge of another member (clean[g]; for
// example, no member is marked by TJunctions): such a group skips the
// search for T-junctions, which then finds none, and the result is
// Dissolve's. A nil or short clean knows nothing.
func DissolveKnown(cells []orb.MultiPolygon, groups [][]int32, clean []bool) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, len(groups))
	var edges []dirEdge
	for g, members := range groups {
		edges = edges[:0]
		for _, m := range members {
			if m < 0 || int(m) >= len(cells) {
				continue
			}
			edges = appendEdges(edges, cells[m])
		}
		if g < len(clean) && clean[g] {
			out[g] = buildRings(cancelExact(edges))
		} else {
			out[g] = buildRings(cancel(edges))
		}
	}
	return out
}

// appendEdges appends the directed edges of every ring of mp, outer rings
// counter-clockwise and holes clockwise.
func appendEdges(edges []dirEdge, mp orb.MultiPolygon) []dirEdge {
	for _, poly := range mp {
		for ri, ring := range poly {
			n := len(ring)
			if n > 1 && ring[0] == ring[n-1] {
				n--
			}
			if n < 3 {
				continue
			}
			a := polygon.SignedArea(ring[:n])
			if a == 0 {
				continue
			}
			reverse := (ri == 0) != (a > 0)
			for k := range n {
				p, q := [2]float64(ring[k]), [2]float64(ring[(k+1)%n])
				if p == q {
					continue
				}
				if reverse {
					p, q = q, p
				}
				edges = append(edges, dirEdge{p, q})
			}
		}
	}
	return edges
}

// edgeKey orders an edge's endpoints so that both directions share a key.
func edgeKey(e dirEdge) (lo, hi [2]float64, forward bool) {
	if e.a[0] < e.b[0] || (e.a[0] == e.b[0] && e.a[1] < e.b[1]) {
		return e.a, e.b, true
	}
	return e.b, e.a, false
}

func cmpPoint(p, q [2]float64) int {
	return cmp.Or(cmp.Compare(p[0], q[0]), cmp.Compare(p[1], q[1]))
}

// cancel removes opposite pairs of identical edges, then splits the
// remaining edges at vertices of other remaining edges lying exactly on
// them and cancels again. The result keeps the input order of the
// surviving edges.
func cancel(edges []dirEdge) []dirEdge {
	rest := cancelExact(edges)
	split := splitTJunctions(rest)
	if len(split) == len(rest) {
		return rest
	}
	return cancelExact(split)
}

// cancelExact drops pairs (a->b, b->a) and keeps the net multiplicity of
// every undirected edge in its net direction: of the edges of one key, the
// earliest ones running that way. Which edges are kept depends only on
// which share a key and on their order, so the edges are brought together
// by a hash of the key (sorting 64-bit words: the hash above, the edge's
// index below) and the few sharing a hash are told apart by the key itself
// (an edge always shares its own, even with a NaN in it).
func cancelExact(edges []dirEdge) []dirEdge { return cancelHashed(edges, hashKey) }

// cancelHashed is cancelExact with the hash given (tests give one that
// collides).
func cancelHashed(edges []dirEdge, hash func(lo, hi [2]float64) uint64) []dirEdge {
	idxBits := bits.Len(uint(len(edges)))
	type keyed struct {
		lo, hi [2]float64
		fwd    bool
	}
	ks := make([]keyed, len(edges))
	words := make([]uint64, len(edges))
	for i, e := range edges {
		lo, hi, f := edgeKey(e)
		ks[i] = keyed{lo, hi, f}
		words[i] = hash(lo, hi)<<idxBits | uint64(i)
	}
	slices.Sort(words)
	keep := make([]bool, len(edges))
	var run []int32
	for s := 0; s < len(words); {
		e := s + 1
		for e < len(words) && words[e]>>idxBits == words[s]>>idxBits {
			e++
		}
		if e == s+1 { // a key of its own: net one, kept
			keep[words[s]&(1<<idxBits-1)] = true
			s = e
			continue
		}
		// The keys sharing this hash, each with its edges in index order.
		run = run[:0]
		for _, w := range words[s:e] {
			run = append(run, int32(w&(1<<idxBits-1)))
		}
		for len(run) > 0 {
			first := run[0]
			k0 := ks[first]
			net := 0
			for _, i := range run {
				if i == first || ks[i].lo == k0.lo && ks[i].hi == k0.hi {
					if ks[i].fwd {
						net++
					} else {
						net--
					}
				}
			}
			rest := run[:0] // the other keys, compacted in place
			for _, i := range run {
				if i != first && (ks[i].lo != k0.lo || ks[i].hi != k0.hi) {
					rest = append(rest, i)
				} else if net != 0 && ks[i].fwd == (net > 0) {
					keep[i] = true
					if net > 0 {
						net--
					} else {
						net++
					}
				}
			}
			run = rest
		}
		s = e
	}
	return keptEdges(edges, keep)
}

// keptEdges returns the edges marked in keep, in their order.
func keptEdges(edges []dirEdge, keep []bool) []dirEdge {
	out := make([]dirEdge, 0, len(edges)/4+4)
	for i, e := range edges {
		if keep[i] {
			out = append(out, e)
		}
	}
	return out
}

// hashKey mixes the bits of an edge's key (a zero of either sign as +0,
// since the two compare equal).
func hashKey(lo, hi [2]float64) uint64 {
	b := func(x float64) uint64 {
		if x == 0 {
			return 0
		}
		return math.Float64bits(x)
	}
	h := b(lo[0])
	for _, x := range [3]float64{lo[1], hi[0], hi[1]} {
		h ^= h >> 31
		h *= 0x9e3779b97f4a7c15
		h ^= b(x)
	}
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 32
	return h
}

// splitTJunctions splits every edge at the vertices of the other edges
// that lie exactly on its interior (decided with Orient2D).
func splitTJunctions(edges []dirEdge) []dirEdge {
	if len(edges) < 3 {
		return edges
	}
	if len(edges) <= 64 && !hasTJunction(edges) {
		return edges
	}
	verts := make([][2]float64, 0, 2*len(edges))
	for _, e := range edges {
		verts = append(verts, e.a, e.b)
	}
	slices.SortFunc(verts, cmpPoint)
	verts = slices.Compact(verts)
	var out []dirEdge
	var on [][2]float64
	changed := false
	for i, e := range edges {
		x0, x1 := min(e.a[0], e.b[0]), max(e.a[0], e.b[0])
		y0, y1 := min(e.a[1], e.b[1]), max(e.a[1], e.b[1])
		k, _ := slices.BinarySearchFunc(verts, x0, func(p [2]float64, x float64) int { return cmp.Compare(p[0], x) })
		on = on[:0]
		for ; k < len(verts) && verts[k][0] <= x1; k++ {
			p := verts[k]
			if p[1] < y0 || p[1] > y1 || p == e.a || p == e.b {
				continue
			}
			if robust.Orient2D(e.a, e.b, p) == 0 {
				on = append(on, p)
			}
		}
		if len(on) == 0 {
			if changed {
				out = append(out, e)
			}
			continue
		}
		if !changed {
			out = append(out, edges[:i]...)
			changed = true
		}
		slices.SortFunc(on, func(p, q [2]float64) int {
			p1, p2 := alongKey(e.a, e.b, p)
			q1, q2 := alongKey(e.a, e.b, q)
			return cmp.Or(cmp.Compare(p1, q1), cmp.Compare(p2, q2))
		})
		prev := e.a
		for _, p := range on {
			out = append(out, dirEdge{prev, p})
			prev = p
		}
		out = append(out, dirEdge{prev, e.b})
	}
	if !changed {
		return edges
	}
	return out
}

// hasTJunction reports, by brute force, whether a vertex of one edge lies
// in the interior of another.
func hasTJunction(edges []dirEdge) bool {
	for _, e := range edges {
		x0, x1 := min(e.a[0], e.b[0]), max(e.a[0], e.b[0])
		y0, y1 := min(e.a[1], e.b[1]), max(e.a[1], e.b[1])
		for _, f := range edges {
			for _, p := range [2][2]float64{f.a, f.b} {
				if p[0] < x0 || p[0] > x1 || p[1] < y0 || p[1] > y1 || p == e.a || p == e.b {
					continue
				}
				if robust.Orient2D(e.a, e.b, p) == 0 {
					return true
				}
			}
		}
	}
	return false
}

// TJunctions reports, per cell, whether a vertex of some cell lies inside
// one of the cell's edges (on it, but not at an end): the cells whose edges
// Dissolve has to split before shared edges cancel. Cells from Cells share
// their vertices exactly, so normally no cell is marked. The vertices are
// bucketed in a uniform grid, and each edge is tested against the vertices
// of the grid cells its box meets.
func TJunctions(cells []orb.MultiPolygon) []bool {
	type cellEdge struct {
		a, b [2]float64
		cell int32
	}
	n := 0
	for _, mp := range cells {
		for _, poly := range mp {
			for _, ring := range poly {
				n += len(ring)
			}
		}
	}
	edges := make([]cellEdge, 0, n)
	verts := make([][2]float64, 0, n)
	for c, mp := range cells {
		for _, poly := range mp {
			for _, ring := range poly {
				n := len(ring) // closed or not, as appendEdges reads rings
				if n > 1 && ring[0] == ring[n-1] {
					n--
				}
				for k := range n {
					a, b := [2]float64(ring[k]), [2]float64(ring[(k+1)%n])
					verts = append(verts, a)
					if a != b {
						edges = append(edges, cellEdge{a, b, int32(c)})
					}
				}
			}
		}
	}
	marked := make([]bool, len(cells))
	if len(verts) == 0 {
		return marked
	}
	lo, hi := verts[0], verts[0] // vertices shared by several cells repeat
	for _, p := range verts {
		lo = [2]float64{min(lo[0], p[0]), min(lo[1], p[1])}
		hi = [2]float64{max(hi[0], p[0]), max(hi[1], p[1])}
	}
	// About one vertex (counted as often as its rings hold it: two or three
	// times inside) per two grid cells; sites cluster, so dense places
	// still hold several per grid cell.
	side := math.Sqrt(max((hi[0]-lo[0])*(hi[1]-lo[1]), 1e-300) / float64(len(verts)) * 0.5)
	if !(side > 0) || math.IsInf(side, 0) {
		side = 1
	}
	nx := min(int((hi[0]-lo[0])/side)+1, 1<<12)
	ny := min(int((hi[1]-lo[1])/side)+1, 1<<12)
	cellOf := func(p [2]float64) (int, int) {
		return min(max(int((p[0]-lo[0])/side), 0), nx-1), min(max(int((p[1]-lo[1])/side), 0), ny-1)
	}
	start := make([]int32, nx*ny+1)
	for _, p := range verts {
		x, y := cellOf(p)
		start[y*nx+x+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	items := make([][2]float64, len(verts))
	fill := slices.Clone(start[:nx*ny])
	for _, p := range verts {
		x, y := cellOf(p)
		items[fill[y*nx+x]] = p
		fill[y*nx+x]++
	}
	// A vertex shared by several cells is kept once in its bucket (the
	// edges below scan each bucket they meet).
	w := int32(0)
	for b := range nx * ny {
		in := items[start[b]:start[b+1]]
		start[b] = w
		if len(in) > 24 {
			slices.SortFunc(in, cmpPoint)
			w += int32(copy(items[w:], slices.Compact(in)))
			continue
		}
		k := w
	next:
		for _, p := range in {
			for _, q := range items[k:w] {
				if p == q {
					continue next
				}
			}
			items[w] = p
			w++
		}
	}
	start[nx*ny] = w
	for _, e := range edges {
		if marked[e.cell] {
			continue
		}
		x0, x1 := min(e.a[0], e.b[0]), max(e.a[0], e.b[0])
		y0, y1 := min(e.a[1], e.b[1]), max(e.a[1], e.b[1])
		cx0, cy0 := cellOf([2]float64{x0, y0})
		cx1, cy1 := cellOf([2]float64{x1, y1})
	search:
		for cy := cy0; cy <= cy1; cy++ {
			for _, p := range items[start[cy*nx+cx0]:start[cy*nx+cx1+1]] {
				if p[0] < x0 || p[0] > x1 || p[1] < y0 || p[1] > y1 || p == e.a || p == e.b {
					continue
				}
				if robust.Orient2D(e.a, e.b, p) == 0 {
					marked[e.cell] = true
					break search
				}
			}
		}
	}
	return marked
}
