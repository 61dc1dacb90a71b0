package partition

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/paulmach/orb"
)

// synthSpec describes a random synthetic instance: a jittered triangulated
// grid of sites (some removed as holes), optional islands (small separate
// grids), several practices on some sites, and list sizes drawn from a
// skewed distribution with occasional practices above the maximum.
type synthSpec struct {
	w, h     int     // main grid
	holes    float64 // fraction of grid cells left empty
	islands  int     // extra small components
	shared   float64 // fraction of sites with a second practice
	mean     float64 // mean list size
	oversize int     // practices with a list of 1.2–2× over
	over     int64   // the level maximum used for oversize practices
}

// gridInstance builds the instance. Sites are spaced ~1 km apart; Loc is derived
// from XY around 52°N so haversine distances make sense.
func gridInstance(rng *rand.Rand, sp synthSpec) (*graph.Graph, []input.Practice) {
	type site struct{ x, y float64 }
	var sites []site
	var edges [][2]int32
	grid := func(ox, oy float64, w, h int, holes float64) {
		idx := make([]int32, w*h)
		for j := range h {
			for i := range w {
				k := j*w + i
				idx[k] = -1
				if holes > 0 && rng.Float64() < holes {
					continue
				}
				idx[k] = int32(len(sites))
				sites = append(sites, site{ox + float64(i)*1000 + rng.Float64()*600, oy + float64(j)*1000 + rng.Float64()*600})
			}
		}
		link := func(a, b int) {
			if idx[a] >= 0 && idx[b] >= 0 {
				edges = append(edges, [2]int32{idx[a], idx[b]})
			}
		}
		for j := range h {
			for i := range w {
				k := j*w + i
				if i+1 < w {
					link(k, k+1)
				}
				if j+1 < h {
					link(k, k+w)
					if i+1 < w {
						link(k, k+w+1)
					}
				}
			}
		}
	}
	grid(0, 0, sp.w, sp.h, sp.holes)
	for i := range sp.islands {
		grid(float64(sp.w+5+i*6)*1000, float64(rng.IntN(max(sp.h, 1)))*1000, 1+rng.IntN(3), 1+rng.IntN(3), 0)
	}
	n := len(sites)
	g := graph.FromEdges(n, edges, nil)
	g.XY = make([][2]float64, n)
	g.Loc = make([]orb.Point, n)
	g.Weight = make([]int64, n)
	g.MemberOff = make([]int32, n+1)
	const lat0 = 52.0
	var ps []input.Practice
	for v, s := range sites {
		g.XY[v] = [2]float64{s.x, s.y}
		lon := -1 + s.x/(earthRadius*math.Cos(lat0*math.Pi/180))*180/math.Pi
		lat := lat0 + s.y/earthRadius*180/math.Pi
		g.Loc[v] = orb.Point{lon, lat}
		k := 1
		if rng.Float64() < sp.shared {
			k = 2
		}
		for range k {
			size := int(sp.mean * math.Exp(rng.NormFloat64()*0.6-0.18))
			if rng.IntN(50) == 0 {
				size = 0
			}
			g.Members = append(g.Members, int32(len(ps)))
			ps = append(ps, input.Practice{Code: code(len(ps)), Loc: orb.Point{lon, lat}, Patients: int64(size)})
			g.Weight[v] += int64(size)
		}
		g.MemberOff[v+1] = int32(len(g.Members))
	}
	for range sp.oversize {
		p := rng.IntN(len(ps))
		extra := int64(float64(sp.over)*(1.2+0.8*rng.Float64())) - ps[p].Patients
		ps[p].Patients += extra
		for v := range n {
			for _, q := range g.SiteMembers(v) {
				if int(q) == p {
					g.Weight[v] += int64(extra)
				}
			}
		}
	}
	return g, ps
}

func code(i int) string {
	const digits = "0123456789"
	b := []byte{'P', 0, 0, 0, 0, 0, 0}
	for j := 6; j > 0; j-- {
		b[j] = digits[i%10]
		i /= 10
	}
	return string(b)
}

var hubLevels = []Level{{Name: "hub", Min: 30000, Max: 50000}, {Name: "area", Min: 100000}}

// mustValid fails the test with the validation problems, if any; opts are
// the options given to Run (Validate judges statuses on the same units).
func mustValid(t *testing.T, g *graph.Graph, ps []input.Practice, res *Result, opts ...Option) {
	t.Helper()
	if err := Validate(g, ps, res, opts...); err != nil {
		t.Fatal(err)
	}
}
