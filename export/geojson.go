package export

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/geo/voronoi"
	"github.com/hubpart/hubpart/graph"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// FeatureCollection builds the GeoJSON layers of a partition: one polygon
// feature per group of every level (hubs, then areas, then higher levels,
// each in ID order) followed by one point feature per practice (input
// order). See the package documentation for the properties, the geometry
// construction and the validity guarantees.
//
// It returns an *InputError (ErrInput) for an incomplete or inconsistent
// Input, the error of voronoi.Cells, or a *GeometryError
// (ErrInvalidGeometry) if a polygon fails validation after repair.
func FeatureCollection(in Input) (*geojson.FeatureCollection, error) {
	polys, err := groupPolygons(in)
	if err != nil {
		return nil, err
	}
	r := in.Result
	fc := geojson.NewFeatureCollection()
	for l := range r.Groups {
		layer := layerName(r, l)
		hubsUnder := countHubsUnder(in, l)
		for gi, gr := range r.Groups[l] {
			mp := polys.byLevel[l][gi]
			var geom orb.Geometry = mp
			if len(mp) == 1 {
				geom = mp[0]
			}
			f := geojson.NewFeature(geom)
			f.ID = fmt.Sprintf("%s/%d", layer, gi)
			hs := in.Practices[gr.HubSite]
			p := f.Properties
			p["layer"] = layer
			p["id"] = gi
			p["level"] = l
			p["patients"] = gr.Patients
			p["practices"] = len(gr.Members)
			p["hub_site"] = hs.Code
			p["hub_site_name"] = hs.Name
			p["status"] = string(gr.Status)
			if gr.Reason != "" {
				p["reason"] = gr.Reason
			}
			p["mean_km"] = round3(gr.MeanKm)
			p["max_km"] = round3(gr.MaxKm)
			p["pieces"] = len(mp)
			p["bridged"] = polys.bridged[l][gi]
			if l == 0 {
				if len(r.Groups) > 1 && gr.Parent >= 0 {
					p["area"] = gr.Parent
				}
			} else {
				p["hubs"] = hubsUnder[gi]
				if gr.Parent >= 0 && l+1 < len(r.Groups) {
					p["parent"] = gr.Parent
				}
			}
			fc.Append(f)
		}
	}
	for i, pr := range in.Practices {
		f := geojson.NewFeature(roundPoint(pr.Loc))
		f.ID = "practice/" + pr.Code
		hub := r.Groups[0][r.Assign[0][i]]
		p := f.Properties
		p["layer"] = "practice"
		p["code"] = pr.Code
		p["name"] = pr.Name
		p["patients"] = pr.Patients
		p["hub"] = hub.ID
		p["hub_status"] = string(hub.Status)
		if len(r.Groups) > 1 {
			p["area"] = int(r.Assign[1][i])
		}
		fc.Append(f)
	}
	return fc, nil
}

