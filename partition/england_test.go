package partition

import (
	"context"
	"reflect"
	"testing"
	"time"
)

// TestEngland checks the done-when conditions on the 6,658 English
// practices: everything assigned, patients in = out, every hub and area
// contiguous in the project's graph and in the plain Delaunay graph, hubs
// in [30k, 50k] except the 11 practices above 50k alone, areas >= 100k,
// and compactness better than METIS -contig (2.37 / 10.8 / 565 km) and the
// real PCNs (2.30 / 10.2 / 77 km).
func TestEngland(t *testing.T) {
	g, ps := loadEngland(t)
	if len(ps) != 6658 {
		t.Fatalf("%d practices, want 6658", len(ps))
	}
	start := time.Now()
	res, err := Run(context.Background(), g, ps, hubLevels, WithSeed(1))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("hubs+areas in %v", time.Since(start).Round(time.Millisecond))
	mustValid(t, g, ps, res)
	one, err := Run(context.Background(), g, ps, hubLevels, WithSeed(1), WithWorkers(1))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(one.Assign, res.Assign) || !reflect.DeepEqual(one.Groups, res.Groups) {
		t.Error("one worker and the default differ for the same seed")
	}
	if err := Validate(plainDelaunay(t, g), ps, res); err != nil {
		t.Fatalf("not valid in the plain Delaunay graph: %v", err)
	}
	for l, q := range res.Quality {
		if q.Patients != englandPatients {
			t.Errorf("level %d: %d patients out, want %d", l, q.Patients, englandPatients)
		}
		if q.Contiguous != q.Groups {
			t.Errorf("level %d: %d of %d groups contiguous", l, q.Contiguous, q.Groups)
		}
		t.Logf("%s: %d groups, %d in bounds, mean %.2f km, p95 %.2f km, max %.1f km, sizes %d..%d",
			q.Level, q.Groups, q.InBounds, q.MeanKm, q.P95Km, q.MaxKm, q.MinSize, q.MaxSize)
	}
	over := 0
	for _, gr := range res.Groups[0] {
		switch {
		case gr.Status == StatusOK:
		case gr.Status == StatusOversize && len(gr.Members) == 1 && ps[gr.Members[0]].Patients > 50000:
			over++
		default:
			t.Errorf("hub %d: %s %d patients, %d practices: %s", gr.ID, gr.Status, gr.Patients, len(gr.Members), gr.Reason)
		}
	}
	if over != 11 {
		t.Errorf("%d oversize hubs, want the 11 practices above 50,000", over)
	}
	for _, gr := range res.Groups[1] {
		if gr.Patients < 100000 || gr.Status != StatusOK {
			t.Errorf("area %d: %s %d patients", gr.ID, gr.Status, gr.Patients)
		}
	}
	q := res.Quality[0]
	if q.MeanKm >= 2.30 || q.P95Km >= 10.2 || q.MaxKm >= 77 {
		t.Errorf("hubs %.2f / %.2f / %.1f km do not beat the real PCNs (2.30 / 10.2 / 77)", q.MeanKm, q.P95Km, q.MaxKm)
	}
	if q.MeanKm > 2.0 || q.MaxKm > 60 {
		t.Logf("above the aim of mean <= 2.0 km and max <= 60 km")
	}

	// The real PCNs through Evaluate, blanks as singletons.
	ids := map[string]int32{}
	assign := make([]int32, len(ps))
	for p := range ps {
		c := ps[p].Attrs["pcn_code"]
		if c == "" {
			assign[p] = -1
			continue
		}
		id, ok := ids[c]
		if !ok {
			id = int32(len(ids))
			ids[c] = id
		}
		assign[p] = id
	}
	pq, pg := Evaluate(g, ps, hubLevels[0], assign)
	if pq.Groups != 1255+105 || pq.Patients != englandPatients {
		t.Errorf("PCNs: %d groups, %d patients; want 1360 (1,255 PCNs + 105 singletons), %d", pq.Groups, pq.Patients, englandPatients)
	}
	t.Logf("real PCNs: %d groups, %d in bounds, %d contiguous in the graph, mean %.2f km, p95 %.2f km, max %.1f km",
		pq.Groups, pq.InBounds, pq.Contiguous, pq.MeanKm, pq.P95Km, pq.MaxKm)
	_ = pg
}
