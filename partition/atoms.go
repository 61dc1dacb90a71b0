package partition

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/parallel"
)

// sites maps practices to the vertices (sites) of the graph.
type sites struct {
	g      *graph.Graph
	siteOf []int32      // practice -> site
	xy     [][2]float64 // per site, projected metres (the graph's XY when it has them)
	off    []int32      // site -> practices (ascending)
	mem    []int32
	fixed  []bool // fixed hub sites of the level being measured (sites.go), or nil

	// patients is ps[p].Patients for every practice p, copied out once: a
	// loop over practices then reads 8 bytes each, not a whole Practice.
	patients []int64

	// workers is the number of goroutines the long loops over sites,
	// practices and units may use (their results do not depend on it).
	workers int
}

// newSites checks that g and ps describe the same practices and returns
// the practice/site maps, whose long loops run on up to workers
// goroutines. A graph without Members is taken to have one vertex per
// practice, vertex i being practice i.
func newSites(g *graph.Graph, ps []input.Practice, workers int) (*sites, error) {
	if g == nil {
		return nil, fmt.Errorf("%w: nil graph", ErrMismatch)
	}
	n := g.N()
	if len(g.Adj) != 0 && len(g.Off) == 0 || n > 0 && int(g.Off[n]) != len(g.Adj) {
		return nil, fmt.Errorf("%w: malformed adjacency arrays", ErrMismatch)
	}
	workers = max(workers, 1)
	if i := firstInRanges(len(g.Adj), workersUpTo(len(g.Adj), workers), func(lo, hi int) int {
		for i, v := range g.Adj[lo:hi] {
			if v < 0 || int(v) >= n {
				return lo + i
			}
		}
		return -1
	}); i >= 0 {
		return nil, fmt.Errorf("%w: neighbour %d out of range", ErrMismatch, g.Adj[i])
	}
	s := &sites{g: g, siteOf: make([]int32, len(ps)), workers: workers}
	for i := range s.siteOf {
		s.siteOf[i] = -1
	}
	if g.MemberOff == nil {
		if n != len(ps) {
			return nil, fmt.Errorf("%w: graph has %d vertices and no members, %d practices", ErrMismatch, n, len(ps))
		}
		s.off = make([]int32, n+1)
		s.mem = make([]int32, n)
		for i := range n {
			s.siteOf[i] = int32(i)
			s.off[i+1] = int32(i + 1)
			s.mem[i] = int32(i)
		}
	} else {
		if len(g.MemberOff) != n+1 || int(g.MemberOff[n]) != len(g.Members) {
			return nil, fmt.Errorf("%w: malformed member arrays", ErrMismatch)
		}
		for v := range n {
			for _, p := range g.SiteMembers(v) {
				if p < 0 || int(p) >= len(ps) {
					return nil, fmt.Errorf("%w: site %d lists practice %d of %d", ErrMismatch, v, p, len(ps))
				}
				if s.siteOf[p] >= 0 {
					return nil, fmt.Errorf("%w: practice %d is at sites %d and %d", ErrMismatch, p, s.siteOf[p], v)
				}
				s.siteOf[p] = int32(v)
			}
		}
		for p, v := range s.siteOf {
			if v < 0 {
				return nil, fmt.Errorf("%w: practice %d (%s) is at no site", ErrMismatch, p, ps[p].Code)
			}
		}
		// graph.Build lists each site's practices ascending: share them.
		s.off, s.mem = g.MemberOff, g.Members
		if !membersSorted(g.MemberOff, g.Members) {
			s.off = slices.Clone(g.MemberOff)
			s.mem = slices.Clone(g.Members)
			for v := range n {
				slices.Sort(s.mem[s.off[v]:s.off[v+1]])
			}
		}
	}
	s.patients = make([]int64, len(ps))
	if p := firstInRanges(len(ps), workersUpTo(len(ps), workers), func(lo, hi int) int {
		for p := lo; p < hi; p++ {
			if s.patients[p] = ps[p].Patients; s.patients[p] < 0 {
				return p
			}
		}
		return -1
	}); p >= 0 {
		return nil, fmt.Errorf("%w: practice %d (%s) has %d patients", ErrMismatch, p, ps[p].Code, ps[p].Patients)
	}
	if slices.ContainsFunc(g.Weight, func(w int64) bool { return w != 0 }) { // all zero: not filled in
		if len(g.Weight) != n {
			return nil, fmt.Errorf("%w: %d weights for %d vertices", ErrMismatch, len(g.Weight), n)
		}
		if v := firstInRanges(n, workersUpTo(n, workers), func(lo, hi int) int {
			for v := lo; v < hi; v++ {
				if s.weight(int32(v)) != g.Weight[v] {
					return v
				}
			}
			return -1
		}); v >= 0 {
			return nil, fmt.Errorf("%w: site %d weighs %d but its practices total %d", ErrMismatch, v, g.Weight[v], s.weight(int32(v)))
		}
	}
	if len(g.XY) == n {
		s.xy = g.XY
	} else {
		s.xy = make([][2]float64, n)
		// Equirectangular projection about the mean latitude of the
		// practices (metres), used only when the graph carries no XY.
		var lat0 float64
		for p := range ps {
			lat0 += ps[p].Loc[1]
		}
		if len(ps) > 0 {
			lat0 /= float64(len(ps))
		}
		c := math.Cos(lat0 * math.Pi / 180)
		for v := range n {
			if s.off[v] == s.off[v+1] {
				continue
			}
			loc := ps[s.mem[s.off[v]]].Loc
			s.xy[v] = [2]float64{earthRadius * loc[0] * math.Pi / 180 * c, earthRadius * loc[1] * math.Pi / 180}
		}
	}
	return s, nil
}

