package partition

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/paulmach/orb"
)

// spreadSites marks up to n practices of at most maxPatients that are at
// least minKm apart: practices are visited in a fixed pseudo-random order
// (seeded) and taken when far enough from every one taken before.
func spreadSites(ps []input.Practice, n int, maxPatients int64, minKm float64, seed uint64) []bool {
	order := rand.New(rand.NewPCG(seed, 0)).Perm(len(ps))
	fixed := make([]bool, len(ps))
	var taken []int
	for _, p := range order {
		if len(taken) == n {
			break
		}
		if ps[p].Patients > maxPatients {
			continue
		}
		ok := true
		for _, q := range taken {
			if geo.Distance(ps[p].Loc, ps[q].Loc) < minKm*1000 {
				ok = false
				break
			}
		}
		if ok {
			taken = append(taken, p)
			fixed[p] = true
		}
	}
	return fixed
}

// checkFixedSites fails t unless every fixed practice is the hub site of
// its own hub, no two in one.
func checkFixedSites(t *testing.T, ps []input.Practice, fixed []bool, res *Result) {
	t.Helper()
	seen := map[int32]int{}
	for p, f := range fixed {
		if !f {
			continue
		}
		h := res.Assign[0][p]
		if q, ok := seen[h]; ok {
			t.Errorf("fixed hub sites %s and %s share hub %d", ps[q].Code, ps[p].Code, h)
		}
		seen[h] = p
		if got := res.Groups[0][h].HubSite; got != p {
			t.Errorf("fixed hub site %s: hub %d has hub site %s", ps[p].Code, h, ps[got].Code)
		}
	}
}

// TestHubSitesEngland checks the done-when of fixed hub sites: 300
// spread-out practices (none above 50,000, at least 8 km apart) are each
// the hub site of their own hub, every hub within bounds (but the 11
// practices above 50,000, alone) and contiguous; with alignment too.
func TestHubSitesEngland(t *testing.T) {
	g, ps := loadEngland(t)
	fixed := spreadSites(ps, 300, 50000, 8, 13)
	n := 0
	for _, f := range fixed {
		if f {
			n++
		}
	}
	if n != 300 {
		t.Fatalf("%d spread-out practices, want 300", n)
	}
	ctx := context.Background()
	free, err := Run(ctx, g, ps, hubLevels, WithSeed(1))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		opts []Option
	}{
		{"sites", nil},
		{"sites and CCG alignment", []Option{WithAlign(englandCCG(t, ps), -1)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts := append([]Option{WithSeed(1), WithHubSites(fixed)}, c.opts...)
			res, err := Run(ctx, g, ps, hubLevels, opts...)
			if err != nil {
				t.Fatal(err)
			}
			mustValid(t, g, ps, res, opts...)
			checkFixedSites(t, ps, fixed, res)
			for l, q := range res.Quality {
				if q.Contiguous != q.Groups || q.Patients != englandPatients {
					t.Errorf("%s: %d of %d contiguous, %d patients", q.Level, q.Contiguous, q.Groups, q.Patients)
				}
				for _, gr := range res.Groups[l] {
					if gr.Status != StatusOK && !(l == 0 && gr.Status == StatusOversize && len(gr.Members) == 1) {
						t.Errorf("%s %d: %s, %d patients: %s", q.Level, gr.ID, gr.Status, gr.Patients, gr.Reason)
					}
				}
			}
			for _, note := range res.Notes {
				t.Log("note:", note)
			}
			q, q0 := res.Quality[0], free.Quality[0]
			t.Logf("%d hubs, %d in bounds, mean %.3f km, p95 %.2f km (without fixed sites: %d hubs, mean %.3f km, p95 %.2f km)",
				q.Groups, q.InBounds, q.MeanKm, q.P95Km, q0.Groups, q0.MeanKm, q0.P95Km)
			if co := res.Coterminosity; len(co) > 0 && co[0] != nil {
				t.Logf("%d of %d hubs (%.1f%%) inside one CCG", co[0].Inside, co[0].Groups, 100*co[0].GroupShare())
			}
		})
	}
}

// TestHubSitesInfeasible: two fixed sites locked together are an error
// naming them; fixed sites in a piece too light for a hub each get a hub
// each, out of bounds, with a note per site.
func TestHubSitesInfeasible(t *testing.T) {
	// a row of six practices 1 km apart, 12k–25k patients (110k in all)
	g, ps := rowInstance([]int{12000, 20000, 9000, 25000, 18000, 26000})
	lv := hubLevels[:1]
	ctx := context.Background()
	fixed := func(ps ...int) []bool {
		f := make([]bool, 6)
		for _, p := range ps {
			f[p] = true
		}
		return f
	}
	locked := []string{"", "L", "L", "", "", ""}
	_, err := Run(ctx, g, ps, lv, WithHubSites(fixed(1, 2)), WithLocked(locked))
	var he *HubSiteError
	if !errors.As(err, &he) || !errors.Is(err, ErrHubSites) || len(he.Problems) != 1 {
		t.Fatalf("locked pair of fixed sites: %v, want one *HubSiteError", err)
	}
	t.Log(err)
	res, err := Run(ctx, g, ps, lv, WithHubSites(fixed(0, 2, 4, 5)))
	if err != nil {
		t.Fatal(err)
	}
	mustValid(t, g, ps, res, WithHubSites(fixed(0, 2, 4, 5)))
	checkFixedSites(t, ps, fixed(0, 2, 4, 5), res)
	if len(res.Groups[0]) != 4 || len(res.Notes) == 0 {
		t.Errorf("%d hubs, notes %q; want 4 hubs (one per fixed site) and notes", len(res.Groups[0]), res.Notes)
	}
	for _, n := range res.Notes {
		t.Log("note:", n)
	}
	if _, err := Run(ctx, g, ps, lv, WithHubSites(make([]bool, 2))); !errors.Is(err, ErrMismatch) {
		t.Errorf("short flags: %v, want ErrMismatch", err)
	}
}

