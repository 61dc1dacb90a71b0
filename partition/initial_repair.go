package partition

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
)

// groupKind tells the repair which groups it may change.
type groupKind uint8

const (
	kindPart     groupKind = iota // (part of) an initial group: repairable
	kindOversize                  // one atom above the maximum (and remainders attached to it)
	kindStranded                  // a whole connected piece below the minimum
)

// rgroup is one group during the repair.
type rgroup struct {
	mem      []int32 // atoms, in no particular order
	w        int64
	kind     groupKind
	frozen   bool    // a valid initial group, untouched so far
	attached []int64 // kindOversize: weights of the remainders attached
	reason   string  // why it is still out of bounds, when it is
}

// undoRec is one logged move, with the frozen flags it cleared.
type undoRec struct {
	v, from, to      int32
	frozen1, frozen2 bool
}

// savepoint marks a point of the current plan to roll back to.
type savepoint struct{ log, groups int }

// repairer repairs an initial configuration by the fewest patients moved.
// Every change is a plan (a short sequence of single-atom moves and
// splits) tried on the live state, costed, and rolled back; the cheapest
// plan is then replayed. Plans are deterministic: every choice is broken
// by atom index, never by slice or map order.
type repairer struct {
	ctx    context.Context
	g      *pgraph
	b      bounds
	ia     []int32  // initial id per atom (-1 free)
	names  []string // initial labels by id
	p      levelParams
	lab    []int32 // group per atom, -1 unplaced
	gs     []*rgroup
	budget int64 // 0: none
	spent  int64
	notes  []string

	log       []undoRec
	ngroups0  int             // groups before the current plan
	before    map[int32]int64 // plan: moved weight of each touched group before it
	wasFrozen map[int32]bool
	// frozenLabel is the initial id of each kept group the plan touched
	frozenLabel map[int32]int32
	wasW        map[int32]int64 // plan: weight of each touched group before it
	acc         []int64         // per initial id, scratch of movedW
	accIDs      []int32
	mark        []int32 // per atom, BFS stamps
	markN       int32
	queue       []int32
	sp          *splitter
}

func newRepairer(ctx context.Context, ag *pgraph, b bounds, ia []int32, names []string, p levelParams, budget int64) *repairer {
	n := ag.n()
	r := &repairer{ctx: ctx, g: ag, b: b, ia: ia, p: p, lab: make([]int32, n), budget: budget,
		names: names, acc: make([]int64, len(names)), mark: make([]int32, n)}
	for i := range r.lab {
		r.lab[i] = -1
	}
	sem := make(chan struct{}, max(p.workers, 1))
	r.sp = newSplitter(ctx, ag, b, 2+2*max(p.effort, 1), sem)
	return r
}

// newGroup makes a group of unplaced atoms.
func (r *repairer) newGroup(k groupKind, atoms []int32) int32 {
	id := int32(len(r.gs))
	r.gs = append(r.gs, &rgroup{kind: k})
	for _, v := range atoms {
		r.place(v, id)
	}
	return id
}

// place puts an unplaced atom in a group (no log).
func (r *repairer) place(v, g int32) {
	r.lab[v] = g
	r.gs[g].mem = append(r.gs[g].mem, v)
	r.gs[g].w += r.g.w[v]
}

// begin starts a plan.
func (r *repairer) begin() {
	r.log = r.log[:0]
	r.ngroups0 = len(r.gs)
	r.before = map[int32]int64{}
	r.wasFrozen = map[int32]bool{}
	r.frozenLabel = map[int32]int32{}
	r.wasW = map[int32]int64{}
}

func (r *repairer) touch(g int32) {
	if _, ok := r.before[g]; !ok {
		r.before[g] = r.movedW(g, -1, -1)
		r.wasFrozen[g] = r.gs[g].frozen
		if r.gs[g].frozen {
			r.frozenLabel[g] = r.ia[r.gs[g].mem[0]]
		}
		r.wasW[g] = r.gs[g].w
	}
}

// move moves atom v to group to, logging it.
func (r *repairer) move(v, to int32) {
	from := r.lab[v]
	r.touch(from)
	r.touch(to)
	r.log = append(r.log, undoRec{v, from, to, r.gs[from].frozen, r.gs[to].frozen})
	r.shift(v, from, to)
	r.gs[from].frozen, r.gs[to].frozen = false, false
}