func (s *sites) practices(v int32) []int32 { return s.mem[s.off[v]:s.off[v+1]] }

// weight is the patients of site v's practices.
func (s *sites) weight(v int32) int64 {
	var w int64
	for _, p := range s.practices(v) {
		w += s.patients[p]
	}
	return w
}

// membersSorted reports whether every site's practices are listed
// ascending.
func membersSorted(off, mem []int32) bool {
	for v := range len(off) - 1 {
		if !slices.IsSorted(mem[off[v]:off[v+1]]) {
			return false
		}
	}
	return true
}

// unitPerSite reports whether unit numbers the practices as their sites do
// and the graph's neighbour lists are strictly ascending without loops:
// then the unit graph is the site graph, and unitGraph shares it (at
// level 0 with no strata, locked sets or heavy sites the units are the
// sites) instead of gathering it site by site.
func (s *sites) unitPerSite(unit []int32) bool {
	if !slices.Equal(unit, s.siteOf) {
		return false
	}
	g := s.g
	for v := range g.N() {
		prev := int32(-1)
		for _, t := range g.Neighbors(v) {
			if t <= prev || int(t) == v {
				return false
			}
			prev = t
		}
	}
	return true
}

// unitGraph builds the atom graph of units: unit[p] is the unit of practice
// p (dense 0..nu-1), every unit within one stratum. Units are adjacent when
// they share a site or sit on adjacent sites, and lie in the same stratum.
// Coordinates are given per unit; weights are summed from the practices.
// It returns nil if ctx is cancelled.
func (s *sites) unitGraph(ctx context.Context, unit []int32, nu int, stratum []int32, ux, uy []float64) *pgraph {
	pg := &pgraph{w: make([]int64, nu), x: ux, y: uy}
	// unit -> practices
	uoff := make([]int32, nu+1)
	for _, u := range unit {
		uoff[u+1]++
	}
	for i := range nu {
		uoff[i+1] += uoff[i]
	}
	umem := make([]int32, len(unit))
	pos := slices.Clone(uoff[:nu])
	for p, u := range unit {
		umem[pos[u]] = int32(p)
		pos[u]++
	}
	parallel.Ranges(nu, workersUpTo(nu, s.workers), func(_, lo, hi int) {
		for u := lo; u < hi; u++ {
			if u&0xffff == 0xffff && ctx.Err() != nil {
				return // the caller checks ctx
			}
			for _, p := range umem[uoff[u]:uoff[u+1]] {
				pg.w[u] += s.patients[p]
			}
		}
	})
	if ctx.Err() != nil {
		return nil
	}
	ns := s.g.N()
	if stratum == nil && nu == ns && s.unitPerSite(unit) {
		pg.off, pg.adj = s.g.Off, s.g.Adj // read only, like every atom graph
		return pg
	}
	pg.off = make([]int32, nu+1)
	if s.unitsBySite(ctx, unit, nu, stratum, pg) {
		if ctx.Err() != nil {
			return nil
		}
		return pg
	}
	return s.unitsByPractice(ctx, unit, nu, stratum, uoff, umem, pg)
}

