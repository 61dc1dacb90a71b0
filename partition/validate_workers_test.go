package partition

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestValidateSameForAnyWorkers: on a level of more than a thousand groups
// (so the per-group checks run on several goroutines), false hub sites,
// distances and contiguity flags scattered over the groups give the same
// problems, in the same order, with 1, 2 and 5 workers.
func TestValidateSameForAnyWorkers(t *testing.T) {
	g, ps := gridInstance(rand.New(rand.NewPCG(11, 12)), synthSpec{w: 80, h: 60, holes: 0.05, shared: 0.2, mean: 8000})
	lvl := Level{Name: "hub", Min: 12_000, Max: 30_000}
	res, err := Run(context.Background(), g, ps, []Level{lvl}, WithSeed(1))
	if err != nil {
		t.Fatal(err)
	}
	groups := res.Groups[0]
	if len(groups) < 1024 {
		t.Fatalf("%d groups: too few to spread over workers", len(groups))
	}
	for i := 3; i < len(groups); i += 97 {
		gr := &groups[i]
		switch i % 3 {
		case 0:
			if len(gr.Members) > 1 {
				gr.HubSite = gr.Members[0] + gr.Members[len(gr.Members)-1] - gr.HubSite
			}
		case 1:
			gr.MeanKm += 0.5
		case 2:
			gr.Contiguous = !gr.Contiguous
		}
	}
	var first []string
	for _, w := range []int{1, 2, 5} {
		err := Validate(g, ps, res, WithWorkers(w))
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("%d workers: got %v, want a *ValidationError", w, err)
		}
		if first == nil {
			first = ve.Problems
			continue
		}
		if !slices.Equal(ve.Problems, first) {
			t.Fatalf("%d workers: problems differ from 1 worker:\n%v\n%v", w, ve.Problems, first)
		}
	}
	if len(first) < 10 {
		t.Fatalf("only %d problems: %v", len(first), first)
	}
}