func (r *repairer) shift(v, from, to int32) {
	f := r.gs[from]
	i := slices.Index(f.mem, v)
	f.mem = slices.Delete(f.mem, i, i+1)
	f.w -= r.g.w[v]
	r.lab[v] = to
	r.gs[to].mem = append(r.gs[to].mem, v)
	r.gs[to].w += r.g.w[v]
}

// rollback undoes the current plan.
func (r *repairer) rollback() { r.rollbackTo(savepoint{0, r.ngroups0}) }

func (r *repairer) save() savepoint { return savepoint{len(r.log), len(r.gs)} }

// rollbackTo undoes the moves of the current plan made since sp.
func (r *repairer) rollbackTo(sp savepoint) {
	for i := len(r.log) - 1; i >= sp.log; i-- {
		u := r.log[i]
		r.shift(u.v, u.to, u.from)
		r.gs[u.from].frozen, r.gs[u.to].frozen = u.frozen1, u.frozen2
	}
	r.log = r.log[:sp.log]
	r.gs = r.gs[:sp.groups] // groups created since are empty again

}

// cost is the change in moved patients made by the current plan, and the
// number of kept initial groups it changed.
func (r *repairer) cost() (int64, int) {
	var c int64
	fr := 0
	for g, w := range r.before {
		if int(g) < len(r.gs) {
			c += r.movedW(g, -1, -1)
			if r.wasFrozen[g] && !r.gs[g].frozen {
				fr++
			}
		}
		c -= w
	}
	return c, fr
}

// movedW is the weight of a group's atoms (plus atom plus, minus atom
// minus; -1 for none) whose initial group is not the group's origin, the
// initial group supplying most of its weight (ties: lower id).
func (r *repairer) movedW(g, plus, minus int32) int64 {
	return r.movedOf(r.gs[g].mem, plus, minus)
}

// baseMoved returns movedW(g, -1, -1), cached for the groups around a
// while nothing moves.
func (r *repairer) baseMoved(a int32) func(int32) int64 {
	cache := map[int32]int64{}
	return func(g int32) int64 {
		w, ok := cache[g]
		if !ok {
			w = r.movedW(g, -1, -1)
			cache[g] = w
		}
		return w
	}
}

// connectedWithout reports whether group g minus atom v (-1: none) is
// connected (an empty remainder is not).
func (r *repairer) connectedWithout(g, v int32) bool {
	mem := r.gs[g].mem
	if len(mem) == 0 || len(mem) == 1 && mem[0] == v {
		return false
	}
	r.markN++
	if r.markN == math.MaxInt32 {
		clear(r.mark)
		r.markN = 1
	}
	start := mem[0]
	if start == v {
		start = mem[1]
	}
	r.mark[start] = r.markN
	q := append(r.queue[:0], start)
	for i := 0; i < len(q); i++ {
		u := q[i]
		for _, x := range r.g.adj[r.g.off[u]:r.g.off[u+1]] {
			if x != v && r.lab[x] == g && r.mark[x] != r.markN {
				r.mark[x] = r.markN
				q = append(q, x)
			}
		}
	}
	r.queue = q
	want := len(mem)
	if slices.Contains(mem, v) {
		want--
	}
	return len(q) == want
}

// neighbours lists the groups adjacent to group g, ascending.
func (r *repairer) neighbours(g int32) []int32 {
	var nb []int32
	for _, v := range r.gs[g].mem {
		for _, u := range r.g.adj[r.g.off[v]:r.g.off[v+1]] {
			if h := r.lab[u]; h != g && h >= 0 && !slices.Contains(nb, h) {
				nb = append(nb, h)
			}
		}
	}
	slices.Sort(nb)
	return nb
}

func (r *repairer) centroid(g int32) (float64, float64) {
	var sx, sy, sw float64
	for _, v := range r.gs[g].mem {
		w := float64(r.g.w[v]) + 1e-9
		sx += w * r.g.x[v]
		sy += w * r.g.y[v]
		sw += w
	}
	return sx / sw, sy / sw
}

func (r *repairer) sqDist(v int32, cx, cy float64) float64 {
	dx, dy := r.g.x[v]-cx, r.g.y[v]-cy
	return dx*dx + dy*dy
}

