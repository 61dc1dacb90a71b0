package partition

import (
	"bytes"
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/hubpart/hubpart/geo"
)

// englandPCNs returns the PCN code of every practice.
func englandPCNs(tb testing.TB, ps []geo.Practice) []string {
	tb.Helper()
	out := make([]string, len(ps))
	for i := range ps {
		out[i] = ps[i].Attrs["pcn_code"]
	}
	return out
}

// TestEnglandFromPCNs checks the done-when conditions of starting from the
// real 2021 PCNs: every hub within [30k, 50k] and contiguous except single
// practices above 50k; at least 90% of the already-valid PCNs kept
// exactly; at most 10% of patients moved; the same result on one worker.
func TestEnglandFromPCNs(t *testing.T) {
	g, ps := loadEngland(t)
	pcn := englandPCNs(t, ps)
	start := time.Now()
	res, err := Run(context.Background(), g, ps, hubLevels, WithSeed(1), WithInitial(pcn))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("hubs+areas from PCNs in %v", time.Since(start).Round(time.Millisecond))
	mustValid(t, g, ps, res)
	var buf bytes.Buffer
	if err := res.Report(&buf); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + buf.String())
	for _, gr := range res.Groups[0] {
		switch {
		case gr.Status == StatusOK && gr.Contiguous:
		case gr.Status == StatusOversize && len(gr.Members) == 1 && ps[gr.Members[0]].Patients > 50000:
		default:
			t.Errorf("hub %d: %s %d patients, %d practices, contiguous %v: %s", gr.ID, gr.Status, gr.Patients, len(gr.Members), gr.Contiguous, gr.Reason)
		}
	}
	d := res.Change.Summary
	if d.Valid != 534 {
		t.Errorf("%d valid PCNs, want 534", d.Valid)
	}
	if 10*d.KeptValid < 9*d.Valid {
		t.Errorf("%d of %d valid PCNs kept exactly, want at least 90%%", d.KeptValid, d.Valid)
	}
	if 10*d.PatientsMoved > d.Patients {
		t.Errorf("%d of %d patients moved, want at most 10%%", d.PatientsMoved, d.Patients)
	}
	one, err := Run(context.Background(), g, ps, hubLevels, WithSeed(1), WithInitial(pcn), WithWorkers(1))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(one.Assign, res.Assign) || !reflect.DeepEqual(one.Change, res.Change) {
		t.Error("one worker and the default differ for the same seed")
	}
}
