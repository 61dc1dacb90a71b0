package graph

import (
	"context"
	"runtime"

	"github.com/hubpart/hubpart/internal/parallel"
)

// prune applies o.rule to the Delaunay edges and returns which are kept,
// counting the dropped ones in info.
func prune(ctx context.Context, g *Graph, del [][2]int32, lengths []float64,
	info *BuildInfo, o *options, report func(string, int, int)) ([]bool, error) {
	r := o.rule
	var sea *land
	if len(o.boundary) > 0 {
		sea = newLand(o.boundary, info.Projection.Forward)
	}
	report("prune", 0, len(del))
	// The edges are decided in ranges on all cores (the sea test of long
	// edges is the costly part, even for a few thousand sites), each range
	// with its own scratch for the sea test and its own counts.
	kept := make([]bool, len(del))
	workers := parallel.Workers(len(del), runtime.GOMAXPROCS(0), 2048)
	long, sea2 := make([]int, workers), make([]int, workers)
	parallel.Ranges(len(del), workers, func(w, lo, hi int) {
		var mine *land
		if sea != nil {
			mine = sea.scratchCopy()
		}
		for i := lo; i < hi; i++ {
			if (i-lo)%ctxEvery == ctxEvery-1 {
				if ctx.Err() != nil {
					return
				}
				if w == 0 {
					report("prune", i*workers, len(del))
				}
			}
			e := del[i]
			l := lengths[i]
			switch {
			case l < r.KeepBelow:
				kept[i] = true
			case r.long(l, info.Spacing[e[0]], info.Spacing[e[1]]):
				long[w]++
			case mine != nil && l > r.SeaMax && mine.outside(g.XY[e[0]], g.XY[e[1]]) > r.SeaMax:
				sea2[w]++
			default:
				kept[i] = true
			}
		}
	})
	for w := range workers {
		info.PrunedLong += long[w]
		info.PrunedSea += sea2[w]
	}
	report("prune", len(del), len(del))
	return kept, ctx.Err()
}
