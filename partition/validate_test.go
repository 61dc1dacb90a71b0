package partition

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
)

// claimed builds a one-level result from a dense assignment whose figures
// are all true (members, patients, hub sites, distances, contiguity,
// quality) and whose statuses are what status says: the referee must judge
// the statuses alone.
func claimed(t *testing.T, g *graph.Graph, ps []input.Practice, lvl Level, assign []int32, status func(gr *Group) Status) *Result {
	t.Helper()
	s, err := newSites(g, ps, 1)
	if err != nil {
		t.Fatal(err)
	}
	n := int(slices.Max(assign)) + 1
	groups := make([]Group, n)
	for i := range groups {
		groups[i].Parent = -1
	}
	dist := fillGroups(context.Background(), s, ps, assign, groups, 1)
	for i := range groups {
		groups[i].Status = status(&groups[i])
		if groups[i].Status != StatusOK {
			groups[i].Reason = "claimed"
		}
	}
	return &Result{Levels: []Level{lvl}, Groups: [][]Group{groups}, Assign: [][]int32{assign},
		Quality: []Quality{quality(lvl.Name, s.patients, groups, dist)}}
}

// wantProblem fails unless err is a *ValidationError with a problem
// containing has.
func wantProblem(t *testing.T, err error, has string) {
	t.Helper()
	var ve *ValidationError
	if !errors.Is(err, ErrInvalid) || !errors.As(err, &ve) {
		t.Fatalf("got %v, want a *ValidationError", err)
	}
	for _, p := range ve.Problems {
		if strings.Contains(p, has) {
			return
		}
	}
	t.Errorf("no problem mentions %q: %v", has, ve.Problems)
}

// The false claims of issue #10, each of which Validate accepted before,
// and the other claims of the same classes.
func TestValidateRefusesFalseClaims(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 10))
	g, ps := gridInstance(rng, synthSpec{w: 20, h: 20, mean: 6000})
	lvl := Level{Name: "hub", Min: 30000, Max: 50000}
	fresh := func() *Result {
		res, err := Run(context.Background(), g, ps, []Level{lvl}, WithSeed(3))
		if err != nil {
			t.Fatal(err)
		}
		if err := Validate(g, ps, res); err != nil {
			t.Fatalf("Run's own result: %v", err)
		}
		return res
	}
	honest := func(gr *Group) Status {
		if gr.Patients >= lvl.Min && gr.Patients <= lvl.Max {
			return StatusOK
		}
		return StatusOutOfBounds
	}
	t.Run("two merged hubs labelled oversize", func(t *testing.T) {
		res := fresh()
		a := res.Groups[0][0]
		// a neighbouring group of group 0
		other := int32(-1)
		s, _ := newSites(g, ps, 1)
		for _, p := range a.Members {
			for _, u := range g.Neighbors(int(s.siteOf[p])) {
				for _, q := range g.SiteMembers(int(u)) {
					if h := res.Assign[0][q]; h != 0 && other < 0 {
						other = h
					}
				}
			}
		}
		assign := slices.Clone(res.Assign[0])
		for p, h := range assign {
			switch {
			case h == other:
				assign[p] = 0
			case h > other:
				assign[p] = h - 1
			}
		}
		merged := claimed(t, g, ps, lvl, assign, func(gr *Group) Status {
			if gr.ID == 0 {
				return StatusOversize
			}
			return honest(gr)
		})
		wantProblem(t, Validate(g, ps, merged), "oversize, but none of its practices exceeds the maximum")
	})
	t.Run("everything in one out-of-bounds hub", func(t *testing.T) {
		one := claimed(t, g, ps, lvl, make([]int32, len(ps)), honest)
		wantProblem(t, Validate(g, ps, one), "splits contiguously into groups within bounds")
	})
	t.Run("everything in one hub called undersize", func(t *testing.T) {
		one := claimed(t, g, ps, lvl, make([]int32, len(ps)), func(*Group) Status { return StatusUndersize })
		wantProblem(t, Validate(g, ps, one), "undersize, but the piece")
	})
	t.Run("everything in one hub called unsplittable", func(t *testing.T) {
		one := claimed(t, g, ps, lvl, make([]int32, len(ps)), func(*Group) Status { return StatusUnsplittable })
		wantProblem(t, Validate(g, ps, one), "unsplittable, but its piece")
	})
	t.Run("everything in one hub called ok", func(t *testing.T) {
		one := claimed(t, g, ps, lvl, make([]int32, len(ps)), func(*Group) Status { return StatusOK })
		wantProblem(t, Validate(g, ps, one), "status ok but weight")
	})
	t.Run("unknown status", func(t *testing.T) {
		one := claimed(t, g, ps, lvl, make([]int32, len(ps)), func(*Group) Status { return "great" })
		wantProblem(t, Validate(g, ps, one), "unknown status")
	})
	t.Run("hub site not the medoid", func(t *testing.T) {
		res := fresh()
		gr := &res.Groups[0][0]
		for _, p := range gr.Members {
			if p != gr.HubSite && ps[p].Loc != ps[gr.HubSite].Loc {
				gr.HubSite = p
				break
			}
		}
		wantProblem(t, Validate(g, ps, res), "is not the patient-weighted medoid")
	})
	figures := []struct {
		name, has string
		tamper    func(r *Result)
	}{
		{"MeanKm -5", "MeanKm -5", func(r *Result) { r.Groups[0][0].MeanKm = -5 }},
		{"MaxKm NaN", "MaxKm NaN", func(r *Result) { r.Groups[0][1].MaxKm = math.NaN() }},
		{"MaxKm +Inf", "MaxKm +Inf", func(r *Result) { r.Groups[0][1].MaxKm = math.Inf(1) }},
		{"Quality.Patients 1", "Quality.Patients 1", func(r *Result) { r.Quality[0].Patients = 1 }},
		{"Quality.MeanKm NaN", "Quality.MeanKm NaN", func(r *Result) { r.Quality[0].MeanKm = math.NaN() }},
		{"Quality.InBounds", "Quality.InBounds", func(r *Result) { r.Quality[0].InBounds++ }},
		{"Quality.P95Km", "Quality.P95Km", func(r *Result) { r.Quality[0].P95Km *= 2 }},
		{"Contiguous flag", "Contiguous false", func(r *Result) { r.Groups[0][2].Contiguous = false }},
	}
	for _, c := range figures {
		t.Run(c.name, func(t *testing.T) {
			res := fresh()
			c.tamper(res)
			wantProblem(t, Validate(g, ps, res), c.has)
		})
	}
	t.Run("a practice moved after the graph was built", func(t *testing.T) {
		moved := slices.Clone(ps)
		moved[5].Loc[0] += 0.5
		res, err := Run(context.Background(), g, moved, []Level{lvl}, WithSeed(3))
		if err == nil {
			err = Validate(g, moved, res)
		}
		wantProblem(t, err, "but the graph has its site at")
	})
}

