package partition

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/disjoint"
	"github.com/hubpart/hubpart/internal/parallel"
)

// Run groups the practices ps, standing on the sites of the contiguity
// graph g, into one grouping per level. Level 0 groups are unions of sites
// (or of single practices of a site heavier than the maximum); level l > 0
// groups are unions of whole level l−1 groups. Every group is contiguous in
// g, and every group is within its level's bounds unless its Status says
// why not (oversize, undersize, unsplittable, out-of-bounds). Nothing is
// dropped: every practice is in exactly one group per level.
//
// The result is checked by Validate before it is returned; a failure there
// is a bug and is returned as an error wrapping ErrInvalid together with the
// result. Cancelling ctx returns ctx.Err() promptly. See the package
// documentation for the algorithm.
func Run(ctx context.Context, g *graph.Graph, ps []input.Practice, levels []Level, opts ...Option) (*Result, error) {
	o, err := runOptions(ps, levels, opts)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if _, err := totalPatients(ps); err != nil {
		return nil, err
	}
	if fn := o.idle; fn != nil {
		var once sync.Once
		o.idle = func() { once.Do(fn) }
	}
	r := &runner{ctx: ctx, ps: ps, o: o, res: &Result{Levels: slices.Clone(levels)}, clock: time.Now()}
	if r.s, err = newSites(g, ps, o.workers); err != nil {
		return nil, err
	}
	r.strat = labelIDs(o.strata)
	r.init, r.initNames = initialIDs(o.initial)
	if a := o.alignAt(0); r.init != nil && a != nil && a.weight > 0 {
		r.res.Notes = append(r.res.Notes, "the initial configuration decides the hubs; alignment then moves a practice only into a neighbouring hub of its own value, when that adds less distance than the alignment weight allows")
	}
	if r.init != nil && o.count > 0 {
		r.res.Notes = append(r.res.Notes, fmt.Sprintf("%s requested, but the initial configuration decides how many there are", count(o.count, levels[0].Name)))
	}
	locked, issues := lockedPieces(r.s, ps, r.strat, o.locked)
	r.res.Locked = issues
	for _, li := range issues {
		r.res.Notes = append(r.res.Notes, li.String())
	}
	if r.u, err = level0Units(ctx, r.s, ps, levels[0], r.strat, r.init, locked, o.hubSites); err != nil {
		return nil, err
	}
	if r.pin, err = hubSiteUnits(ps, r.u, o.hubSites, o.locked); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.stage("prepare")
	for l := range levels {
		if err := r.level(l); err != nil {
			return nil, err
		}
	}
	if r.init != nil {
		r.res.Change = measureChange(r.s, ps, o.initial, levels[0], r.res.Assign[0])
		r.stage("change")
	}
	v := &validator{s: r.s, ps: ps, res: r.res, stratum: r.strat, locked: locked, init: r.init, fixed: o.hubSites, workers: o.workers}
	if err := v.run(); err != nil {
		return r.res, fmt.Errorf("partition: internal error: %w", err)
	}
	r.stage("validate")
	return r.res, nil
}

// runOptions applies opts and checks them and the levels against ps.
func runOptions(ps []input.Practice, levels []Level, opts []Option) (options, error) {
	o := defaultOptions()
	for _, f := range opts {
		f(&o)
	}
	o.effort = max(o.effort, 1)
	o.workers = max(o.workers, 1)
	if len(levels) == 0 {
		return o, ErrNoLevels
	}
	for i, l := range levels {
		switch {
		case l.Min < 0:
			return o, &LevelError{i, l, "negative minimum"}
		case l.Max < 0:
			return o, &LevelError{i, l, "negative maximum"}
		case l.Max != 0 && l.Max < l.Min:
			return o, &LevelError{i, l, "maximum below minimum"}
		}
	}
	if o.strata != nil && len(o.strata) != len(ps) {
		return o, fmt.Errorf("%w: %d strata labels for %d practices", ErrMismatch, len(o.strata), len(ps))
	}
	if o.locked != nil && len(o.locked) != len(ps) {
		return o, fmt.Errorf("%w: %d locked labels for %d practices", ErrMismatch, len(o.locked), len(ps))
	}
	if o.initial != nil && len(o.initial) != len(ps) {
		return o, fmt.Errorf("%w: %d initial labels for %d practices", ErrMismatch, len(o.initial), len(ps))
	}
	if o.maxMoved < 0 {
		return o, &LevelError{0, levels[0], "negative budget of patients moved"}
	}
	if err := o.checkConstraints(len(ps), len(levels)); err != nil {
		return o, err
	}
	if o.target < 0 || o.count < 0 {
		return o, &LevelError{0, levels[0], "negative target or count"}
	}
	return o, nil
}

