package graph

import (
	"fmt"
	"math"
	"runtime"
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
	for _, e := range edges {
		if a, b := e[0], e[1]; a < 0 || int(a) >= n || b < 0 || int(b) >= n {
			panic(fmt.Sprintf("graph: FromEdges edge (%d, %d) outside [0, %d)", a, b, n))
		}
	}
	return newIncidence(n, edges).graph(kinds)
}

// omitted marks, in the kinds given to incidence.graph, an edge left out of
// the graph.
const omitted EdgeKind = math.MaxUint8

// incidence lists the edges at each vertex: keys[off[v]:off[v+1]] holds
// w<<32 | i for every edge i = (v, w), self-loops left out, sorted, so by
// neighbour and, among copies of one edge, by edge index.
type incidence struct {
	off  []int32
	keys []uint64
}

// newIncidence lists edges, whose endpoints must lie in [0, n), at their
// ends. Large lists are counted and filled in consecutive ranges of edges,
// one per core, each range writing its own stretch of every vertex's list
// (so that the lists come out as one pass in edge order would make them);
// the lists are then sorted on all cores.
func newIncidence(n int, edges [][2]int32) incidence {
	if uint64(len(edges)) > math.MaxUint32 {
		panic(fmt.Sprintf("graph: %d edges, more than an edge index holds", len(edges)))
	}
	workers := parallel.Workers(len(edges), runtime.GOMAXPROCS(0), 1<<18)
	// counts[w][v]: edge ends at v in range w; then where range w starts
	// writing v's list.
	counts := make([][]int32, workers)
	parallel.Ranges(len(edges), workers, func(w, lo, hi int) {
		c := make([]int32, n)
		for _, e := range edges[lo:hi] {
			if a, b := e[0], e[1]; a != b {
				c[a]++
				c[b]++
			}
		}
		counts[w] = c
	})
	off := make([]int32, n+1)
	for v := range n {
		at := off[v]
		for w := range workers {
			c := counts[w][v]
			counts[w][v] = at
			at += c
		}
		off[v+1] = at
	}
	keys := make([]uint64, off[n])
	parallel.Ranges(len(edges), workers, func(w, lo, hi int) {
		fill := counts[w]
		for i := lo; i < hi; i++ {
			a, b := edges[i][0], edges[i][1]
			if a == b {
				continue
			}
			keys[fill[a]] = uint64(b)<<32 | uint64(i)
			fill[a]++
			keys[fill[b]] = uint64(a)<<32 | uint64(i)
			fill[b]++
		}
	})
	parallel.For(n, func(lo, hi int) {
		for v := lo; v < hi; v++ {
			slices.Sort(keys[off[v]:off[v+1]])
		}
	})
	return incidence{off, keys}
}

// graph returns the graph of the listed edges whose kind is not omitted
// (kinds is indexed by edge; nil means every edge is Delaunay). Copies of an
// edge are merged, the smallest kind winning. Kind is nil when every edge
// kept is Delaunay. It reuses inc's keys.
func (inc incidence) graph(kinds []EdgeKind) *Graph {
	n := len(inc.off) - 1
	g := &Graph{
		Off:    make([]int32, n+1),
		Weight: make([]int64, n),
	}
	// Each list is squeezed in place to one key neighbour<<32 | kind per
	// neighbour, its length going to Off[v+1]; once the offsets are summed,
	// the lists are copied out. Both passes run on all cores.
	parallel.For(n, func(lo, hi int) {
		for v := lo; v < hi; v++ {
			g.Off[v+1] = int32(squeeze(inc.keys[inc.off[v]:inc.off[v+1]], kinds))
		}
	})
	for v := range n {
		g.Off[v+1] += g.Off[v]
	}
	g.Adj = make([]int32, g.Off[n])
	kind := make([]EdgeKind, g.Off[n])
	var anyBridge atomic.Bool
	parallel.For(n, func(lo, hi int) {
		bridged := false
		for v := lo; v < hi; v++ {
			at := g.Off[v]
			for j, key := range inc.keys[inc.off[v] : inc.off[v]+g.Off[v+1]-at] {
				g.Adj[at+int32(j)] = int32(key >> 32)
				k := EdgeKind(key)
				kind[at+int32(j)] = k
				bridged = bridged || k != Delaunay
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

// squeeze rewrites a sorted list of keys w<<32 | i as one key w<<32 | kind
// per neighbour w with an edge not omitted, the smallest kind among its
// edges, at the front, and returns how many there are.
func squeeze(keys []uint64, kinds []EdgeKind) int {
	m := 0
	for _, key := range keys {
		k := Delaunay
		if kinds != nil {
			k = kinds[uint32(key)]
		}
		if k == omitted {
			continue
		}
		w := key >> 32
		switch {
		case m > 0 && keys[m-1]>>32 == w:
			keys[m-1] = w<<32 | uint64(min(k, EdgeKind(keys[m-1])))
		default:
			keys[m] = w<<32 | uint64(k)
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
