package graph

import (
	"context"
	"math"
	"testing"

	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/fixture"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

var (
	englandPractices = fixture.EnglandPractices()
	englandBoundary  = fixture.EnglandBoundary()
)

// readEngland loads England's practices and outline from the repository's testdata.
func readEngland(tb testing.TB) ([]input.Practice, orb.MultiPolygon) {
	tb.Helper()
	ps, err := input.ReadFile(context.Background(), englandPractices)
	if err != nil {
		tb.Fatal(err)
	}
	mp, err := input.ReadBoundary(englandBoundary)
	if err != nil {
		tb.Fatal(err)
	}
	return ps, mp
}

func TestBuildEngland(t *testing.T) {
	ps, mp := readEngland(t)
	g, info, err := Build(context.Background(), ps, WithBoundary(mp))
	if err != nil {
		t.Fatal(err)
	}
	distinct := map[orb.Point]bool{}
	for _, p := range ps {
		distinct[p.Loc] = true
	}
	if len(ps) != 6658 || g.N() != len(distinct) {
		t.Fatalf("%d practices at %d sites, want 6658 at %d", len(ps), g.N(), len(distinct))
	}
	var total int64
	for _, w := range g.Weight {
		total += w
	}
	if total != 60606345 {
		t.Errorf("total weight %d, want 60606345", total)
	}
	sea := newLand(mp, info.Projection.Forward)
	checkBuild(t, g, info, sea)
	t.Logf("%d sites, %d Delaunay edges, pruned %d long + %d sea, %d components before bridging, %d bridges, %d edges",
		g.N(), info.DelaunayEdges, info.PrunedLong, info.PrunedSea, info.ComponentsBeforeBridging, len(info.Bridges), g.NumEdges())
	for _, b := range info.Bridges {
		t.Logf("bridge %s – %s: %.2f km", ps[g.SiteMembers(int(b[0]))[0]].Code, ps[g.SiteMembers(int(b[1]))[0]].Code, g.Length(b[0], b[1])/1000)
	}

	// Isles of Scilly: one practice, L82017 (St Mary's), reachable only by
	// bridge, and that bridge goes to the nearest site in the plane.
	site := g.SiteOf()
	scilly := int32(-1)
	for i, p := range ps {
		if p.Code == "L82017" {
			scilly = site[i]
		}
	}
	if scilly < 0 || math.Abs(g.Loc[scilly][1]-49.91) > 0.05 || math.Abs(g.Loc[scilly][0]+6.31) > 0.05 {
		t.Fatalf("Scilly practice L82017 not found where expected (site %d)", scilly)
	}
	nearest, best := int32(-1), math.Inf(1)
	for v := range g.N() {
		if d := dist(g.XY[v], g.XY[scilly]); int32(v) != scilly && d < best {
			nearest, best = int32(v), d
		}
	}
	for i := g.Off[scilly]; i < g.Off[scilly+1]; i++ {
		if g.EdgeKindAt(int(i)) != Bridge {
			t.Errorf("Scilly reaches %s by a non-bridge edge", ps[g.SiteMembers(int(g.Adj[i]))[0]].Code)
		}
	}
	if !g.HasEdge(scilly, nearest) {
		t.Errorf("Scilly is not bridged to its nearest site %s", ps[g.SiteMembers(int(nearest))[0]].Code)
	}
	t.Logf("Scilly: degree %d, nearest site %s at %.1f km", g.Degree(int(scilly)), ps[g.SiteMembers(int(nearest))[0]].Code, g.Length(scilly, nearest)/1000)

	// Isle of Wight: the sites inside the boundary part holding Newport.
	var wight orb.Polygon
	for _, poly := range mp {
		if planar.PolygonContains(poly, orb.Point{-1.29, 50.70}) {
			wight = poly
		}
	}
	if wight == nil {
		t.Fatal("no boundary part contains Newport, Isle of Wight")
	}
	onWight := make([]bool, g.N())
	nw := 0
	for v := range g.N() {
		if planar.PolygonContains(wight, g.Loc[v]) {
			onWight[v], nw = true, nw+1
		}
	}
	if nw < 10 {
		t.Fatalf("only %d sites on the Isle of Wight", nw)
	}
	crossings := 0
	g.Edges(func(a, b int32, k EdgeKind) bool {
		if onWight[a] == onWight[b] {
			return true
		}
		crossings++
		out := sea.outside(g.XY[a], g.XY[b])
		if k != Bridge && out > info.Rule.SeaMax {
			t.Errorf("Isle of Wight edge %v runs %.1f km at sea", [2]int32{a, b}, out/1000)
		}
		t.Logf("Isle of Wight crossing %s – %s: %.2f km (%.2f km at sea), %v",
			ps[g.SiteMembers(int(a))[0]].Code, ps[g.SiteMembers(int(b))[0]].Code, g.Length(a, b)/1000, out/1000, k)
		return true
	})
	if crossings == 0 {
		t.Error("Isle of Wight not connected to the mainland")
	}
	// Its shortest crossing (closest pair in the plane) is among the links.
	sa, sb, sl := int32(-1), int32(-1), math.Inf(1)
	for a := range g.N() {
		if !onWight[a] {
			continue
		}
		for b := range g.N() {
			if d := dist(g.XY[a], g.XY[b]); !onWight[b] && d < sl {
				sa, sb, sl = int32(a), int32(b), d
			}
		}
	}
	if !g.HasEdge(sa, sb) {
		t.Errorf("shortest Isle of Wight crossing %s – %s (%.2f km) is not a link",
			ps[g.SiteMembers(int(sa))[0]].Code, ps[g.SiteMembers(int(sb))[0]].Code, sl/1000)
	}
	t.Logf("Isle of Wight: %d sites, %d crossings", nw, crossings)
}
