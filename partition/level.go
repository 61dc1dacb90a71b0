package partition

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
)

// levelOut is the solution of one level on its atom graph.
type levelOut struct {
	lab     []int32 // group of every atom, dense ids ordered by smallest atom
	status  []Status
	reason  []string
	notes   []string
	ngroups int
}

// piece is a connected set of non-oversize atoms solved independently.
type piece struct {
	atoms    []int32 // ascending
	W        int64
	k        int
	feasible bool
	attachTo int32 // oversize atom this stranded piece joins, or -1
}

type levelParams struct {
	b       bounds
	target  float64 // target group weight (> 0)
	count   int     // requested total groups (0: use target)
	effort  int
	seed    uint64
	workers int
	name    string
}

// solveLevel groups the atoms of ag (whose edges never cross strata).
func solveLevel(ctx context.Context, ag *pgraph, p levelParams, progress func(string, int, int)) (*levelOut, error) {
	n := ag.n()
	b := p.b
	over := make([]bool, n)
	for v := range n {
		over[v] = ag.w[v] > b.max
	}
	// Pieces: components of the non-oversize atoms, found in ascending order.
	comp := make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	var pieces []*piece
	queue := make([]int32, 0, 64)
	for s := range int32(n) {
		if over[s] || comp[s] >= 0 {
			continue
		}
		id := int32(len(pieces))
		pc := &piece{attachTo: -1}
		comp[s] = id
		queue = append(queue[:0], s)
		for i := 0; i < len(queue); i++ {
			if i&0xffff == 0xffff && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			u := queue[i]
			pc.W += ag.w[u]
			for _, v := range ag.adj[ag.off[u]:ag.off[u+1]] {
				if !over[v] && comp[v] < 0 {
					comp[v] = id
					queue = append(queue, v)
				}
			}
		}
		pc.atoms = slices.Clone(queue)
		slices.Sort(pc.atoms)
		pieces = append(pieces, pc)
	}
	out := &levelOut{lab: make([]int32, n)}
	// Stranded remainders: a piece below min that touches an oversize atom
	// joins the lightest such atom (already out of bounds) rather than
	// forming a second out-of-bounds group.
	for _, pc := range pieces {
		if pc.W >= b.min {
			continue
		}
		best := int32(-1)
		for _, u := range pc.atoms {
			for _, v := range ag.adj[ag.off[u]:ag.off[u+1]] {
				if over[v] && (best < 0 || ag.w[v] < ag.w[best] || (ag.w[v] == ag.w[best] && v < best)) {
					best = v
				}
			}
		}
		pc.attachTo = best
	}
	// Group counts per piece.
	chooseK(pieces, p, &out.notes)

	// Solve the pieces, largest first, on a bounded pool; halves of large
	// bisections borrow idle slots.
	order := make([]int, len(pieces))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, c int) int { return len(pieces[c].atoms) - len(pieces[a].atoms) })
	sem := make(chan struct{}, max(p.workers, 1))
	results := make([][]int32, len(pieces))
	var wg sync.WaitGroup
	for done, i := range order {
		pc := pieces[i]
		if ctx.Err() != nil {
			break
		}
		if progress != nil {
			progress(p.name, done, len(pieces))
		}
		if pc.attachTo >= 0 || pc.k <= 1 || len(pc.atoms) == 1 {
			results[i] = make([]int32, len(pc.atoms)) // one group
			continue
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = solvePiece(ctx, ag, pc, p, sem)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if progress != nil {
		progress(p.name, len(pieces), len(pieces))
	}
	// Global labels: oversize atoms, then piece groups; renumbered below.
	const none = -1
	for i := range out.lab {
		out.lab[i] = none
	}
	var status []Status
	var reason []string
	ng := int32(0)
	for v := range int32(n) {
		if over[v] {
			out.lab[v] = ng
			status = append(status, StatusOversize)
			reason = append(reason, fmt.Sprintf("one atom of weight %d exceeds the maximum %d", ag.w[v], b.max))
			ng++
		}
	}
	for i, pc := range pieces {
		if pc.attachTo >= 0 {
			g := out.lab[pc.attachTo]
			for _, u := range pc.atoms {
				out.lab[u] = g
			}
			reason[g] += fmt.Sprintf("; a stranded remainder of %d cut off by it (below the minimum %d) was attached", pc.W, b.min)
			out.notes = append(out.notes, fmt.Sprintf("%s: remainder of weight %d (%d atoms) attached to an oversize group", p.name, pc.W, len(pc.atoms)))
			continue
		}
		loc := results[i]
		k := int32(0)
		for _, l := range loc {
			k = max(k, l+1)
		}
		gw := make([]int64, k)
		for j, u := range pc.atoms {
			out.lab[u] = ng + loc[j]
			gw[loc[j]] += ag.w[u]
		}
		for _, w := range gw {
			st, rs := StatusOK, ""
			switch {
			case b.in(w):
			case pc.W < b.min:
				st, rs = StatusUndersize, fmt.Sprintf("its connected piece weighs %d in all, below the minimum %d", pc.W, b.min)
			case !pc.feasible:
				st, rs = StatusUnsplittable, fmt.Sprintf("its connected piece of weight %d cannot be split into groups within [%d, %s]", pc.W, b.min, maxString(b.max))
			default:
				st, rs = StatusOutOfBounds, fmt.Sprintf("weight %d: no contiguous split within bounds found for its piece of weight %d", w, pc.W)
			}
			status = append(status, st)
			reason = append(reason, rs)
		}
		ng += k
	}
	// Canonical numbering: groups ordered by their smallest atom.
	remap := make([]int32, ng)
	for i := range remap {
		remap[i] = -1
	}
	next := int32(0)
	for v := range n {
		if g := out.lab[v]; remap[g] < 0 {
			remap[g] = next
			next++
		}
	}
	out.status = make([]Status, next)
	out.reason = make([]string, next)
	for g := range ng {
		if remap[g] >= 0 {
			out.status[remap[g]] = status[g]
			out.reason[remap[g]] = reason[g]
		}
	}
	for v := range n {
		out.lab[v] = remap[out.lab[v]]
	}
	out.ngroups = int(next)
	if p.count > 0 && out.ngroups != p.count {
		out.notes = append(out.notes, fmt.Sprintf("%s: %d groups requested, %d made", p.name, p.count, out.ngroups))
	}
	return out, nil
}

func maxString(m int64) string {
	if m == math.MaxInt64 {
		return "no max"
	}
	return fmt.Sprint(m)
}

// chooseK sets k and feasibility for every piece: round(W/target) clamped
// to the piece's feasible range, or a requested total shared by weight.
func chooseK(pieces []*piece, p levelParams, notes *[]string) {
	var total int64
	for _, pc := range pieces {
		lo, hi := p.b.kRange(pc.W, len(pc.atoms))
		pc.feasible = lo <= hi && pc.W >= p.b.min
		total += pc.W
	}
	for _, pc := range pieces {
		lo, hi := p.b.kRange(pc.W, len(pc.atoms))
		want := float64(pc.W) / p.target
		if p.count > 0 && total > 0 {
			want = float64(p.count) * float64(pc.W) / float64(total)
		}
		k := int(math.Round(want))
		if pc.feasible {
			k = min(max(k, lo), hi)
		} else if p.b.min > 0 {
			// best effort: as many groups as keep every one at or above min
			k = max(1, min(int(pc.W/p.b.min), len(pc.atoms)))
		} else {
			k = max(1, min(k, len(pc.atoms)))
		}
		pc.k = k
	}
	if p.count > 0 {
		got := 0
		for _, pc := range pieces {
			got += pc.k
		}
		if got != p.count {
			*notes = append(*notes, fmt.Sprintf("%s: %d groups requested, clamped to %d by the pieces' feasible ranges", p.name, p.count, got))
		}
	}
}

// solvePiece splits one piece and refines it; it returns dense local labels
// (ordered by smallest atom) for pc.atoms.
func solvePiece(ctx context.Context, ag *pgraph, pc *piece, p levelParams, sem chan struct{}) []int32 {
	// Local indices follow a Hilbert curve, so that neighbouring atoms sit
	// close in memory (the atom numbering of the input is arbitrary).
	perm := hilbertOrder(ag, pc.atoms)
	atoms := make([]int32, len(perm))
	for i, j := range perm {
		atoms[i] = pc.atoms[j]
	}
	pg := subgraph(ctx, ag, atoms)
	if pg == nil {
		return nil
	}
	n := pg.n()
	seed := mix(p.seed, uint64(pc.atoms[0]))
	effort := max(p.effort, 1)
	sp := newSplitter(ctx, pg, p.b, 4+4*effort, sem)
	vs := make([]int32, n)
	for i := range vs {
		vs[i] = int32(i)
	}
	sp.splitAll(vs, pc.k, seed, nil)
	if ctx.Err() != nil {
		return make([]int32, n)
	}
	lab, ng := denseLabels(sp.out)
	if pc.feasible {
		lab, ng = repair(ctx, pg, p, sp, lab, ng, seed)
	}
	if regions := n / regionAtoms; regions >= 2 && ng >= 16*regions {
		refineRegions(ctx, pg, p.b, lab, ng, effort, seed, pc.feasible, min(regions, maxRegions), sem)
	} else {
		refinePiece(ctx, pg, p.b, lab, ng, effort, seed, pc.feasible, nil)
	}
	back := make([]int32, n)
	for i, j := range perm {
		back[j] = lab[i]
	}
	back, _ = denseLabels(back)
	return back
}

// denseLabels renumbers arbitrary non-negative labels 0.. in order of first
// appearance (hence by smallest atom).
func denseLabels(in []int32) ([]int32, int) {
	m := make(map[int32]int32, 16)
	out := make([]int32, len(in))
	for i, l := range in {
		d, ok := m[l]
		if !ok {
			d = int32(len(m))
			m[l] = d
		}
		out[i] = d
	}
	return out, len(m)
}

// subgraph extracts the induced subgraph of ag on atoms (distinct, in any
// order), in local indices: atom atoms[i] becomes vertex i.
// It returns nil if ctx is cancelled.
func subgraph(ctx context.Context, ag *pgraph, atoms []int32) *pgraph {
	n := len(atoms)
	loc := make(map[int32]int32, 0)
	var lo, hi int32
	if n > 0 {
		lo, hi = slices.Min(atoms), slices.Max(atoms)
	}
	dense := n > 0 && int(hi-lo) < 4*n
	var idx []int32
	if dense {
		idx = make([]int32, hi-lo+1)
		for i := range idx {
			idx[i] = -1
		}
		for i, a := range atoms {
			idx[a-lo] = int32(i)
		}
	} else {
		loc = make(map[int32]int32, n)
		for i, a := range atoms {
			loc[a] = int32(i)
		}
	}
	find := func(a int32) int32 {
		if dense {
			if a < lo || a > hi {
				return -1
			}
			return idx[a-lo]
		}
		if i, ok := loc[a]; ok {
			return i
		}
		return -1
	}
	pg := &pgraph{off: make([]int32, n+1), w: make([]int64, n), x: make([]float64, n), y: make([]float64, n)}
	adj := make([]int32, 0, 6*n)
	for i, a := range atoms {
		if i&0xffff == 0xffff && ctx.Err() != nil {
			return nil
		}
		pg.w[i], pg.x[i], pg.y[i] = ag.w[a], ag.x[a], ag.y[a]
		for _, b := range ag.adj[ag.off[a]:ag.off[a+1]] {
			if j := find(b); j >= 0 {
				adj = append(adj, j)
			}
		}
		pg.off[i+1] = int32(len(adj))
	}
	pg.adj = adj
	if ctx.Err() != nil {
		return nil
	}
	pg.setLogLengths()
	return pg
}
