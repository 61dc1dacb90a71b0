package partition

import (
	"cmp"
	"context"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// TestRadixByKey checks the radix sort against a stable comparison sort,
// on sizes below and above parallelRadix (where two goroutines count and
// scatter) and on keys with many repeats, where stability shows.
func TestRadixByKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, tc := range []struct {
		n    int
		keys uint32 // distinct keys drawn from [0, keys); 0: any 32-bit key
	}{
		{0, 0}, {1, 0}, {2048, 0}, {5000, 16}, {parallelRadix - 1, 1 << 20},
		{parallelRadix + 12345, 0}, {3 * parallelRadix, 300}, {3 * parallelRadix, 1 << 17},
	} {
		e := make([]tedge, tc.n)
		for i := range e {
			k := rng.Uint32()
			if tc.keys > 0 {
				k %= tc.keys
			}
			e[i] = tedge{key: k, u: int32(i), v: int32(rng.IntN(1000))}
		}
		want := slices.Clone(e)
		slices.SortStableFunc(want, func(a, b tedge) int { return cmp.Compare(a.key, b.key) })
		radixByKey(e, nil)
		if !slices.Equal(e, want) {
			i := 0
			for e[i] == want[i] {
				i++
			}
			t.Fatalf("n %d, keys %d: item %d is %+v, want %+v", tc.n, tc.keys, i, e[i], want[i])
		}
	}
}

// TestRandomMSTWorkers draws the same random spanning tree of a large grid
// (big enough for collectEdges and the radix sort to run on several
// goroutines) with one CPU and with all of them, and checks that the
// breadth-first order and the parents agree.
func TestRandomMSTWorkers(t *testing.T) {
	const side = 420 // 176,400 vertices, about 352,000 edges
	n := side * side
	g := &pgraph{w: make([]int64, n), x: make([]float64, n), y: make([]float64, n), off: make([]int32, n+1)}
	for v := range n {
		g.x[v], g.y[v] = float64(v%side), float64(v/side)
		for _, d := range [][2]int{{-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
			x, y := v%side+d[0], v/side+d[1]
			if x >= 0 && x < side && y >= 0 && y < side {
				g.adj = append(g.adj, int32(y*side+x))
			}
		}
		g.off[v+1] = int32(len(g.adj))
	}
	g.setLogLengths()
	// Every vertex but a few holes that keep the set connected.
	in := func(v int32) bool { return v%side != 5 || (v/side)%7 == 0 }
	draw := func(procs int) ([]int32, []int32) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var order []int32
		for v := range int32(n) {
			if in(v) {
				order = append(order, v)
			}
		}
		ts := newTreeScratch(n)
		got := randomMST(context.Background(), g, ts, order, in, newRand(3), 0.7, nil)
		if got != len(order) {
			t.Fatalf("GOMAXPROCS %d: tree reaches %d of %d vertices", procs, got, len(order))
		}
		parent := make([]int32, len(order))
		for i, v := range order {
			parent[i] = ts.parent[v]
		}
		return order, parent
	}
	o1, p1 := draw(1)
	o2, p2 := draw(4)
	if !slices.Equal(o1, o2) || !slices.Equal(p1, p2) {
		t.Fatal("the tree differs between one CPU and four")
	}
}
