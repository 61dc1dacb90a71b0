package partition

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sync"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
)

// earthRadius is geo.EarthRadius, in metres.
const earthRadius = geo.EarthRadius

// medoidScratch holds per-site buffers for hubSite.
type medoidScratch struct {
	stamp []int32
	slot  []int32
	sites []int32
	w     []float64
	first []int32 // lowest practice index per site slot
	r     []float64
	ord   []int32
	proj  []int32   // sort order along one direction (axisBounds)
	pv    []float64 // projected coordinates (axisBounds)
}

func newMedoidScratch(nsites int) *medoidScratch {
	m := &medoidScratch{stamp: make([]int32, nsites), slot: make([]int32, nsites)}
	for i := range m.stamp {
		m.stamp[i] = -1
	}
	return m
}

// hubSite returns the member practice minimising the patient-weighted sum
// of planar distances (projected metres) to the other members; ties go to
// the lowest practice index. Practices on one site are at distance zero,
// so the search runs over distinct sites, pruned exactly: a candidate at
// distance r from the weighted centroid costs at least W·r − Σ w_j·r_j.
// tag must differ between calls sharing m (the group id will do).
func hubSite(s *sites, ps []input.Practice, members []int, m *medoidScratch, tag int32) int {
	m.sites, m.w, m.first = m.sites[:0], m.w[:0], m.first[:0]
	for _, p := range members {
		v := s.siteOf[p]
		if m.stamp[v] != tag {
			m.stamp[v] = tag
			m.slot[v] = int32(len(m.sites))
			m.sites = append(m.sites, v)
			m.w = append(m.w, 0)
			m.first = append(m.first, int32(p))
		}
		i := m.slot[v]
		m.w[i] += float64(ps[p].Patients)
		m.first[i] = min(m.first[i], int32(p))
	}
	k := len(m.sites)
	if k == 1 {
		return int(m.first[0])
	}
	var W, cx, cy float64
	for i, v := range m.sites {
		W += m.w[i]
		cx += m.w[i] * s.x[v]
		cy += m.w[i] * s.y[v]
	}
	if W == 0 {
		return int(slices.Min(m.first))
	}
	cx /= W
	cy /= W
	m.r = m.r[:0]
	m.ord = m.ord[:0]
	var D float64
	for i, v := range m.sites {
		dx, dy := s.x[v]-cx, s.y[v]-cy
		r := math.Sqrt(dx*dx + dy*dy)
		m.r = append(m.r, r)
		m.ord = append(m.ord, int32(i))
		D += m.w[i] * r
	}
	// m.r becomes each candidate's lower bound on its cost: W·r − D, and
	// for large groups also the 1-D weighted distances along x and y (Σ w_j·|p − s_j| is at least each), which stay tight where
	// the centroid bound is weak. Candidates are tried by increasing bound; the
	// relative slack covers rounding in the bounds, so every candidate that
	// could tie or win is evaluated and the choice is the same.
	for i := range m.r {
		m.r[i] = W*m.r[i] - D
	}
	slack := 1e-12
	if k >= axisBoundMin {
		for d := range boundDirections {
			c, sn := math.Cos(math.Pi*float64(d)/boundDirections), math.Sin(math.Pi*float64(d)/boundDirections)
			m.axisBounds(s, c, sn)
		}
		slack = 1e-9
	}
	slices.SortFunc(m.ord, func(a, b int32) int {
		if m.r[a] != m.r[b] {
			if m.r[a] < m.r[b] {
				return -1
			}
			return 1
		}
		return int(m.first[a] - m.first[b])
	})
	best, bestCost := int32(-1), math.Inf(1)
	for _, i := range m.ord {
		if m.r[i] > bestCost*(1+slack) {
			break
		}
		vi := m.sites[i]
		xi, yi := s.x[vi], s.y[vi]
		var c float64
		for j, vj := range m.sites {
			dx, dy := xi-s.x[vj], yi-s.y[vj]
			c += m.w[j] * math.Sqrt(dx*dx+dy*dy)
		}
		if c < bestCost || c == bestCost && m.first[i] < best {
			best, bestCost = m.first[i], c
		}
	}
	return int(best)
}

// axisBoundMin is the group size (distinct sites) from which hubSite also
// uses the 1-D bounds along boundDirections directions.
const (
	axisBoundMin    = 64
	boundDirections = 2
)

