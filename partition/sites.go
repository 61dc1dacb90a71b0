package partition

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hubpart/hubpart/input"
)

// ErrHubSites is wrapped by a *HubSiteError.
var ErrHubSites = errors.New("partition: fixed hub sites cannot be honoured")

// HubSiteError lists the fixed hub sites (WithHubSites) that no plan can
// honour: fixed sites locked together (WithLocked), which must share a
// hub. Each problem names its practices; Error shows the first five.
type HubSiteError struct {
	Problems []string
}

func (e *HubSiteError) Error() string {
	const show = 5
	if len(e.Problems) <= show {
		return fmt.Sprintf("partition: fixed hub sites: %s", strings.Join(e.Problems, "; "))
	}
	return fmt.Sprintf("partition: fixed hub sites: %s; and %d more", strings.Join(e.Problems[:show], "; "), len(e.Problems)-show)
}

// Unwrap returns ErrHubSites.
func (e *HubSiteError) Unwrap() error { return ErrHubSites }

// WithHubSites marks practices (fixed[p] true) that must each be the hub
// site of their own hub: every marked practice is in a different hub, and
// is that hub's site (Group.HubSite), the hub's distances (MeanKm, MaxKm,
// Quality) being measured to it. Hubs with no marked practice keep the
// weighted medoid. The search never moves a marked practice out of its hub
// and never puts two in one; a connected set of practices with more marked
// practices than it has room for hubs gets one hub per marked practice,
// out of bounds and explained in Result.Notes. Marked practices sharing a
// site are split into atoms of their own (the site's other practices go
// with the first), so each can host a hub; marked practices locked
// together (WithLocked) cannot be separated: Run returns a *HubSiteError
// naming them. Areas keep the medoid. A nil slice means
// none. See the package documentation (Fixed hub sites).
func WithHubSites(fixed []bool) Option { return func(o *options) { o.hubSites = fixed } }

// checkConstraints checks the planner constraints' slices against the
// practices and levels (alignment, fixed hub sites).
func (o *options) checkConstraints(np, nlevels int) error {
	if o.hubSites != nil && len(o.hubSites) != np {
		return fmt.Errorf("%w: %d hub-site flags for %d practices", ErrMismatch, len(o.hubSites), np)
	}
	return o.checkAlign(np, nlevels)
}

// secondFixed reports whether practice p is a fixed hub site while the
// atom being made already holds one (*has), and records p's flag: fixed
// hub sites sharing a site each start an atom of their own (the site's
// other practices go with the first), so that each can host a hub.
func secondFixed(fixed []bool, p int32, has *bool) bool {
	if fixed == nil || !fixed[p] {
		return false
	}
	if *has {
		return true
	}
	*has = true
	return false
}

// hubSiteUnits marks the level-0 units holding a fixed hub site, or
// returns a *HubSiteError for units holding two or more.
func hubSiteUnits(ps []input.Practice, u units, fixed []bool, locked []string) ([]bool, error) {
	if fixed == nil {
		return nil, nil
	}
	pin := make([]bool, u.n)
	by := make([][]int, u.n)
	for p, f := range fixed {
		if f {
			a := u.of[p]
			pin[a] = true
			by[a] = append(by[a], p)
		}
	}
	var problems []string
	for _, f := range by {
		if len(f) < 2 {
			continue
		}
		codes := make([]string, len(f))
		for i, p := range f {
			codes[i] = ps[p].Code
		}
		lock := ""
		if locked != nil {
			lock = fmt.Sprintf(" (%q)", locked[f[0]])
		}
		problems = append(problems, fmt.Sprintf("practices %s are fixed hub sites but locked together%s, so they cannot be in different hubs", listCodes(codes), lock))
	}
	if problems != nil {
		return nil, &HubSiteError{problems}
	}
	return pin, nil
}

// pinCount counts the pinned atoms of vs.
func (s *splitter) pinCount(vs []int32) int {
	if s.g.pin == nil {
		return 0
	}
	n := 0
	for _, v := range vs {
		if s.g.pin[v] {
			n++
		}
	}
	return n
}

