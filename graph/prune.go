package graph

import "context"

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
	kept := make([]bool, len(del))
	for i, e := range del {
		if i%ctxEvery == ctxEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			report("prune", i, len(del))
		}
		l := lengths[i]
		switch {
		case l < r.KeepBelow:
			kept[i] = true
		case r.long(l, info.Spacing[e[0]], info.Spacing[e[1]]):
			info.PrunedLong++
		case sea != nil && l > r.SeaMax && sea.outside(g.XY[e[0]], g.XY[e[1]]) > r.SeaMax:
			info.PrunedSea++
		default:
			kept[i] = true
		}
	}
	report("prune", len(del), len(del))
	return kept, ctx.Err()
}
