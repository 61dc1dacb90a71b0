package partition

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestUnitGraphPerSite: when the units are the sites, unitGraph copies the
// site graph; the copy equals what gathering it site by site gives (forced
// here by a stratum that every practice shares).
func TestUnitGraphPerSite(t *testing.T) {
	g, ps := gridInstance(rand.New(rand.NewPCG(5, 6)), synthSpec{w: 30, h: 20, holes: 0.1, islands: 3, shared: 0.3, mean: 8000})
	s, err := newSites(g, ps)
	if err != nil {
		t.Fatal(err)
	}
	unit := slices.Clone(s.siteOf)
	n := g.N()
	if !s.unitPerSite(unit) {
		t.Fatal("units numbered as sites not recognised")
	}
	ux, uy := make([]float64, n), make([]float64, n)
	fast := s.unitGraph(context.Background(), ps, unit, n, nil, ux, uy)
	slow := s.unitGraph(context.Background(), ps, unit, n, make([]int32, len(ps)), ux, uy)
	if !slices.Equal(fast.off, slow.off) || !slices.Equal(fast.adj, slow.adj) || !slices.Equal(fast.w, slow.w) {
		t.Fatal("the copied site graph differs from the gathered unit graph")
	}
	unit[0], unit[len(unit)-1] = unit[len(unit)-1], unit[0]
	if s.unitPerSite(unit) {
		t.Fatal("units not numbered as sites taken for sites")
	}
}