// pinSubtrees fills s.sf with the pinned atoms of every subtree of the
// current tree over order (parents first) and returns their total; 0
// without pins.
func (s *splitter) pinSubtrees(order []int32) int {
	pin := s.g.pin
	if pin == nil {
		return 0
	}
	if s.sf == nil {
		s.sf = make([]int32, s.g.n())
	}
	par := s.ts.parent
	for _, v := range order {
		s.sf[v] = 0
		if pin[v] {
			s.sf[v] = 1
		}
	}
	for i := len(order) - 1; i > 0; i-- {
		v := order[i]
		s.sf[par[v]] += s.sf[v]
	}
	return int(s.sf[order[0]])
}

// pinTries bounds the fresh trees drawn for a cut of order (weight W)
// into k groups: when the fixed hub sites force more groups than the
// weight allows (so some group will be out of bounds whatever the tree),
// the sites decide the cut far more than the tree does, and one more tree
// is enough.
func (s *splitter) pinTries(order []int32, k int, W int64, tries int) int {
	if s.g.pin == nil {
		return tries
	}
	if _, hi := s.b.kRange(W, len(order)); k <= hi || s.pinCount(order) < k {
		return tries
	}
	return min(tries, 1)
}

// pinsFit reports whether cutting above v into k1 and k2 groups leaves at
// most one pinned atom per group on each side (F pinned atoms in all).
func (s *splitter) pinsFit(v int32, F, k1, k2 int) bool {
	if F == 0 {
		return true
	}
	fa := int(s.sf[v])
	return fa <= k1 && F-fa <= k2
}

// pinCut repairs the group counts of a fallback cut (tiers 3 and 4) so that
// each side has a group per pinned atom; a cut that cannot is ranked below
// every other (tier 6). With F <= k pinned atoms some tree edge always
// fits: any edge on the path between two of them.
func (s *splitter) pinCut(c *cut, F, k int, W1, W2 int64) {
	if F == 0 || c.v < 0 || s.pinsFit(c.v, F, c.k1, c.k2) {
		return
	}
	fa := int(s.sf[c.v])
	lo, hi := max(fa, 1), k-max(F-fa, 1)
	if lo > hi {
		c.tier, c.score = 6, 0
		return
	}
	c.k1 = min(max(c.k1, lo), hi)
	c.k2 = k - c.k1
	c.tier = 4
	c.score = -(dist(W1, c.k1, s.b) + dist(W2, c.k2, s.b))
}

// pinned reports whether atom v is a fixed hub site.
func (r *refiner) pinned(v int32) bool { return r.g.pin != nil && r.g.pin[v] }

// initPins records the fixed hub site of every group of r.
func (r *refiner) initPins() {
	if r.g.pin == nil {
		return
	}
	r.site = make([]int32, len(r.gw))
	for i := range r.site {
		r.site[i] = -1
	}
	for v, a := range r.lab {
		if r.g.pin[v] {
			r.site[a] = int32(v)
		}
	}
}

// movePin keeps r.site when atom v moves from one group to another.
func (r *refiner) movePin(v, from, to int32) {
	if r.site != nil && r.g.pin[v] {
		r.site[from], r.site[to] = -1, v
	}
}

// pinCorrection turns the inertia change of moving atom v from group a to
// group h into the change of Σ w·|p − s|² for a group with a fixed hub
// site s: such a group is judged about its site, not its centroid.
func (r *refiner) pinCorrection(v, a, h int32) float64 {
	if r.site == nil {
		return 0
	}
	g := r.g
	w, x, y := g.w[v], g.x[v], g.y[v]
	var d float64
	if s := r.site[a]; s >= 0 {
		dx, dy := x-g.x[s], y-g.y[s]
		d += -float64(w)*(dx*dx+dy*dy) - leaveCost(w, x, y, r.gw[a], r.gx[a], r.gy[a])
	}
	if s := r.site[h]; s >= 0 {
		dx, dy := x-g.x[s], y-g.y[s]
		d += float64(w)*(dx*dx+dy*dy) - joinCost(w, x, y, r.gw[h], r.gx[h], r.gy[h])
	}
	return d
}