// Patients that add up beyond int64 are a problem, not a wrap-around
// (issue #10: two practices of 9e18 patients were "-446744073709371616 in").
func TestValidateTotalOverflow(t *testing.T) {
	ps := []input.Practice{{Code: "A", Patients: 9e18}, {Code: "B", Patients: 9e18}}
	g := graph.FromEdges(2, [][2]int32{{0, 1}}, nil)
	res := claimed(t, g, ps, Level{Name: "hub", Min: 1, Max: 0}, []int32{0, 1}, func(*Group) Status { return StatusOK })
	wantProblem(t, Validate(g, ps, res), "the total passes")
	if _, err := Run(context.Background(), g, ps, []Level{{Name: "hub", Min: 1}}); !errors.Is(err, ErrOverflow) || !strings.Contains(err.Error(), "(B)") {
		t.Errorf("Run: %v, want ErrOverflow naming practice B", err)
	}
}

// Statuses are judged on the pieces Run makes: with strata, a stratum
// below the minimum is a true undersize group; without the strata option
// the same claim is refuted.
func TestValidateStrataPieces(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	g, ps := gridInstance(rng, synthSpec{w: 12, h: 12, mean: 6000})
	strata := make([]string, len(ps))
	for p := range ps {
		strata[p] = "big"
		if p < 3 {
			strata[p] = "small"
		}
	}
	levels := []Level{{Name: "hub", Min: 30000, Max: 50000}}
	res, err := Run(context.Background(), g, ps, levels, WithStrata(strata), WithSeed(1))
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(g, ps, res, WithStrata(strata)); err != nil {
		t.Fatalf("with the strata: %v", err)
	}
	undersize := slices.ContainsFunc(res.Groups[0], func(gr Group) bool { return gr.Status == StatusUndersize })
	if !undersize {
		t.Fatal("the small stratum is not an undersize hub")
	}
	wantProblem(t, Validate(g, ps, res), "undersize, but the piece")
}

func TestPeelSplit(t *testing.T) {
	// star: a centre (atom 0) and leaves 1..n−1, all of weight w
	star := func(w int64, n int) *pgraph {
		g := &pgraph{w: make([]int64, n), x: make([]float64, n), y: make([]float64, n), off: make([]int32, n+1)}
		for v := range n {
			g.w[v] = w
			if v == 0 {
				for u := 1; u < n; u++ {
					g.adj = append(g.adj, int32(u))
				}
			} else {
				g.adj = append(g.adj, 0)
			}
			g.off[v+1] = int32(len(g.adj))
		}
		return g
	}
	all := func(n int) []int32 {
		a := make([]int32, n)
		for i := range a {
			a[i] = int32(i)
		}
		return a
	}
	for _, tc := range []struct {
		name string
		g    *pgraph
		n    int
		b    bounds
		want bool
	}{
		{"path of four into two pairs", linePgraph([]int64{24, 24, 24, 24}), 4, bounds{35, 65}, true},
		{"path of six into two or three", linePgraph([]int64{10, 10, 10, 10, 10, 10}), 6, bounds{20, 30}, true},
		// a centre and three leaves: a pair holds the centre, and the two
		// leaves left weigh enough for a group but do not touch
		{"star of four: the remainder falls apart", star(24, 4), 4, bounds{35, 65}, false},
		{"star of three: a leaf, then the rest", star(24, 3), 3, bounds{20, 50}, true},
		{"a single atom", linePgraph([]int64{50}), 1, bounds{35, 65}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := peelSplit(tc.g, all(tc.n), tc.b); got != tc.want {
				t.Errorf("peelSplit = %v, want %v", got, tc.want)
			}
		})
	}
}
