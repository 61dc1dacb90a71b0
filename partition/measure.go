package partition

import (
	"context"
	"sync"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
)

// earthRadius is geo.EarthRadius, in metres.
const earthRadius = geo.EarthRadius

// fillGroups computes Members, Patients, HubSite, MeanKm, MaxKm and
// Contiguous of groups from assign (dense ids), and returns the distance in
// km from every practice to its hub site. Groups are measured on up to
// workers goroutines (each group on its own, so the result is the same).
// It stops early (returning nil) if ctx is cancelled.
func fillGroups(ctx context.Context, s *sites, ps []input.Practice, assign []int32, groups []Group, workers int) []float64 {
	// One array holds every group's members, each group's slice capped at
	// its count (so an append cannot run into the next group): one
	// allocation rather than a dozen per group as the lists grow.
	count := make([]int, len(groups))
	for _, a := range assign {
		count[a]++
	}
	all := make([]int, len(assign))
	next := 0
	for i := range groups {
		groups[i].ID = i
		groups[i].Members = all[next : next : next+count[i]]
		groups[i].Patients = 0
		next += count[i]
	}
	for p, a := range assign {
		groups[a].Members = append(groups[a].Members, p)
		groups[a].Patients += s.patients[p]
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

// quality summarises one level; patients and dist are per practice.
func quality(name string, patients []int64, groups []Group, dist []float64) Quality {
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
	pairs := make([]distWeight, len(patients))
	var W, S float64
	for p, n := range patients {
		w := float64(n)
		pairs[p] = distWeight{dist[p], n}
		W += w
		S += w * dist[p]
	}
	if W == 0 {
		return q
	}
	q.MeanKm = S / W
	q.P95Km = weightedQuantile(pairs, 0.95*W)
	return q
}