// rowInstance is a row of practices 1 km apart (one site each), with the
// given list sizes.
func rowInstance(sizes []int) (*graph.Graph, []input.Practice) {
	var edges [][2]int32
	ps := make([]input.Practice, len(sizes))
	xy := make([][2]float64, len(sizes))
	for i, s := range sizes {
		ps[i] = input.Practice{Code: code(i), Loc: orb.Point{float64(i) * 0.0146, 52}, Patients: int64(s)}
		xy[i] = [2]float64{float64(i) * 1000, 0}
		if i > 0 {
			edges = append(edges, [2]int32{int32(i - 1), int32(i)})
		}
	}
	g := graph.FromEdges(len(sizes), edges, nil)
	g.XY = xy
	return g, ps
}

// TestHubSitesSynthetic marks spread-out practices of a synthetic grid and
// runs with them alone and together with strata, locked practices,
// alignment and areas: every fixed site is the hub site of its own hub and
// no more hubs are out of bounds than without fixed sites.
func TestHubSitesSynthetic(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 1))
	g, ps := gridInstance(rng, synthSpec{w: 30, h: 20, mean: 8000, shared: 0.1, islands: 2})
	fixed := spreadSites(ps, 40, 50000, 5, 3)
	site := siteOfPractices(g, len(ps))
	labels := make([]string, len(ps))
	strata := make([]string, len(ps))
	locked := make([]string, len(ps))
	for p := range ps {
		x, y := g.XY[site[p]][0], g.XY[site[p]][1]
		labels[p] = fmt.Sprint("band", int(x/7000))
		strata[p] = fmt.Sprint("half", int(y/10000))
	}
	// lock each fixed practice with a neighbouring unfixed site's practices
	for p, f := range fixed {
		if f {
			v := site[p]
			for _, u := range g.Neighbors(int(v)) {
				q := int(g.SiteMembers(int(u))[0])
				if !fixed[q] && locked[q] == "" && strata[q] == strata[p] && g.SiteMembers(int(u))[0] == int32(q) {
					locked[p], locked[q] = ps[p].Code, ps[p].Code
					break
				}
			}
		}
	}
	ctx := context.Background()
	for _, c := range []struct {
		name string
		opts []Option
	}{
		{"alone", nil},
		{"strata", []Option{WithStrata(strata)}},
		{"locked", []Option{WithLocked(locked)}},
		{"aligned", []Option{WithAlign(labels, -1), WithAlignAt(1, labels, -1)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			base := append([]Option{WithSeed(5)}, c.opts...)
			free, err := Run(ctx, g, ps, hubLevels, base...)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Run(ctx, g, ps, hubLevels, append(base, WithHubSites(fixed))...)
			if err != nil {
				t.Fatal(err)
			}
			mustValid(t, g, ps, res, append(base, WithHubSites(fixed))...)
			checkFixedSites(t, ps, fixed, res)
			q, q0 := res.Quality[0], free.Quality[0]
			if q.Groups-q.InBounds > q0.Groups-q0.InBounds {
				t.Errorf("%d hubs out of bounds, %d without fixed sites", q.Groups-q.InBounds, q0.Groups-q0.InBounds)
			}
			t.Logf("%d hubs, %d in bounds, mean %.3f km (without: %d, %d, %.3f km)", q.Groups, q.InBounds, q.MeanKm, q0.Groups, q0.InBounds, q0.MeanKm)
			one, err := Run(ctx, g, ps, hubLevels, append(base, WithHubSites(fixed), WithWorkers(1))...)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(one.Assign, res.Assign) {
				t.Error("one worker and the default differ")
			}
		})
	}
}

// Two marked practices on one site each host a hub of their own there.
func TestHubSitesSharedSite(t *testing.T) {
	// six practices on a row of five sites: P2 and P3 share site 2
	sizes := []int{20000, 15000, 10000, 10000, 15000, 20000}
	g, ps := rowInstance([]int{20000, 20000, 30000, 20000, 20000})
	ps = ps[:0]
	for i, s := range sizes {
		site := min(i, 4)
		if i >= 3 {
			site = i - 1
		}
		ps = append(ps, input.Practice{Code: code(i), Loc: orb.Point{float64(site) * 0.0146, 52}, Patients: int64(s)})
	}
	g.MemberOff = []int32{0, 1, 2, 4, 5, 6}
	g.Members = []int32{0, 1, 2, 3, 4, 5}
	fixed := []bool{false, false, true, true, false, false}
	res, err := Run(context.Background(), g, ps, hubLevels[:1], WithSeed(1), WithHubSites(fixed))
	if err != nil {
		t.Fatal(err)
	}
	mustValid(t, g, ps, res, WithHubSites(fixed))
	checkFixedSites(t, ps, fixed, res)
	if len(res.Groups[0]) != 2 {
		t.Errorf("%d hubs, want 2", len(res.Groups[0]))
	}
	for _, h := range res.Groups[0] {
		if h.Status != StatusOK {
			t.Errorf("hub %d %v: %s %d: %s", h.ID, h.Members, h.Status, h.Patients, h.Reason)
		}
	}
}
