// Package regions defines the small real regions of England on which the
// partitioner is compared with the exact optimum (issue 14): each region is
// the N practices nearest to a centre, cut from the England practices that
// ship in testdata, with its own contiguity graph built as hubpart builds
// it (graph.Build with England's outline). The objective is the one the
// partitioner minimises: the patient-weighted planar distance from each
// practice to its hub site, the member site minimising that sum.
package regions

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"os"
	"slices"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/fixture"
)

// A Region is the N practices nearest (great-circle) to a centre.
type Region struct {
	Name     string
	Kind     string  // rural, urban or mixed
	Lon, Lat float64 // centre, degrees
	N        int     // practices
}

// All are the five regions of the comparison, 59–99 practices each; none
// holds a practice above 50,000 patients.
var All = []Region{
	{"Cornwall", "rural", -5.05, 50.26, 64},   // around Truro: west Cornwall to Bodmin
	{"Cumbria", "rural", -2.93, 54.89, 60},    // around Carlisle: north and west Cumbria
	{"Birmingham", "urban", -1.89, 52.48, 80}, // central Birmingham, 4–5 km around
	{"East London", "urban", 0.03, 51.53, 90}, // Newham and around
	{"Norfolk", "mixed", 0.95, 52.65, 70},     // mid Norfolk: Dereham, Swaffham, Norwich's west
}

// Select returns the r.N practices of ps nearest to r's centre (ties by
// input order), in input order.
func Select(ps []input.Practice, r Region) []input.Practice {
	c := input.Practice{Loc: [2]float64{r.Lon, r.Lat}}.Loc
	idx := make([]int, len(ps))
	for i := range idx {
		idx[i] = i
	}
	d := make([]float64, len(ps))
	for i := range ps {
		d[i] = geo.Distance(ps[i].Loc, c)
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(d[a], d[b]) })
	idx = idx[:min(r.N, len(idx))]
	slices.Sort(idx)
	out := make([]input.Practice, len(idx))
	for i, j := range idx {
		out[i] = ps[j]
	}
	return out
}

// Load reads England's practices and outline from testdata, selects r and
// builds its contiguity graph.
func Load(ctx context.Context, r Region) (*graph.Graph, []input.Practice, error) {
	all, err := input.ReadFile(ctx, fixture.EnglandPractices())
	if err != nil {
		return nil, nil, err
	}
	boundary, err := input.ReadBoundary(fixture.EnglandBoundary())
	if err != nil {
		return nil, nil, err
	}
	ps := Select(all, r)
	g, _, err := graph.Build(ctx, ps, graph.WithBoundary(boundary))
	if err != nil {
		return nil, nil, fmt.Errorf("regions: %s: %w", r.Name, err)
	}
	return g, ps, nil
}

// Objective returns Σ w·d over practices, d the planar distance (metres, the
// graph's XY) from the practice's site to its group's hub site: the member
// site minimising that sum. assign[p] is the group of practice p.
func Objective(g *graph.Graph, ps []input.Practice, assign []int32) float64 {
	site := g.SiteOf()
	ng := int32(0)
	for _, a := range assign {
		ng = max(ng, a+1)
	}
	// site weights per group
	type sw struct {
		v int32
		w float64
	}
	groups := make([][]sw, ng)
	for p, a := range assign {
		v := site[p]
		gr := groups[a]
		i := slices.IndexFunc(gr, func(x sw) bool { return x.v == v })
		if i < 0 {
			groups[a] = append(gr, sw{v, 0})
			i = len(gr)
		}
		groups[a][i].w += float64(ps[p].Patients)
	}
	var total float64
	for _, gr := range groups {
		best := math.Inf(1)
		for _, c := range gr {
			var s float64
			for _, x := range gr {
				s += x.w * dist(g.XY[c.v], g.XY[x.v])
			}
			best = min(best, s)
		}
		if len(gr) > 0 {
			total += best
		}
	}
	return total
}

func dist(a, b [2]float64) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

// Exists reports whether the England testdata is present (it ships with the
// repository; a stripped copy may lack it).
func Exists() bool {
	_, err := os.Stat(fixture.EnglandPractices())
	return err == nil
}
