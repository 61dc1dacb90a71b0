package partition

import (
	"context"
	"math/rand/v2"
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
