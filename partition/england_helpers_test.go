package partition

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/graph"
	"github.com/paulmach/orb"
)

const englandCSV = "../../shared/data/england-2021/practices.csv"

// readEngland reads the England practices with their PCN codes, failing the
// test with a clear message when the shared data is missing.
func readEngland(tb testing.TB) ([]geo.Practice, []string) {
	tb.Helper()
	f, err := os.Open(englandCSV)
	if err != nil {
		tb.Fatalf("England data missing (expected beside the repo at %s): %v", englandCSV, err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var ps []geo.Practice
	var pcn []string
	for _, r := range rows[1:] { // code,name,lat,lon,patients,pcn_code,pcn_name
		lat, err1 := strconv.ParseFloat(r[2], 64)
		lon, err2 := strconv.ParseFloat(r[3], 64)
		n, err3 := strconv.Atoi(r[4])
		if err1 != nil || err2 != nil || err3 != nil {
			tb.Fatalf("bad row %v", r)
		}
		ps = append(ps, geo.Practice{Code: r[0], Name: r[1], Loc: orb.Point{lon, lat}, Patients: n})
		pcn = append(pcn, r[5])
	}
	return ps, pcn
}

// delaunaySites groups practices standing on exactly the same point into
// sites (in order of first practice), projects them (equirectangular about
// the mean latitude, metres) and returns the plain Delaunay graph of the
// sites with Members, Weight, Loc and XY filled.
func delaunaySites(tb testing.TB, ps []geo.Practice) *graph.Graph {
	tb.Helper()
	idx := map[orb.Point]int32{}
	var locs []orb.Point
	var members [][]int32
	for p := range ps {
		v, ok := idx[ps[p].Loc]
		if !ok {
			v = int32(len(locs))
			idx[ps[p].Loc] = v
			locs = append(locs, ps[p].Loc)
			members = append(members, nil)
		}
		members[v] = append(members[v], int32(p))
	}
	var lat0 float64
	for _, l := range locs {
		lat0 += l[1]
	}
	lat0 /= float64(len(locs))
	c := math.Cos(lat0 * math.Pi / 180)
	xy := make([][2]float64, len(locs))
	for i, l := range locs {
		xy[i] = [2]float64{earthRadius * l[0] * math.Pi / 180 * c, earthRadius * l[1] * math.Pi / 180}
	}
	g := delaunayOf(tb, xy)
	g.XY, g.Loc = xy, locs
	g.Weight = make([]int64, len(locs))
	g.MemberOff = make([]int32, len(locs)+1)
	for v, m := range members {
		for _, p := range m {
			g.Weight[v] += int64(ps[p].Patients)
		}
		g.Members = append(g.Members, m...)
		g.MemberOff[v+1] = int32(len(g.Members))
	}
	return g
}

// delaunayOf returns the plain Delaunay graph of distinct points xy.
func delaunayOf(tb testing.TB, xy [][2]float64) *graph.Graph {
	tb.Helper()
	tri, err := geo.Triangulate(xy)
	if err != nil {
		tb.Fatal(err)
	}
	var edges [][2]int32
	for e, a := range tri.Triangles {
		b := tri.Triangles[e-e%3+(e%3+1)%3]
		if a < b || tri.Halfedges[e] < 0 {
			edges = append(edges, [2]int32{a, b})
		}
	}
	return graph.FromEdges(len(xy), edges, nil)
}
