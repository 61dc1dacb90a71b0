package partition

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/disjoint"
)

// DefaultAlignWeight is the crossing weight of WithAlign used when the
// weight given is negative: on England with CCGs it puts 97.9% of hubs
// inside one CCG for 0.1% more distance (see the package documentation).
const DefaultAlignWeight = 3.0

// alignSpec is one level's soft alignment: a value per practice and the
// weight of crossing.
type alignSpec struct {
	level  int
	labels []string
	weight float64
}

// WithAlign asks hubs (level 0) to lie inside the values of labels (one per
// practice, for example a CCG or local-authority code; "" is a value like
// any other) where they can: groups prefer not to cross values, but do when
// the bounds or contiguity need it, or when compactness gains more than the
// weight says. weight 0 only measures coterminosity (Result.Coterminosity);
// a negative weight means DefaultAlignWeight.
//
// The weight prices a crossing against compactness. After the level is
// solved inside its values, atoms may move to a neighbouring group of
// another value; a move that takes an atom of w patients out of its group's
// home value must shorten the patient-weighted distance to the hub sites by
// more than weight × w × s, s being the level's mean distance from a
// practice to its hub site (for groups of many atoms, where the local
// search works on squared distances, weight × w × s² with s² the mean
// squared distance to the group centre). At the default, 3, a crossing must
// save each patient moved three typical distances; math.Inf(1) forbids
// every crossing that bounds and contiguity do not force. See the package
// documentation (Alignment).
func WithAlign(labels []string, weight float64) Option {
	return WithAlignAt(0, labels, weight)
}

// WithAlignAt is WithAlign for any level: 1 aligns areas. A level given
// twice keeps the last.
func WithAlignAt(level int, labels []string, weight float64) Option {
	return func(o *options) {
		if weight < 0 || math.IsNaN(weight) {
			weight = DefaultAlignWeight
		}
		o.align = slices.DeleteFunc(o.align, func(a alignSpec) bool { return a.level == level })
		o.align = append(o.align, alignSpec{level, labels, weight})
	}
}

// alignAt returns the alignment of level l, or nil.
func (o *options) alignAt(l int) *alignSpec {
	for i := range o.align {
		if o.align[i].level == l {
			return &o.align[i]
		}
	}
	return nil
}

// checkAlign reports an alignment whose labels do not match the practices
// or whose level does not exist.
func (o *options) checkAlign(np, nlevels int) error {
	for _, a := range o.align {
		if a.level < 0 || a.level >= nlevels {
			return fmt.Errorf("%w: alignment for level %d of %d", ErrMismatch, a.level, nlevels)
		}
		if len(a.labels) != np {
			return fmt.Errorf("%w: %d alignment labels for %d practices", ErrMismatch, len(a.labels), np)
		}
	}
	return nil
}

// maxAlignRounds bounds the re-solves after strata whose split failed are
// merged with a neighbour.
const maxAlignRounds = 4

// solveAligned solves one level. Without alignment (or with weight 0) it
// is solveLevel on the unit graph. With alignment the units are grouped
// into derived strata — the connected pieces of each value, a piece that
// admits no split within the bounds merged with the neighbouring piece
// that costs least — and the level is solved inside them; a stratum whose
// split still leaves a group out of bounds is merged with a neighbour and
// the level solved again. Finally groups may cross values where the
// weight allows (alignCross).
func solveAligned(ctx context.Context, s *sites, ps []input.Practice, u units, strat []int32, p levelParams, al *alignSpec, progress func(string, int, int)) (*levelOut, error) {
	unit, nu := u.of, u.n
	base := s.unitGraph(ctx, unit, nu, strat, u.x, u.y)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	base.pin = p.pin
	if al == nil || al.weight == 0 {
		return solveLevel(ctx, base, p, progress)
	}
	val := unitValues(ps, unit, nu, al.labels)
	ds := newDerivedStrata(base, val, p.b)
	ds.mergeInfeasible()
	var out *levelOut
	for round := 0; ; round++ {
		sp := make([]int32, len(unit))
		for i, u := range unit {
			sp[i] = ds.stratum[u]
		}
		pg := s.unitGraph(ctx, unit, nu, sp, u.x, u.y)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pg.pin = p.pin
		var err error
		if out == nil || p.count > 0 { // a requested count is shared by the whole level
			out, err = solveLevel(ctx, pg, p, progress)
		} else {
			err = resolveStrata(ctx, pg, p, out, ds.touchedUnits())
		}
		if err != nil {
			return nil, err
		}
		ds.touched = ds.touched[:0]
		if round == maxAlignRounds || !ds.mergeFailed(out) {
			break
		}
	}
	if !math.IsInf(al.weight, 1) {
		alignCross(ctx, base, out, val, p, al.weight, false)
	}
	return out, nil
}

