package export

import (
	"math/rand/v2"
	"testing"
)

func TestColourGroups(t *testing.T) {
	type edge struct{ a, b int }
	grid := func(w, h int, diag bool) (int, []edge) {
		var es []edge
		for y := range h {
			for x := range w {
				v := y*w + x
				if x+1 < w {
					es = append(es, edge{v, v + 1})
				}
				if y+1 < h {
					es = append(es, edge{v, v + w})
				}
				if diag && x+1 < w && y+1 < h {
					es = append(es, edge{v, v + w + 1})
				}
			}
		}
		return w * h, es
	}
	cases := []struct {
		name    string
		n       int
		edges   []edge
		maxCols int // colours DSATUR must not exceed
	}{
		{name: "empty", n: 0},
		{name: "isolated", n: 5, maxCols: 5},
		{name: "single edge both directions repeated", n: 2, edges: []edge{{0, 1}, {1, 0}, {0, 1}}, maxCols: 2},
		{name: "self loop and out of range ignored", n: 3, edges: []edge{{0, 0}, {1, 7}, {-1, 2}, {1, 2}}, maxCols: 3},
		{name: "triangle", n: 3, edges: []edge{{0, 1}, {1, 2}, {2, 0}}, maxCols: 3},
		{name: "K5", n: 5, edges: []edge{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {1, 2}, {1, 3}, {1, 4}, {2, 3}, {2, 4}, {3, 4}}, maxCols: 5},
		{name: "K14 beyond palette", n: 14, edges: func() []edge {
			var es []edge
			for a := range 14 {
				for b := a + 1; b < 14; b++ {
					es = append(es, edge{a, b})
				}
			}
			return es
		}(), maxCols: 14},
	}
	n, es := grid(20, 15, true)
	cases = append(cases, struct {
		name    string
		n       int
		edges   []edge
		maxCols int
	}{"triangulated grid", n, es, 12})
	n, es = grid(30, 30, false)
	cases = append(cases, struct {
		name    string
		n       int
		edges   []edge
		maxCols int
	}{"square grid", n, es, 12})

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			adj := func(fn func(a, b int)) {
				for _, e := range tc.edges {
					fn(e.a, e.b)
				}
			}
			col := ColourGroups(tc.n, adj)
			if len(col) != tc.n {
				t.Fatalf("len = %d, want %d", len(col), tc.n)
			}
			distinct := map[int]bool{}
			for v, c := range col {
				if c < 0 {
					t.Fatalf("vertex %d uncoloured", v)
				}
				distinct[c] = true
			}
			for _, e := range tc.edges {
				if e.a == e.b || e.a < 0 || e.b < 0 || e.a >= tc.n || e.b >= tc.n {
					continue
				}
				if col[e.a] == col[e.b] {
					t.Errorf("adjacent %d and %d share colour %d", e.a, e.b, col[e.a])
				}
			}
			if len(distinct) > tc.maxCols {
				t.Errorf("%d colours, want <= %d", len(distinct), tc.maxCols)
			}
			again := ColourGroups(tc.n, adj)
			for v := range col {
				if col[v] != again[v] {
					t.Fatalf("not deterministic at %d", v)
				}
			}
		})
	}
}

