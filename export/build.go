package export

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/geo/voronoi"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/parallel"
	"github.com/paulmach/orb"
)

// Build computes the polygons of every group of every level of in.Result
// and gathers the figures the outputs show into a Model. See the package
// documentation for the geometry and the validity guarantees.
//
// It returns an *InputError (ErrInput) for an incomplete or inconsistent
// Input, the wrapped error of the projection, triangulation or Voronoi
// cells, a *GeometryError (ErrInvalidGeometry) if a polygon fails
// validation after repair, or ctx.Err() when ctx is cancelled (checked
// between the stages and levels).
func Build(ctx context.Context, in Input) (*Model, error) {
	if _, err := in.check(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g, r := in.Graph, in.Result
	cells, err := cellsFor(ctx, in)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The colours depend only on the assignment and the sites'
	// neighbours: they are chosen while the polygons are made.
	colours := make([][]int, len(r.Groups))
	coloured := make(chan struct{})
	go func() {
		defer close(coloured)
		parallel.Each(len(r.Groups), func(l int) { colours[l] = levelColours(g, cells.tri, r.Assign[l], len(r.Groups[l])) })
	}()
	polys, err := groupPolygons(ctx, in, cells)
	<-coloured
	if err != nil {
		return nil, err
	}

	m := &Model{Boundary: in.Boundary, plane: cells.proj, cache: &sceneCache{}}
	for l := range r.Groups {
		lv := Level{Name: levelName(r, l), Regions: make([]Region, len(r.Groups[l]))}
		hubsUnder := countHubsUnder(in, l)
		for gi, gr := range r.Groups[l] {
			parent := gr.Parent
			if l+1 >= len(r.Groups) {
				parent = -1
			}
			lv.Regions[gi] = Region{
				ID:        gi,
				Polygon:   polys.byLevel[l][gi],
				Patients:  gr.Patients,
				Practices: len(gr.Members),
				Hubs:      hubsUnder[gi],
				HubSite:   gr.HubSite,
				Status:    gr.Status,
				Reason:    gr.Reason,
				MeanKm:    gr.MeanKm,
				MaxKm:     gr.MaxKm,
				Parent:    parent,
				Bridged:   polys.bridged[l][gi],
			}
		}
		m.Levels = append(m.Levels, lv)
	}
	m.Practices = make([]Practice, len(in.Practices))
	parallel.Each(len(in.Practices), func(i int) {
		p := &in.Practices[i]
		grp := make([]int32, len(r.Groups))
		for l := range grp {
			grp[l] = r.Assign[l][i]
		}
		m.Practices[i] = Practice{
			Code:     p.Code,
			Name:     p.Name,
			Loc:      roundPoint(p.Loc),
			Patients: int64(p.Patients),
			Group:    grp,
			Props:    locatedProps(*p, attrProps(p.Attrs)),
		}
	})
	for l, lv := range m.Levels {
		for i, c := range colours[l] {
			lv.Regions[i].Colour = c
		}
	}
	addChange(m, r.Change)
	return m, nil
}

// locatedProps puts where the practice's location came from (located:
// coordinates, postcode, sector or district) and its postcode, when the
// reader read one, before the kept columns; a kept column of a name
// written here becomes "input_" + name (a kept postcode column stays
// "postcode" when the reader read none).
func locatedProps(p input.Practice, attrs []Property) []Property {
	ps := []Property{{"located", p.Located.String()}}
	if p.Postcode != "" {
		ps = append(ps, Property{"postcode", p.Postcode})
	}
	for _, a := range attrs {
		if a.Key == "located" || (a.Key == "postcode" && p.Postcode != "") {
			a.Key = "input_" + a.Key
		}
		ps = append(ps, a)
	}
	return ps
}

// attrProps turns kept input columns into properties, sorted by name.
func attrProps(attrs map[string]string) []Property {
	if len(attrs) == 0 {
		return nil
	}
	out := make([]Property, 0, len(attrs))
	for k, v := range attrs {
		out = append(out, Property{Key: k, Value: v})
	}
	slices.SortFunc(out, func(a, b Property) int { return cmp.Compare(a.Key, b.Key) })
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }

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

// groupPolygons assigns the cells of c to hubs, dissolves them
// into hubs and the hubs into the groups of each higher level (in the
// plane, where neighbours share exact vertices), un-projects, rounds,
// repairs and validates. Groups are processed on all CPUs; the result does
// not depend on their number.
func groupPolygons(ctx context.Context, in Input, c *Cells) (*levelPolygons, error) {
	g, r := in.Graph, in.Result
	proj := c.proj
	siteHubs := hubsPerSite(in)
	ps := buildPieces(c.cells, g.XY, c.inside, siteHubs, c.clip)

	conv := func(p orb.Point) orb.Point {
		if v, ok := ps.apex[p]; ok {
			return roundPoint(in.Practices[g.SiteMembers(int(v))[0]].Loc)
		}
		return roundPoint(proj.Inverse([2]float64(p)))
	}
	// Level 0 from the pieces, level l from the groups of level l-1.
	hubGroups := make([][]int32, len(r.Groups[0]))
	for i, h := range ps.owner {
		if h >= 0 && len(ps.pieces[i]) > 0 {
			hubGroups[h] = append(hubGroups[h], int32(i))
		}
	}
	// Groups known to dissolve without T-junctions (voronoi.DissolveKnown):
	// a hub all of whose pieces are cells that TJunctions left unmarked,
	// and a group of a higher level all of whose members are such.
	clean := make([]bool, len(hubGroups))
	for h, pieces := range hubGroups {
		if c.tee == nil {
			break // not known: every group is searched
		}
		clean[h] = true
		for _, i := range pieces {
			if int(i) >= g.N() || ps.fanned[i] || c.tee[i] {
				clean[h] = false
				break
			}
		}
	}
	ll := newLonLat(proj)
	out := &levelPolygons{}
	var plane []orb.MultiPolygon                          // level l-1 in the plane
	mergedAt := make([][]orb.MultiPolygon, len(r.Groups)) // every level in the plane, for repairLevel
	// Each level is validated as soon as it is finished, while the next
	// is made; the lowest level's problem is reported.
	errs := make([]error, len(r.Groups))
	var wg sync.WaitGroup
	defer wg.Wait()
	for l := range r.Groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var merged []orb.MultiPolygon
		if l == 0 {
			merged = dissolve(ps.pieces, hubGroups, clean)
		} else {
			below := make([][]int32, len(r.Groups[l]))
			for i, gr := range r.Groups[l-1] {
				if len(gr.Members) > 0 {
					up := r.Assign[l][gr.Members[0]]
					below[up] = append(below[up], int32(i))
				}
			}
			up := make([]bool, len(below))
			for gi, members := range below {
				up[gi] = true
				for _, i := range members {
					up[gi] = up[gi] && clean[i]
				}
			}
			clean = up
			merged = dissolve(plane, below, clean)
		}
		plane = merged
		mergedAt[l] = merged
		polys := make([]orb.MultiPolygon, len(merged))
		parallel.Each(len(merged), func(gi int) { polys[gi] = ll.finish(merged[gi], conv) })
		out.byLevel = append(out.byLevel, polys)
		hubGroup := make([]int32, len(r.Groups[0]))
		for h, hub := range r.Groups[0] {
			hubGroup[h] = -1
			if len(hub.Members) > 0 {
				hubGroup[h] = r.Assign[l][hub.Members[0]]
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[l] = validateLevel(in, l, polys)
		}()
		out.bridged = append(out.bridged, bridgedGroups(g, ps.owner[:g.N()], hubGroup, len(merged)))
	}
	wg.Wait()
	for l, e := range errs {
		if e != nil && !repairLevel(in, l, mergedAt[l], ps.apex, out.byLevel[l], ll, conv) {
			return nil, e
		}
	}
	return out, nil
}

// dissolve runs voronoi.DissolveKnown on slices of the groups in parallel;
// clean[g] says group g needs no search for T-junctions.
func dissolve(cells []orb.MultiPolygon, groups [][]int32, clean []bool) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, len(groups))
	const chunk = 64
	parallel.Each((len(groups)+chunk-1)/chunk, func(c int) {
		lo, hi := c*chunk, min((c+1)*chunk, len(groups))
		copy(out[lo:hi], voronoi.DissolveKnown(cells, groups[lo:hi], clean[lo:hi]))
	})
	return out
}