// describe names an atom in the planner's words.
func (r *repairer) describe(v int32) (string, bool) {
	if r.p.words.describe == nil {
		return fmt.Sprintf("practices at %s site %d", r.p.name, v), false
	}
	return r.p.words.describe(v)
}

// candidate is one single-atom move considered by a greedy plan.
type candidate struct {
	v, to  int32
	delta  int64 // change in moved weight
	w      int64
	dist   float64
	finish bool
}

// better orders candidates: finishing moves by least disruption, then the
// nearest; otherwise the least disruption per patient, the heaviest, the
// nearest; finally the lowest atom.
func (c candidate) better(d candidate) bool {
	if d.v < 0 {
		return true
	}
	if c.finish != d.finish {
		return c.finish
	}
	if c.finish {
		if c.delta != d.delta {
			return c.delta < d.delta
		}
	} else {
		// delta/w ascending, compared without division
		l, rr := float64(c.delta)*float64(max(d.w, 1)), float64(d.delta)*float64(max(c.w, 1))
		if l != rr {
			return l < rr
		}
		if c.w != d.w {
			return c.w > d.w
		}
	}
	if c.dist != d.dist {
		return c.dist < d.dist
	}
	if c.v != d.v {
		return c.v < d.v
	}
	return c.to < d.to
}

// open reports whether a plan may change group h.
func (r *repairer) open(h int32, allowFrozen bool) bool {
	return r.gs[h].kind == kindPart && (allowFrozen || !r.gs[h].frozen)
}

// chainDepth bounds how far a shortfall or an excess is passed on: a
// group that must give (or take) more than its neighbours can spare (or
// hold) may take from (or give to) a neighbour anyway, which then repairs
// itself the same way from its other neighbours, up to this many steps.
const chainDepth = 2

// chainTries is how many first steps of a chain are tried at each link.
const chainTries = 3

// absorb grows group a with boundary atoms of its neighbours until it
// weighs at least lo, never above hi. Donors within bounds stay within
// bounds and contiguous; donors above the maximum stay contiguous;
// undersize donors and groups in chain are left alone. When no donor can
// spare an atom, a donor is made to spare one and repairs its own
// shortfall in turn (depth links at most).
func (r *repairer) absorb(a int32, lo, hi int64, allowFrozen bool, depth int, chain []int32) bool {
	b := r.b
	for r.gs[a].w < lo {
		if r.ctx.Err() != nil {
			return false
		}
		need, room := lo-r.gs[a].w, hi-r.gs[a].w
		cx, cy := r.centroid(a)
		base := r.baseMoved(a)
		best := candidate{v: -1}
		var forced []candidate
		for _, v := range r.gs[a].mem {
			for _, u := range r.g.adj[r.g.off[v]:r.g.off[v+1]] {
				h := r.lab[u]
				wu := r.g.w[u]
				if h == a || h < 0 || !r.open(h, allowFrozen) || wu > room || slices.Contains(chain, h) {
					continue
				}
				hw := r.gs[h].w
				safe := true
				switch {
				case b.in(hw):
					safe = hw-wu >= b.min
				case hw > b.max:
				default:
					continue
				}
				if !safe && depth == 0 {
					continue
				}
				c := candidate{v: u, to: a, w: wu, finish: wu >= need, dist: r.sqDist(u, cx, cy)}
				c.delta = r.movedW(h, -1, u) + r.movedW(a, u, -1) - base(h) - base(a)
				if !safe {
					if !slices.ContainsFunc(forced, func(d candidate) bool { return d.v == u }) && r.connectedWithout(h, u) {
						forced = append(forced, c)
					}
					continue
				}
				if c.better(best) && r.connectedWithout(h, u) {
					best = c
				}
			}
		}
		if best.v >= 0 {
			r.move(best.v, a)
			continue
		}
		if !r.tryChain(forced, func(c candidate) bool {
			h := r.lab[c.v]
			r.move(c.v, a)
			return r.absorb(h, b.min, b.max, allowFrozen, depth-1, append(slices.Clone(chain), a))
		}) {
			return false
		}
	}
	return true
}

