package graph

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/geo/delaunay"
)

// PruneRule decides which Delaunay edges between sites are implausible
// neighbour links and are dropped before components are reconnected. All
// lengths are in metres, measured between projected sites (the stereographic
// plane of geo.Projection, whose scale is within 0.3% of true over England).
//
// An edge of length L between sites a and b is judged in this order:
//
//  1. L < KeepBelow: kept, whatever else holds.
//  2. Factor > 0 and L > Factor × max(Spacing(a), Spacing(b)): dropped as
//     long ("PrunedLong"). Spacing(v) is the median length of the Delaunay
//     edges at v, so an edge is dropped only when it is long for both ends:
//     the skinny triangles on the hull and across empty moors and estuaries.
//  3. a boundary was given, L > SeaMax and the straight line between a and b
//     runs outside the land for more than SeaMax in total: dropped as sea
//     ("PrunedSea"). Outside means outside every polygon of the boundary, so
//     with an England outline, Wales and Scotland count as "sea".
//  4. Otherwise kept.
//
// The zero PruneRule keeps every edge.
type PruneRule struct {
	KeepBelow float64 // edges shorter than this are always kept (default 3,000 m)
	Factor    float64 // long-edge ratio to local spacing; 0 disables the rule (default 3)
	SeaMax    float64 // largest total run outside the boundary (default 3,000 m)
}

// DefaultPruneRule returns the rule Build uses unless told otherwise:
// KeepBelow 3 km, Factor 3, SeaMax 3 km.
//
// The values were chosen on the England 2021 practices with the ONS
// ultra-generalised outline: KeepBelow 3 km keeps every town link (and the
// Humber and Mersey crossings, which are shorter); Factor 3 drops 54 of
// 18,143 Delaunay edges, the hull slivers and links across empty uplands;
// SeaMax 3 km cuts every Solent crossing (the shortest practice-to-practice
// line across it runs 3.4 km at sea, the ultra-generalised coast being
// coarse), so the Isle of Wight, like the Isles of Scilly, joins the
// mainland by one bridge, its shortest crossing. With SeaMax 5 km the Isle
// of Wight keeps six direct Delaunay links instead.
func DefaultPruneRule() PruneRule {
	return PruneRule{KeepBelow: 3000, Factor: 3, SeaMax: 3000}
}

// validate reports a rule with negative or non-finite parameters.
func (r PruneRule) validate() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"KeepBelow", r.KeepBelow}, {"Factor", r.Factor}, {"SeaMax", r.SeaMax}} {
		if f.v < 0 || math.IsNaN(f.v) || (math.IsInf(f.v, 0) && f.name != "SeaMax") {
			return fmt.Errorf("%w: %s = %v", ErrBadRule, f.name, f.v)
		}
	}
	return nil
}

// long reports whether rule 2 drops an edge of length l between sites with
// local spacings sa and sb (rule 1 already passed).
func (r PruneRule) long(l, sa, sb float64) bool {
	return r.Factor > 0 && l > r.Factor*max(sa, sb)
}

// Option configures Build.
type Option func(*options)

type options struct {
	boundary orb.MultiPolygon
	progress func(stage string, done, total int)
	rule     PruneRule
}

// WithBoundary gives the land outline ([lon, lat] polygons) used by the sea
// rule of PruneRule. Without it no edge is dropped as sea.
func WithBoundary(mp orb.MultiPolygon) Option {
	return func(o *options) { o.boundary = mp }
}

// WithProgress sets a callback told about each stage of Build ("sites",
// "project", "triangulate", "spacing", "prune", "bridge", "graph"): it is
// called with done == 0 when a stage starts and done == total when it ends,
// and in between for long stages. It runs on the calling goroutine.
func WithProgress(fn func(stage string, done, total int)) Option {
	return func(o *options) { o.progress = fn }
}

// WithPrune replaces DefaultPruneRule.
func WithPrune(r PruneRule) Option {
	return func(o *options) { o.rule = r }
}

// BuildInfo reports how Build made the graph, for diagnostics and tests.
type BuildInfo struct {
	Projection *geo.Projection         // the projection of the sites (XY)
	Tri        *delaunay.Triangulation // Delaunay triangulation of the projected sites
	Sites      int                     // number of vertices (distinct locations)
	Rule       PruneRule               // the rule applied
	Spacing    []float64               // per site: median Delaunay edge length, metres

	DelaunayEdges int // edges of the triangulation
	PrunedLong    int // dropped by rule 2 of PruneRule
	PrunedSea     int // dropped by rule 3 of PruneRule

	ComponentsBeforeBridging int
	// Bridges are the site pairs (a < b) added to reconnect components, in
	// the order they were added (shortest first). Each is a Delaunay edge.
	Bridges [][2]int32
}
