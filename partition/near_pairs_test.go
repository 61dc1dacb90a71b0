package partition

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"
)

// TestNearPairsSkipsOnlyIdle: every group a pair pass skips without
// listing its neighbours has no pair to try (neither it nor any neighbour
// changed since the pass's round), on runs whose perturbations and seams
// make many passes with few changed groups; and groups are skipped.
func TestNearPairsSkipsOnlyIdle(t *testing.T) {
	defer func(a int) { regionAtoms = a }(regionAtoms)
	defer func() { testHookNearSkip = nil }()
	var mu sync.Mutex
	skips, wrong := 0, 0
	testHookNearSkip = func(s *searcher, a, since int32) {
		mu.Lock()
		defer mu.Unlock()
		skips++
		if s.changedAt[a] >= since {
			wrong++
			t.Errorf("group %d skipped, but it changed at round %d >= %d", a, s.changedAt[a], since)
			return
		}
		for _, h := range s.neighbours(a, nil) {
			if s.changedAt[h] >= since && len(s.mem[h]) <= maxSearchAtoms && len(s.mem[a])+len(s.mem[h]) <= maxPairAtoms {
				wrong++
				t.Errorf("group %d skipped, but its neighbour %d changed at round %d >= %d", a, h, s.changedAt[h], since)
			}
		}
	}
	rng := rand.New(rand.NewPCG(8, 8))
	g, ps := gridInstance(rng, synthSpec{w: 60, h: 60, shared: 0.05, mean: 8000})
	for _, atoms := range []int{32768, 1024} { // whole, then regions and a seam
		regionAtoms = atoms
		res, err := Run(context.Background(), g, ps, hubLevels[:1], WithSeed(3), WithWorkers(2))
		if err != nil {
			t.Fatal(err)
		}
		mustValid(t, g, ps, res)
	}
	if skips == 0 {
		t.Fatal("no group was skipped: the test exercises nothing")
	}
	t.Logf("%d groups skipped, %d wrongly", skips, wrong)
}