// shed gives boundary atoms of group a to neighbours with room until a
// weighs at most hi, keeping a contiguous and at least the minimum, never
// giving to groups in chain. When no neighbour has room, one is made to
// take an atom and sheds its own excess in turn (depth links at most).
func (r *repairer) shed(a int32, hi int64, allowFrozen bool, depth int, chain []int32) bool {
	b := r.b
	for r.gs[a].w > hi {
		if r.ctx.Err() != nil {
			return false
		}
		excess := r.gs[a].w - hi
		best := candidate{v: -1}
		base := r.baseMoved(a)
		var forced []candidate
		for _, v := range r.gs[a].mem {
			wv := r.g.w[v]
			if r.gs[a].w-wv < b.min {
				continue
			}
			for _, u := range r.g.adj[r.g.off[v]:r.g.off[v+1]] {
				h := r.lab[u]
				if h == a || h < 0 || !r.open(h, allowFrozen) || slices.Contains(chain, h) {
					continue
				}
				safe := r.gs[h].w+wv <= b.max
				if !safe && (depth == 0 || r.gs[h].w > b.max) {
					continue
				}
				cx, cy := r.centroid(h)
				c := candidate{v: v, to: h, w: wv, finish: wv >= excess, dist: r.sqDist(v, cx, cy)}
				c.delta = r.movedW(a, -1, v) + r.movedW(h, v, -1) - base(a) - base(h)
				if !safe {
					if r.connectedWithout(a, v) {
						forced = append(forced, c)
					}
					continue
				}
				if c.better(best) && r.connectedWithout(a, v) {
					best = c
				}
			}
		}
		if best.v >= 0 {
			r.move(best.v, best.to)
			continue
		}
		if !r.tryChain(forced, func(c candidate) bool {
			r.move(c.v, c.to)
			return r.shed(c.to, b.max, allowFrozen, depth-1, append(slices.Clone(chain), a))
		}) {
			return false
		}
	}
	return true
}

// tryChain tries the forced moves best first, at most chainTries of them:
// step applies one and repairs the group it pushed out of bounds, and is
// undone when that repair fails. It reports whether a step succeeded.
func (r *repairer) tryChain(forced []candidate, step func(c candidate) bool) bool {
	slices.SortFunc(forced, func(c, d candidate) int {
		if c.better(d) {
			return -1
		}
		return 1
	})
	for _, c := range forced[:min(len(forced), chainTries)] {
		sp := r.save()
		if step(c) {
			return true
		}
		r.rollbackTo(sp)
	}
	return false
}

// mergeInto moves every atom of a into h.
func (r *repairer) mergeInto(a, h int32) {
	mem := slices.Clone(r.gs[a].mem)
	slices.Sort(mem)
	for _, v := range mem {
		r.move(v, h)
	}
}

// splitGroup splits group g (contiguous) into valid groups with the
// range-aware bisection, trying the feasible counts nearest the target.
// The part holding g's smallest atom keeps g's id. It reports success.
func (r *repairer) splitGroup(g int32, seed uint64) bool {
	b := r.b
	vs := slices.Clone(r.gs[g].mem)
	slices.Sort(vs)
	W := r.gs[g].w
	lo, hi := b.kRange(W, len(vs))
	if lo > hi || W < b.min {
		return false
	}
	k0 := min(max(int(math.Round(float64(W)/r.p.target)), lo), hi)
	var ks []int
	for d := 0; len(ks) < 4 && (k0-d >= lo || k0+d <= hi); d++ {
		if k0+d <= hi {
			ks = append(ks, k0+d)
		}
		if d > 0 && k0-d >= lo {
			ks = append(ks, k0-d)
		}
	}
	in := func(u int32) bool { return r.lab[u] == g }
	for try, k := range ks {
		if k == 1 {
			if b.in(W) {
				return true
			}
			continue
		}
		order := slices.Clone(vs)
		r.sp.splitAll(order, k, mix(seed, uint64(try)), in)
		if r.ctx.Err() != nil {
			return false
		}
		leafW := map[int32]int64{}
		for _, v := range vs {
			leafW[r.sp.out[v]] += r.g.w[v]
		}
		ok := true
		for _, w := range leafW {
			if !b.in(w) {
				ok = false
			}
		}
		if !ok {
			continue
		}
		out := make([]int32, len(vs))
		for i, v := range vs {
			out[i] = r.sp.out[v]
		}
		ids := map[int32]int32{out[0]: g}
		for i, v := range vs {
			l := out[i]
			id, seen := ids[l]
			if !seen {
				id = int32(len(r.gs))
				r.gs = append(r.gs, &rgroup{kind: kindPart})
				ids[l] = id
			}
			if id != g {
				r.move(v, id)
			}
		}
		return true
	}
	return false
}

