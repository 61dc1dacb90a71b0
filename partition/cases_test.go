package partition

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/paulmach/orb"
)

// path builds a path of sites 1 km apart, one practice per site, with the
// given list sizes.
func path(sizes ...int) (*graph.Graph, []input.Practice) {
	n := len(sizes)
	var edges [][2]int32
	for i := 1; i < n; i++ {
		edges = append(edges, [2]int32{int32(i - 1), int32(i)})
	}
	g := graph.FromEdges(n, edges, nil)
	g.XY = make([][2]float64, n)
	ps := make([]input.Practice, n)
	for i, s := range sizes {
		g.XY[i] = [2]float64{float64(i) * 1000, 0}
		ps[i] = input.Practice{Code: code(i), Loc: orb.Point{float64(i) * 0.0146, 52}, Patients: int64(s)}
	}
	return g, ps
}

func TestInfeasibleCases(t *testing.T) {
	hub := []Level{{Name: "hub", Min: 30000, Max: 50000}}
	cases := []struct {
		name   string
		sizes  []int
		want   []Status // per group, in canonical order
		groups int
		reason string // the reason of the first group out of bounds
	}{
		{"piece below min", []int{5000, 8000, 7000}, []Status{StatusUndersize}, 1,
			"its 3 practices are cut off from the rest and have 20,000 patients in all, below the hub minimum 30,000"},
		{"55k unsplittable", []int{14000, 13000, 15000, 13000}, []Status{StatusUnsplittable}, 1,
			"55,000 patients: the 4 practices connected to it have 55,000 patients, which no number of hubs of 30,000–50,000 can share"},
		{"atom above max", []int{20000, 15000, 60000, 20000, 15000}, []Status{StatusOK, StatusOversize, StatusOK}, 3,
			"practice " + code(2) + " has 60,000 patients, above the hub maximum 50,000"},
		{"exact fit", []int{30000, 50000, 30000}, []Status{StatusOK, StatusOK, StatusOK}, 3, ""},
		{"stranded remainder joins oversize", []int{10000, 70000, 20000, 20000}, []Status{StatusOversize, StatusOK}, 2,
			"practice " + code(1) + " has 70,000 patients, above the hub maximum 50,000; 1 practice with 10,000 patients, cut off by it and below the minimum 30,000, was added"},
		{"empty weights", []int{0, 0, 0}, []Status{StatusUndersize}, 1,
			"its 3 practices are cut off from the rest and have 0 patients in all, below the hub minimum 30,000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, ps := path(c.sizes...)
			res, err := Run(context.Background(), g, ps, hub)
			if err != nil {
				t.Fatal(err)
			}
			mustValid(t, g, ps, res)
			gs := res.Groups[0]
			if len(gs) != c.groups {
				t.Fatalf("%d groups, want %d", len(gs), c.groups)
			}
			for i, st := range c.want {
				if gs[i].Status != st {
					t.Errorf("group %d (%d patients): status %s, want %s (%s)", i, gs[i].Patients, gs[i].Status, st, gs[i].Reason)
				}
			}
			for i := range gs {
				if gs[i].Status != StatusOK {
					if gs[i].Reason != c.reason {
						t.Errorf("group %d reason\n%q, want\n%q", i, gs[i].Reason, c.reason)
					}
					break
				}
			}
		})
	}
}

func TestSharedSiteAboveMax(t *testing.T) {
	// Two practices of 35k on one site must be split into two hubs.
	g := graph.FromEdges(2, [][2]int32{{0, 1}}, nil)
	g.XY = [][2]float64{{0, 0}, {1000, 0}}
	g.MemberOff = []int32{0, 2, 3}
	g.Members = []int32{0, 1, 2}
	ps := []input.Practice{{Code: "A", Patients: 35000}, {Code: "B", Patients: 35000}, {Code: "C", Patients: 5000}}
	res, err := Run(context.Background(), g, ps, hubLevels[:1])
	if err != nil {
		t.Fatal(err)
	}
	mustValid(t, g, ps, res)
	if len(res.Groups[0]) != 2 || res.Quality[0].InBounds != 2 {
		t.Fatalf("got %d groups, %d in bounds; want 2, 2", len(res.Groups[0]), res.Quality[0].InBounds)
	}
}

