package partition

import (
	"fmt"
	"math"
	"sync"

	"github.com/hubpart/hubpart/geo"
)

// checkFigures: every hub site is a member and the patient-weighted medoid
// of its group (ties allowed), and MeanKm and MaxKm are finite and equal the
// distances recomputed from it. It returns the recomputed distance of every
// practice to its hub site, in km. Groups are checked on c.workers
// goroutines (eachGroup), each group's medoid and distances together while
// its practices are in cache.
func (c *levelCheck) checkFigures() []float64 {
	dist := make([]float64, len(c.ps))
	c.eachGroup(func(i int, w *groupCheck) {
		gr := &c.groups[i]
		hs := gr.HubSite
		if hs < 0 || hs >= len(c.ps) || int(c.assign[hs]) != i {
			w.add("%s: hub site %d is not a member", c.gname(i), hs)
			return
		}
		if f := c.fixedSite(gr.Members, w); f >= 0 {
			if hs != f {
				w.add("%s: hub site %s, but it holds the fixed hub site %s", c.gname(i), c.ps[hs].Code, c.ps[f].Code)
			}
		} else if best := hubSite(c.s, c.ps, gr.Members, w.medoid(c.s), int32(i)); best != hs {
			cb, ch := c.medoidCost(gr.Members, best), c.medoidCost(gr.Members, hs)
			if ch > cb*(1+1e-9) {
				w.add("%s: hub site %s is not the patient-weighted medoid: %s is %.6g patient-metres nearer its practices (%.6g against %.6g)",
					c.gname(i), c.ps[hs].Code, c.ps[best].Code, ch-cb, cb, ch)
			}
		}
		hub := c.ps[hs].Loc
		var sw, swd, mx float64
		for _, p := range gr.Members {
			d := geo.Distance(c.ps[p].Loc, hub) / 1000
			dist[p] = d
			w := float64(c.ps[p].Patients)
			sw += w
			swd += w * d
			mx = max(mx, d)
		}
		mean := 0.0
		if sw > 0 {
			mean = swd / sw
		}
		if !sameFigure(gr.MeanKm, mean) {
			w.add("%s: MeanKm %v, recomputed %v", c.gname(i), gr.MeanKm, mean)
		}
		if !sameFigure(gr.MaxKm, mx) {
			w.add("%s: MaxKm %v, recomputed %v", c.gname(i), gr.MaxKm, mx)
		}
	})
	return dist
}

// groupCheck is one goroutine's scratch and problems in eachGroup.
type groupCheck struct {
	m     *medoidScratch
	cc    *contig
	probs []string
}

func (w *groupCheck) add(format string, args ...any) {
	if len(w.probs) < maxProblems {
		w.probs = append(w.probs, fmt.Sprintf(format, args...))
	}
}

// medoid returns the goroutine's medoid scratch, made on first use.
func (w *groupCheck) medoid(s *sites) *medoidScratch {
	if w.m == nil {
		w.m = newMedoidScratch(s.g.N())
	}
	return w.m
}

// eachGroup calls check on every group of the level, on up to c.workers
// goroutines over contiguous runs of groups, and then adds their problems
// in group order: each check depends on its group alone (and writes only
// its own practices' entries), so the problems are the same for any
// number of workers.
func (c *levelCheck) eachGroup(check func(i int, w *groupCheck)) {
	workers := max(1, min(c.workers, len(c.groups)/256))
	ws := make([]groupCheck, workers)
	var wg sync.WaitGroup
	for k := range workers {
		lo, hi := len(c.groups)*k/workers, len(c.groups)*(k+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				check(i, &ws[k])
			}
		}()
	}
	wg.Wait()
	for k := range ws {
		for _, p := range ws[k].probs {
			c.add("%s", p)
		}
	}
}

// fixedSite is the fixed hub site (WithHubSites) among the members at level
// 0, or -1; a second one is a problem.
func (c *levelCheck) fixedSite(members []int, w *groupCheck) int {
	if c.fixed == nil || c.l != 0 {
		return -1
	}
	f := -1
	for _, p := range members {
		if c.fixed[p] {
			if f >= 0 {
				w.add("%s: practices %s and %s are both fixed hub sites of one group", c.name, c.ps[f].Code, c.ps[p].Code)
				return f
			}
			f = p
		}
	}
	return f
}

// medoidCost is the patient-weighted sum of planar distances (projected
// metres, as hubSite measures them) from practice h to the members.
func (c *levelCheck) medoidCost(members []int, h int) float64 {
	s := c.s
	vh := s.siteOf[h]
	var cost float64
	for _, p := range members {
		v := s.siteOf[p]
		dx, dy := s.xy[vh][0]-s.xy[v][0], s.xy[vh][1]-s.xy[v][1]
		cost += float64(c.ps[p].Patients) * math.Sqrt(dx*dx+dy*dy)
	}
	return cost
}

// checkQuality: the level's summary is what its groups say.
func (c *levelCheck) checkQuality(dist []float64) {
	if c.l >= len(c.res.Quality) {
		return
	}
	got, want := c.res.Quality[c.l], quality(c.lvl.Name, c.s.patients, c.groups, dist)
	type intField struct {
		name      string
		got, want int64
	}
	for _, f := range []intField{
		{"Groups", int64(got.Groups), int64(want.Groups)},
		{"InBounds", int64(got.InBounds), int64(want.InBounds)},
		{"Contiguous", int64(got.Contiguous), int64(want.Contiguous)},
		{"Patients", got.Patients, want.Patients},
		{"MinSize", got.MinSize, want.MinSize},
		{"MaxSize", got.MaxSize, want.MaxSize},
	} {
		if f.got != f.want {
			c.add("%s: Quality.%s %d, recomputed %d", c.name, f.name, f.got, f.want)
		}
	}
	type floatField struct {
		name      string
		got, want float64
	}
	for _, f := range []floatField{
		{"MeanKm", got.MeanKm, want.MeanKm}, {"P95Km", got.P95Km, want.P95Km}, {"MaxKm", got.MaxKm, want.MaxKm},
	} {
		if !sameFigure(f.got, f.want) {
			c.add("%s: Quality.%s %v, recomputed %v", c.name, f.name, f.got, f.want)
		}
	}
	if got.Level != c.lvl.Name {
		c.add("%s: Quality.Level %q", c.name, got.Level)
	}
}

// sameFigure reports whether a reported figure is finite, not negative and
// equal to the recomputed one up to rounding.
func sameFigure(got, want float64) bool {
	if math.IsNaN(got) || math.IsInf(got, 0) || got < 0 {
		return false
	}
	return got == want || math.Abs(got-want) <= 1e-9*max(math.Abs(got), math.Abs(want))
}
