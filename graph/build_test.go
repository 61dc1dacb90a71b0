package graph

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"github.com/hubpart/hubpart/internal/disjoint"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/input"
)

func practice(code string, lon, lat float64, patients int) input.Practice {
	return input.Practice{Code: code, Loc: orb.Point{lon, lat}, Patients: int64(patients)}
}

func TestBuildErrors(t *testing.T) {
	ok := []input.Practice{practice("A", -1, 52, 10), practice("B", -1.01, 52, 10), practice("C", -1, 52.01, 10)}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	cases := []struct {
		name    string
		ctx     context.Context
		ps      []input.Practice
		opts    []Option
		want    error
		wantIdx int // for *PracticeError, else -1
	}{
		{name: "no practices", ps: nil, want: ErrNoPractices, wantIdx: -1},
		{name: "NaN latitude", ps: append(slices.Clone(ok), practice("X", 0, math.NaN(), 1)), want: ErrBadLocation, wantIdx: 3},
		{name: "longitude out of range", ps: []input.Practice{practice("X", 181, 0, 1)}, want: ErrBadLocation, wantIdx: 0},
		{name: "infinite longitude", ps: []input.Practice{practice("X", math.Inf(-1), 0, 1)}, want: ErrBadLocation, wantIdx: 0},
		{name: "negative patients", ps: []input.Practice{ok[0], practice("X", 0, 0, -5)}, want: input.ErrNegativePatients, wantIdx: 1},
		{name: "negative factor", ps: ok, opts: []Option{WithPrune(PruneRule{Factor: -1})}, want: ErrBadRule, wantIdx: -1},
		{name: "NaN keep", ps: ok, opts: []Option{WithPrune(PruneRule{KeepBelow: math.NaN()})}, want: ErrBadRule, wantIdx: -1},
		{name: "cancelled", ctx: cancelled, ps: ok, want: context.Canceled, wantIdx: -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := c.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			g, info, err := Build(ctx, c.ps, c.opts...)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if g != nil || info != nil {
				t.Error("non-nil result with an error")
			}
			var pe *PracticeError
			if errors.As(err, &pe) != (c.wantIdx >= 0) {
				t.Fatalf("errors.As(*PracticeError) = %v for %v", !(c.wantIdx >= 0), err)
			}
			if pe != nil && (pe.Index != c.wantIdx || pe.Code != c.ps[c.wantIdx].Code) {
				t.Errorf("PracticeError names %d %q, want %d", pe.Index, pe.Code, c.wantIdx)
			}
		})
	}
}

func TestBuildSites(t *testing.T) {
	ps := []input.Practice{
		practice("A", -1.00, 52.00, 100),
		practice("B", -1.01, 52.00, 200),
		practice("C", -1.00, 52.00, 300), // shares A's building
		practice("D", -1.00, 52.01, 400),
		practice("E", -1.01, 52.00, 0), // shares B's building
		practice("F", -1.00, 52.00, 50),
	}
	g, info, err := Build(context.Background(), ps)
	if err != nil {
		t.Fatal(err)
	}
	if g.N() != 3 || info.Sites != 3 {
		t.Fatalf("%d sites, want 3", g.N())
	}
	if want := []int64{450, 200, 400}; !slices.Equal(g.Weight, want) {
		t.Errorf("Weight = %v, want %v", g.Weight, want)
	}
	wantMembers := [][]int32{{0, 2, 5}, {1, 4}, {3}}
	for v, want := range wantMembers {
		if got := g.SiteMembers(v); !slices.Equal(got, want) {
			t.Errorf("site %d members %v, want %v", v, got, want)
		}
	}
	if want := []int32{0, 1, 0, 2, 1, 0}; !slices.Equal(g.SiteOf(), want) {
		t.Errorf("SiteOf = %v, want %v", g.SiteOf(), want)
	}
	if want := []orb.Point{{-1, 52}, {-1.01, 52}, {-1, 52.01}}; !slices.Equal(g.Loc, want) {
		t.Errorf("Loc = %v, want %v", g.Loc, want)
	}
	if g.NumEdges() != 3 || len(g.XY) != 3 {
		t.Errorf("triangle of sites: %d edges, %d XY", g.NumEdges(), len(g.XY))
	}
}

func TestBuildDegenerate(t *testing.T) {
	cases := []struct {
		name      string
		ps        []input.Practice
		sites     int
		edges     int
		connected bool
	}{
		{name: "one practice", ps: []input.Practice{practice("A", 0, 51, 5)}, sites: 1, edges: 0, connected: true},
		{name: "one building", ps: []input.Practice{practice("A", 0, 51, 5), practice("B", 0, 51, 7)}, sites: 1, edges: 0, connected: true},
		{name: "two far apart", ps: []input.Practice{practice("A", 0, 51, 5), practice("B", 1, 51, 7)}, sites: 2, edges: 1, connected: true},
		{name: "collinear", ps: []input.Practice{practice("A", 0, 51, 1), practice("B", 0, 51.01, 1), practice("C", 0, 51.02, 1), practice("D", 0, 51.5, 1)},
			sites: 4, edges: 3, connected: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, _, err := Build(context.Background(), c.ps)
			if err != nil {
				t.Fatal(err)
			}
			if g.N() != c.sites || g.NumEdges() != c.edges || g.IsConnected() != c.connected {
				t.Errorf("got %d sites, %d edges, connected %v", g.N(), g.NumEdges(), g.IsConnected())
			}
		})
	}
}