func TestLockedAndStrata(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	g, ps := gridInstance(rng, synthSpec{w: 30, h: 20, shared: 0.1, mean: 7000})
	n := g.N()
	strata := make([]string, len(ps))
	locked := make([]string, len(ps))
	for v := range n {
		for _, p := range g.SiteMembers(v) {
			strata[p] = "west"
			if g.XY[v][0] > 15000 {
				strata[p] = "east"
			}
		}
	}
	// lock the practices of two adjacent sites, in the same stratum
	locked[g.SiteMembers(0)[0]] = "fed"
	locked[g.SiteMembers(1)[0]] = "fed"
	locked[g.SiteMembers(40)[0]] = "solo"
	res, err := Run(context.Background(), g, ps, hubLevels, WithStrata(strata), WithLocked(locked), WithSeed(2))
	if err != nil {
		t.Fatal(err)
	}
	mustValid(t, g, ps, res)
	a := res.Assign[0]
	if a[g.SiteMembers(0)[0]] != a[g.SiteMembers(1)[0]] {
		t.Error("locked practices in different hubs")
	}
	for l := range res.Groups {
		for _, gr := range res.Groups[l] {
			for _, p := range gr.Members {
				if strata[p] != strata[gr.Members[0]] {
					t.Fatalf("level %d group %d crosses strata", l, gr.ID)
				}
			}
		}
	}
	t.Run("locked not contiguous", func(t *testing.T) {
		bad := make([]string, len(ps))
		a, z := g.SiteMembers(0)[0], g.SiteMembers(n - 1)[0]
		bad[a], bad[z] = "x", "x"
		res, err := Run(context.Background(), g, ps, hubLevels, WithLocked(bad))
		if err != nil {
			t.Fatalf("a locked set that is not contiguous stopped the run: %v", err)
		}
		mustValid(t, g, ps, res)
		if len(res.Locked) != 1 || res.Locked[0].Label != "x" || res.Locked[0].Pieces != 2 || res.Locked[0].Reason != "is not contiguous" {
			t.Fatalf("Locked = %+v, want x split into 2 pieces", res.Locked)
		}
	})
	t.Run("locked across strata", func(t *testing.T) {
		bad := make([]string, len(ps))
		bad[g.SiteMembers(0)[0]] = "y"
		bad[g.SiteMembers(n - 1)[0]] = "y"
		bad[g.SiteMembers(1)[0]] = "z"
		bad[g.SiteMembers(n - 2)[0]] = "z"
		res, err := Run(context.Background(), g, ps, hubLevels, WithLocked(bad), WithStrata(strata))
		if err != nil {
			t.Fatalf("a locked set across strata stopped the run: %v", err)
		}
		mustValid(t, g, ps, res)
		if len(res.Locked) != 2 || res.Locked[0].Label != "y" || res.Locked[1].Label != "z" {
			t.Fatalf("Locked = %+v, want every offending set (y and z) listed", res.Locked)
		}
		if !strings.Contains(res.Locked[0].Reason, "crosses strata") {
			t.Errorf("reason %q, want crosses strata", res.Locked[0].Reason)
		}
	})
}

func TestRunErrors(t *testing.T) {
	g, ps := path(10000, 20000, 30000)
	ctx := context.Background()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	cases := []struct {
		name string
		run  func() error
		want error
	}{
		{"no levels", func() error { _, err := Run(ctx, g, ps, nil); return err }, ErrNoLevels},
		{"max below min", func() error { _, err := Run(ctx, g, ps, []Level{{Min: 10, Max: 5}}); return err }, ErrBadLevel},
		{"negative min", func() error { _, err := Run(ctx, g, ps, []Level{{Min: -1}}); return err }, ErrBadLevel},
		{"strata length", func() error { _, err := Run(ctx, g, ps, hubLevels, WithStrata([]string{"a"})); return err }, ErrMismatch},
		{"practices missing", func() error { _, err := Run(ctx, g, ps[:2], hubLevels); return err }, ErrMismatch},
		{"negative patients", func() error {
			bad := append([]input.Practice(nil), ps...)
			bad[1].Patients = -5
			_, err := Run(ctx, g, bad, hubLevels)
			return err
		}, ErrMismatch},
		{"cancelled", func() error { _, err := Run(cancelled, g, ps, hubLevels); return err }, context.Canceled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := c.run(); !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
}

func TestValidateCatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	g, ps := gridInstance(rng, synthSpec{w: 20, h: 15, mean: 7000})
	fresh := func() *Result {
		res, err := Run(context.Background(), g, ps, hubLevels)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	cases := []struct {
		name   string
		tamper func(r *Result)
	}{
		{"practice moved", func(r *Result) { r.Assign[0][0] = r.Assign[0][0] + 1 }},
		{"patients wrong", func(r *Result) { r.Groups[0][0].Patients++ }},
		{"status wrong", func(r *Result) { r.Groups[0][0].Status = StatusUndersize; r.Groups[0][0].Reason = "x" }},
		{"member dropped", func(r *Result) { r.Groups[0][1].Members = r.Groups[0][1].Members[1:] }},
		{"hub not member", func(r *Result) { r.Groups[0][0].HubSite = r.Groups[0][1].Members[0] }},
		{"parent wrong", func(r *Result) { r.Groups[0][0].Parent = len(r.Groups[1]) }},
		{"level missing", func(r *Result) { r.Groups = r.Groups[:1] }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := fresh()
			c.tamper(res)
			err := Validate(g, ps, res)
			var ve *ValidationError
			if !errors.Is(err, ErrInvalid) || !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("got %v, want a *ValidationError", err)
			}
		})
	}
	// Non-contiguous: swap two far-apart practices between groups of the same weight class.
	t.Run("not contiguous", func(t *testing.T) {
		res := fresh()
		gs := res.Groups[0]
		a, b := gs[0].Members[0], gs[len(gs)-1].Members[0]
		ga, gb := res.Assign[0][a], res.Assign[0][b]
		res.Assign[0][a], res.Assign[0][b] = gb, ga
		err := Validate(g, ps, res)
		if !errors.Is(err, ErrInvalid) {
			t.Fatal("tampering not detected")
		}
	})
}