// pinIn returns the fixed hub site among members (without skip, with
// extra), or -1.
func (r *refiner) pinIn(members []int32, extra, skip int32) int32 {
	if r.g.pin == nil {
		return -1
	}
	if extra >= 0 && r.g.pin[extra] {
		return extra
	}
	for _, v := range members {
		if v != skip && r.g.pin[v] {
			return v
		}
	}
	return -1
}

// bothPinned reports whether groups a and b (their atoms) each hold a
// fixed hub site, so that re-cutting their union could join the two.
func (r *refiner) bothPinned(a, b []int32) bool {
	if r.g.pin == nil {
		return false
	}
	return slices.ContainsFunc(a, r.pinned) && slices.ContainsFunc(b, r.pinned)
}

// pinK raises the group count of every piece to its number of fixed hub
// sites, and keeps a piece with a fixed site from joining an oversize atom
// that is one too. A piece too light for a hub per fixed site is noted,
// per site, and not repaired (no repair can put every hub in bounds); its
// atoms are marked in the returned slice (nil when there is none).
func pinK(ag *pgraph, pieces []*piece, p levelParams, notes *[]string) (crowded []bool) {
	if ag.pin == nil {
		return nil
	}
	for _, pc := range pieces {
		var sites []int32
		for _, u := range pc.atoms {
			if ag.pin[u] {
				sites = append(sites, u)
			}
		}
		if len(sites) == 0 {
			continue
		}
		if pc.attachTo >= 0 && ag.pin[pc.attachTo] {
			pc.attachTo = -1
		}
		if len(sites) <= pc.k {
			continue
		}
		_, hi := p.b.kRange(pc.W, len(pc.atoms))
		if pc.W < p.b.min {
			hi = 0
		}
		pc.k = len(sites)
		if pc.k <= hi {
			continue // room for a hub per fixed site
		}
		pc.feasible = false
		if crowded == nil {
			crowded = make([]bool, ag.n())
		}
		for _, u := range pc.atoms {
			crowded[u] = true
		}
		names := make([]string, len(sites))
		for i, u := range sites {
			names[i] = siteName(p, u)
		}
		*notes = append(*notes, fmt.Sprintf("fixed hub sites %s: the practices connected to them have %s patients, room for at most %s of %s; each fixed site got a %s of its own, out of bounds",
			listCodes(names), num(pc.W), count(max(hi, 0), p.name), span(p.b), p.name))
	}
	return crowded
}

// pinNotes explains, per fixed hub site, every group out of bounds that
// holds one (lab, status and reason as labelGroups made them), and gives
// the groups of crowded pieces (pinK) their true reason: too many fixed
// sites for the patients, not an unsplittable weight.
func pinNotes(ag *pgraph, lab []int32, status []Status, reason []string, crowded []bool, p levelParams, notes *[]string) {
	if ag.pin == nil {
		return
	}
	gw := make([]int64, len(status))
	for v, g := range lab {
		gw[g] += ag.w[v]
	}
	for v, g := range lab {
		if crowded != nil && crowded[v] && status[g] != StatusOK && status[g] != StatusOversize {
			status[g] = StatusOutOfBounds
			reason[g] = fmt.Sprintf("%s patients: its practices are connected to more fixed hub sites than there is room for %s of %s", num(gw[g]), plural(p.name), span(p.b))
		}
	}
	for v, g := range lab {
		if ag.pin[v] && status[g] != StatusOK && status[g] != StatusOversize { // oversize: its own reason
			*notes = append(*notes, fmt.Sprintf("fixed hub site %s: its %s has %s patients, out of %s", siteName(p, int32(v)), p.name, num(gw[g]), span(p.b)))
		}
	}
}

// siteName names the practices of a level-0 atom holding a fixed hub site
// by code ("E85124", "A and B (locked together)").
func siteName(p levelParams, atom int32) string {
	name, _ := p.words.describe(atom)
	name = strings.TrimPrefix(name, "practices ")
	return strings.TrimPrefix(name, "practice ")
}

// fixedHubSite returns the fixed hub site among members, or -1.
func (s *sites) fixedHubSite(members []int) int {
	if s.fixed == nil {
		return -1
	}
	for _, p := range members {
		if s.fixed[p] {
			return p
		}
	}
	return -1
}