// validateLevel checks the finished polygons of level l: each is a valid
// polygon, every practice lies in (or on the boundary of) its own group's
// polygon, and no two overlap (noOverlap).
func validateLevel(in Input, l int, polys []orb.MultiPolygon) error {
	if err := firstError(groupErrors(in, l, polys, nil)); err != nil {
		return err
	}
	if err := noOverlap(polys); err != nil {
		return &GeometryError{Layer: levelName(in.Result, l), ID: -1, Err: err}
	}
	return nil
}

// groupErrors checks each group of level l on its own (checkGroup), all of
// them when groups is nil, and returns their errors by group (nil for a
// group that passes or is not checked).
func groupErrors(in Input, l int, polys []orb.MultiPolygon, groups []int32) []error {
	errs := make([]error, len(polys))
	if groups == nil {
		parallel.Each(len(polys), func(gi int) { errs[gi] = checkGroup(in, l, gi, polys[gi]) })
	} else {
		parallel.Each(len(groups), func(i int) { errs[groups[i]] = checkGroup(in, l, int(groups[i]), polys[groups[i]]) })
	}
	return errs
}

// checkGroup checks the finished polygon of group gi of level l: a valid
// polygon holding every practice of the group.
func checkGroup(in Input, l, gi int, poly orb.MultiPolygon) error {
	gr := &in.Result.Groups[l][gi]
	if len(gr.Members) == 0 {
		return nil
	}
	layer := levelName(in.Result, l)
	if err := polygon.Check(poly); err != nil {
		return &GeometryError{Layer: layer, ID: gi, Err: err}
	}
	for _, p := range gr.Members {
		if !containsPractice(poly, roundPoint(in.Practices[p].Loc)) {
			return &GeometryError{Layer: layer, ID: gi,
				Err: fmt.Errorf("practice %s lies outside its %s polygon", in.Practices[p].Code, layer)}
		}
	}
	return nil
}

// firstError returns the first non-nil error of errs, or nil.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// hubsPerSite lists the level-0 hubs at each site: the owner (most
// patients at the site, ties to the lower ID) first, then the others by ID.
func hubsPerSite(in Input) [][]int32 {
	g, r := in.Graph, in.Result
	out := make([][]int32, g.N())
	parallel.Each(len(out), func(v int) {
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
	})
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