// axisBounds raises m.r[i] to the weighted 1-D distance from site i to the
// others along the direction (cos, sin): Σ_j w_j·|c_i − c_j| with c the
// projected coordinate, for every site of the group at once, by sorting
// along the direction and prefix sums. Two directions (x and y) measured
// best on BenchmarkHubSite: more are tighter but each costs a sort.
func (m *medoidScratch) axisBounds(s *sites, cos, sin float64) {
	k := len(m.sites)
	m.proj, m.pv = m.proj[:0], m.pv[:0]
	var W, S float64 // all weights, all weighted coordinates
	for i, v := range m.sites {
		c := s.x[v]*cos + s.y[v]*sin
		m.proj = append(m.proj, int32(i))
		m.pv = append(m.pv, c)
		W += m.w[i]
		S += m.w[i] * c
	}
	slices.SortFunc(m.proj, func(a, b int32) int { return cmp.Compare(m.pv[a], m.pv[b]) })
	var wl, sl float64 // weights and weighted coordinates to the left
	for _, i := range m.proj[:k] {
		x := m.pv[i]
		b := (x*wl - sl) + ((S - sl - m.w[i]*x) - x*(W-wl-m.w[i]))
		if b > m.r[i] {
			m.r[i] = b
		}
		wl += m.w[i]
		sl += m.w[i] * x
	}
}

// fillGroups computes Members, Patients, HubSite, MeanKm, MaxKm and
// Contiguous of groups from assign (dense ids), and returns the distance in
// km from every practice to its hub site. Groups are measured on up to
// workers goroutines (each group on its own, so the result is the same).
// It stops early (returning nil) if ctx is cancelled.
func fillGroups(ctx context.Context, s *sites, ps []input.Practice, assign []int32, groups []Group, workers int) []float64 {
	for i := range groups {
		groups[i].ID = i
		groups[i].Members = groups[i].Members[:0]
		groups[i].Patients = 0
	}
	for p, a := range assign {
		groups[a].Members = append(groups[a].Members, p)
		groups[a].Patients += int64(ps[p].Patients)
	}
	dist := make([]float64, len(ps))
	workers = max(1, min(workers, len(groups)/256))
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := len(groups)*w/workers, len(groups)*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			measureGroups(ctx, s, ps, groups, lo, hi, dist)
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		return nil
	}
	return dist
}

// measureGroups fills the measures of groups[lo:hi] and the distances of
// their members.
func measureGroups(ctx context.Context, s *sites, ps []input.Practice, groups []Group, lo, hi int, dist []float64) {
	m := newMedoidScratch(s.g.N())
	cc := newContig(s)
	for i := lo; i < hi; i++ {
		if i&1023 == 1023 && ctx.Err() != nil {
			return
		}
		gr := &groups[i]
		if len(gr.Members) == 0 {
			gr.HubSite = -1
			continue
		}
		gr.HubSite = hubSite(s, ps, gr.Members, m, int32(i))
		if f := s.fixedHubSite(gr.Members); f >= 0 {
			gr.HubSite = f
		}
		hub := ps[gr.HubSite].Loc
		var sw, swd, mx float64
		for _, p := range gr.Members {
			d := geo.Distance(ps[p].Loc, hub) / 1000
			dist[p] = d
			w := float64(ps[p].Patients)
			sw += w
			swd += w * d
			mx = max(mx, d)
		}
		if sw > 0 {
			gr.MeanKm = swd / sw
		}
		gr.MaxKm = mx
		gr.Contiguous = cc.connected(gr.Members)
	}
}

// contig checks whether practice sets induce connected site subgraphs: it
// maps practices to their sites and asks graph.Checker (one per goroutine).
type contig struct {
	s     *sites
	c     *graph.Checker
	sites []int32
}

func newContig(s *sites) *contig { return &contig{s: s, c: graph.NewChecker(s.g)} }

// connected reports whether the sites of members induce a connected
// subgraph; an empty set is not a group and is reported false.
func (c *contig) connected(members []int) bool {
	if len(members) == 0 {
		return false
	}
	c.sites = c.sites[:0]
	for _, p := range members {
		c.sites = append(c.sites, c.s.siteOf[p])
	}
	return c.c.Connected(c.sites)
}

// quality summarises one level.
func quality(name string, ps []input.Practice, groups []Group, dist []float64) Quality {
	q := Quality{Level: name, Groups: len(groups)}
	for i := range groups {
		g := &groups[i]
		if g.Status == StatusOK {
			q.InBounds++
		}
		if g.Contiguous {
			q.Contiguous++
		}
		q.Patients += g.Patients
		if i == 0 || g.Patients < q.MinSize {
			q.MinSize = g.Patients
		}
		q.MaxSize = max(q.MaxSize, g.Patients)
		q.MaxKm = max(q.MaxKm, g.MaxKm)
	}
	// Weighted 95th percentile: sort (distance, weight) pairs by distance;
	// the order within ties cannot change the distance where the
	// cumulative weight first reaches 95%.
	type dw struct {
		d float64
		w int64
	}
	pairs := make([]dw, len(ps))
	var W, S float64
	for p := range ps {
		w := float64(ps[p].Patients)
		pairs[p] = dw{dist[p], int64(ps[p].Patients)}
		W += w
		S += w * dist[p]
	}
	if W == 0 {
		return q
	}
	q.MeanKm = S / W
	slices.SortFunc(pairs, func(a, b dw) int { return cmp.Compare(a.d, b.d) })
	var cum float64
	for _, x := range pairs {
		cum += float64(x.w)
		if cum >= 0.95*W {
			q.P95Km = x.d
			break
		}
	}
	return q
}
