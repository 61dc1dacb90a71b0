package partition

import (
	"context"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/paulmach/orb"
)

// TestCSRInRanges: csrInRanges lays the ranges' lists end to end as one
// pass would, and firstInRanges finds the earliest index, for any number
// of ranges.
func TestCSRInRanges(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 1000
	lists := make([][]int32, n)
	for v := range lists {
		for range rng.IntN(5) {
			lists[v] = append(lists[v], rng.Int32N(n))
		}
	}
	wantOff := []int32{0}
	var wantAdj []int32
	for _, l := range lists {
		wantAdj = append(wantAdj, l...)
		wantOff = append(wantOff, int32(len(wantAdj)))
	}
	bad := map[int]bool{17: true, 640: true, 999: true}
	for _, tc := range []struct {
		name    string
		workers int
	}{
		{"one", workersUpTo(n, 4)},
		{"two", 2},
		{"seven", 7},
		{"one per index", n},
	} {
		t.Run(tc.name, func(t *testing.T) {
			off := make([]int32, n+1)
			adj, ok := csrInRanges(n, tc.workers, off, func(lo, hi int, off []int32) ([]int32, bool) {
				var buf []int32
				for v := lo; v < hi; v++ {
					buf = append(buf, lists[v]...)
					off[v+1] = int32(len(buf))
				}
				return buf, true
			})
			if !ok || !slices.Equal(off, wantOff) || !slices.Equal(adj, wantAdj) {
				t.Fatal("csrInRanges differs from one pass")
			}
			got := firstInRanges(n, tc.workers, func(lo, hi int) int {
				for i := lo; i < hi; i++ {
					if bad[i] {
						return i
					}
				}
				return -1
			})
			if got != 17 {
				t.Fatalf("firstInRanges = %d, want 17", got)
			}
			if _, ok := csrInRanges(n, tc.workers, off, func(lo, hi int, off []int32) ([]int32, bool) { return nil, lo != 0 }); ok {
				t.Fatal("a cancelled range was not reported")
			}
		})
	}
}