// clustered returns n practices in a few dense towns scattered over a
// 200 km square, the kind of input where pruning cuts components off.
func clustered(rng *rand.Rand, n, towns int) []input.Practice {
	type town struct{ lon, lat, r float64 }
	ts := make([]town, towns)
	for i := range ts {
		ts[i] = town{-3 + 3*rng.Float64(), 51 + 2*rng.Float64(), 0.005 + 0.05*rng.Float64()}
	}
	ps := make([]input.Practice, n)
	for i := range ps {
		t := ts[rng.IntN(towns)]
		ps[i] = practice(fmt.Sprintf("P%d", i), t.lon+t.r*rng.NormFloat64(), t.lat+t.r*rng.NormFloat64(), 1000+rng.IntN(10000))
	}
	return ps
}

// checkBuild verifies the invariants of a built graph against its BuildInfo
// by brute force: connectivity, every edge Delaunay, the prune rule on every
// kept edge, every short Delaunay edge kept, and the bridges forming a
// minimum spanning forest of the components (compared by total length with
// an O(n²) closest-pair Kruskal).
func checkBuild(t *testing.T, g *Graph, info *BuildInfo, sea *land) {
	t.Helper()
	if !g.IsConnected() {
		t.Fatal("graph not connected")
	}
	r := info.Rule
	delSet := map[[2]int32]bool{}
	for _, e := range delaunayEdges(info.Tri) {
		delSet[e] = true
	}
	isBridge := map[[2]int32]bool{}
	for _, b := range info.Bridges {
		isBridge[b] = true
		if !delSet[b] {
			t.Errorf("bridge %v is not a Delaunay edge", b)
		}
	}
	var kept [][2]int32
	g.Edges(func(a, b int32, k EdgeKind) bool {
		e := [2]int32{a, b}
		if (k == Bridge) != isBridge[e] {
			t.Errorf("edge %v kind %v disagrees with BuildInfo.Bridges", e, k)
		}
		if !delSet[e] {
			t.Errorf("edge %v is not a Delaunay edge", e)
		}
		if k == Delaunay {
			kept = append(kept, e)
			l := dist(g.XY[a], g.XY[b])
			if l >= r.KeepBelow {
				if r.long(l, info.Spacing[a], info.Spacing[b]) {
					t.Errorf("kept edge %v (%.0f m) is long for spacings %.0f, %.0f", e, l, info.Spacing[a], info.Spacing[b])
				}
				if sea != nil && l > r.SeaMax && sea.outside(g.XY[a], g.XY[b]) > r.SeaMax {
					t.Errorf("kept edge %v runs %.0f m outside the land", e, sea.outside(g.XY[a], g.XY[b]))
				}
			}
		}
		return true
	})
	for e := range delSet {
		if dist(g.XY[e[0]], g.XY[e[1]]) < r.KeepBelow && !g.HasEdge(e[0], e[1]) {
			t.Errorf("short Delaunay edge %v dropped", e)
		}
	}
	comp, count := FromEdges(g.N(), kept, nil).Components()
	if count != info.ComponentsBeforeBridging || len(info.Bridges) != count-1 {
		t.Fatalf("%d components before bridging (info %d), %d bridges", count, info.ComponentsBeforeBridging, len(info.Bridges))
	}
	if count == 1 || g.N() > 3000 {
		return
	}
	// Closest pair between every two components, by brute force.
	closest := make([]float64, count*count)
	for i := range closest {
		closest[i] = math.Inf(1)
	}
	for a := range g.N() {
		for b := a + 1; b < g.N(); b++ {
			ca, cb := comp[a], comp[b]
			if ca != cb {
				l := dist(g.XY[a], g.XY[b])
				k := int(min(ca, cb))*count + int(max(ca, cb))
				closest[k] = min(closest[k], l)
			}
		}
	}
	type pair struct {
		l    float64
		a, b int32
	}
	var pairs []pair
	for a := range count {
		for b := a + 1; b < count; b++ {
			pairs = append(pairs, pair{closest[a*count+b], int32(a), int32(b)})
		}
	}
	slices.SortFunc(pairs, func(x, y pair) int { return cmp.Compare(x.l, y.l) })
	uf := disjoint.New(count)
	var want, got float64
	for _, p := range pairs {
		if uf.Union(p.a, p.b) {
			want += p.l
		}
	}
	for _, b := range info.Bridges {
		got += dist(g.XY[b[0]], g.XY[b[1]])
	}
	if math.Abs(got-want) > 1e-6*want {
		t.Errorf("bridges total %.3f m, brute-force minimum %.3f m", got, want)
	}
}