// unitsByPractice fills pg.off and pg.adj in general: through each unit's
// practices, their sites and the sites' neighbours. It returns nil if ctx
// is cancelled.
func (s *sites) unitsByPractice(ctx context.Context, unit []int32, nu int, stratum, uoff, umem []int32, pg *pgraph) *pgraph {
	ns := s.g.N()
	// Distinct units per site, in order of first practice.
	soff := make([]int32, ns+1)
	sunits := make([]int32, 0, len(unit)) // at most one entry per practice
	last := make([]int32, nu)
	for i := range last {
		last[i] = -1
	}
	for v := range int32(ns) {
		if v&0xffff == 0xffff && ctx.Err() != nil {
			return nil // cancelled; the caller checks ctx
		}
		for _, p := range s.practices(v) {
			if u := unit[p]; last[u] != v {
				last[u] = v
				sunits = append(sunits, u)
			}
		}
		soff[v+1] = int32(len(sunits))
	}
	// Units sharing a site are adjacent. For sites with many units (a
	// heavy site split into its practices) a chain stands in for the
	// clique: contiguity in the chain implies contiguity by site, and the
	// graph stays linear in size.
	extra := map[int32][]int32{}
	for v := range ns {
		us := sunits[soff[v]:soff[v+1]]
		if len(us) <= cliqueMax {
			continue
		}
		for i := 1; i < len(us); i++ {
			a, b := us[i-1], us[i]
			extra[a] = append(extra[a], b)
			extra[b] = append(extra[b], a)
		}
	}
	adj, ok := csrInRanges(nu, workersUpTo(nu, s.workers), pg.off, func(lo, hi int, off []int32) ([]int32, bool) {
		return s.unitLists(ctx, unit, stratum, uoff, umem, soff, sunits, extra, lo, hi, off)
	})
	if !ok {
		return nil // cancelled; the caller checks ctx
	}
	pg.adj = adj
	return pg
}

// cliqueMax is the most units a site may hold for unitsByPractice to join
// them all pairwise; the units of a fuller site are joined in a chain.
const cliqueMax = 16