// units are the atoms of one level: of[p] is the unit of practice p
// (dense 0..n-1), placed at (x, y).
type units struct {
	of   []int32
	n    int
	x, y []float64
}

// runner carries one Run from level to level.
type runner struct {
	ctx       context.Context
	s         *sites
	ps        []input.Practice
	o         options
	strat     []int32
	init      []int32  // initial group per practice (WithInitial), -1 free
	initNames []string // initial labels by number
	u         units    // the atoms of the level being solved
	pin       []bool   // level-0 units holding a fixed hub site (sites.go), or nil
	res       *Result
	clock     time.Time
}

// stage records the wall time since the previous stage.
func (r *runner) stage(name string) {
	now := time.Now()
	r.res.Timings = append(r.res.Timings, Timing{name, now.Sub(r.clock)})
	r.clock = now
}

// params returns the solver parameters of level l.
func (r *runner) params(l int) levelParams {
	lvl := r.res.Levels[l]
	b := bounds{lvl.Min, lvl.Max}
	if b.max == 0 {
		b.max = math.MaxInt64
	}
	p := levelParams{b: b, target: defaultTarget(lvl), effort: r.o.effort,
		seed: mix(r.o.seed, uint64(l)), workers: r.o.workers, name: lvl.Name, terms: r.o.terms, pins: r.o.pins,
		idle: r.o.idle}
	p.atoms = r.atoms(l)
	p.words = r.words(l, p.atoms)
	if l == 0 {
		p.pin = r.pin
		if r.o.target > 0 {
			p.target = float64(r.o.target)
		}
		p.count = r.o.count
		p.free = r.o.freeCount && r.o.count == 0
	}
	return p
}

// level solves level l on the current units, appends its groups to the
// result and makes them the next level's units.
func (r *runner) level(l int) error {
	ctx, ps, res := r.ctx, r.ps, r.res
	lvl := res.Levels[l]
	var out *levelOut
	var err error
	if l == 0 && r.init != nil {
		// WithInitial decides level 0; alignment applies above it
		pg := r.s.unitGraph(ctx, r.u.of, r.u.n, r.strat, r.u.x, r.u.y)
		if err := ctx.Err(); err != nil {
			return err
		}
		out, err = solveInitial(ctx, pg, atomInitial(ps, r.u.of, r.u.n, r.init), r.initNames, r.params(l), r.o.maxMoved)
		if err == nil && r.pin != nil {
			pg.pin = r.pin
			separatePins(ctx, pg, out, r.params(l))
		}
		if a := r.o.alignAt(0); err == nil && a != nil && a.weight > 0 {
			pg.pin = r.pin
			alignCross(ctx, pg, out, unitValues(ps, r.u.of, r.u.n, a.labels), r.params(l), a.weight, true)
		}
	} else {
		out, err = solveAligned(ctx, r.s, ps, r.u, r.strat, r.params(l), r.o.alignAt(l), r.o.progress)
	}
	if err != nil {
		return err
	}
	r.stage(lvl.Name + ": split and refine")
	assign, groups := practiceGroups(ps, r.u.of, out)
	if err := ctx.Err(); err != nil {
		return err
	}
	r.s.fixed = nil
	if l == 0 {
		r.s.fixed = r.o.hubSites
	}
	dist := fillGroups(ctx, r.s, ps, assign, groups, r.o.workers)
	if err := ctx.Err(); err != nil {
		return err
	}
	if l == 0 && r.o.hubSites != nil {
		if err := checkHubSites(ps, r.o.hubSites, assign, groups); err != nil {
			return err
		}
	}
	if l > 0 {
		below := res.Groups[l-1]
		for c := range below {
			par := int(assign[below[c].Members[0]])
			below[c].Parent = par
			groups[par].Children = append(groups[par].Children, c)
		}
	}
	res.Groups = append(res.Groups, groups)
	res.Assign = append(res.Assign, assign)
	res.Quality = append(res.Quality, quality(lvl.Name, r.s.patients, groups, dist))
	res.Coterminosity = append(res.Coterminosity, alignedCoterminosity(ps, assign, r.o.alignAt(l)))
	res.Notes = append(res.Notes, out.notes...)
	r.stage(lvl.Name + ": groups")
	// Next level's units: this level's groups, placed at their hub sites.
	r.u = units{of: assign, n: len(groups), x: make([]float64, len(groups)), y: make([]float64, len(groups))}
	for i := range groups {
		v := r.s.siteOf[groups[i].HubSite]
		r.u.x[i], r.u.y[i] = r.s.xy[v][0], r.s.xy[v][1]
	}
	return ctx.Err()
}

