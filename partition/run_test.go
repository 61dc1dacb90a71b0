package partition

import (
	"context"
	"math/rand/v2"
	"slices"
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