// TestCancel cancels a 90,000-site run at several points and checks that it
// returns context.Canceled promptly and leaves no goroutine behind. The
// bound is loose because CI runs it under -race on a shared machine; the
// 200 ms requirement is checked on 1M practices by TestCancelLarge.
func TestCancel(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	g, ps := gridInstance(rng, synthSpec{w: 300, h: 300, mean: 400})
	before := runtime.NumGoroutine()
	for _, at := range []time.Duration{5 * time.Millisecond, 40 * time.Millisecond, 150 * time.Millisecond} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(at, cancel)
		start := time.Now()
		_, err := Run(ctx, g, ps, []Level{{Name: "g", Min: 10000, Max: 15000}})
		el := time.Since(start)
		if err == nil {
			t.Logf("cancel at %v: finished first (%v)", at, el)
			continue
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v after %v, want context.Canceled", err, el)
		}
		t.Logf("cancel at %v: returned %v later", at, el-at)
		if el-at > 2*time.Second {
			t.Errorf("returned %v after the cancel", el-at)
		}
	}
	time.Sleep(20 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("%d goroutines before, %d after", before, after)
	}
}

func TestCountAndTarget(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	g, ps := gridInstance(rng, synthSpec{w: 40, h: 30, mean: 7000})
	W := input.TotalPatients(ps)
	for _, k := range []int{int(W / 45000), int(W / 40000), int(W / 35000)} {
		res, err := Run(context.Background(), g, ps, hubLevels[:1], WithCount(k))
		if err != nil {
			t.Fatal(err)
		}
		mustValid(t, g, ps, res)
		// The count is exact, and every hub within bounds.
		if got := len(res.Groups[0]); got != k || res.Quality[0].InBounds != got {
			t.Errorf("WithCount(%d): %d groups, %d in bounds, notes %v", k, got, res.Quality[0].InBounds, res.Notes)
		}
	}
	res, err := Run(context.Background(), g, ps, hubLevels[:1], WithCount(1))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) == 0 {
		t.Error("an infeasible count was clamped without a note")
	}
}

// TestOnePointManyPractices: thousands of practices on one point form one
// site far above the maximum; it is split into its practices, which are
// grouped into valid hubs without a quadratic blow-up.
func TestOnePointManyPractices(t *testing.T) {
	const n = 5000
	g := graph.FromEdges(1, nil, nil)
	g.XY = [][2]float64{{0, 0}}
	g.MemberOff = []int32{0, n}
	ps := make([]input.Practice, n)
	for i := range ps {
		ps[i] = input.Practice{Code: code(i), Loc: orb.Point{-1, 52}, Patients: 1000}
		g.Members = append(g.Members, int32(i))
	}
	start := time.Now()
	res, err := Run(context.Background(), g, ps, hubLevels)
	if err != nil {
		t.Fatal(err)
	}
	mustValid(t, g, ps, res)
	if q := res.Quality[0]; q.InBounds != q.Groups || q.Groups < 100 {
		t.Errorf("%d groups, %d in bounds", q.Groups, q.InBounds)
	}
	t.Logf("%d hubs, %d areas in %v", len(res.Groups[0]), len(res.Groups[1]), time.Since(start))
}