// checkHubSites verifies the promise of WithHubSites on a level's groups:
// every fixed practice is the hub site of its group, no two share one.
func checkHubSites(ps []input.Practice, fixed []bool, assign []int32, groups []Group) error {
	var problems []string
	for p, f := range fixed {
		if !f {
			continue
		}
		g := &groups[assign[p]]
		if g.HubSite != p {
			problems = append(problems, fmt.Sprintf("fixed hub site %s: hub %d has hub site %s", ps[p].Code, g.ID, ps[g.HubSite].Code))
		}
	}
	if problems != nil {
		return fmt.Errorf("%w: %s", ErrInvalid, strings.Join(problems, "; "))
	}
	return nil
}

// separatePins makes sure no group of out (a level solved without the pin
// constraints, e.g. from an initial configuration) holds two fixed hub
// sites: such a group is re-split, alone or with its neighbours (as the
// repair does), into groups each with at most one; the first union whose
// re-split puts every part within bounds is kept, and failing that the
// group alone is split into one group per fixed site, out of bounds and
// explained. Statuses of the changed groups are updated.
func separatePins(ctx context.Context, ag *pgraph, out *levelOut, p levelParams) {
	if ag.pin == nil {
		return
	}
	l := newLabelling(slices.Clone(out.lab), out.ngroups)
	l.members()
	var crowded []int32
	for a, mem := range l.mem {
		n := 0
		for _, v := range mem {
			if ag.pin[v] {
				n++
			}
		}
		if n >= 2 {
			crowded = append(crowded, int32(a))
		}
	}
	if len(crowded) == 0 {
		return
	}
	if ag.ll == nil {
		ag.setLogLengths()
	}
	s := &pieceSolver{ctx: ctx, g: ag, p: p, feasible: true}
	s.sp = newSplitter(ctx, ag, p.b, 4+4*s.effort(), nil)
	changed := map[int32]bool{}
	forced := map[int32]bool{}
	for _, a := range crowded {
		if ctx.Err() != nil {
			return
		}
		before := l.ng
		done := false
		for ci, set := range append([][]int32{{a}}, s.repairSets(l, a)...) {
			if s.resplit(l, set, mix(p.seed, uint64(a)<<20|uint64(ci))) {
				for _, g := range set {
					changed[g] = true
				}
				done = true
				break
			}
		}
		if !done {
			s.forceSplit(l, a)
			changed[a] = true
			forced[a] = true
		}
		for g := before; g < l.ng; g++ {
			changed[int32(g)] = true
			forced[int32(g)] = forced[a]
		}
	}
	gw := make([]int64, l.ng)
	for v, g := range l.lab {
		gw[g] += ag.w[v]
	}
	status := slices.Grow(slices.Clone(out.status), l.ng-out.ngroups)[:l.ng]
	reason := slices.Grow(slices.Clone(out.reason), l.ng-out.ngroups)[:l.ng]
	for g := range int32(l.ng) {
		if !changed[g] {
			continue
		}
		status[g], reason[g] = StatusOK, ""
		if !p.b.in(gw[g]) {
			status[g] = StatusOutOfBounds
			reason[g] = fmt.Sprintf("%s patients: fixed hub sites had to be put in different %s, and no split within %s keeps them apart", num(gw[g]), plural(p.name), span(p.b))
		}
	}
	pinNotes(ag, l.lab, status, reason, nil, p, &out.notes)
	out.setCanonical(l.lab, status, reason)
}

// forceSplit splits group a into one group per fixed hub site, whatever
// the bounds.
func (s *pieceSolver) forceSplit(l *labelling, a int32) {
	vs := slices.Clone(l.mem[a])
	in := func(u int32) bool { return l.lab[u] == a }
	s.sp.splitAll(vs, s.sp.pinCount(vs), mix(s.p.seed, uint64(a)), in)
	if s.ctx.Err() != nil {
		return
	}
	ids := map[int32]int32{}
	slices.Sort(vs)
	l.mem[a] = nil
	for _, v := range vs {
		leaf := s.sp.out[v]
		id, ok := ids[leaf]
		if !ok {
			id = a
			if len(ids) > 0 {
				id = l.newGroup()
			}
			ids[leaf] = id
		}
		l.lab[v] = id
		l.mem[id] = append(l.mem[id], v)
	}
}
