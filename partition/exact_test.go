package partition

import (
	"context"
	"math"
	"math/bits"
	"testing"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/regions"
)

// bruteOptimum returns the least Σ w·d (planar metres to each group's hub
// site, its best member site) over all partitions of the sites of g into
// exactly k contiguous groups of weight within [lo, hi], by enumeration:
// the group holding the lowest site left is every connected subset of the
// sites left, memoised on (sites left, groups left). For graphs of up to
// about 16 sites. ok is false when no such partition exists.
func bruteOptimum(g *graph.Graph, ps []input.Practice, k int, lo, hi int64) (best float64, ok bool) {
	n := g.N()
	if n > 20 {
		panic("bruteOptimum: too many sites")
	}
	w := make([]int64, n)
	site := g.SiteOf()
	for p := range ps {
		v := p // a graph without members: one practice per vertex
		if site != nil {
			v = int(site[p])
		}
		w[v] += int64(ps[p].Patients)
	}
	nbr := make([]uint32, n)
	for v := range n {
		for _, u := range g.Neighbors(v) {
			nbr[v] |= 1 << u
		}
	}
	connected := func(set uint32) bool {
		reach := set & -set
		for {
			next := reach
			for r := reach; r != 0; r &= r - 1 {
				next |= nbr[bits.TrailingZeros32(r)] & set
			}
			if next == reach {
				return reach == set
			}
			reach = next
		}
	}
	weight := func(set uint32) int64 {
		var s int64
		for r := set; r != 0; r &= r - 1 {
			s += w[bits.TrailingZeros32(r)]
		}
		return s
	}
	cost := func(set uint32) float64 {
		best := math.Inf(1)
		for c := set; c != 0; c &= c - 1 {
			i := bits.TrailingZeros32(c)
			var s float64
			for r := set; r != 0; r &= r - 1 {
				j := bits.TrailingZeros32(r)
				s += float64(w[j]) * math.Hypot(g.XY[i][0]-g.XY[j][0], g.XY[i][1]-g.XY[j][1])
			}
			best = min(best, s)
		}
		return best
	}
	type key struct {
		left uint32
		k    int
	}
	memo := map[key]float64{}
	var f func(left uint32, k int) float64
	f = func(left uint32, k int) float64 {
		if left == 0 {
			if k == 0 {
				return 0
			}
			return math.Inf(1)
		}
		if k == 0 {
			return math.Inf(1)
		}
		W := weight(left)
		if W < int64(k)*lo || W > int64(k)*hi {
			return math.Inf(1)
		}
		if v, ok := memo[key{left, k}]; ok {
			return v
		}
		low := left & -left
		rest := left &^ low
		best := math.Inf(1)
		// every subset of rest, joined with low
		for sub := rest; ; sub = (sub - 1) & rest {
			set := sub | low
			if ws := weight(set); ws >= lo && ws <= hi && connected(set) {
				if tail := f(left&^set, k-1); !math.IsInf(tail, 1) {
					best = min(best, cost(set)+tail)
				}
			}
			if sub == 0 {
				break
			}
		}
		memo[key{left, k}] = best
		return best
	}
	all := uint32(1)<<n - 1
	best = f(all, k)
	return best, !math.IsInf(best, 1)
}

// TestBruteOptimumPath checks the enumeration on a path whose optimum is
// known: four sites of 20,000 at 0, 1, 2 and 10 km in hubs of [30,000,
// 50,000] must be {0, 1} and {2, 10}: 20,000 × 1 km + 20,000 × 8 km.
func TestBruteOptimumPath(t *testing.T) {
	g, ps := path(20000, 20000, 20000, 20000)
	g.XY[3][0] = 10000
	got, ok := bruteOptimum(g, ps, 2, 30000, 50000)
	if !ok || math.Abs(got-20000*1000-20000*8000) > 1e-6 {
		t.Fatalf("optimum %v (ok %v), want %v", got, ok, 20000*1000+20000*8000)
	}
	if _, ok := bruteOptimum(g, ps, 3, 30000, 50000); ok {
		t.Error("3 hubs of 80,000 patients within [30,000, 50,000]: want infeasible")
	}
}

