package graph

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// bruteConnected tests connectivity of the induced subgraph with union-find
// over all edges of g between members of set.
func bruteConnected(g *Graph, set []int32, drop int32) bool {
	var vs []int32
	for _, v := range set {
		if v != drop && !slices.Contains(vs, v) {
			vs = append(vs, v)
		}
	}
	if len(vs) <= 1 {
		return true
	}
	idx := map[int32]int{}
	for i, v := range vs {
		idx[v] = i
	}
	var edges [][2]int32
	for _, v := range vs {
		for _, w := range g.Neighbors(int(v)) {
			if j, ok := idx[w]; ok {
				edges = append(edges, [2]int32{int32(idx[v]), int32(j)})
			}
		}
	}
	comp := bruteComponents(len(vs), edges)
	return slices.Max(comp) == 0
}

func TestCheckerConnected(t *testing.T) {
	// 0 - 1 - 2   3 - 4
	//     |
	//     5
	g := FromEdges(6, [][2]int32{{0, 1}, {1, 2}, {3, 4}, {1, 5}}, nil)
	cases := []struct {
		name string
		set  []int32
		drop int32
		want bool
	}{
		{name: "empty", set: nil, drop: -1, want: true},
		{name: "single", set: []int32{4}, drop: -1, want: true},
		{name: "adjacent pair", set: []int32{1, 0}, drop: -1, want: true},
		{name: "non-adjacent pair", set: []int32{0, 2}, drop: -1, want: false},
		{name: "repeated vertex pair", set: []int32{3, 3}, drop: -1, want: true},
		{name: "path", set: []int32{2, 0, 1}, drop: -1, want: true},
		{name: "two pieces", set: []int32{0, 1, 3, 4}, drop: -1, want: false},
		{name: "star", set: []int32{0, 2, 5, 1}, drop: -1, want: true},
		{name: "without centre", set: []int32{0, 2, 5, 1}, drop: 1, want: false},
		{name: "without leaf", set: []int32{0, 2, 5, 1}, drop: 5, want: true},
		{name: "without absent vertex", set: []int32{0, 2}, drop: 4, want: false},
		{name: "without leaves one", set: []int32{0, 3}, drop: 3, want: true},
		{name: "without repeated", set: []int32{1, 1, 0, 2, 1}, drop: 1, want: false},
	}
	c := NewChecker(g)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got bool
			if tc.drop < 0 {
				got = c.Connected(tc.set)
			} else {
				got = c.ConnectedWithout(tc.set, tc.drop)
			}
			if got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCheckerRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 100 {
		n := 2 + rng.IntN(40)
		g := FromEdges(n, randomEdges(rng, n, n+rng.IntN(2*n)), nil)
		c := NewChecker(g)
		for range 50 {
			set := make([]int32, 1+rng.IntN(min(n, 12)))
			for i := range set {
				set[i] = int32(rng.IntN(n))
			}
			drop := int32(-1)
			if rng.IntN(2) == 0 {
				drop = set[rng.IntN(len(set))]
			}
			want := bruteConnected(g, set, drop)
			got := c.ConnectedWithout(set, drop)
			if drop < 0 {
				got = c.Connected(set)
			}
			if got != want {
				t.Fatalf("trial %d: set %v drop %d: got %v, want %v", trial, set, drop, got, want)
			}
		}
	}
}

func TestCheckerEpochWrap(t *testing.T) {
	g := FromEdges(3, [][2]int32{{0, 1}, {1, 2}}, nil)
	c := NewChecker(g)
	c.epoch = ^uint32(0) - 3
	for i := range 10 {
		if !c.Connected([]int32{0, 1, 2}) || c.ConnectedWithout([]int32{0, 1, 2}, 1) {
			t.Fatalf("wrong answer after %d checks near epoch wrap", i)
		}
	}
}

func TestCheckerNoAllocs(t *testing.T) {
	g := FromEdges(5, [][2]int32{{0, 1}, {1, 2}, {2, 3}, {3, 4}}, nil)
	c := NewChecker(g)
	set := []int32{0, 1, 2, 3, 4}
	c.Connected(set) // grow the stack once
	if a := testing.AllocsPerRun(100, func() {
		c.Connected(set)
		c.ConnectedWithout(set, 2)
	}); a != 0 {
		t.Errorf("Connected allocates %v times per call", a)
	}
}