// unitValues gives every unit the value (as a small int) carrying most of
// its patients, ties to the value of its smallest practice.
func unitValues(ps []input.Practice, unit []int32, nu int, labels []string) []int32 {
	ids := labelIDs(labels)
	val := make([]int32, nu)
	best := make([]int64, nu)
	for i := range val {
		val[i] = -1
	}
	type key struct{ u, v int32 }
	w := map[key]int64{}
	for p, u := range unit {
		k := key{u, ids[p]}
		w[k] += int64(ps[p].Patients)
		if x := w[k]; val[u] < 0 || x > best[u] {
			val[u], best[u] = ids[p], x
		}
	}
	return val
}

// derivedStrata are the strata of an aligned level: unions of the
// connected pieces of each value, kept in a union–find over the pieces.
type derivedStrata struct {
	g       *pgraph
	b       bounds
	val     []int32
	piece   []int32 // per unit: its piece, or -1 for a unit above the maximum
	uf      []int32 // over pieces
	w       []int64 // per piece root: weight
	n       []int   // per piece root: units
	units   [][]int32
	stratum []int32 // per unit: dense stratum id, set by relabel
	touched []int32 // pieces that absorbed others since the last solve
}

func newDerivedStrata(g *pgraph, val []int32, b bounds) *derivedStrata {
	n := g.n()
	d := &derivedStrata{g: g, b: b, val: val, piece: make([]int32, n)}
	for i := range d.piece {
		d.piece[i] = -1
	}
	var q []int32
	for s := range int32(n) {
		if d.piece[s] >= 0 || g.w[s] > b.max {
			continue
		}
		id := int32(len(d.uf))
		d.piece[s] = id
		q = append(q[:0], s)
		var W int64
		for i := 0; i < len(q); i++ {
			u := q[i]
			W += g.w[u]
			for _, v := range g.adj[g.off[u]:g.off[u+1]] {
				if d.piece[v] < 0 && g.w[v] <= b.max && val[v] == val[s] {
					d.piece[v] = id
					q = append(q, v)
				}
			}
		}
		d.uf = append(d.uf, id)
		d.w = append(d.w, W)
		d.n = append(d.n, len(q))
		d.units = append(d.units, slices.Clone(q))
	}
	d.relabel()
	return d
}

func (d *derivedStrata) root(p int32) int32 { return disjoint.Find(d.uf, p) }

// feasible reports whether a piece of weight W over n units admits a split
// into groups within bounds.
func (d *derivedStrata) feasible(W int64, n int) bool {
	lo, hi := d.b.kRange(W, n)
	return W >= d.b.min && lo <= hi
}

// mergeInfeasible merges every infeasible stratum, lightest first, with
// the neighbour that costs least, until every stratum is feasible or has no
// neighbour left.
func (d *derivedStrata) mergeInfeasible() {
	for {
		var bad []int32
		for p := range int32(len(d.uf)) {
			if d.root(p) == p && !d.feasible(d.w[p], d.n[p]) {
				bad = append(bad, p)
			}
		}
		if !d.mergeEach(bad) {
			break
		}
	}
	d.relabel()
}

// mergeEach merges each stratum root in bad (lightest first) with its
// cheapest neighbour; it reports whether any merge happened.
func (d *derivedStrata) mergeEach(bad []int32) bool {
	slices.SortFunc(bad, func(a, c int32) int {
		return cmp.Or(cmp.Compare(d.w[a], d.w[c]), cmp.Compare(a, c))
	})
	merged := false
	for _, p := range bad {
		if d.root(p) != p {
			continue // absorbed by an earlier merge this pass
		}
		if q := d.cheapestNeighbour(p); q >= 0 {
			d.union(p, q)
			d.touched = append(d.touched, min(p, q))
			merged = true
		}
	}
	return merged
}