// smallRegions are real corners of England of 12–15 practices (the nearest
// to a point), small enough for bruteOptimum.
var smallRegions = []regions.Region{
	{Name: "Penzance", Lon: -5.54, Lat: 50.12, N: 12},
	{Name: "Kendal", Lon: -2.75, Lat: 54.33, N: 13},
	{Name: "Hereford", Lon: -2.72, Lat: 52.06, N: 14},
	{Name: "Barnstaple", Lon: -4.06, Lat: 51.08, N: 14},
	{Name: "Boston", Lon: -0.02, Lat: 52.98, N: 15},
	{Name: "Salisbury", Lon: -1.79, Lat: 51.07, N: 15},
	{Name: "Kings Lynn", Lon: 0.40, Lat: 52.75, N: 14},
	{Name: "Whitby", Lon: -0.61, Lat: 54.48, N: 12},
}

// TestExactSmallRegions compares a default run with the exact optimum at
// the same number of hubs on small real regions: never below it (the
// enumeration is exact), and within 2% for the median of seeds 1–5.
func TestExactSmallRegions(t *testing.T) {
	for _, r := range smallRegions {
		t.Run(r.Name, func(t *testing.T) {
			g, ps, err := regions.Load(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Run(context.Background(), g, ps, []Level{{Name: "hub", Min: 30000, Max: 50000}}, WithSeed(1))
			if err != nil {
				t.Fatal(err)
			}
			k := len(res.Groups[0])
			opt, ok := bruteOptimum(g, ps, k, 30000, 50000)
			if !ok {
				t.Fatalf("%d hubs are infeasible here (%d sites): choose another region", k, g.N())
			}
			gaps := regionGaps(t, g, ps, optimum{k, opt}, gapSeeds)
			for i, gap := range gaps {
				if gap < -1e-9 {
					t.Errorf("seed %d: %.3f%% below the exact optimum", gapSeeds[i], gap)
				}
			}
			t.Logf("%d sites, %d hubs: gaps %.2f%% (median %.2f%%)", g.N(), k, gaps, median(gaps))
			if m := median(gaps); m > 2 {
				t.Errorf("median gap %.2f%%, want at most 2%%", m)
			}
		})
	}
}

// TestCountExactSmallRegions asks for every count the bounds might allow on
// the small real regions: when the enumeration finds a valid partition
// into K hubs, Run with WithCount(K) must make K hubs, all within bounds;
// when it finds none, Run must say so in a note.
func TestCountExactSmallRegions(t *testing.T) {
	const lo, hi = 30000, 50000
	for _, r := range smallRegions {
		t.Run(r.Name, func(t *testing.T) {
			g, ps, err := regions.Load(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			var W int64
			for _, p := range ps {
				W += int64(p.Patients)
			}
			for k := max(1, int(W/hi)-1); k <= int(W/lo)+1; k++ {
				_, feasible := bruteOptimum(g, ps, k, lo, hi)
				res, err := Run(context.Background(), g, ps, []Level{{Name: "hub", Min: lo, Max: hi}}, WithCount(k), WithSeed(1))
				if err != nil {
					t.Fatal(err)
				}
				got, ok := len(res.Groups[0]), res.Quality[0].InBounds
				switch {
				case feasible && (got != k || ok != got):
					t.Errorf("WithCount(%d) is feasible: made %d hubs, %d within bounds, notes %q", k, got, ok, res.Notes)
				case !feasible && got == k && ok == got:
					t.Errorf("WithCount(%d): %d valid hubs, but the enumeration found none", k, got)
				case !feasible && got != k && len(res.Notes) == 0:
					t.Errorf("WithCount(%d) infeasible: %d hubs made without a note", k, got)
				}
			}
		})
	}
}
