package partition

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestCutMemoLookup(t *testing.T) {
	order := []int32{3, 5, 8, 9}
	found := []uint32{0b0011, 0b1100}
	for _, tc := range []struct {
		name      string
		store     func(m *cutMemo)
		order     []int32
		k         int
		limit     float64
		wantKnown bool
		wantParts []uint32
	}{
		{"empty", func(*cutMemo) {}, order, 2, 10, false, nil},
		{"found, below the new limit", func(m *cutMemo) { m.store(order, 2, 20, found, 7) }, order, 2, 10, true, found},
		{"found, not below the new limit", func(m *cutMemo) { m.store(order, 2, 20, found, 7) }, order, 2, 7, true, nil},
		{"found, with no limit", func(m *cutMemo) { m.store(order, 2, math.Inf(1), found, 7) }, order, 2, math.Inf(1), true, found},
		{"none below a higher limit", func(m *cutMemo) { m.store(order, 2, 20, nil, 20) }, order, 2, 10, true, nil},
		{"none below the same limit", func(m *cutMemo) { m.store(order, 2, 20, nil, 20) }, order, 2, 20, true, nil},
		{"none below a lower limit: search", func(m *cutMemo) { m.store(order, 2, 20, nil, 20) }, order, 2, 30, false, nil},
		{"other number of groups", func(m *cutMemo) { m.store(order, 2, 20, found, 7) }, order, 3, 10, false, nil},
		{"other union", func(m *cutMemo) { m.store(order, 2, 20, found, 7) }, []int32{3, 5, 8, 10}, 2, 10, false, nil},
		{"shorter union", func(m *cutMemo) { m.store(order, 2, 20, found, 7) }, []int32{3, 5, 8}, 2, 10, false, nil},
		{"more groups than remembered", func(m *cutMemo) { m.store(order, 5, 20, nil, 20) }, order, 5, 10, false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := cutMemo{ng: 4}
			tc.store(&m)
			parts, known := m.lookup(tc.order, tc.k, tc.limit)
			if known != tc.wantKnown || !slices.Equal(parts, tc.wantParts) {
				t.Errorf("lookup = %v, %v; want %v, %v", parts, known, tc.wantParts, tc.wantKnown)
			}
		})
	}
}

// gridPgraph is a w×h grid of atoms with random weights in [1, 10] and
// positions jittered off the grid, so that costs rarely tie.
func gridPgraph(rng *rand.Rand, w, h int) *pgraph {
	n := w * h
	g := &pgraph{w: make([]int64, n), x: make([]float64, n), y: make([]float64, n), off: make([]int32, n+1)}
	for v := range n {
		c, r := v%w, v/w
		g.w[v] = 1 + rng.Int64N(10)
		g.x[v], g.y[v] = float64(c)+0.3*rng.Float64(), float64(r)+0.3*rng.Float64()
		for _, d := range [][2]int{{0, -1}, {-1, 0}, {1, 0}, {0, 1}} {
			if cc, rr := c+d[0], r+d[1]; cc >= 0 && cc < w && rr >= 0 && rr < h {
				g.adj = append(g.adj, int32(rr*w+cc))
			}
		}
		g.off[v+1] = int32(len(g.adj))
	}
	return g
}

// TestCutMemoSameCuts re-cuts one union again and again, from different
// splits and under different limits, with the table kept between the
// searches, and checks every answer against a search from scratch.
func TestCutMemoSameCuts(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	hits := 0
	for inst := range 20 {
		const w, h = 4, 4
		g := gridPgraph(rng, w, h)
		k := 2 + inst%2
		var W int64
		for _, x := range g.w {
			W += x
		}
		b := bounds{W / int64(k) * 2 / 3, W / int64(k) * 3 / 2}
		order := make([]int32, w*h)
		for i := range order {
			order[i] = int32(i)
		}
		set := make([]int32, k)
		for i := range set {
			set[i] = int32(i)
		}
		// m: the cheapest cut's cost, as the search adds it up
		probe := newSearcher(newRefiner(context.Background(), g, b, stripLabels(w, h, k, rng), k), nil, nil)
		probe.recutBelow(set, order, math.Inf(1))
		e, ok := probe.memo.entry(order, k)
		if !ok || !e.found {
			t.Fatalf("instance %d: no cut of %d groups within %v", inst, k, b)
		}
		m := e.cost
		// First limits that leave the table answering "none below" and
		// then probe either side of it and of m; then random ones.
		limits := []float64{0.95 * m, 1.02 * m, m, math.Nextafter(m, math.Inf(1)), 0.9 * m, m, math.Inf(1), m, math.Nextafter(m, math.Inf(1))}
		var memo cutMemo
		for trial := range 30 {
			lab := stripLabels(w, h, k, rng)
			fresh := newSearcher(newRefiner(context.Background(), g, b, slices.Clone(lab), k), nil, nil)
			kept := newSearcher(newRefiner(context.Background(), g, b, slices.Clone(lab), k), nil, nil)
			kept.memo = memo
			cur := 0.0
			for _, a := range set {
				cur += fresh.costOf(a)
			}
			limit := []float64{math.Inf(1), cur, cur * 0.999, cur * 1.2, cur * rng.Float64()}[trial%5]
			if trial < len(limits) {
				limit = limits[trial]
			}
			if _, known := kept.memo.lookup(order, k, limit); known {
				hits++
			}
			want := fresh.recutBelow(set, order, limit)
			got := kept.recutBelow(set, order, limit)
			memo = kept.memo
			if got != want || !slices.Equal(kept.lab, fresh.lab) {
				t.Fatalf("instance %d trial %d (limit %g): with the table %v %v, from scratch %v %v", inst, trial, limit, got, kept.lab, want, fresh.lab)
			}
		}
	}
	if hits == 0 {
		t.Error("no search was answered from the table")
	}
	t.Logf("%d of 600 searches answered from the table", hits)
}

// stripLabels labels a w×h grid as k strips of columns or of rows, cut at
// random places.
func stripLabels(w, h, k int, rng *rand.Rand) []int32 {
	lab := make([]int32, w*h)
	rows := rng.IntN(2) == 0
	span := w
	if rows {
		span = h
	}
	cuts := []int{0}
	for len(cuts) < k {
		if c := 1 + rng.IntN(span-1); !slices.Contains(cuts, c) {
			cuts = append(cuts, c)
		}
	}
	slices.Sort(cuts)
	for v := range lab {
		c := v % w
		if rows {
			c = v / w
		}
		for i, cut := range cuts {
			if c >= cut {
				lab[v] = int32(i)
			}
		}
	}
	return lab
}
