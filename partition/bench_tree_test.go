package partition

import (
	"context"
	"testing"
)

// BenchmarkRedrawMST draws random spanning trees of a triangulated grid of
// 1.6 million vertices (the size of the postcodes' top split: the one
// draw of a piece that runs on one core), collectEdges done once.
func BenchmarkRedrawMST(b *testing.B) {
	const side = 1264
	n := side * side
	g := &pgraph{w: make([]int64, n), x: make([]float64, n), y: make([]float64, n), off: make([]int32, n+1)}
	for v := range n {
		g.x[v], g.y[v] = float64(v%side), float64(v/side)
		for _, d := range [][2]int{{-1, -1}, {0, -1}, {-1, 0}, {1, 0}, {0, 1}, {1, 1}} {
			x, y := v%side+d[0], v/side+d[1]
			if x >= 0 && x < side && y >= 0 && y < side {
				g.adj = append(g.adj, int32(y*side+x))
			}
		}
		g.off[v+1] = int32(len(g.adj))
	}
	g.setLogLengths()
	order := make([]int32, n)
	for v := range order {
		order[v] = int32(v)
	}
	in := func(int32) bool { return true }
	ts := newTreeScratch(n)
	buf := &mstBuf{}
	if !collectEdges(context.Background(), g, ts, order, in, buf) {
		b.Fatal("cancelled")
	}
	rng := newRand(1)
	for b.Loop() {
		for v := range order { // ascending, as a piece's atoms come
			order[v] = int32(v)
		}
		if got := redrawMST(context.Background(), ts, order, rng, 0.7, buf); got != n {
			b.Fatalf("tree reaches %d of %d vertices", got, n)
		}
	}
}
