package graph

import (
	"fmt"
	"slices"
	"strconv"
	"sync/atomic"

	"github.com/hubpart/hubpart/internal/parallel"
)

// FromEdges builds a graph on vertices 0..n-1 from an undirected edge list.
// kinds is parallel to edges, or nil when every edge is Delaunay.
//
// Self-loops are dropped and repeated edges (in either direction) are merged;
// when copies of an edge disagree on their kind the smallest EdgeKind wins
// (Delaunay before Bridge). Neighbour lists come out sorted ascending. The
// result has Kind == nil when kinds is nil or every kept edge is Delaunay.
// Weight is all zeros; Loc, XY, MemberOff and Members are nil.
//
// FromEdges panics if n is negative, if an endpoint is outside [0, n), or if
// kinds is non-nil with a length different from edges: these are programming
// errors, not data errors.
func FromEdges(n int, edges [][2]int32, kinds []EdgeKind) *Graph {
	if n < 0 {
		panic(fmt.Sprintf("graph: FromEdges with n = %d", n))
	}
	if kinds != nil && len(kinds) != len(edges) {
		panic(fmt.Sprintf("graph: FromEdges with %d kinds for %d edges", len(kinds), len(edges)))
	}
	deg := make([]int32, n+1)
	for _, e := range edges {
		a, b := e[0], e[1]
		if a < 0 || int(a) >= n || b < 0 || int(b) >= n {
			panic(fmt.Sprintf("graph: FromEdges edge (%d, %d) outside [0, %d)", a, b, n))
		}
		if a != b {
			deg[a+1]++
			deg[b+1]++
		}
	}
	for v := 1; v <= n; v++ {
		deg[v] += deg[v-1]
	}
	// keys packs neighbour<<8 | kind so that one sort orders neighbours and,
	// among copies of the same edge, puts the smallest kind first.
	keys := make([]uint64, deg[n])
	fill := slices.Clone(deg[:n])
	for i, e := range edges {
		a, b := e[0], e[1]
		if a == b {
			continue
		}
		var k uint64
		if kinds != nil {
			k = uint64(kinds[i])
		}
		keys[fill[a]] = uint64(b)<<8 | k
		fill[a]++
		keys[fill[b]] = uint64(a)<<8 | k
		fill[b]++
	}
	g := &Graph{
		Off:    make([]int32, n+1),
		Weight: make([]int64, n),
	}
	// Each neighbour list is sorted and its repeats squeezed out in place,
	// its length going to Off[v+1]; once the offsets are summed, the lists
	// are copied out. Both passes run on all cores, each vertex on its own.
	parallel.For(n, func(lo, hi int) {
		for v := lo; v < hi; v++ {
			g.Off[v+1] = int32(distinctNeighbours(keys[deg[v]:deg[v+1]]))
		}
	})
	for v := range n {
		g.Off[v+1] += g.Off[v]
	}
	g.Adj = make([]int32, g.Off[n])
	var kind []EdgeKind
	if kinds != nil {
		kind = make([]EdgeKind, g.Off[n])
	}
	var anyBridge atomic.Bool
	parallel.For(n, func(lo, hi int) {
		bridged := false
		for v := lo; v < hi; v++ {
			at := g.Off[v]
			for j, key := range keys[deg[v] : deg[v]+g.Off[v+1]-at] {
				g.Adj[at+int32(j)] = int32(key >> 8)
				if kind != nil {
					k := EdgeKind(key & 0xff)
					kind[at+int32(j)] = k
					bridged = bridged || k != Delaunay
				}
			}
		}
		if bridged {
			anyBridge.Store(true)
		}
	})
	if anyBridge.Load() {
		g.Kind = kind
	}
	return g
}

// distinctNeighbours sorts keys (neighbour<<8 | kind) and moves the first
// key of each neighbour, the one of smallest kind, to the front, returning
// how many there are.
func distinctNeighbours(keys []uint64) int {
	slices.Sort(keys)
	m := 0
	for _, key := range keys {
		if m == 0 || key>>8 != keys[m-1]>>8 {
			keys[m] = key
			m++
		}
	}
	return m
}

// EdgeKindAt returns the kind of the i-th adjacency entry (an index into
// Adj), treating a nil Kind as all Delaunay.
func (g *Graph) EdgeKindAt(i int) EdgeKind {
	if g.Kind == nil {
		return Delaunay
	}
	return g.Kind[i]
}

// Edges calls fn for every undirected edge once, as (a, b, kind) with a < b,
// in ascending order of (a, b), until fn returns false.
func (g *Graph) Edges(fn func(a, b int32, kind EdgeKind) bool) {
	for v := range g.N() {
		for i := g.Off[v]; i < g.Off[v+1]; i++ {
			b := g.Adj[i]
			if b <= int32(v) {
				continue
			}
			if !fn(int32(v), b, g.EdgeKindAt(int(i))) {
				return
			}
		}
	}
}

// HasEdge reports whether a and b are adjacent (binary search in the
// neighbour list of a).
func (g *Graph) HasEdge(a, b int32) bool {
	_, ok := slices.BinarySearch(g.Neighbors(int(a)), b)
	return ok
}

// SiteOf returns, for every practice index p, the vertex whose site holds p:
// the inverse of Members. It returns nil when the graph was not built from
// practices (Members is nil).
func (g *Graph) SiteOf() []int32 {
	if g.MemberOff == nil {
		return nil
	}
	site := make([]int32, len(g.Members))
	for v := range g.N() {
		for _, p := range g.Members[g.MemberOff[v]:g.MemberOff[v+1]] {
			site[p] = int32(v)
		}
	}
	return site
}

// String returns "delaunay" or "bridge".
func (k EdgeKind) String() string {
	switch k {
	case Delaunay:
		return "delaunay"
	case Bridge:
		return "bridge"
	default:
		return "EdgeKind(" + strconv.Itoa(int(k)) + ")"
	}
}
