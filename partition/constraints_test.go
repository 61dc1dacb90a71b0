package partition

import (
	"context"
	"testing"
)

// TestConstraintsFromEngland combines the planner constraints with the
// repair of the real PCNs (WithInitial) on England: with 300 fixed hub
// sites every one is the hub site of its own hub; with CCG alignment more
// hubs lie inside one CCG than the repair alone gives; with both, both.
// Every result is valid and every hub but the 11 practices above 50,000
// within bounds.
func TestConstraintsFromEngland(t *testing.T) {
	g, ps := loadEngland(t)
	pcn := make([]string, len(ps))
	for p := range ps {
		pcn[p] = ps[p].Attrs["pcn_code"]
	}
	ccg := englandCCG(t, ps)
	fixed := spreadSites(ps, 300, 50000, 8, 13)
	ctx := context.Background()
	run := func(t *testing.T, opts ...Option) *Result {
		t.Helper()
		opts = append([]Option{WithSeed(1), WithInitial(pcn)}, opts...)
		res, err := Run(ctx, g, ps, hubLevels, opts...)
		if err != nil {
			t.Fatal(err)
		}
		mustValid(t, g, ps, res, opts...)
		for _, gr := range res.Groups[0] {
			if gr.Status != StatusOK && !(gr.Status == StatusOversize && len(gr.Members) == 1) {
				t.Errorf("hub %d: %s, %d patients: %s", gr.ID, gr.Status, gr.Patients, gr.Reason)
			}
		}
		co, err := MeasureCoterminosity(ps, res.Assign[0], ccg)
		if err != nil {
			t.Fatal(err)
		}
		q := res.Quality[0]
		t.Logf("%d hubs, %d in bounds, mean %.3f km; %.1f%% inside one CCG; %d patients moved from their PCN",
			q.Groups, q.InBounds, q.MeanKm, 100*co.GroupShare(), res.Change.Summary.PatientsMoved)
		return res
	}
	var plain float64
	t.Run("from", func(t *testing.T) {
		res := run(t)
		co, _ := MeasureCoterminosity(ps, res.Assign[0], ccg)
		plain = co.GroupShare()
	})
	t.Run("from and hub sites", func(t *testing.T) {
		checkFixedSites(t, ps, fixed, run(t, WithHubSites(fixed)))
	})
	t.Run("from and alignment", func(t *testing.T) {
		res := run(t, WithAlign(ccg, -1))
		if s := res.Coterminosity[0].GroupShare(); s <= plain {
			t.Errorf("%.3f of hubs inside one CCG, no more than the repair alone (%.3f)", s, plain)
		}
	})
	t.Run("from, hub sites and alignment", func(t *testing.T) {
		checkFixedSites(t, ps, fixed, run(t, WithHubSites(fixed), WithAlign(ccg, -1)))
	})
}