// plan is one way to repair a group.
type plan struct {
	name string
	tier int // plans of a later tier are tried only when no earlier one works
	run  func() bool
}

// fix repairs the out-of-bounds group a by the cheapest plan that makes
// every group it touches valid, preferring plans that leave kept initial
// groups alone, within the budget. It reports whether anything changed.
func (r *repairer) fix(a int32) bool {
	b := r.b
	W := r.gs[a].w
	seed := mix(r.p.seed, uint64(slices.Min(r.gs[a].mem))<<8)
	var plans []plan
	nb := r.neighbours(a)
	for _, allowFrozen := range []bool{false, true} {
		plans = plans[:0]
		if W < b.min {
			for _, h := range nb {
				// the second pass tries only what the first could not
				if r.open(h, allowFrozen) && W+r.gs[h].w <= b.max && (!allowFrozen || r.gs[h].frozen) {
					plans = append(plans, plan{"merge", 0, func() bool { r.mergeInto(a, h); return b.in(r.gs[h].w) }})
				}
			}
			plans = append(plans, plan{"absorb", 0, func() bool { return r.absorb(a, b.min, b.max, allowFrozen, chainDepth, nil) }})
			for _, h := range nb {
				if r.open(h, allowFrozen) && W+r.gs[h].w > b.max {
					plans = append(plans, plan{"merge and shed", 0, func() bool {
						r.mergeInto(a, h)
						return r.shed(h, b.max, allowFrozen, chainDepth, nil)
					}})
				}
			}
		} else {
			if !allowFrozen {
				plans = append(plans, plan{"split", 0, func() bool { return r.splitGroup(a, seed) }})
			}
			plans = append(plans, plan{"shed", 0, func() bool { return r.shed(a, b.max, allowFrozen, chainDepth, nil) }})
			k := int((W + b.max - 1) / b.max)
			if b.max < math.MaxInt64 && int64(k)*b.min > W {
				plans = append(plans, plan{"absorb and split", 0, func() bool {
					return r.absorb(a, int64(k)*b.min, int64(k)*b.max, allowFrozen, chainDepth, nil) && r.splitGroup(a, seed)
				}})
			}
		}
		// Merge with one neighbour, then all of them, then those within
		// two steps, and split the union.
		var sets [][]int32
		var open []int32
		for _, h := range nb {
			if r.open(h, allowFrozen) {
				sets = append(sets, []int32{h})
				open = append(open, h)
			}
		}
		if len(open) > 1 {
			sets = append(sets, open)
		}
		ring := slices.Clone(open)
		for _, h := range open {
			for _, x := range r.neighbours(h) {
				if x != a && r.open(x, allowFrozen) && !slices.Contains(ring, x) {
					ring = append(ring, x)
				}
			}
		}
		if len(ring) > len(open) {
			sets = append(sets, ring)
		}
		// Merging with one neighbour competes with the local plans for a
		// group above the maximum (whose own split may fail for its shape)
		// and comes after them below the minimum; merging with several
		// comes last.
		single := 0
		if W < b.min {
			single = 1
		}
		for i, set := range sets {
			if allowFrozen && !slices.ContainsFunc(set, func(h int32) bool { return r.gs[h].frozen }) {
				continue // tried in the first pass
			}
			tier := single
			if len(set) > 1 {
				tier = 2
			}
			plans = append(plans, plan{"merge and split", tier, func() bool {
				for _, h := range set {
					r.mergeInto(h, a)
				}
				return r.splitGroup(a, mix(seed, uint64(i+1)))
			}})
		}
		best, bestCost, bestFrozen, overBudget := -1, int64(0), 0, false
		for i, pl := range plans {
			if i > 0 && pl.tier > plans[i-1].tier && best >= 0 {
				break
			}
			r.begin()
			ok := pl.run()
			c, fr := r.cost()
			ok = ok && r.touchedValid(a)
			r.rollback()
			if r.ctx.Err() != nil {
				return false
			}
			if !ok || fr > 0 && !allowFrozen {
				continue
			}
			if r.budget > 0 && r.spent+c > r.budget {
				overBudget = true
				continue
			}
			if best < 0 || fr < bestFrozen || fr == bestFrozen && c < bestCost {
				best, bestCost, bestFrozen = i, c, fr
			}
		}
		if best >= 0 {
			who := r.origin(a)
			r.begin()
			plans[best].run()
			c, _ := r.cost()
			r.spent += c
			if bestFrozen > 0 {
				r.noteKeptChanged(who)
			}
			return true
		}
		if overBudget {
			r.gs[a].reason = fmt.Sprintf("repairing it would exceed the budget of %s patients moved (%s moved so far)", num(r.budget), num(r.spent))
			return false
		}
	}
	return false
}

