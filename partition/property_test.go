package partition

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestPropertyRandom runs many random instances (grids with holes, islands,
// shared sites, zero and oversize practices) under several seeds and checks
// that every result validates and that a group is out of bounds only for a
// reason the instance forces (oversize atom, undersize piece, unsplittable
// piece).
func TestPropertyRandom(t *testing.T) {
	instances := 24
	if testing.Short() {
		instances = 8
	}
	for i := range instances {
		rng := rand.New(rand.NewPCG(uint64(i), 7))
		sp := synthSpec{w: 6 + rng.IntN(30), h: 4 + rng.IntN(20), holes: rng.Float64() * 0.3, islands: rng.IntN(4),
			shared: rng.Float64() * 0.3, mean: 3000 + rng.Float64()*9000, oversize: rng.IntN(3), over: 50000}
		if i%2 == 0 {
			sp.holes = 0
		}
		g, ps := gridInstance(rng, sp)
		levels := hubLevels
		if i%3 == 1 {
			levels = []Level{{Name: "hub", Min: 30000, Max: 50000}, {Name: "area", Min: 100000, Max: 200000}, {Name: "region", Min: 300000}}
		}
		for seed := range uint64(3) {
			t.Run(fmt.Sprintf("instance%d/seed%d", i, seed), func(t *testing.T) {
				res, err := Run(context.Background(), g, ps, levels, WithSeed(seed))
				if err != nil {
					t.Fatal(err)
				}
				mustValid(t, g, ps, res)
				// Holes can leave a chain of sites hanging from one site
				// whose weight forbids any valid group (a chain of 28k
				// hanging from a 27k site with [30k, 50k]): such a
				// group is rightly out-of-bounds. Coarse instances
				// (practices up to 50k next to groups of 30–50k) may
				// also defeat the search, rarely. Fine-grained
				// instances without holes must be fully in bounds.
				strict := sp.holes == 0 && sp.mean <= 6000
				bad := 0
				for l := range res.Groups {
					for _, gr := range res.Groups[l] {
						if gr.Status == StatusOutOfBounds {
							bad++
							if strict {
								t.Errorf("level %d group %d: %s", l, gr.ID, gr.Reason)
							}
						}
					}
				}
				if bad > 0 {
					t.Logf("%d out-of-bounds groups (holes %.2f)", bad, sp.holes)
				}
				if n := len(res.Groups[0]); bad > 1+n/50 {
					t.Errorf("%d of %d groups out-of-bounds", bad, n)
				}
			})
		}
	}
}

// TestDeterminism checks that the same seed gives the same result, with one
// worker or several.
func TestDeterminism(t *testing.T) {
	rng := rand.New(rand.NewPCG(99, 1))
	g, ps := gridInstance(rng, synthSpec{w: 90, h: 70, holes: 0.1, islands: 3, shared: 0.1, mean: 7000, oversize: 2, over: 50000})
	run := func(opts ...Option) *Result {
		res, err := Run(context.Background(), g, ps, hubLevels, opts...)
		if err != nil {
			t.Fatal(err)
		}
		res.Timings = nil
		return res
	}
	a := run(WithSeed(5), WithWorkers(1))
	b := run(WithSeed(5), WithWorkers(2))
	c := run(WithSeed(5), WithWorkers(4))
	if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(a, c) {
		t.Fatal("results differ between worker counts for the same seed")
	}
	d := run(WithSeed(6))
	if reflect.DeepEqual(a.Assign, d.Assign) {
		t.Log("seeds 5 and 6 gave the same assignment (possible but unlikely)")
	}
}
