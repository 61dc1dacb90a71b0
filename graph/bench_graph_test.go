package graph

import (
	"context"
	"math/rand/v2"
	"testing"
)

// benchGraph builds the England graph once for the graph-algorithm
// benchmarks.
func benchGraph(b *testing.B) *Graph {
	b.Helper()
	ps, mp := readEngland(b)
	g, _, err := Build(context.Background(), ps, WithBoundary(mp))
	if err != nil {
		b.Fatal(err)
	}
	return g
}

// BenchmarkConnected checks hub-sized subsets (1–20 sites grown as
// connected blobs, the partitioner's typical query) of the England graph.
func BenchmarkConnected(b *testing.B) {
	g := benchGraph(b)
	rng := rand.New(rand.NewPCG(1, 2))
	sets := make([][]int32, 1024)
	for i := range sets {
		size := 1 + rng.IntN(20)
		set := []int32{int32(rng.IntN(g.N()))}
		for len(set) < size {
			v := set[rng.IntN(len(set))]
			nb := g.Neighbors(int(v))
			set = append(set, nb[rng.IntN(len(nb))])
		}
		sets[i] = set
	}
	c := NewChecker(g)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s := sets[i&1023]
		c.Connected(s)
		c.ConnectedWithout(s, s[0])
		i++
	}
}

func BenchmarkComponents(b *testing.B) {
	g := benchGraph(b)
	b.ReportAllocs()
	for b.Loop() {
		g.Components()
	}
}

func BenchmarkArticulationPoints(b *testing.B) {
	g := benchGraph(b)
	b.ReportAllocs()
	for b.Loop() {
		g.ArticulationPoints()
	}
}

func BenchmarkFromEdges(b *testing.B) {
	g := benchGraph(b)
	var edges [][2]int32
	g.Edges(func(a, c int32, _ EdgeKind) bool { edges = append(edges, [2]int32{c, a}); return true })
	b.ReportAllocs()
	for b.Loop() {
		FromEdges(g.N(), edges, nil)
	}
}