// origin is the initial id supplying most of group g's weight (ties: the
// lower id), -1 when none of its atoms has one.
func (r *repairer) origin(g int32) int32 {
	best, bw := int32(-1), int64(-1)
	r.accIDs = r.accIDs[:0]
	for _, v := range r.gs[g].mem {
		if l := r.ia[v]; l >= 0 {
			if r.acc[l] == 0 {
				r.accIDs = append(r.accIDs, l)
			}
			r.acc[l] += r.g.w[v] + 1 // +1: weightless atoms count
		}
	}
	for _, l := range r.accIDs {
		if w := r.acc[l]; w > bw || w == bw && l < best {
			best, bw = l, w
		}
		r.acc[l] = 0
	}
	return best
}

// noteKeptChanged records the kept initial groups the plan just applied
// changed, and for which group: a valid initial group changes only when no
// plan repairing a neighbour without it was found.
func (r *repairer) noteKeptChanged(who int32) {
	var kept []string
	for g, was := range r.wasFrozen {
		if was && int(g) < len(r.gs) && !r.gs[g].frozen {
			kept = append(kept, r.names[r.frozenLabel[g]])
		}
	}
	slices.Sort(kept)
	name := "free practices"
	if who >= 0 {
		name = "initial group " + r.names[who]
	}
	r.notes = append(r.notes, fmt.Sprintf("%s: valid initial group %s changed to repair %s (no repair leaving it alone was found)", r.p.name, strings.Join(kept, ", "), name))
}

// touchedValid reports whether the current plan left group a within
// bounds and every other group it touched empty, or contiguous and within
// bounds, or (if it was out of bounds before) no further out of bounds.
func (r *repairer) touchedValid(a int32) bool {
	for g := range r.before {
		if int(g) >= len(r.gs) {
			continue
		}
		gr := r.gs[g]
		if len(gr.mem) == 0 || gr.kind != kindPart {
			continue
		}
		if !r.connectedWithout(g, -1) {
			return false
		}
		if r.b.in(gr.w) {
			continue
		}
		if g == a || r.b.in(r.wasW[g]) || r.violation(gr.w) > r.violation(r.wasW[g]) {
			return false
		}
	}
	return true
}

// violation is how far a weight lies outside the bounds.
func (r *repairer) violation(w int64) int64 {
	return max(0, r.b.min-w, w-r.b.max)
}

