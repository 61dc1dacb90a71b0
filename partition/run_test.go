package partition

import (
	"context"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
)

func TestRunSmoke(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	g, ps := gridInstance(rng, synthSpec{w: 40, h: 30, holes: 0.1, islands: 3, shared: 0.1, mean: 8000, oversize: 3, over: 50000})
	res, err := Run(context.Background(), g, ps, hubLevels, WithSeed(1))
	if err != nil {
		t.Fatal(err)
	}
	mustValid(t, g, ps, res)
	for _, q := range res.Quality {
		t.Logf("%+v", q)
	}
	for l := range res.Groups {
		for _, gr := range res.Groups[l] {
			if gr.Status != StatusOK {
				t.Logf("level %d group %d: %s %d %s", l, gr.ID, gr.Status, gr.Patients, gr.Reason)
			}
		}
	}
	for _, tm := range res.Timings {
		t.Logf("%s %v", tm.Stage, tm.Duration)
	}
}

// TestRegionsWorkers refines a piece in regions (the region size lowered
// from 32,768 atoms to 1,024 so that 3,600 sites make three) on one and on
// two workers: the results must be identical and valid.
func TestRegionsWorkers(t *testing.T) {
	defer func(a int) { regionAtoms = a }(regionAtoms)
	regionAtoms = 1024
	rng := rand.New(rand.NewPCG(8, 8))
	g, ps := gridInstance(rng, synthSpec{w: 60, h: 60, shared: 0.05, mean: 400})
	levels := []Level{{Name: "g", Min: 10000, Max: 15000}}
	var res [2]*Result
	for i, w := range []int{1, 2} {
		r, err := Run(context.Background(), g, ps, levels, WithSeed(3), WithWorkers(w))
		if err != nil {
			t.Fatal(err)
		}
		res[i] = r
	}
	mustValid(t, g, ps, res[0])
	if !slices.Equal(res[0].Assign[0], res[1].Assign[0]) {
		t.Fatal("one and two workers give different groups")
	}
	q := res[0].Quality[0]
	if q.InBounds != q.Groups {
		t.Errorf("%d of %d groups in bounds", q.InBounds, q.Groups)
	}
	t.Logf("%d groups, mean %.3f km", q.Groups, q.MeanKm)
}

// TestRegionsPerturb refines a piece in regions (the region size lowered to
// 1,024 atoms, so that 3,600 sites make three) and checks that each region
// runs and keeps perturbations on its own graph, that the regions share the
// piece's perturbations by their groups and the seam gets as many per
// group, and that a piece refined whole runs them as before.
func TestRegionsPerturb(t *testing.T) {
	defer func(a int) { regionAtoms = a }(regionAtoms)
	defer func() { testHookPerturbed = nil }()
	type call struct {
		region, seam bool
		iters, kept  int
	}
	var mu sync.Mutex
	var calls []call
	testHookPerturbed = func(region, seam bool, iters, kept int) {
		mu.Lock()
		defer mu.Unlock()
		calls = append(calls, call{region, seam, iters, kept})
	}
	rng := rand.New(rand.NewPCG(8, 8))
	g, ps := gridInstance(rng, synthSpec{w: 60, h: 60, shared: 0.05, mean: 8000})
	for _, tc := range []struct {
		name           string
		atoms          int
		regions, seams int
	}{
		{"whole", 32768, 0, 0},
		{"regions", 1024, 3, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			regionAtoms = tc.atoms
			calls = nil
			res, err := Run(context.Background(), g, ps, hubLevels[:1], WithSeed(3), WithWorkers(2))
			if err != nil {
				t.Fatal(err)
			}
			mustValid(t, g, ps, res)
			budget := min(perturbPerGroup*res.Quality[0].Groups, maxPerturb)
			var regions, seams, inRegions int
			for _, c := range calls {
				switch {
				case c.region:
					regions++
					inRegions += c.iters
					if c.iters == 0 || c.kept == 0 {
						t.Errorf("a region ran %d perturbations and kept %d", c.iters, c.kept)
					}
				case c.seam:
					seams++
					if c.iters == 0 || c.iters >= budget {
						t.Errorf("the seam ran %d perturbations, want some and fewer than the piece's %d", c.iters, budget)
					}
				default:
					if c.iters != budget || c.kept == 0 {
						t.Errorf("the whole piece ran %d perturbations (want %d) and kept %d", c.iters, budget, c.kept)
					}
				}
			}
			if regions != tc.regions || seams != tc.seams {
				t.Fatalf("%d region and %d seam refinements, want %d and %d (%+v)", regions, seams, tc.regions, tc.seams, calls)
			}
			if tc.regions > 0 && (inRegions > budget || inRegions < budget-tc.regions) {
				t.Errorf("the regions ran %d perturbations in all, want the piece's %d (less rounding)", inRegions, budget)
			}
			t.Logf("%d groups: %+v", res.Quality[0].Groups, calls)
		})
	}
}

// TestRegionsFor: how many regions a piece is refined in, by its atoms and
// groups, with and without a free count.
func TestRegionsFor(t *testing.T) {
	for _, tc := range []struct {
		n, ng int
		free  bool
		want  int
	}{
		{4095, 900, false, 0},        // below two regions
		{4096, 900, false, 2},        // two from 4,096 atoms
		{6054, 1517, false, 2},       // England's hubs
		{6054, 1517, true, 0},        // a free count keeps them whole
		{65535, 15000, false, 2},     // still two
		{65536, 15000, true, 2},      // a free count splits from 65,536
		{98304, 22000, false, 3},     // ⌊n/32768⌋
		{1_600_000, 13000, false, 8}, // at most 8
		{6054, 20, false, 0},         // too few groups for two regions
		{1_600_000, 767, false, 0},   // 48 regions' worth of atoms need 16 groups each
		{1_600_000, 768, false, 8},   // just enough
	} {
		if got := regionsFor(tc.n, tc.ng, tc.free); got != tc.want {
			t.Errorf("regionsFor(%d atoms, %d groups, free %v) = %d, want %d", tc.n, tc.ng, tc.free, got, tc.want)
		}
	}
}

// TestWithIdle checks that the idle function is called once when a piece is
// refined in regions (the region size lowered to 1,024 atoms, so that 3,600
// sites make three), never when it is refined whole, and that the result
// is the same with it as without.
func TestWithIdle(t *testing.T) {
	defer func(a int) { regionAtoms = a }(regionAtoms)
	rng := rand.New(rand.NewPCG(8, 8))
	g, ps := gridInstance(rng, synthSpec{w: 60, h: 60, shared: 0.05, mean: 8000})
	for _, tc := range []struct {
		name  string
		atoms int
		calls int32
	}{
		{"whole", 32768, 0},
		{"regions", 1024, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			regionAtoms = tc.atoms
			var calls atomic.Int32
			with, err := Run(context.Background(), g, ps, hubLevels, WithSeed(3), WithWorkers(2), WithIdle(func() { calls.Add(1) }))
			if err != nil {
				t.Fatal(err)
			}
			if got := calls.Load(); got != tc.calls {
				t.Errorf("idle called %d times, want %d", got, tc.calls)
			}
			without, err := Run(context.Background(), g, ps, hubLevels, WithSeed(3), WithWorkers(2))
			if err != nil {
				t.Fatal(err)
			}
			for l := range with.Assign {
				if !slices.Equal(with.Assign[l], without.Assign[l]) {
					t.Fatalf("level %d: groups differ with WithIdle", l)
				}
			}
		})
	}
}