// WriteGeoJSON builds the FeatureCollection and writes it to w as compact
// JSON followed by a newline. The same Input always gives the same bytes.
func WriteGeoJSON(w io.Writer, in Input) (*geojson.FeatureCollection, error) {
	fc, err := FeatureCollection(in)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(fc)
	if err != nil {
		return nil, fmt.Errorf("export: encoding GeoJSON: %w", err)
	}
	b = append(b, '\n')
	if _, err := w.Write(b); err != nil {
		return nil, fmt.Errorf("export: writing GeoJSON: %w", err)
	}
	return fc, nil
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// countHubsUnder returns, per group of level l, how many hubs it contains.
func countHubsUnder(in Input, l int) []int {
	r := in.Result
	out := make([]int, len(r.Groups[l]))
	for _, h := range r.Groups[0] {
		if len(h.Members) == 0 {
			continue
		}
		out[r.Assign[l][h.Members[0]]]++
	}
	return out
}

// levelPolygons holds the finished (lon/lat, rounded, validated) polygon of
// every group of every level.
type levelPolygons struct {
	byLevel [][]orb.MultiPolygon
	bridged [][]bool
}

// groupPolygons computes the cells, assigns them to hubs, dissolves them
// per group of each level, un-projects, rounds, repairs and validates.
func groupPolygons(in Input) (*levelPolygons, error) {
	_, err := in.check()
	if err != nil {
		return nil, err
	}
	g, r, proj := in.Graph, in.Result, in.Info.Projection
	xy := in.Info.Tri.Points
	var clip orb.MultiPolygon
	if len(in.Boundary) > 0 {
		clip = projectBoundary(in.Boundary, proj.Forward)
	}
	cells, err := voronoi.Cells(in.Info.Tri, clip)
	if err != nil {
		return nil, fmt.Errorf("export: cells: %w", err)
	}
	if len(cells) != g.N() {
		return nil, &InputError{Field: "Info.Tri", Detail: fmt.Sprintf("%d cells for %d sites", len(cells), g.N())}
	}
	siteHubs := hubsPerSite(in)
	ps := buildPieces(cells, xy, siteHubs, clip)

	conv := func(p orb.Point) orb.Point {
		if v, ok := ps.apex[p]; ok {
			return roundPoint(in.Practices[g.SiteMembers(int(v))[0]].Loc)
		}
		return roundPoint(proj.Inverse([2]float64(p)))
	}
	out := &levelPolygons{}
	for l := range r.Groups {
		// Group of level l containing hub h.
		hubGroup := make([]int32, len(r.Groups[0]))
		for h, hub := range r.Groups[0] {
			hubGroup[h] = -1
			if len(hub.Members) > 0 {
				hubGroup[h] = r.Assign[l][hub.Members[0]]
			}
		}
		groups := make([][]int32, len(r.Groups[l]))
		for i, h := range ps.owner {
			if h < 0 || len(ps.pieces[i]) == 0 || hubGroup[h] < 0 {
				continue
			}
			gid := hubGroup[h]
			groups[gid] = append(groups[gid], int32(i))
		}
		merged := voronoi.Dissolve(ps.pieces, groups)
		polys := make([]orb.MultiPolygon, len(groups))
		layer := layerName(r, l)
		for gi := range groups {
			polys[gi] = finishPolygons(merged[gi], conv)
			if len(r.Groups[l][gi].Members) == 0 {
				continue
			}
			if err := polygon.Check(polys[gi]); err != nil {
				return nil, &GeometryError{Layer: layer, ID: gi, Err: err}
			}
		}
		if err := polygon.CheckNoOverlap(polys); err != nil {
			return nil, &GeometryError{Layer: layer, ID: -1, Err: err}
		}
		for p, gid := range r.Assign[l] {
			if !polygon.Contains(polys[gid], roundPoint(in.Practices[p].Loc)) {
				return nil, &GeometryError{Layer: layer, ID: int(gid),
					Err: fmt.Errorf("practice %s lies outside its %s polygon", in.Practices[p].Code, layer)}
			}
		}
		out.byLevel = append(out.byLevel, polys)
		out.bridged = append(out.bridged, bridgedGroups(g, ps.owner[:g.N()], hubGroup, len(groups)))
	}
	return out, nil
}

// hubsPerSite lists the level-0 hubs at each site: the owner (most
// patients at the site, ties to the lower ID) first, then the others by ID.
func hubsPerSite(in Input) [][]int32 {
	g, r := in.Graph, in.Result
	out := make([][]int32, g.N())
	for v := range out {
		var hubs []int32
		var pts []int64
		for _, p := range g.SiteMembers(v) {
			h := r.Assign[0][p]
			k := slices.Index(hubs, h)
			if k < 0 {
				hubs = append(hubs, h)
				pts = append(pts, 0)
				k = len(hubs) - 1
			}
			pts[k] += int64(in.Practices[p].Patients)
		}
		best := 0
		for k := range hubs {
			if pts[k] > pts[best] || (pts[k] == pts[best] && hubs[k] < hubs[best]) {
				best = k
			}
		}
		owner := hubs[best]
		rest := slices.Delete(slices.Clone(hubs), best, best+1)
		slices.Sort(rest)
		out[v] = append([]int32{owner}, rest...)
	}
	return out
}

// bridgedGroups reports, per group, whether two of its sites are joined by
// a Bridge edge of the graph (a link across water or a gap, which is why
// such a group may come out in several pieces).
func bridgedGroups(g *graph.Graph, siteOwner []int32, hubGroup []int32, n int) []bool {
	out := make([]bool, n)
	if g.Kind == nil {
		return out
	}
	for v := range g.N() {
		for k := g.Off[v]; k < g.Off[v+1]; k++ {
			w := g.Adj[k]
			if g.Kind[k] != graph.Bridge || int(w) < v {
				continue
			}
			a, b := hubGroup[siteOwner[v]], hubGroup[siteOwner[w]]
			if a >= 0 && a == b {
				out[a] = true
			}
		}
	}
	return out
}
