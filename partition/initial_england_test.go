package partition

import (
	"bytes"
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
)

// englandPCNs returns the PCN code of every practice.
func englandPCNs(tb testing.TB, ps []input.Practice) []string {
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

// relaxedPCNGraph returns a copy of g in which every PCN's sites are
// contiguous: each part of a PCN detached from its largest part (by
// patients) is joined to that part by one extra edge between their closest
// sites. It measures what strict contiguity costs the repair.
func relaxedPCNGraph(tb testing.TB, g *graph.Graph, ps []input.Practice, pcn []string) (*graph.Graph, int) {
	tb.Helper()
	var edges [][2]int32
	for v := range g.N() {
		for _, u := range g.Neighbors(v) {
			if int32(v) < u {
				edges = append(edges, [2]int32{int32(v), u})
			}
		}
	}
	siteOf := make([]int32, len(ps))
	for v := range g.N() {
		for _, p := range g.SiteMembers(v) {
			siteOf[p] = int32(v)
		}
	}
	sitesOf := map[string][]int32{}
	weight := map[[2]any]int64{}
	var order []string
	for p, l := range pcn {
		if l == "" {
			continue
		}
		if _, ok := sitesOf[l]; !ok {
			order = append(order, l)
		}
		sitesOf[l] = append(sitesOf[l], siteOf[p])
		weight[[2]any{l, siteOf[p]}] += int64(ps[p].Patients)
	}
	added := 0
	for _, l := range order {
		in := map[int32]bool{}
		for _, v := range sitesOf[l] {
			in[v] = true
		}
		comp := map[int32]int{}
		var parts [][]int32
		for _, s := range sitesOf[l] {
			if _, ok := comp[s]; ok {
				continue
			}
			c := len(parts)
			comp[s] = c
			part := []int32{s}
			for i := 0; i < len(part); i++ {
				for _, u := range g.Neighbors(int(part[i])) {
					if _, ok := comp[u]; in[u] && !ok {
						comp[u] = c
						part = append(part, u)
					}
				}
			}
			parts = append(parts, part)
		}
		if len(parts) < 2 {
			continue
		}
		big, bigW := 0, int64(-1)
		for c, part := range parts {
			var w int64
			for _, v := range part {
				w += weight[[2]any{l, v}]
			}
			if w > bigW {
				big, bigW = c, w
			}
		}
		for c, part := range parts {
			if c == big {
				continue
			}
			best, bd := [2]int32{}, -1.0
			for _, a := range part {
				for _, b := range parts[big] {
					dx, dy := g.XY[a][0]-g.XY[b][0], g.XY[a][1]-g.XY[b][1]
					if d := dx*dx + dy*dy; bd < 0 || d < bd {
						best, bd = [2]int32{a, b}, d
					}
				}
			}
			edges = append(edges, best)
			added++
		}
	}
	r := graph.FromEdges(g.N(), edges, nil)
	r.Weight, r.Loc, r.XY, r.MemberOff, r.Members = g.Weight, g.Loc, g.XY, g.MemberOff, g.Members
	return r, added
}

// TestEnglandFromPCNsRelaxed measures how much of the repair's disruption
// strict contiguity causes: the same run on a graph in which every PCN's
// detached parts are joined to its largest part (relaxedPCNGraph).
func TestEnglandFromPCNsRelaxed(t *testing.T) {
	g, ps := loadEngland(t)
	pcn := englandPCNs(t, ps)
	strict, err := Run(context.Background(), g, ps, hubLevels[:1], WithSeed(1), WithInitial(pcn))
	if err != nil {
		t.Fatal(err)
	}
	rg, added := relaxedPCNGraph(t, g, ps, pcn)
	relaxed, err := Run(context.Background(), rg, ps, hubLevels[:1], WithSeed(1), WithInitial(pcn))
	if err != nil {
		t.Fatal(err)
	}
	mustValid(t, rg, ps, relaxed)
	s, r := strict.Change.Summary, relaxed.Change.Summary
	pct := func(a, b int64) float64 { return 100 * float64(a) / float64(b) }
	t.Logf("%d edges added to join detached PCN parts", added)
	t.Logf("strict:  %d valid PCNs, %d kept exactly (%.1f%%), %.2f%% of patients moved, ARI %.3f",
		s.Valid, s.KeptValid, pct(int64(s.KeptValid), int64(s.Valid)), pct(s.PatientsMoved, s.Patients), s.ARI)
	t.Logf("relaxed: %d valid PCNs, %d kept exactly (%.1f%%), %.2f%% of patients moved, ARI %.3f",
		r.Valid, r.KeptValid, pct(int64(r.KeptValid), int64(r.Valid)), pct(r.PatientsMoved, r.Patients), r.ARI)
	t.Logf("strict contiguity accounts for %.2f of the %.2f points of patients moved", pct(s.PatientsMoved-r.PatientsMoved, s.Patients), pct(s.PatientsMoved, s.Patients))
	if r.PatientsMoved >= s.PatientsMoved {
		t.Errorf("relaxed contiguity moved %d patients, strict %d: want fewer", r.PatientsMoved, s.PatientsMoved)
	}
}
