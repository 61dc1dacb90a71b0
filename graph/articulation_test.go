package graph

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// bruteArticulation removes each vertex in turn and counts components among
// the others.
func bruteArticulation(n int, edges [][2]int32) []int32 {
	count := func(skip int32) int {
		var kept [][2]int32
		for _, e := range edges {
			if e[0] != skip && e[1] != skip {
				kept = append(kept, e)
			}
		}
		comp := bruteComponents(n, kept)
		seen := map[int32]bool{}
		for v, c := range comp {
			if int32(v) != skip {
				seen[c] = true
			}
		}
		return len(seen)
	}
	base := count(-1)
	var out []int32
	for v := range int32(n) {
		// Removing an isolated vertex lowers the count; a cut vertex raises it.
		if count(v) > base {
			out = append(out, v)
		}
	}
	return out
}

func TestArticulationPoints(t *testing.T) {
	cases := []struct {
		name  string
		n     int
		edges [][2]int32
		want  []int32
	}{
		{name: "empty", n: 0},
		{name: "edge", n: 2, edges: [][2]int32{{0, 1}}},
		{name: "path", n: 4, edges: [][2]int32{{0, 1}, {1, 2}, {2, 3}}, want: []int32{1, 2}},
		{name: "triangle", n: 3, edges: [][2]int32{{0, 1}, {1, 2}, {2, 0}}},
		{name: "bowtie", n: 5, edges: [][2]int32{{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 2}}, want: []int32{2}},
		{name: "root is cut", n: 3, edges: [][2]int32{{0, 1}, {0, 2}}, want: []int32{0}},
		{name: "two components", n: 6, edges: [][2]int32{{0, 1}, {1, 2}, {3, 4}, {4, 5}}, want: []int32{1, 4}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := FromEdges(c.n, c.edges, nil).ArticulationPoints()
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestArticulationPointsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 300 {
		n := 1 + rng.IntN(25)
		edges := randomEdges(rng, n, rng.IntN(2*n))
		got := FromEdges(n, edges, nil).ArticulationPoints()
		want := bruteArticulation(n, edges)
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d: n=%d edges=%v: got %v, want %v", trial, n, edges, got, want)
		}
	}
}

func TestArticulationPointsLongPath(t *testing.T) {
	// A path of 1,000,000 vertices would overflow a recursive implementation.
	const n = 1_000_000
	edges := make([][2]int32, n-1)
	for i := range edges {
		edges[i] = [2]int32{int32(i), int32(i + 1)}
	}
	got := FromEdges(n, edges, nil).ArticulationPoints()
	if len(got) != n-2 || got[0] != 1 || got[len(got)-1] != n-2 {
		t.Errorf("got %d cut vertices, want %d", len(got), n-2)
	}
}
