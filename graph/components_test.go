package graph

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// bruteComponents labels components by repeated union-find passes over the
// edge list, then relabels by smallest vertex.
func bruteComponents(n int, edges [][2]int32) []int32 {
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		if parent[x] != x {
			parent[x] = find(parent[x])
		}
		return parent[x]
	}
	for _, e := range edges {
		a, b := find(int(e[0])), find(int(e[1]))
		if a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	label := map[int]int32{}
	out := make([]int32, n)
	for v := range n {
		r := find(v)
		l, ok := label[r]
		if !ok {
			l = int32(len(label))
			label[r] = l
		}
		out[v] = l
	}
	return out
}

func TestComponents(t *testing.T) {
	cases := []struct {
		name  string
		n     int
		edges [][2]int32
		want  []int32
		count int
	}{
		{name: "empty", n: 0, want: []int32{}, count: 0},
		{name: "single", n: 1, want: []int32{0}, count: 1},
		{name: "isolated", n: 3, want: []int32{0, 1, 2}, count: 3},
		{name: "labels by smallest vertex", n: 5, edges: [][2]int32{{4, 1}, {2, 0}, {3, 0}},
			want: []int32{0, 1, 0, 0, 1}, count: 2},
		{name: "path", n: 4, edges: [][2]int32{{0, 1}, {1, 2}, {2, 3}}, want: []int32{0, 0, 0, 0}, count: 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			comp, count := FromEdges(c.n, c.edges, nil).Components()
			if count != c.count || !slices.Equal(comp, c.want) {
				t.Errorf("got %v (%d), want %v (%d)", comp, count, c.want, c.count)
			}
		})
	}
}

func TestComponentsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 300 {
		n := 1 + rng.IntN(40)
		edges := randomEdges(rng, n, rng.IntN(n+5))
		comp, count := FromEdges(n, edges, nil).Components()
		want := bruteComponents(n, edges)
		if !slices.Equal(comp, want) {
			t.Fatalf("trial %d: comp %v, want %v", trial, comp, want)
		}
		if count != int(slices.Max(want))+1 {
			t.Fatalf("trial %d: count %d", trial, count)
		}
	}
}
