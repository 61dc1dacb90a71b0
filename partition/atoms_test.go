package partition

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestUnitGraphPerSite: when the units are the sites, unitGraph shares the
// site graph, which equals what gathering it site by site gives (forced
// here by a stratum that every practice shares).
func TestUnitGraphPerSite(t *testing.T) {
	g, ps := gridInstance(rand.New(rand.NewPCG(5, 6)), synthSpec{w: 30, h: 20, holes: 0.1, islands: 3, shared: 0.3, mean: 8000})
	s, err := newSites(g, ps, 1)
	if err != nil {
		t.Fatal(err)
	}
	unit := slices.Clone(s.siteOf)
	n := g.N()
	if !s.unitPerSite(unit) {
		t.Fatal("units numbered as sites not recognised")
	}
	ux, uy := make([]float64, n), make([]float64, n)
	fast := s.unitGraph(context.Background(), unit, n, nil, ux, uy)
	slow := s.unitGraph(context.Background(), unit, n, make([]int32, len(ps)), ux, uy)
	if !slices.Equal(fast.off, slow.off) || !slices.Equal(fast.adj, slow.adj) || !slices.Equal(fast.w, slow.w) {
		t.Fatal("the shared site graph differs from the gathered unit graph")
	}
	unit[0], unit[len(unit)-1] = unit[len(unit)-1], unit[0]
	if s.unitPerSite(unit) {
		t.Fatal("units not numbered as sites taken for sites")
	}
}

// TestUnitsBySite: when every site's practices lie in one unit (groups as
// units), gathering the unit graph over the site graph gives what
// gathering it through the practices gives, with strata and without, and
// a site shared by two units is left to the general way.
func TestUnitsBySite(t *testing.T) {
	g, ps := gridInstance(rand.New(rand.NewPCG(8, 9)), synthSpec{w: 40, h: 25, holes: 0.15, islands: 4, shared: 0.3, mean: 8000})
	s, err := newSites(g, ps, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Units: blocks of 4 × 3 km, numbered by first practice.
	unit := make([]int32, len(ps))
	ids := map[[2]int]int32{}
	for p := range ps {
		v := s.siteOf[p]
		key := [2]int{int(s.xy[v][0] / 4000), int(s.xy[v][1] / 3000)}
		id, ok := ids[key]
		if !ok {
			id = int32(len(ids))
			ids[key] = id
		}
		unit[p] = id
	}
	nu := len(ids)
	strata := make([]int32, len(ps))
	for p := range ps {
		strata[p] = int32(s.xy[s.siteOf[p]][0]/4000) / 4 // every fourth column of blocks: whole units
	}
	for _, st := range [][]int32{nil, strata} {
		uoff, umem := unitMembers(unit, nu)
		want := s.unitsByPractice(context.Background(), unit, nu, st, uoff, umem, &pgraph{off: make([]int32, nu+1)})
		got := &pgraph{off: make([]int32, nu+1)}
		if !s.unitsBySite(context.Background(), unit, nu, st, got) {
			t.Fatal("one unit per site not recognised")
		}
		if !slices.Equal(got.off, want.off) || !slices.Equal(got.adj, want.adj) {
			t.Fatalf("strata %v: gathered over sites differs from gathered through practices", st != nil)
		}
		if len(got.adj) == 0 {
			t.Fatal("no adjacency at all")
		}
	}
	for v := range g.N() {
		if mem := s.practices(int32(v)); len(mem) == 2 {
			unit[mem[1]] = unit[mem[0]] + 1
			if unit[mem[1]] == int32(nu) {
				unit[mem[1]] = 0
			}
			break
		}
	}
	if s.unitsBySite(context.Background(), unit, nu, nil, &pgraph{off: make([]int32, nu+1)}) {
		t.Fatal("a site shared by two units taken for one unit per site")
	}
}

// unitMembers lists each unit's practices (offsets and members).
func unitMembers(unit []int32, nu int) (uoff, umem []int32) {
	uoff = make([]int32, nu+1)
	for _, u := range unit {
		uoff[u+1]++
	}
	for i := range nu {
		uoff[i+1] += uoff[i]
	}
	umem = make([]int32, len(unit))
	pos := slices.Clone(uoff[:nu])
	for p, u := range unit {
		umem[pos[u]] = int32(p)
		pos[u]++
	}
	return uoff, umem
}
