package partition

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSubgraph: the induced subgraph of atoms in any order has the edges
// among them in local indices, and the log-lengths it copies from a graph
// that has them equal those computed afresh, on one worker and on three.
func TestSubgraph(t *testing.T) {
	ag := heavyUnitGraph(t, 300, 250)
	rng := rand.New(rand.NewPCG(3, 4))
	var atoms []int32
	for a := range int32(ag.n()) {
		if rng.IntN(10) < 8 {
			atoms = append(atoms, a)
		}
	}
	rng.Shuffle(len(atoms), func(i, j int) { atoms[i], atoms[j] = atoms[j], atoms[i] })
	local := make(map[int32]int32, len(atoms))
	for i, a := range atoms {
		local[a] = int32(i)
	}
	for _, workers := range []int{1, 3} {
		first := subgraphOn(context.Background(), ag, atoms, workers) // ll computed
		for i, a := range atoms {
			var want []int32
			for _, b := range ag.adj[ag.off[a]:ag.off[a+1]] {
				if j, ok := local[b]; ok {
					want = append(want, j)
				}
			}
			if got := first.adj[first.off[i]:first.off[i+1]]; !slices.Equal(got, want) || first.w[i] != ag.w[a] || first.x[i] != ag.x[a] {
				t.Fatalf("%d workers: vertex %d (atom %d) has %v, want %v", workers, i, a, got, want)
			}
		}
		// A subgraph of the subgraph copies the log-lengths.
		sub := make([]int32, len(atoms)/2)
		for i := range sub {
			sub[i] = int32(2 * i)
		}
		copied := subgraphOn(context.Background(), first, sub, workers)
		fresh := *copied
		fresh.setLogLengths()
		if len(copied.ll) != len(copied.adj) || !slices.Equal(copied.ll, fresh.ll) {
			t.Fatalf("%d workers: copied log-lengths differ from computed ones", workers)
		}
	}
}