// TestPrepareWorkers: the practice/site maps, level-0 units, unit graph,
// pieces, Hilbert order and subgraph are the same on 1, 2 and 3 workers,
// on a map large enough to be cut into ranges, with heavy sites split into
// their practices (more than cliqueMax on a site), with strata and without.
func TestPrepareWorkers(t *testing.T) {
	const w = 450
	g, ps := heavyGrid(w, 300)
	lvl := Level{Name: "hub", Min: 100, Max: 150}
	strat := make([]int32, len(ps))
	for p := range ps {
		if x := int(ps[p].Loc[0]*70 + 0.5); x >= 3*w/4 { // a second stratum in the east
			strat[p] = 1
		}
	}
	type prepared struct {
		SiteOf   []int32
		Patients []int64
		Units    units
		Graph    *pgraph
		Pieces   []*piece
		Order    []int32
		Sub      *pgraph
	}
	prepare := func(workers int, strat []int32) prepared {
		ctx := context.Background()
		s, err := newSites(g, ps, workers)
		if err != nil {
			t.Fatal(err)
		}
		u, err := level0Units(ctx, s, ps, lvl, strat, nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		ag := s.unitGraph(ctx, u.of, u.n, strat, u.x, u.y)
		pieces, err := findPieces(ctx, ag, oversizeAtoms(ag, bounds{lvl.Min, lvl.Max}))
		if err != nil {
			t.Fatal(err)
		}
		big := slices.MaxFunc(pieces, func(a, b *piece) int { return len(a.atoms) - len(b.atoms) })
		perm := hilbertOrder(ctx, ag, big.atoms, workers)
		atoms := make([]int32, len(perm))
		for i, j := range perm {
			atoms[i] = big.atoms[j]
		}
		return prepared{SiteOf: s.siteOf, Patients: s.patients, Units: u, Graph: ag, Pieces: pieces, Order: perm, Sub: subgraphOn(ctx, ag, atoms, workers)}
	}
	for _, st := range [][]int32{nil, strat} {
		want := prepare(1, st)
		if want.Units.n < 3*parallelMin || len(want.Order) < 3*parallelMin {
			t.Fatalf("strata %v: %d units, largest piece %d: too few for three ranges", st != nil, want.Units.n, len(want.Order))
		}
		for _, workers := range []int{2, 3} {
			if got := prepare(workers, st); !reflect.DeepEqual(got, want) {
				t.Errorf("strata %v, %d workers: the preparation differs from one worker's", st != nil, workers)
			}
		}
	}
}

// heavyGrid is a w×h grid of sites 1 km apart, 4-neighbour adjacency, one
// practice of 10 patients per site except every 997th site, which holds
// 40 (400 patients, above the maximum used by TestPrepareWorkers).
func heavyGrid(w, h int) (*graph.Graph, []input.Practice) {
	n := w * h
	g := &graph.Graph{Off: make([]int32, n+1), XY: make([][2]float64, n), Weight: make([]int64, n), MemberOff: make([]int32, n+1)}
	var ps []input.Practice
	for v := range n {
		x, y := v%w, v/w
		for _, d := range [][2]int{{0, -1}, {-1, 0}, {1, 0}, {0, 1}} { // ascending
			if nx, ny := x+d[0], y+d[1]; nx >= 0 && nx < w && ny >= 0 && ny < h {
				g.Adj = append(g.Adj, int32(ny*w+nx))
			}
		}
		g.Off[v+1] = int32(len(g.Adj))
		g.XY[v] = [2]float64{float64(x) * 1000, float64(y) * 1000}
		k := 1
		if v%997 == 0 {
			k = 40
		}
		for range k {
			g.Members = append(g.Members, int32(len(ps)))
			ps = append(ps, input.Practice{Code: "P", Patients: 10, Loc: orb.Point{float64(x) / 70, 52 + float64(y)/110}})
			g.Weight[v] += 10
		}
		g.MemberOff[v+1] = int32(len(g.Members))
	}
	return g, ps
}

// heavyUnitGraph is the unit graph of heavyGrid(w, h) for hubs of
// 100–150 patients, on one worker.
func heavyUnitGraph(t *testing.T, w, h int) *pgraph {
	t.Helper()
	g, ps := heavyGrid(w, h)
	s, err := newSites(g, ps, 1)
	if err != nil {
		t.Fatal(err)
	}
	u, err := level0Units(context.Background(), s, ps, Level{Min: 100, Max: 150}, nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ag := s.unitGraph(context.Background(), u.of, u.n, nil, u.x, u.y)
	return ag
}

// TestFindPieces: with atoms knocked out at random, so that there are
// many components, the pieces come in order of smallest atom, each
// ascending, with no edge to another piece and connected.
func TestFindPieces(t *testing.T) {
	ag := heavyUnitGraph(t, 450, 300)
	rng := rand.New(rand.NewPCG(7, 8))
	over := make([]bool, ag.n())
	for v := range over {
		over[v] = rng.IntN(100) < 45
	}
	pieces, err := findPieces(context.Background(), ag, over)
	if err != nil {
		t.Fatal(err)
	}
	for _, procs := range []int{1, 3} { // the same pieces on any number of cores
		old := runtime.GOMAXPROCS(procs)
		again, err := findPieces(context.Background(), ag, over)
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
		if len(again) != len(pieces) {
			t.Fatalf("GOMAXPROCS %d: %d pieces, want %d", procs, len(again), len(pieces))
		}
		for i := range again {
			if again[i].W != pieces[i].W || !slices.Equal(again[i].atoms, pieces[i].atoms) {
				t.Fatalf("GOMAXPROCS %d: piece %d differs", procs, i)
			}
		}
	}
	if len(pieces) < 100 {
		t.Fatalf("%d pieces: too few to test", len(pieces))
	}
	pieceOf := make([]int, ag.n())
	for i := range pieceOf {
		pieceOf[i] = -1
	}
	for i, pc := range pieces {
		if !slices.IsSorted(pc.atoms) || i > 0 && pieces[i-1].atoms[0] >= pc.atoms[0] {
			t.Fatalf("piece %d not in order", i)
		}
		var w int64
		for _, a := range pc.atoms {
			pieceOf[a] = i
			w += ag.w[a]
		}
		if w != pc.W {
			t.Fatalf("piece %d weighs %d, its atoms %d", i, pc.W, w)
		}
	}
	for v := range ag.n() {
		if over[v] != (pieceOf[v] < 0) {
			t.Fatalf("atom %d (over %v) in piece %d", v, over[v], pieceOf[v])
		}
		for _, b := range ag.adj[ag.off[v]:ag.off[v+1]] {
			if !over[v] && !over[b] && pieceOf[v] != pieceOf[b] {
				t.Fatalf("neighbours %d and %d in pieces %d and %d", v, b, pieceOf[v], pieceOf[b])
			}
		}
	}
	for i, pc := range pieces { // connected: a search from its first atom reaches all
		seen := map[int32]bool{pc.atoms[0]: true}
		queue := []int32{pc.atoms[0]}
		for len(queue) > 0 {
			a := queue[0]
			queue = queue[1:]
			for _, b := range ag.adj[ag.off[a]:ag.off[a+1]] {
				if pieceOf[b] == i && !seen[b] {
					seen[b] = true
					queue = append(queue, b)
				}
			}
		}
		if len(seen) != len(pc.atoms) {
			t.Fatalf("piece %d: %d of its %d atoms reached", i, len(seen), len(pc.atoms))
		}
	}
}
