package graph

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// randomEdges returns m random edges on n vertices, including self-loops and
// repeats, so that FromEdges has something to clean up.
func randomEdges(rng *rand.Rand, n, m int) [][2]int32 {
	e := make([][2]int32, m)
	for i := range e {
		e[i] = [2]int32{int32(rng.IntN(n)), int32(rng.IntN(n))}
	}
	return e
}

// bruteAdj is the reference adjacency: a set of distinct non-loop pairs.
func bruteAdj(n int, edges [][2]int32) [][]bool {
	adj := make([][]bool, n)
	for i := range adj {
		adj[i] = make([]bool, n)
	}
	for _, e := range edges {
		if e[0] != e[1] {
			adj[e[0]][e[1]] = true
			adj[e[1]][e[0]] = true
		}
	}
	return adj
}

func TestFromEdges(t *testing.T) {
	cases := []struct {
		name    string
		n       int
		edges   [][2]int32
		kinds   []EdgeKind
		wantOff []int32
		wantAdj []int32
		wantK   []EdgeKind
	}{
		{name: "empty", n: 0, wantOff: []int32{0}, wantAdj: []int32{}},
		{name: "isolated vertices", n: 3, wantOff: []int32{0, 0, 0, 0}, wantAdj: []int32{}},
		{name: "self-loop dropped", n: 2, edges: [][2]int32{{1, 1}, {0, 1}},
			wantOff: []int32{0, 1, 2}, wantAdj: []int32{1, 0}},
		{name: "duplicate both directions", n: 3, edges: [][2]int32{{2, 0}, {0, 2}, {0, 2}, {1, 2}},
			wantOff: []int32{0, 1, 2, 4}, wantAdj: []int32{2, 2, 0, 1}},
		{name: "sorted neighbours", n: 4, edges: [][2]int32{{0, 3}, {0, 1}, {0, 2}},
			wantOff: []int32{0, 3, 4, 5, 6}, wantAdj: []int32{1, 2, 3, 0, 0, 0}},
		{name: "delaunay wins over bridge", n: 3,
			edges:   [][2]int32{{0, 1}, {1, 0}, {1, 2}},
			kinds:   []EdgeKind{Bridge, Delaunay, Bridge},
			wantOff: []int32{0, 1, 3, 4}, wantAdj: []int32{1, 0, 2, 1},
			wantK: []EdgeKind{Delaunay, Delaunay, Bridge, Bridge}},
		{name: "all delaunay kinds give nil Kind", n: 2,
			edges: [][2]int32{{0, 1}}, kinds: []EdgeKind{Delaunay},
			wantOff: []int32{0, 1, 2}, wantAdj: []int32{1, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := FromEdges(c.n, c.edges, c.kinds)
			if !slices.Equal(g.Off, c.wantOff) || !slices.Equal(g.Adj, c.wantAdj) || !slices.Equal(g.Kind, c.wantK) {
				t.Errorf("got Off %v Adj %v Kind %v, want %v %v %v", g.Off, g.Adj, g.Kind, c.wantOff, c.wantAdj, c.wantK)
			}
			if g.N() != c.n || len(g.Weight) != c.n {
				t.Errorf("N = %d, len(Weight) = %d, want %d", g.N(), len(g.Weight), c.n)
			}
		})
	}
}

func TestFromEdgesRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 1 + rng.IntN(30)
		edges := randomEdges(rng, n, rng.IntN(3*n))
		g := FromEdges(n, edges, nil)
		want := bruteAdj(n, edges)
		m := 0
		for a := range n {
			nb := g.Neighbors(a)
			if !slices.IsSorted(nb) {
				t.Fatalf("trial %d: neighbours of %d not sorted: %v", trial, a, nb)
			}
			var ref []int32
			for b := range n {
				if want[a][b] {
					ref = append(ref, int32(b))
					m++
				}
			}
			if !slices.Equal(nb, ref) && !(len(nb) == 0 && len(ref) == 0) {
				t.Fatalf("trial %d: neighbours of %d = %v, want %v", trial, a, nb, ref)
			}
		}
		if g.NumEdges() != m/2 {
			t.Fatalf("trial %d: NumEdges = %d, want %d", trial, g.NumEdges(), m/2)
		}
	}
}

func TestFromEdgesPanicsOnBadVertex(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("FromEdges accepted an endpoint outside [0, n)")
		}
	}()
	FromEdges(2, [][2]int32{{0, 2}}, nil)
}

func TestEdgesAndHasEdge(t *testing.T) {
	g := FromEdges(4, [][2]int32{{3, 0}, {1, 2}, {0, 1}}, []EdgeKind{Bridge, Delaunay, Delaunay})
	type edge struct {
		a, b int32
		k    EdgeKind
	}
	var got []edge
	g.Edges(func(a, b int32, k EdgeKind) bool { got = append(got, edge{a, b, k}); return true })
	want := []edge{{0, 1, Delaunay}, {0, 3, Bridge}, {1, 2, Delaunay}}
	if !slices.Equal(got, want) {
		t.Errorf("Edges = %v, want %v", got, want)
	}
	if !g.HasEdge(3, 0) || g.HasEdge(3, 1) {
		t.Error("HasEdge wrong")
	}
	n := 0
	g.Edges(func(a, b int32, k EdgeKind) bool { n++; return false })
	if n != 1 {
		t.Errorf("Edges did not stop when fn returned false: %d calls", n)
	}
}

func TestSiteOf(t *testing.T) {
	g := FromEdges(3, nil, nil)
	if g.SiteOf() != nil {
		t.Error("SiteOf on an abstract graph should be nil")
	}
	g.MemberOff = []int32{0, 2, 3, 5}
	g.Members = []int32{0, 3, 1, 2, 4}
	if got, want := g.SiteOf(), []int32{0, 1, 2, 0, 2}; !slices.Equal(got, want) {
		t.Errorf("SiteOf = %v, want %v", got, want)
	}
}