// practiceGroups turns the level's atom labels into the practices'
// assignment, groups numbered by smallest practice index, with their
// statuses and reasons.
func practiceGroups(ps []input.Practice, unit []int32, out *levelOut) ([]int32, []Group) {
	remap := make([]int32, out.ngroups)
	for i := range remap {
		remap[i] = -1
	}
	assign := make([]int32, len(ps))
	next := int32(0)
	for p := range ps {
		a := out.lab[unit[p]]
		if remap[a] < 0 {
			remap[a] = next
			next++
		}
		assign[p] = remap[a]
	}
	groups := make([]Group, next)
	for a, r := range remap {
		if r >= 0 {
			groups[r].Status = out.status[a]
			groups[r].Reason = out.reason[a]
		}
	}
	for i := range groups {
		groups[i].Parent = -1
	}
	return assign, groups
}

// atoms describes the atoms of level l (the current units) for the hooks.
func (r *runner) atoms(l int) *levelAtoms {
	return &levelAtoms{level: l, name: r.res.Levels[l].Name, of: r.u.of, n: r.u.n}
}

// words names the atoms of level l for statuses and notes: practices at
// level 0, groups of the level below above it.
func (r *runner) words(l int, lv *levelAtoms) levelWords {
	w := levelWords{practices: make([]int32, lv.n)}
	for _, a := range lv.of {
		w.practices[a]++
	}
	if l > 0 {
		below := r.res.Levels[l-1].Name
		w.describe = func(atom int32) (string, bool) { return fmt.Sprintf("%s %d", below, atom), false }
		return w
	}
	w.describe = func(atom int32) (string, bool) {
		ps := lv.practices(atom)
		codes := make([]string, len(ps))
		for i, p := range ps {
			codes[i] = r.ps[p].Code
		}
		if len(codes) == 1 {
			return "practice " + codes[0], false
		}
		return "practices " + listCodes(codes) + " (locked together)", true
	}
	return w
}

// defaultTarget is (Min+Max)/2, or 1.5×Min without a maximum (Min itself
// when that is 0, and 1 when both are 0).
func defaultTarget(l Level) float64 {
	switch {
	case l.Max > 0:
		return math.Max(1, float64(l.Min)/2+float64(l.Max)/2)
	case l.Min > 0:
		return 1.5 * float64(l.Min)
	}
	return 1
}

// level0Units makes the atoms of level 0: each site's practices, split by
// stratum and by initial group (WithInitial), and split into single
// practices when a part outweighs the maximum; then atoms sharing a locked
// key (lockedPieces: within one stratum, contiguous) are merged. Units are numbered
// by smallest practice index; their coordinates are the weighted centroid
// of their sites.
func level0Units(ctx context.Context, s *sites, ps []input.Practice, lvl Level, strat, init []int32, locked []string, fixed []bool) (units, error) {
	np := len(ps)
	raw := make([]int32, np)
	nraw := siteParts(ctx, s, lvl, strat, init, fixed, raw)
	if err := ctx.Err(); err != nil {
		return units{}, err
	}
	uf := make([]int32, nraw)
	for i := range uf {
		uf[i] = int32(i)
	}
	if locked != nil {
		first := map[string]int32{}
		for p := range ps {
			l := locked[p]
			if l == "" {
				continue
			}
			q, ok := first[l]
			if !ok {
				first[l] = int32(p)
				continue
			}
			disjoint.Union(uf, raw[q], raw[p])
		}
	}
	if err := ctx.Err(); err != nil {
		return units{}, err
	}
	unit := make([]int32, np)
	nu := 0
	id := make([]int32, nraw)
	for i := range id {
		id[i] = -1
	}
	for p := range ps {
		r := disjoint.Find(uf, raw[p])
		if id[r] < 0 {
			id[r] = int32(nu)
			nu++
		}
		unit[p] = id[r]
	}
	if err := ctx.Err(); err != nil {
		return units{}, err
	}
	ux, uy := unitCentroids(ctx, s, unit, nu)
	if err := ctx.Err(); err != nil {
		return units{}, err
	}
	return units{of: unit, n: nu, x: ux, y: uy}, nil
}