func TestBuildClustered(t *testing.T) {
	for seed := range uint64(6) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 99))
			ps := clustered(rng, 300+rng.IntN(700), 3+rng.IntN(12))
			g, info, err := Build(context.Background(), ps)
			if err != nil {
				t.Fatal(err)
			}
			checkBuild(t, g, info, nil)
			if info.ComponentsBeforeBridging < 2 && seed == 0 {
				t.Logf("seed %d: no component to bridge", seed)
			}
		})
	}
}

func TestBuildDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	ps := clustered(rng, 2000, 8)
	g1, _, err := Build(context.Background(), ps)
	if err != nil {
		t.Fatal(err)
	}
	g2, _, _ := Build(context.Background(), ps)
	if !slices.Equal(g1.Adj, g2.Adj) || !slices.Equal(g1.Off, g2.Off) || !slices.Equal(g1.Kind, g2.Kind) {
		t.Error("two builds of the same input differ")
	}
}

func TestBuildProgressAndCancel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	ps := clustered(rng, 500, 4)
	var stages []string
	_, _, err := Build(context.Background(), ps, WithProgress(func(stage string, done, total int) {
		if done == 0 {
			stages = append(stages, stage)
		}
		if done < 0 || done > total {
			t.Errorf("stage %s: done %d of %d", stage, done, total)
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"sites", "project", "triangulate", "spacing", "prune", "bridge", "graph"}
	if !slices.Equal(stages, want) {
		t.Errorf("stages %v, want %v", stages, want)
	}
	for _, stop := range want {
		t.Run("cancel during "+stop, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			g, _, err := Build(ctx, ps, WithProgress(func(stage string, done, total int) {
				if stage == stop {
					cancel()
				}
			}))
			if stop == "graph" {
				// The last stage has no work left to abandon.
				return
			}
			if !errors.Is(err, context.Canceled) || g != nil {
				t.Errorf("err = %v, graph %v", err, g != nil)
			}
		})
	}
}

func TestBuildSea(t *testing.T) {
	// Two towns 1 km apart on either side of a 3 km-wide channel that the
	// boundary leaves out (a strait, lon 0.00..0.044 at lat 51):
	// the crossing is 5.1 km long, only 3 km of it at sea.
	// With SeaMax 2 km the crossings are dropped and one bridge rejoins.
	var ps []input.Practice
	for i := range 4 {
		for j := range 3 {
			ps = append(ps, practice(fmt.Sprintf("W%d%d", i, j), -0.015-0.01*float64(j), 51+0.01*float64(i), 1))
			ps = append(ps, practice(fmt.Sprintf("E%d%d", i, j), 0.059+0.01*float64(j), 51+0.01*float64(i), 1))
		}
	}
	west := orb.Polygon{{{-1, 50}, {0, 50}, {0, 52}, {-1, 52}, {-1, 50}}}
	east := orb.Polygon{{{0.044, 50}, {1, 50}, {1, 52}, {0.044, 52}, {0.044, 50}}}
	rule := PruneRule{KeepBelow: 1500, Factor: 0, SeaMax: 2000}
	g, info, err := Build(context.Background(), ps, WithBoundary(orb.MultiPolygon{west, east}), WithPrune(rule))
	if err != nil {
		t.Fatal(err)
	}
	if info.PrunedSea == 0 || info.ComponentsBeforeBridging != 2 || len(info.Bridges) != 1 {
		t.Fatalf("pruned %d as sea, %d components, bridges %v", info.PrunedSea, info.ComponentsBeforeBridging, info.Bridges)
	}
	b := info.Bridges[0]
	if la, lb := g.Loc[b[0]][0], g.Loc[b[1]][0]; !(la == -0.015 && lb == 0.059) {
		t.Errorf("bridge %v joins lon %v and %v, want the facing coasts", b, la, lb)
	}
	checkBuild(t, g, info, newLand(orb.MultiPolygon{west, east}, info.Projection.Forward))

	// With a generous SeaMax the crossings stay.
	rule.SeaMax = 4000
	_, info, err = Build(context.Background(), ps, WithBoundary(orb.MultiPolygon{west, east}), WithPrune(rule))
	if err != nil {
		t.Fatal(err)
	}
	if info.PrunedSea != 0 || len(info.Bridges) != 0 {
		t.Errorf("SeaMax 4 km: pruned %d as sea, %d bridges", info.PrunedSea, len(info.Bridges))
	}
}

// Patients whose total passes int64 are an error naming the practice, not
// a wrapped site weight (issue #10).
func TestBuildTotalOverflow(t *testing.T) {
	ps := []input.Practice{
		{Code: "A", Loc: orb.Point{-1, 52}, Patients: 9e18},
		{Code: "B", Loc: orb.Point{-1.01, 52}, Patients: 9e18},
	}
	_, _, err := Build(context.Background(), ps)
	var pe *PracticeError
	if !errors.Is(err, ErrTooManyPatients) || !errors.As(err, &pe) || pe.Code != "B" {
		t.Fatalf("got %v, want ErrTooManyPatients naming B", err)
	}
}