// cheapestNeighbour picks the stratum to merge p with: one whose union with
// p is feasible if any, then the one sharing the most graph edges with p
// (the union stays compact), then the lightest, then the lowest id.
// It returns -1 when p touches no other stratum.
func (d *derivedStrata) cheapestNeighbour(p int32) int32 {
	g := d.g
	contact := map[int32]int{}
	for _, u := range d.units[p] {
		for _, v := range g.adj[g.off[u]:g.off[u+1]] {
			if d.piece[v] < 0 {
				continue
			}
			if q := d.root(d.piece[v]); q != p {
				contact[q]++
			}
		}
	}
	best := int32(-1)
	var bestKey [3]int64
	for q, c := range contact {
		f := int64(0)
		if d.feasible(d.w[p]+d.w[q], d.n[p]+d.n[q]) {
			f = 1
		}
		key := [3]int64{f, int64(c), -d.w[q]}
		if best < 0 || slices.Compare(key[:], bestKey[:]) > 0 || key == bestKey && q < best {
			best, bestKey = q, key
		}
	}
	return best
}

func (d *derivedStrata) union(p, q int32) {
	a, b := min(p, q), max(p, q)
	d.uf[b] = a
	d.w[a] += d.w[b]
	d.n[a] += d.n[b]
	d.units[a] = append(d.units[a], d.units[b]...)
	d.units[b] = nil
}

// relabel numbers the strata densely by smallest unit. A unit above the
// maximum (its own group whatever happens) joins the lightest stratum it
// touches, so that a remainder cut off by it can still attach to it, or
// gets a stratum of its own.
func (d *derivedStrata) relabel() {
	g := d.g
	n := g.n()
	if d.stratum == nil {
		d.stratum = make([]int32, n)
	}
	id := make(map[int32]int32)
	next := int32(0)
	for u := range n {
		if d.piece[u] < 0 {
			continue
		}
		r := d.root(d.piece[u])
		if _, ok := id[r]; !ok {
			id[r] = next
			next++
		}
		d.stratum[u] = id[r]
	}
	for u := range n {
		if d.piece[u] >= 0 {
			continue
		}
		best := int32(-1)
		for _, v := range g.adj[g.off[u]:g.off[u+1]] {
			if d.piece[v] < 0 {
				continue
			}
			r := d.root(d.piece[v])
			if best < 0 || d.w[r] < d.w[best] || d.w[r] == d.w[best] && r < best {
				best = r
			}
		}
		if best >= 0 {
			d.stratum[u] = id[best]
		} else {
			d.stratum[u] = next
			next++
		}
	}
}

// mergeFailed merges every stratum holding a group that is out of bounds
// although its stratum's weight allowed a split (no contiguous split was
// found inside the stratum) with its cheapest neighbour. It reports whether
// anything was merged (and the level must be solved again).
func (d *derivedStrata) mergeFailed(out *levelOut) bool {
	var bad []int32
	seen := map[int32]bool{}
	for u, gid := range out.lab {
		if out.status[gid] != StatusOutOfBounds || d.piece[u] < 0 {
			continue
		}
		if r := d.root(d.piece[u]); !seen[r] {
			seen[r] = true
			bad = append(bad, r)
		}
	}
	if !d.mergeEach(bad) {
		return false
	}
	d.mergeInfeasible()
	return true
}

