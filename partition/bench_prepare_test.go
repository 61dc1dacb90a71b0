package partition

import (
	"context"
	"runtime"
	"testing"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/fixture"
)

// BenchmarkPreparePostcodes times, one by one, the stages that run before
// the split of the 1.7M GB postcodes (weight 1, groups of [100, 150], one
// level): the practice/site maps, the level-0 units, their graph, the
// connected pieces, the Hilbert order of the largest piece and its
// subgraph. Each stage starts from the previous stage's output, built once
// outside the timed loop. Skipped when the postcodes are absent.
func BenchmarkPreparePostcodes(b *testing.B) {
	ctx := context.Background()
	path := fixture.Postcodes(b)
	ps, err := input.ReadFile(ctx, path, input.ConstantPatients(1), input.ColumnAlias("code", "postcode"))
	if err != nil {
		b.Fatal(err)
	}
	g, _, err := graph.Build(ctx, ps)
	if err != nil {
		b.Fatal(err)
	}
	lvl := Level{Name: "group", Min: 100, Max: 150}
	s, err := newSites(g, ps, runtime.GOMAXPROCS(0))
	if err != nil {
		b.Fatal(err)
	}
	u, err := level0Units(ctx, s, ps, lvl, nil, nil, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	ag := s.unitGraph(ctx, u.of, u.n, nil, u.x, u.y)
	over := oversizeAtoms(ag, bounds{lvl.Min, lvl.Max})
	pieces, err := findPieces(ctx, ag, over)
	if err != nil {
		b.Fatal(err)
	}
	big := pieces[0]
	for _, pc := range pieces {
		if len(pc.atoms) > len(big.atoms) {
			big = pc
		}
	}
	perm := hilbertOrder(ctx, ag, big.atoms, runtime.GOMAXPROCS(0))
	atoms := make([]int32, len(perm))
	for i, j := range perm {
		atoms[i] = big.atoms[j]
	}
	stages := []struct {
		name string
		run  func() bool
	}{
		{"sites", func() bool { _, err := newSites(g, ps, runtime.GOMAXPROCS(0)); return err == nil }},
		{"units", func() bool { _, err := level0Units(ctx, s, ps, lvl, nil, nil, nil, nil); return err == nil }},
		{"unitGraph", func() bool { return s.unitGraph(ctx, u.of, u.n, nil, u.x, u.y) != nil }},
		{"pieces", func() bool { _, err := findPieces(ctx, ag, over); return err == nil }},
		{"hilbert", func() bool { return hilbertOrder(ctx, ag, big.atoms, runtime.GOMAXPROCS(0)) != nil }},
		{"subgraph", func() bool { return subgraphOn(ctx, ag, atoms, runtime.GOMAXPROCS(0)) != nil }},
	}
	for _, st := range stages {
		b.Run(st.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if !st.run() {
					b.Fatal("stage failed")
				}
			}
		})
	}
}
