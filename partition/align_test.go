package partition

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/fixture"
)

// englandCCG returns the CCG code of every practice of ps, read from the
// code → ccg_code table in the repository's testdata.
func englandCCG(tb testing.TB, ps []input.Practice) []string {
	tb.Helper()
	f, err := os.Open(filepath.Join(fixture.Root, "testdata", "england-2021", "practices_ccg.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	ccg := map[string]string{}
	for _, r := range rows[1:] {
		ccg[r[0]] = r[1]
	}
	out := make([]string, len(ps))
	for i := range ps {
		c, ok := ccg[ps[i].Code]
		if !ok {
			tb.Fatalf("practice %s has no CCG in practices_ccg.csv", ps[i].Code)
		}
		out[i] = c
	}
	return out
}

// TestAlignEngland checks the done-when of soft alignment on England with
// the practices' CCGs, for seeds 1–3: every hub within bounds and
// contiguous (but the 11 practices above 50,000, alone), at least 97% of
// hubs inside one CCG, and a mean distance at most 1.05 × the unaligned
// run's of the same seed; hubs and areas, the same on one worker.
func TestAlignEngland(t *testing.T) {
	g, ps := loadEngland(t)
	ccg := englandCCG(t, ps)
	ctx := context.Background()
	for seed := uint64(1); seed <= 3; seed++ {
		if seed > 1 && testing.Short() {
			break // seeds 2 and 3 only in the full run (see BENCHMARKS.md)
		}
		free, err := Run(ctx, g, ps, hubLevels, WithSeed(seed), WithAlign(ccg, 0))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Run(ctx, g, ps, hubLevels, WithSeed(seed), WithAlign(ccg, DefaultAlignWeight))
		if err != nil {
			t.Fatal(err)
		}
		mustValid(t, g, ps, res)
		for l := range res.Levels {
			q := res.Quality[l]
			if q.Patients != englandPatients || q.Contiguous != q.Groups {
				t.Errorf("seed %d %s: %d patients, %d of %d contiguous", seed, q.Level, q.Patients, q.Contiguous, q.Groups)
			}
		}
		for l, gs := range res.Groups {
			for _, gr := range gs {
				if gr.Status != StatusOK && !(l == 0 && gr.Status == StatusOversize && len(gr.Members) == 1) {
					t.Errorf("seed %d %s %d: %s, %d patients: %s", seed, res.Levels[l].Name, gr.ID, gr.Status, gr.Patients, gr.Reason)
				}
			}
		}
		c, c0 := res.Coterminosity[0], free.Coterminosity[0]
		q, q0 := res.Quality[0], free.Quality[0]
		t.Logf("seed %d unaligned: %d hubs, mean %.3f km, p95 %.2f km; %d (%.1f%%) inside one CCG, %.1f%% of patients",
			seed, q0.Groups, q0.MeanKm, q0.P95Km, c0.Inside, 100*c0.GroupShare(), 100*c0.PatientShare())
		t.Logf("seed %d aligned:   %d hubs, mean %.3f km (×%.3f), p95 %.2f km; %d (%.1f%%) inside one CCG, %.1f%% of patients; %d of %d CCGs crossed",
			seed, q.Groups, q.MeanKm, q.MeanKm/q0.MeanKm, q.P95Km, c.Inside, 100*c.GroupShare(), 100*c.PatientShare(), len(c.Crossed()), len(c.Values))
		if c.GroupShare() < 0.97 {
			t.Errorf("seed %d: %.2f%% of hubs inside one CCG, want at least 97%%", seed, 100*c.GroupShare())
		}
		if q.MeanKm > 1.05*q0.MeanKm {
			t.Errorf("seed %d: mean %.3f km, above 1.05 × the unaligned %.3f km", seed, q.MeanKm, q0.MeanKm)
		}
		if seed > 1 {
			continue
		}
		one, err := Run(ctx, g, ps, hubLevels, WithSeed(seed), WithAlign(ccg, DefaultAlignWeight), WithWorkers(1))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(one.Assign, res.Assign) {
			t.Error("one worker and the default differ for the same seed")
		}
	}
}

func TestMeasureCoterminosity(t *testing.T) {
	ps := make([]input.Practice, 6)
	for i := range ps {
		ps[i] = input.Practice{Code: code(i), Patients: int64(10 * (i + 1))} // 10..60
	}
	cases := []struct {
		name           string
		assign         []int32
		labels         []string
		groups, inside int
		patientsInside int64
		crossing       map[string]int // per value
	}{
		{"all inside", []int32{0, 0, 1, 1, 2, 2}, []string{"a", "a", "b", "b", "b", "b"}, 3, 3, 210, map[string]int{"a": 0, "b": 0}},
		{"one crossing", []int32{0, 0, 0, 1, 1, 1}, []string{"a", "a", "b", "b", "b", "b"}, 2, 1, 150, map[string]int{"a": 1, "b": 1}},
		{"singletons", []int32{-1, -1, 5, 5, -1, 7}, []string{"a", "b", "a", "b", "", ""}, 5, 4, 140, map[string]int{"": 0, "a": 1, "b": 1}},
		{"labels not dense", []int32{9, 9, 3, 3, 3, 3}, []string{"x", "x", "x", "y", "y", "y"}, 2, 1, 30, map[string]int{"x": 1, "y": 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := MeasureCoterminosity(ps, c.assign, c.labels)
			if err != nil {
				t.Fatal(err)
			}
			if got.Groups != c.groups || got.Inside != c.inside || got.PatientsInside != c.patientsInside || got.Patients != 210 {
				t.Errorf("groups %d inside %d patients inside %d of %d; want %d %d %d of 210",
					got.Groups, got.Inside, got.PatientsInside, got.Patients, c.groups, c.inside, c.patientsInside)
			}
			if len(got.Values) != len(c.crossing) {
				t.Fatalf("%d values, want %d", len(got.Values), len(c.crossing))
			}
			for _, v := range got.Values {
				if v.Crossing != c.crossing[v.Value] {
					t.Errorf("value %q crossed by %d groups, want %d", v.Value, v.Crossing, c.crossing[v.Value])
				}
			}
		})
	}
	if _, err := MeasureCoterminosity(ps, []int32{0}, nil); !errors.Is(err, ErrMismatch) {
		t.Errorf("short slices: %v, want ErrMismatch", err)
	}
}

// TestAlignSynthetic runs alignment on a grid whose values are vertical
// bands, with an enclave too small for a hub of its own, alone and with
// strata and locked practices: results are valid, every hub of a feasible
// piece within bounds, and more hubs inside one value than without
// alignment (most at the infinite weight).
func TestAlignSynthetic(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 1))
	g, ps := gridInstance(rng, synthSpec{w: 30, h: 20, mean: 8000, shared: 0.1})
	labels := make([]string, len(ps))
	strata := make([]string, len(ps))
	locked := make([]string, len(ps))
	site := siteOfPractices(g, len(ps))
	for p := range ps {
		x, y := g.XY[site[p]][0], g.XY[site[p]][1]
		labels[p] = fmt.Sprint("band", int(x/7000))
		if x > 12000 && x < 14000 && y > 9000 && y < 11000 {
			labels[p] = "enclave"
		}
		strata[p] = fmt.Sprint("half", int(y/10000))
	}
	locked[0], locked[1] = "L", "L"
	ctx := context.Background()
	defaultInside := 0
	for _, c := range []struct {
		name   string
		weight float64
		opts   []Option
	}{
		{"default", -1, nil},
		{"hard", math.Inf(1), nil},
		{"strata", -1, []Option{WithStrata(strata)}},
		{"locked", -1, []Option{WithLocked(locked)}},
		{"areas too", -1, []Option{WithAlignAt(1, labels, -1)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts := append([]Option{WithSeed(3), WithAlign(labels, c.weight)}, c.opts...)
			res, err := Run(ctx, g, ps, hubLevels, opts...)
			if err != nil {
				t.Fatal(err)
			}
			mustValid(t, g, ps, res)
			free, err := Run(ctx, g, ps, hubLevels, append([]Option{WithSeed(3), WithAlign(labels, 0)}, c.opts...)...)
			if err != nil {
				t.Fatal(err)
			}
			for l := range res.Levels {
				if q, q0 := res.Quality[l], free.Quality[l]; q.Groups-q.InBounds > q0.Groups-q0.InBounds {
					t.Errorf("%s: %d out of bounds, %d without alignment", q.Level, q.Groups-q.InBounds, q0.Groups-q0.InBounds)
				}
			}
			co, co0 := res.Coterminosity[0], free.Coterminosity[0]
			t.Logf("%d of %d hubs inside one value (%d of %d unaligned)", co.Inside, co.Groups, co0.Inside, co0.Groups)
			if co.GroupShare() < co0.GroupShare() {
				t.Errorf("aligned %.3f below unaligned %.3f", co.GroupShare(), co0.GroupShare())
			}
			switch c.name {
			case "default":
				defaultInside = co.Inside
			case "hard":
				if co.Inside < defaultInside {
					t.Errorf("%d hubs inside one value at the infinite weight, %d at the default", co.Inside, defaultInside)
				}
			}
			if c.name == "areas too" && res.Coterminosity[1] == nil {
				t.Error("no area coterminosity")
			}
		})
	}
}

// siteOfPractices maps practices to their sites in g.
func siteOfPractices(g *graph.Graph, np int) []int32 {
	out := make([]int32, np)
	for v := range g.N() {
		for _, p := range g.SiteMembers(v) {
			out[p] = int32(v)
		}
	}
	return out
}
