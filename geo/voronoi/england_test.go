package voronoi

import (
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/geo/delaunay"
	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/fixture"
	"github.com/paulmach/orb"
)

var (
	vtEnglandCSV      = fixture.EnglandPractices()
	vtEnglandBoundary = fixture.EnglandBoundary()
)

// vtEnglandData is the England fixture in the stereographic projection:
// the practices' triangulation and the boundary MultiPolygon.
type vtEnglandData struct {
	tr   *delaunay.Triangulation
	clip orb.MultiPolygon
}

var (
	vtEnglandOnce sync.Once
	vtEngland     vtEnglandData
	vtEnglandErr  string
)

func vtLoadEngland(tb testing.TB) vtEnglandData {
	tb.Helper()
	vtEnglandOnce.Do(func() {
		ps, err := input.ReadFile(context.Background(), vtEnglandCSV)
		if err != nil {
			vtEnglandErr = "reading practices: " + err.Error()
			return
		}
		raw, err := os.ReadFile(vtEnglandBoundary)
		if err != nil {
			vtEnglandErr = "reading boundary: " + err.Error()
			return
		}
		var fc struct {
			Features []struct {
				Geometry struct {
					Type        string
					Coordinates [][][][2]float64
				}
			}
		}
		if err := json.Unmarshal(raw, &fc); err != nil || len(fc.Features) != 1 || fc.Features[0].Geometry.Type != "MultiPolygon" {
			vtEnglandErr = "boundary is not one MultiPolygon feature"
			return
		}
		locs := make([]orb.Point, len(ps))
		for i, p := range ps {
			locs[i] = p.Loc
		}
		proj, err := geo.NewProjection(locs)
		if err != nil {
			vtEnglandErr = err.Error()
			return
		}
		tr, err := delaunay.Triangulate(proj.ForwardAll(locs))
		if err != nil {
			vtEnglandErr = err.Error()
			return
		}
		var clip orb.MultiPolygon
		for _, poly := range fc.Features[0].Geometry.Coordinates {
			var pp orb.Polygon
			for _, ring := range poly {
				r := make(orb.Ring, len(ring))
				for k, ll := range ring {
					r[k] = proj.Forward(orb.Point(ll))
				}
				// The file (an ESRI export) has clockwise outer rings;
				// orient outer rings CCW and holes CW.
				if (len(pp) == 0) != (polygon.SignedArea(r) > 0) {
					r = vtRev(r)
				}
				pp = append(pp, r)
			}
			clip = append(clip, pp)
		}
		vtEngland = vtEnglandData{tr, clip}
	})
	if vtEnglandErr != "" {
		tb.Fatal(vtEnglandErr)
	}
	return vtEngland
}

// vtAdjacency returns, per cell, the cells sharing a boundary edge with it
// (identical undirected segment), sorted.
func vtAdjacency(cells []orb.MultiPolygon) [][]int32 {
	type key struct{ a, b orb.Point }
	owner := map[key][]int32{}
	for i, mp := range cells {
		for _, poly := range mp {
			for _, ring := range poly {
				for k := 0; k+1 < len(ring); k++ {
					a, b := ring[k], ring[k+1]
					if b[0] < a[0] || (b[0] == a[0] && b[1] < a[1]) {
						a, b = b, a
					}
					owner[key{a, b}] = append(owner[key{a, b}], int32(i))
				}
			}
		}
	}
	adj := make([][]int32, len(cells))
	for _, os := range owner {
		if len(os) == 2 && os[0] != os[1] {
			adj[os[0]] = append(adj[os[0]], os[1])
			adj[os[1]] = append(adj[os[1]], os[0])
		}
	}
	for i := range adj {
		slices.Sort(adj[i])
		adj[i] = slices.Compact(adj[i])
	}
	return adj
}

// vtRandomGroups grows groups of about size cells by breadth-first search
// over adj, seeded, visiting cells in a random order.
func vtRandomGroups(cells []orb.MultiPolygon, adj [][]int32, size int, seed uint64) [][]int32 {
	rng := rand.New(rand.NewPCG(seed, 7))
	order := rng.Perm(len(cells))
	group := make([]int32, len(cells))
	for i := range group {
		group[i] = -1
	}
	var groups [][]int32
	for _, s := range order {
		if group[s] >= 0 || cells[s] == nil {
			continue
		}
		g := int32(len(groups))
		members := []int32{int32(s)}
		group[s] = g
		for q := 0; q < len(members) && len(members) < size; q++ {
			for _, n := range adj[members[q]] {
				if group[n] < 0 && len(members) < size {
					group[n] = g
					members = append(members, n)
				}
			}
		}
		groups = append(groups, members)
	}
	return groups
}

func TestVoronoiEngland(t *testing.T) {
	d := vtLoadEngland(t)
	cells, err := Cells(d.tr, d.clip)
	if err != nil {
		t.Fatal(err)
	}
	if err := polygon.Check(d.clip); err != nil {
		t.Fatalf("boundary itself invalid: %v", err)
	}
	cr := newRegion(d.clip)
	outside := 0
	for i, p := range d.tr.Points {
		if int(d.tr.Rep[i]) == i && cr.needsPocket(p) {
			outside++
		}
	}
	if outside != 7 {
		t.Errorf("%d sites outside the boundary, the data README says 7", outside)
	}
	vtCheckCells(t, d.tr, cells, polygon.Area(d.clip), float64(outside)*math.Pi*2000*2000)

	// Dissolve seeded random contiguous groupings of about 4 cells.
	adj := vtAdjacency(cells)
	var cellArea float64
	for _, c := range cells {
		cellArea += polygon.Area(c)
	}
	for _, seed := range []uint64{1, 2} {
		groups := vtRandomGroups(cells, adj, 4, seed)
		out := Dissolve(cells, groups)
		var total float64
		for g, mp := range out {
			if err := polygon.Check(mp); err != nil {
				t.Fatalf("seed %d group %d %v: %v", seed, g, groups[g], err)
			}
			total += polygon.Area(mp)
			single := true
			for _, m := range groups[g] {
				single = single && len(cells[m]) == 1
			}
			if single && len(mp) != 1 {
				t.Errorf("seed %d: contiguous group %d %v of one-piece cells gave %d polygons", seed, g, groups[g], len(mp))
			}
		}
		if err := polygon.CheckNoOverlap(out); err != nil {
			t.Fatalf("seed %d: groups overlap: %v", seed, err)
		}
		if math.Abs(total-cellArea) > 1e-9*cellArea {
			t.Fatalf("seed %d: dissolved area %v, cells %v", seed, total, cellArea)
		}
	}
}