// alignCross lets the groups of an aligned level cross values where the
// compactness gained pays for it. It runs boundary moves on the whole level
// (the unit graph g, whose edges cross values) judged on the local search's
// objective plus a price for every patient taken out of its group's home
// value (the value holding most of the group's patients after the aligned
// solve): weight × w × s for an atom of w patients, s being the level's
// mean distance from a practice to its hub site, when groups are small
// enough for moves judged on the exact objective (the patient-weighted
// distance to the hub site, as the final polish of the local search);
// otherwise weight × w × s² on the inertia, s² being the mean squared
// distance to the group centre. Moves keep the bounds of both groups and
// the donor contiguous; statuses of groups brought into bounds are
// updated.
//
// With onlyUncross (a level made from an initial configuration, where
// nobody should move for compactness alone) a move is allowed only when it
// takes an atom out of a group where its value is foreign into a
// neighbouring group of its own value, and only when the distance it adds
// is less than the price; the weight may then be infinite (any such move).
func alignCross(ctx context.Context, g *pgraph, out *levelOut, val []int32, p levelParams, weight float64, onlyUncross bool) {
	n := g.n()
	ng := out.ngroups
	if n < 2 || ng < 2 {
		return
	}
	lab := slices.Clone(out.lab)
	r := newRefiner(ctx, g, p.b, lab, ng)
	mem := r.members()
	// home value of every group: the one with most patients
	type key struct{ g, v int32 }
	gvw := map[key]int64{}
	home := make([]int32, ng)
	best := make([]int64, ng)
	for i := range home {
		home[i] = -1
	}
	for u := range n {
		a := lab[u]
		k := key{a, val[u]}
		gvw[k] += g.w[u]
		if x := gvw[k]; home[a] < 0 || x > best[a] || x == best[a] && val[u] < home[a] {
			home[a], best[a] = val[u], x
		}
	}
	exact := n <= maxMedoidAtoms*ng/2 // groups of a few atoms: exact moves
	var sum, W float64
	for a := range ng {
		if exact {
			sum += r.medoidCost(mem[a], -1, -1)
		} else {
			sum += r.inertia(mem[a])
		}
		W += float64(r.gw[a])
	}
	if W == 0 {
		return
	}
	lambda := weight * sum / W
	if math.IsInf(weight, 1) {
		lambda = weight
	}
	r.extra = func(v, from, to int32) float64 {
		if onlyUncross {
			if val[v] == home[from] || val[v] != home[to] {
				return math.Inf(1)
			}
			return -lambda * float64(g.w[v])
		}
		c := 0.0
		if val[v] != home[to] {
			c += lambda * float64(g.w[v])
		}
		if val[v] != home[from] {
			c -= lambda * float64(g.w[v])
		}
		return c
	}
	moved := 0
	effort := max(p.effort, 1)
	if exact {
		for pass := 0; pass < 4*effort; pass++ {
			m := r.medoidPass(mem, nil)
			moved += m
			if m == 0 || ctx.Err() != nil {
				break
			}
		}
	} else {
		seeds := make([]int32, n)
		for i := range seeds {
			seeds[i] = int32(i)
		}
		moved = r.moves(seeds, 8*effort*n)
	}
	if moved == 0 || ctx.Err() != nil {
		return
	}
	copy(out.lab, lab)
	for a := range ng {
		if out.status[a] != StatusOK && p.b.in(r.gw[a]) {
			out.status[a], out.reason[a] = StatusOK, ""
		}
	}
}

// touchedUnits lists, ascending, the units of the strata changed by merges
// since the last solve.
func (d *derivedStrata) touchedUnits() []int32 {
	roots := map[int32]bool{}
	for _, p := range d.touched {
		roots[d.root(p)] = true
	}
	var out []int32
	for u, pc := range d.piece {
		if pc >= 0 && roots[d.root(pc)] {
			out = append(out, int32(u))
		}
	}
	return out
}

// resolveStrata solves again only the units atoms (ascending: the strata
// changed since out was made) on their subgraph of g, and replaces their
// groups in out; the other groups are kept as they are.
func resolveStrata(ctx context.Context, g *pgraph, p levelParams, out *levelOut, atoms []int32) error {
	if len(atoms) == 0 {
		return nil
	}
	sub := subgraph(ctx, g, atoms)
	if sub == nil {
		return ctx.Err()
	}
	sp := p
	sp.words = levelWords{practices: make([]int32, len(atoms))}
	for i, a := range atoms {
		sp.words.practices[i] = p.words.practices[a]
	}
	sp.words.describe = func(a int32) (string, bool) { return p.words.describe(atoms[a]) }
	so, err := solveLevel(ctx, sub, sp, nil)
	if err != nil {
		return err
	}
	lab := slices.Clone(out.lab)
	for i, a := range atoms {
		lab[a] = int32(out.ngroups) + so.lab[i]
	}
	status := append(slices.Clone(out.status), so.status...)
	reason := append(slices.Clone(out.reason), so.reason...)
	out.notes = append(out.notes, so.notes...)
	out.setCanonical(lab, status, reason)
	return nil
}
