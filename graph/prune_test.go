package graph

import (
	"context"
	"runtime"
	"slices"
	"testing"
)

// The edges are pruned in ranges on all cores; the graph and the counts of
// pruned edges must not depend on how many there are. England's outline
// gives hundreds of edges over the sea among its 18,000.
func TestPruneWorkers(t *testing.T) {
	ps, mp := readEngland(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var first *Graph
	var firstInfo *BuildInfo
	for _, procs := range []int{1, 2, 3, 8} {
		runtime.GOMAXPROCS(procs)
		g, info, err := Build(context.Background(), ps, WithBoundary(mp))
		if err != nil {
			t.Fatal(err)
		}
		if info.PrunedSea == 0 || info.PrunedLong == 0 {
			t.Fatalf("GOMAXPROCS %d: %d pruned as sea, %d as long; England has both", procs, info.PrunedSea, info.PrunedLong)
		}
		if first == nil {
			first, firstInfo = g, info
			continue
		}
		if info.PrunedSea != firstInfo.PrunedSea || info.PrunedLong != firstInfo.PrunedLong {
			t.Errorf("GOMAXPROCS %d: pruned %d sea, %d long; with 1: %d, %d", procs, info.PrunedSea, info.PrunedLong, firstInfo.PrunedSea, firstInfo.PrunedLong)
		}
		if !slices.Equal(g.Off, first.Off) || !slices.Equal(g.Adj, first.Adj) || !slices.Equal(g.Kind, first.Kind) {
			t.Errorf("GOMAXPROCS %d: the graph differs from the one built on one core", procs)
		}
	}
}
