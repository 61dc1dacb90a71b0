package export

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// synthetic builds a small partitioned input near Birmingham:
//
//	col: 0 1 | 2 3 | 4 5 | 6 7        island (hub 3)
//	     hub0  hub1  hub2  hub3             *
//	     area 0      area 1
//
// 8 x 6 jittered grid practices; hub h holds columns 2h and 2h+1. Extras:
// practice "SPLIT" stands on the same point as the practice at column 3,
// row 2 but belongs to hub 2 (a split site); "ISLE" stands on an island
// well east of the grid and belongs to hub 3; "OFFSHORE" stands 200 m
// south of the boundary's south edge (in hub 0). Hub 3 holds a 60,000
// practice and is marked oversize. With boundary, the outline is the grid's
// rectangle plus a square around the island.
func synthetic(t testing.TB, withBoundary bool) Input {
	t.Helper()
	r := rand.New(rand.NewPCG(7, 11))
	const cols, rows = 8, 6
	const lon0, lat0, dLon, dLat = -1.9, 52.4, 0.03, 0.02
	var ps []input.Practice
	var hubOf []int
	for c := range cols {
		for row := range rows {
			p := input.Practice{
				Code:     fmt.Sprintf("P%d%d", c, row),
				Name:     fmt.Sprintf("Practice %d/%d", c, row),
				Loc:      orb.Point{lon0 + float64(c)*dLon + (r.Float64()-0.5)*dLon*0.5, lat0 + float64(row)*dLat + (r.Float64()-0.5)*dLat*0.5},
				Patients: int64(2500 + r.IntN(1500)),
			}
			if c == 7 && row == 3 {
				p.Patients = 60000
			}
			ps = append(ps, p)
			hubOf = append(hubOf, c/2)
		}
	}
	host := 3*rows + 2
	ps = append(ps, input.Practice{Code: "SPLIT", Name: "Co-located", Loc: ps[host].Loc, Patients: 1000})
	hubOf = append(hubOf, 2)
	isle := orb.Point{lon0 + 10*dLon, lat0 + 2.5*dLat}
	ps = append(ps, input.Practice{Code: "ISLE", Name: "Island", Loc: isle, Patients: 3000})
	hubOf = append(hubOf, 3)
	south := lat0 - 0.02
	ps = append(ps, input.Practice{Code: "OFFSHORE", Name: "Pier", Loc: orb.Point{lon0 + 0.5*dLon, south - 0.0018}, Patients: 2000})
	hubOf = append(hubOf, 0)

	var boundary orb.MultiPolygon
	if withBoundary {
		w, e := lon0-0.03, lon0+float64(cols-1)*dLon+0.03
		n := lat0 + float64(rows-1)*dLat + 0.02
		d := 0.02
		boundary = orb.MultiPolygon{
			{{{w, south}, {e, south}, {e, n}, {w, n}, {w, south}}},
			{{{isle[0] - d, isle[1] - d}, {isle[0] + d, isle[1] - d}, {isle[0] + d, isle[1] + d}, {isle[0] - d, isle[1] + d}, {isle[0] - d, isle[1] - d}}},
		}
	}
	g, _, err := graph.Build(context.Background(), ps)
	if err != nil {
		t.Fatalf("graph.Build: %v", err)
	}
	res := resultFromHubs(ps, hubOf, []int{0, 0, 1, 1}, map[int]partition.Status{3: partition.StatusOversize})
	return Input{Practices: ps, Graph: g, Result: res, Boundary: boundary}
}

// resultFromHubs makes a two-level partition.Result from a hub per
// practice and an area per hub. Hub sites are the practice nearest the
// patient-weighted centroid.
func resultFromHubs(ps []input.Practice, hubOf []int, areaOfHub []int, status map[int]partition.Status) *partition.Result {
	nh := slices.Max(hubOf) + 1
	na := 0
	if len(areaOfHub) > 0 {
		na = slices.Max(areaOfHub) + 1
	}
	res := &partition.Result{
		Levels: []partition.Level{{Name: "hub", Min: 30000, Max: 50000}, {Name: "area", Min: 100000}},
		Groups: make([][]partition.Group, 2),
		Assign: [][]int32{make([]int32, len(ps)), make([]int32, len(ps))},
	}
	mk := func(l, n int, of func(p int) int) {
		for i := range n {
			gr := partition.Group{ID: i, Parent: -1, Status: partition.StatusOK}
			var cx, cy, w float64
			for p := range ps {
				if of(p) == i {
					gr.Members = append(gr.Members, p)
					gr.Patients += int64(ps[p].Patients)
					wt := float64(ps[p].Patients) + 1
					cx += wt * ps[p].Loc[0]
					cy += wt * ps[p].Loc[1]
					w += wt
				}
			}
			best, bd := gr.Members[0], math.Inf(1)
			for _, p := range gr.Members {
				if d := math.Hypot(ps[p].Loc[0]-cx/w, ps[p].Loc[1]-cy/w); d < bd {
					best, bd = p, d
				}
			}
			gr.HubSite = best
			var sum float64
			for _, p := range gr.Members {
				d := geo.Distance(ps[p].Loc, ps[best].Loc) / 1000
				sum += d * float64(ps[p].Patients)
				gr.MaxKm = math.Max(gr.MaxKm, d)
			}
			gr.MeanKm = sum / float64(gr.Patients)
			if st, ok := status[i]; ok && l == 0 {
				gr.Status = st
				gr.Reason = "a single practice exceeds the maximum"
			}
			res.Groups[l] = append(res.Groups[l], gr)
			for _, p := range gr.Members {
				res.Assign[l][p] = int32(i)
			}
		}
	}
	mk(0, nh, func(p int) int { return hubOf[p] })
	mk(1, na, func(p int) int { return areaOfHub[hubOf[p]] })
	for h := range res.Groups[0] {
		a := areaOfHub[h]
		res.Groups[0][h].Parent = a
		res.Groups[1][a].Children = append(res.Groups[1][a].Children, h)
	}
	return res
}

// build runs Build and fails the test on error.
func build(t testing.TB, in Input) *Model {
	t.Helper()
	m, err := Build(context.Background(), in)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return m
}

// buildFC runs Build and FeatureCollection.
func buildFC(t testing.TB, in Input) (*Model, *geojson.FeatureCollection) {
	t.Helper()
	m := build(t, in)
	fc, err := m.FeatureCollection()
	if err != nil {
		t.Fatalf("FeatureCollection: %v", err)
	}
	return m, fc
}

// propFloat reads a numeric property whether it holds a Go integer (fresh
// from FeatureCollection) or a float64 (decoded from JSON); 0 if absent.
func propFloat(p geojson.Properties, key string) float64 {
	switch v := p[key].(type) {
	case int:
		return float64(v)
	case int32:
		return float64(v)
	case int64:
		return float64(v)
	case float64:
		return v
	}
	return 0
}