// unitLists returns the sorted neighbour lists of units lo..hi-1 end to end
// (for csrInRanges), setting off[a+1] to their length up to unit a: the other
// units of a's sites (a's neighbours in extra for a site with more than
// cliqueMax units) and the units of the sites next to them, within a's
// stratum. It returns false if ctx is cancelled.
func (s *sites) unitLists(ctx context.Context, unit, stratum, uoff, umem, soff, sunits []int32, extra map[int32][]int32, lo, hi int, off []int32) ([]int32, bool) {
	siteStamp := make([]int32, s.g.N())
	unitStamp := make([]int32, len(uoff)-1)
	for i := range siteStamp {
		siteStamp[i] = -1
	}
	for i := range unitStamp {
		unitStamp[i] = -1
	}
	adj := make([]int32, 0, 6*(hi-lo))
	add := func(a, b int32) {
		if b != a && unitStamp[b] != a && (stratum == nil || stratum[umem[uoff[b]]] == stratum[umem[uoff[a]]]) {
			unitStamp[b] = a
			adj = append(adj, b)
		}
	}
	for a := int32(lo); a < int32(hi); a++ {
		if a&0xfff == 0xfff && ctx.Err() != nil {
			return nil, false
		}
		start := len(adj)
		for _, p := range umem[uoff[a]:uoff[a+1]] {
			v := s.siteOf[p]
			if siteStamp[v] == a {
				continue
			}
			siteStamp[v] = a
			if soff[v+1]-soff[v] <= cliqueMax {
				for _, b := range sunits[soff[v]:soff[v+1]] {
					add(a, b)
				}
			} else {
				// a's neighbours in the chain of a full site (looked up
				// only here: a map read per unit costs more than the rest).
				for _, b := range extra[a] {
					add(a, b)
				}
			}
			for _, t := range s.g.Neighbors(int(v)) {
				for _, b := range sunits[soff[t]:soff[t+1]] {
					add(a, b)
				}
			}
		}
		slices.Sort(adj[start:])
		off[a+1] = int32(len(adj))
	}
	return adj, true
}

// labelIDs turns string labels into small ints by first appearance ("" is
// a label like any other here). nil in, nil out.
func labelIDs(labels []string) []int32 {
	if labels == nil {
		return nil
	}
	m := map[string]int32{}
	out := make([]int32, len(labels))
	for i, l := range labels {
		id, ok := m[l]
		if !ok {
			id = int32(len(m))
			m[l] = id
		}
		out[i] = id
	}
	return out
}

// unitsBySite fills pg.off and pg.adj when every site's practices lie in
// one unit (the levels above the first, or locked sets without shared
// sites): units are then adjacent exactly when two of their sites are, and
// the adjacency is gathered in two sequential passes over the site graph
// (count, then fill), each list sorted and its repeats dropped. It returns
// false, filling nothing, when some site holds practices of two units.
func (s *sites) unitsBySite(ctx context.Context, unit []int32, nu int, stratum []int32, pg *pgraph) bool {
	g := s.g
	ns := g.N()
	su := make([]int32, ns) // unit of each site, -1 for a site without practices
	for v := range int32(ns) {
		mem := s.practices(v)
		su[v] = -1
		if len(mem) == 0 {
			continue
		}
		u := unit[mem[0]]
		for _, p := range mem[1:] {
			if unit[p] != u {
				return false
			}
		}
		su[v] = u
	}
	apart := func(v, t int32) bool { // different strata
		return stratum != nil && stratum[s.mem[s.off[v]]] != stratum[s.mem[s.off[t]]]
	}
	off := make([]int32, nu+1)
	for v := range int32(ns) {
		a := su[v]
		if a < 0 {
			continue
		}
		for _, t := range g.Adj[g.Off[v]:g.Off[v+1]] {
			if b := su[t]; b >= 0 && b != a && !apart(v, t) {
				off[a+1]++
			}
		}
	}
	for a := range nu {
		off[a+1] += off[a]
	}
	adj := make([]int32, off[nu])
	fill := slices.Clone(off[:nu])
	for v := range int32(ns) {
		if v&0xffff == 0xffff && ctx.Err() != nil {
			return true // cancelled; the caller checks ctx
		}
		a := su[v]
		if a < 0 {
			continue
		}
		for _, t := range g.Adj[g.Off[v]:g.Off[v+1]] {
			if b := su[t]; b >= 0 && b != a && !apart(v, t) {
				adj[fill[a]] = b
				fill[a]++
			}
		}
	}
	// Sort each list and drop repeats, compacting in place.
	n := int32(0)
	for a := range nu {
		ls := adj[off[a]:off[a+1]]
		slices.Sort(ls)
		pg.off[a] = n
		for i, b := range ls {
			if i == 0 || b != ls[i-1] {
				adj[n] = b
				n++
			}
		}
	}
	pg.off[nu] = n
	pg.adj = adj[:n:n]
	return true
}