// repairAll fixes out-of-bounds groups, those above the maximum first,
// in rounds until a round changes nothing.
func (r *repairer) repairAll() {
	for round := 0; round < 4; round++ {
		var bad []int32
		for g, gr := range r.gs {
			if gr.kind == kindPart && len(gr.mem) > 0 && gr.w > r.b.max {
				bad = append(bad, int32(g))
			}
		}
		for g, gr := range r.gs {
			if gr.kind == kindPart && len(gr.mem) > 0 && gr.w < r.b.min {
				bad = append(bad, int32(g))
			}
		}
		changed := false
		for _, g := range bad {
			if r.ctx.Err() != nil {
				return
			}
			if gr := r.gs[g]; len(gr.mem) > 0 && !r.b.in(gr.w) && r.fix(g) {
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// improve moves single atoms back towards their initial group: an atom
// goes to a neighbouring group when that lowers the patients moved and
// keeps both groups contiguous and within bounds, touching no kept initial
// group, within the budget. Rounds run until one changes nothing.
func (r *repairer) improve() {
	b := r.b
	for round := 0; round < 4; round++ {
		changed := 0
		for v := range int32(r.g.n()) {
			if r.ctx.Err() != nil {
				return
			}
			a := r.lab[v]
			if r.ia[v] < 0 || !r.open(a, false) {
				continue
			}
			w := r.g.w[v]
			if r.gs[a].w-w < b.min || !b.in(r.gs[a].w) {
				continue
			}
			base := r.baseMoved(a)
			best, bestDelta := int32(-1), int64(0)
			for _, u := range r.g.adj[r.g.off[v]:r.g.off[v+1]] {
				h := r.lab[u]
				if h == a || h == best || !r.open(h, false) || r.gs[h].w+w > b.max || !b.in(r.gs[h].w) {
					continue
				}
				d := r.movedW(a, -1, v) + r.movedW(h, v, -1) - base(a) - base(h)
				if d < bestDelta || d == bestDelta && best >= 0 && h < best && d < 0 {
					best, bestDelta = h, d
				}
			}
			if best < 0 || bestDelta >= 0 || !r.connectedWithout(a, v) {
				continue
			}
			if r.budget > 0 && r.spent+bestDelta > r.budget {
				continue
			}
			r.begin()
			r.move(v, best)
			r.spent += bestDelta
			changed++
		}
		if changed == 0 {
			return
		}
	}
}

// result numbers the groups canonically (by smallest atom) and gives each
// its status.
func (r *repairer) result() *levelOut {
	n := r.g.n()
	b := r.b
	out := &levelOut{lab: make([]int32, n), notes: r.notes}
	remap := make([]int32, len(r.gs))
	for i := range remap {
		remap[i] = -1
	}
	next := int32(0)
	for v := range n {
		g := r.lab[v]
		if remap[g] < 0 {
			remap[g] = next
			next++
		}
		out.lab[v] = remap[g]
	}
	out.ngroups = int(next)
	out.status = make([]Status, next)
	out.reason = make([]string, next)
	// pieces of non-oversize atoms, for the reasons
	pieceW := make([]int64, n)
	for _, pc := range atomComponents(r.g, func(v int32) bool { return r.g.w[v] <= b.max }, nil) {
		W := pieceWeight(r.g, pc)
		for _, v := range pc {
			pieceW[v] = W
		}
	}
	words := r.p.words
	for g, gr := range r.gs {
		id := remap[g]
		if id < 0 {
			continue
		}
		np := 0
		if words.practices != nil {
			for _, v := range gr.mem {
				np += int(words.practices[v])
			}
		}
		st, rs := StatusOK, ""
		switch {
		case gr.kind == kindOversize:
			var v int32 = -1
			for _, u := range gr.mem {
				if r.g.w[u] > b.max {
					v = u
				}
			}
			name, many := r.describe(v)
			st, rs = StatusOversize, fmt.Sprintf("%s %s %s patients, above the %s maximum %s", name, pick(one(many), "has", "have"), num(r.g.w[v]), r.p.name, num(b.max))
			for _, w := range gr.attached {
				rs += fmt.Sprintf("; practices with %s patients, cut off by %s and below the minimum %s, were added", num(w), pick(one(many), "it", "them"), num(b.min))
			}
		case b.in(gr.w):
		case gr.kind == kindStranded:
			st, rs = StatusUndersize, cutOff(np, gr.w, r.p.name, b.min)
		default:
			W := pieceW[gr.mem[0]]
			lo, hi := b.kRange(W, n)
			switch {
			case lo > hi:
				st, rs = StatusUnsplittable, fmt.Sprintf("%s patients: the practices connected to it have %s patients, which no number of %s of %s can share", num(gr.w), num(W), plural(r.p.name), span(b))
			case gr.reason != "":
				st, rs = StatusOutOfBounds, fmt.Sprintf("%s patients, outside %s: %s", num(gr.w), span(b), gr.reason)
			default:
				st, rs = StatusOutOfBounds, fmt.Sprintf("%s patients, outside %s: no repair of its initial group within bounds and contiguous was found", num(gr.w), span(b))
			}
		}
		out.status[id], out.reason[id] = st, rs
	}
	return out
}