// siteParts numbers the parts of every site for level0Units, site by site
// in order of first practice: raw[p] is the part of practice p, a part
// being a site's practices of one stratum and initial group (a second
// fixed hub site goes to a part of its own), cut into single practices
// when it outweighs lvl.Max. Ranges of sites (parallel.Ranges) number their parts
// from 0 and are then shifted by the parts of the ranges before them, so
// the numbers are those of one sequential pass. It returns the number of
// parts (0 when ctx is cancelled; the caller checks ctx).
func siteParts(ctx context.Context, s *sites, lvl Level, strat, init []int32, fixed []bool, raw []int32) int32 {
	ns := s.g.N()
	nw := workersUpTo(ns, s.workers)
	nparts := make([]int32, nw)
	parallel.Ranges(ns, nw, func(c, lo, hi int) {
		var done []bool
		var part []int32
		n := int32(0)
		for v := int32(lo); v < int32(hi); v++ {
			if v&0x3fff == 0 && ctx.Err() != nil {
				return
			}
			mem := s.practices(v)
			done = slices.Grow(done[:0], len(mem))[:len(mem)]
			clear(done)
			for i := range mem {
				if done[i] {
					continue
				}
				part = part[:0]
				var w int64
				hasFixed := false
				for j := i; j < len(mem); j++ {
					if !done[j] && (strat == nil || strat[mem[j]] == strat[mem[i]]) && (init == nil || init[mem[j]] == init[mem[i]]) {
						if secondFixed(fixed, mem[j], &hasFixed) {
							continue // fixed hub sites on one site go to separate atoms
						}
						done[j] = true
						part = append(part, mem[j])
						w += s.patients[mem[j]]
					}
				}
				single := lvl.Max > 0 && w > lvl.Max
				for _, p := range part {
					raw[p] = n
					if single {
						n++
					}
				}
				if !single {
					n++
				}
			}
		}
		nparts[c] = n
	})
	if ctx.Err() != nil {
		return 0
	}
	base := make([]int32, nw)
	for c := 1; c < nw; c++ {
		base[c] = base[c-1] + nparts[c-1]
	}
	parallel.Ranges(ns, nw, func(c, lo, hi int) {
		if base[c] == 0 {
			return
		}
		for _, p := range s.mem[s.off[lo]:s.off[hi]] {
			raw[p] += base[c]
		}
	})
	return base[nw-1] + nparts[nw-1]
}

// unitCentroids places every unit at the patient-weighted centroid of its
// practices' sites (a weightless unit at their plain mean). Each range of
// units scans all practices but sums only its own units', in practice
// order, so every sum is added up in the same order for any number of
// workers. It stops early if ctx is cancelled (the caller checks ctx).
func unitCentroids(ctx context.Context, s *sites, unit []int32, nu int) (ux, uy []float64) {
	ux, uy = make([]float64, nu), make([]float64, nu)
	sw := make([]float64, nu)
	cnt := make([]float64, nu)
	parallel.Ranges(nu, workersUpTo(nu, s.workers), func(_, lo, hi int) {
		ulo, uhi := int32(lo), int32(hi)
		for p, u := range unit {
			if p&0xffff == 0xffff && ctx.Err() != nil {
				return
			}
			if u < ulo || u >= uhi {
				continue
			}
			v := s.siteOf[p]
			w := float64(s.patients[p])
			ux[u] += w * s.xy[v][0]
			uy[u] += w * s.xy[v][1]
			sw[u] += w
			cnt[u]++
		}
		weightless := false
		for u := lo; u < hi; u++ {
			if sw[u] > 0 {
				ux[u] /= sw[u]
				uy[u] /= sw[u]
				continue
			}
			ux[u], uy[u] = 0, 0
			weightless = true
		}
		if !weightless {
			return
		}
		for p, u := range unit {
			if u >= ulo && u < uhi && sw[u] == 0 {
				v := s.siteOf[p]
				ux[u] += s.xy[v][0] / cnt[u]
				uy[u] += s.xy[v][1] / cnt[u]
			}
		}
	})
	return ux, uy
}
