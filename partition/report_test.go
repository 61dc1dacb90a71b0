package partition

import (
	"context"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestReport(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	g, ps := gridInstance(rng, synthSpec{w: 30, h: 20, islands: 1, mean: 7000, oversize: 1, over: 50000})
	res, err := Run(context.Background(), g, ps, hubLevels)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := res.Report(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"level", "hub", "area", "[30,000, 50,000]", "[100,000, no maximum]", "oversize", "timings:", "split and refine"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// TestConcurrentRuns runs several Run calls at once on shared inputs (no
// package-level mutable state; run with -race) and checks they agree.
func TestConcurrentRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 12))
	g, ps := gridInstance(rng, synthSpec{w: 40, h: 30, mean: 7000})
	results := make([]*Result, 4)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := Run(context.Background(), g, ps, hubLevels, WithSeed(3), WithWorkers(1+i%2))
			if err != nil {
				t.Error(err)
				return
			}
			results[i] = res
		}()
	}
	wg.Wait()
	for i := 1; i < len(results); i++ {
		if results[i] == nil || results[0] == nil || !reflect.DeepEqual(results[i].Assign, results[0].Assign) {
			t.Fatal("concurrent runs with the same seed disagree")
		}
	}
}