// TestColourGroupsRandomPlanar colours random planar-ish graphs (points
// joined to their 4 nearest neighbours) and checks properness and that the
// balanced choice spreads over the palette.
func TestColourGroupsRandomPlanar(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const n = 400
	xs := make([][2]float64, n)
	for i := range xs {
		xs[i] = [2]float64{r.Float64(), r.Float64()}
	}
	var edges [][2]int
	for i := range xs {
		best := [4]int{-1, -1, -1, -1}
		bd := [4]float64{9, 9, 9, 9}
		for j := range xs {
			if i == j {
				continue
			}
			dx, dy := xs[i][0]-xs[j][0], xs[i][1]-xs[j][1]
			d := dx*dx + dy*dy
			for k := range 4 {
				if d < bd[k] {
					copy(bd[k+1:], bd[k:3])
					copy(best[k+1:], best[k:3])
					bd[k], best[k] = d, j
					break
				}
			}
		}
		for _, j := range best {
			edges = append(edges, [2]int{i, j})
		}
	}
	col := ColourGroups(n, func(fn func(a, b int)) {
		for _, e := range edges {
			fn(e[0], e[1])
		}
	})
	count := make(map[int]int)
	for _, c := range col {
		count[c]++
	}
	for _, e := range edges {
		if col[e[0]] == col[e[1]] {
			t.Fatalf("adjacent %d,%d share colour", e[0], e[1])
		}
	}
	if len(count) < 8 {
		t.Errorf("only %d colours used on %d vertices; want the palette spread", len(count), n)
	}
}

func TestPaletteColour(t *testing.T) {
	if len(Palette) < 8 {
		t.Fatalf("palette has %d colours, want >= 8", len(Palette))
	}
	seen := map[[3]uint8]int{}
	for c := range 40 {
		p := PaletteColour(c)
		if p.A != 0xff {
			t.Errorf("colour %d not opaque", c)
		}
		k := [3]uint8{p.R, p.G, p.B}
		if prev, ok := seen[k]; ok && c < len(Palette) {
			t.Errorf("colours %d and %d identical", prev, c)
		}
		seen[k] = c
	}
	if PaletteColour(3) != Palette[3] {
		t.Error("palette index not honoured")
	}
	if got := hexColour(Palette[0]); got != "#8dd3c7" {
		t.Errorf("hexColour = %s", got)
	}
}

// ColourGroups takes its vertices in DSATUR's order as the definition
// states it (most distinct neighbour colours, then most uncoloured
// neighbours, then lowest index), checked against a plain scan of every
// uncoloured vertex at each step on random graphs, dense and sparse, with
// more colours needed than the palette has.
func TestColourGroupsOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	for trial := range 30 {
		n := 1 + r.IntN(120)
		p := []float64{0.02, 0.1, 0.5}[trial%3]
		adj := make([][]bool, n)
		for i := range adj {
			adj[i] = make([]bool, n)
		}
		var edges [][2]int
		for a := range n {
			for b := a + 1; b < n; b++ {
				if r.Float64() < p {
					edges = append(edges, [2]int{a, b})
					adj[a][b], adj[b][a] = true, true
				}
			}
		}
		got := ColourGroups(n, func(fn func(a, b int)) {
			for _, e := range edges {
				fn(e[1], e[0])
			}
		})
		// The reference: scan for the next vertex, free colour least used.
		want := make([]int, n)
		for i := range want {
			want[i] = -1
		}
		used := make([]int, len(Palette))
		for range n {
			best, bestSat, bestUncol := -1, -1, -1
			for v := range n {
				if want[v] >= 0 {
					continue
				}
				seen, uncol := map[int]bool{}, 0
				for w := range n {
					if adj[v][w] {
						if want[w] >= 0 {
							seen[want[w]] = true
						} else {
							uncol++
						}
					}
				}
				if len(seen) > bestSat || (len(seen) == bestSat && uncol > bestUncol) {
					best, bestSat, bestUncol = v, len(seen), uncol
				}
			}
			taken := map[int]bool{}
			for w := range n {
				if adj[best][w] && want[w] >= 0 {
					taken[want[w]] = true
				}
			}
			c := -1
			for k := range Palette {
				if !taken[k] && (c < 0 || used[k] < used[c]) {
					c = k
				}
			}
			if c < 0 {
				for c = len(Palette); taken[c]; c++ {
				}
			} else {
				used[c]++
			}
			want[best] = c
		}
		for v := range n {
			if got[v] != want[v] {
				t.Fatalf("trial %d (n %d, p %v): vertex %d has colour %d, the scan gives %d", trial, n, p, v, got[v], want[v])
			}
		}
	}
}
