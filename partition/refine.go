package partition

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
)

// refiner improves a partition of one piece by local search on the
// patient-weighted inertia Σ w·|p − c_g|² (c_g the weighted centroid of the
// group), a smooth stand-in for the distance to the hub site that can be
// updated in O(1) per move. Every move keeps both invariants: the bounds of
// both groups and the contiguity of the donor (the receiving group stays
// contiguous because the moved atom touches it).
type refiner struct {
	ctx context.Context
	g   *pgraph
	b   bounds
	lab []int32 // group of each atom
	gw  []int64
	gx  []float64 // Σ w·x
	gy  []float64 // Σ w·y
	gn  []int32   // atoms per group

	round     int32   // current refinement round
	changedAt []int32 // per group: last round it changed

	stamp  []int32
	stampN int32
	queue  []int32
	queued []bool  // in the move worklist
	work   []int32 // move worklist
	ts     *treeScratch
	sx, sy []float64
	sq     []float64
	sw     []int64
	buf    mstBuf

	// site is the fixed hub site (atom) of every group, -1 for none; nil
	// without fixed hub sites (sites.go).
	site []int32

	// extra, when set, adds a cost to moving atom v from group from to
	// group to in boundary moves (alignment's crossing price).
	extra func(v, from, to int32) float64

	journal *[]jmove // when set, every move is recorded (perturb.go)

	near *nearPairs // when set, moves keep it up to date (searcher.pairsOf)
}

func newRefiner(ctx context.Context, g *pgraph, b bounds, lab []int32, ngroups int) *refiner {
	n := g.n()
	r := &refiner{ctx: ctx, g: g, b: b, lab: lab,
		gw: make([]int64, ngroups), gx: make([]float64, ngroups), gy: make([]float64, ngroups), gn: make([]int32, ngroups),
		// stamp marks atoms and, in the search, groups: as long as both.
		stamp: make([]int32, max(n, ngroups)), changedAt: make([]int32, ngroups), round: 1}
	r.initPins()
	for v := range n {
		a := lab[v]
		w := g.w[v]
		r.gw[a] += w
		r.gx[a] += float64(w) * g.x[v]
		r.gy[a] += float64(w) * g.y[v]
		r.gn[a]++
	}
	return r
}

func (r *refiner) nextStamp() int32 {
	r.stampN++
	if r.stampN == math.MaxInt32 {
		clear(r.stamp)
		r.stampN = 1
	}
	return r.stampN
}

// costDelta returns the change of inertia when an atom of weight w at
// (x, y) joins (sign +1) or leaves (sign -1) a group of weight W and sums
// (sx, sy) (the group before the change).
func joinCost(w int64, x, y float64, W int64, sx, sy float64) float64 {
	if W == 0 || w == 0 {
		return 0
	}
	cx, cy := sx/float64(W), sy/float64(W)
	dx, dy := x-cx, y-cy
	return float64(w) * float64(W) / float64(W+w) * (dx*dx + dy*dy)
}

func leaveCost(w int64, x, y float64, W int64, sx, sy float64) float64 {
	if W == w || w == 0 {
		return 0
	}
	cx, cy := sx/float64(W), sy/float64(W)
	dx, dy := x-cx, y-cy
	return -float64(w) * float64(W) / float64(W-w) * (dx*dx + dy*dy)
}

// connectedWithout reports whether group a stays connected without atom v
// (a is assumed connected with v).
func (r *refiner) connectedWithout(a, v int32) bool {
	g := r.g
	st := r.nextStamp()
	need := 0
	var first int32 = -1
	for _, u := range g.adj[g.off[v]:g.off[v+1]] {
		if r.lab[u] == a && r.stamp[u] != st {
			r.stamp[u] = st
			need++
			if first < 0 {
				first = u
			}
		}
	}
	if need <= 1 {
		return need == 1 || r.gn[a] == 1
	}
	// BFS from first inside a, avoiding v, until every marked neighbour is seen.
	seen := r.nextStamp()
	q := append(r.queue[:0], first)
	r.stamp[first] = seen
	found := 1
	r.stamp[v] = seen
	for i := 0; i < len(q) && found < need; i++ {
		u := q[i]
		for _, t := range g.adj[g.off[u]:g.off[u+1]] {
			if r.lab[t] != a {
				continue
			}
			switch r.stamp[t] {
			case seen:
				continue
			case st:
				found++
			}
			r.stamp[t] = seen
			q = append(q, t)
		}
	}
	r.queue = q
	return found >= need
}

func (r *refiner) move(v, from, to int32) {
	g := r.g
	w := g.w[v]
	fw := float64(w)
	r.gw[from] -= w
	r.gx[from] -= fw * g.x[v]
	r.gy[from] -= fw * g.y[v]
	r.gn[from]--
	r.gw[to] += w
	r.gx[to] += fw * g.x[v]
	r.gy[to] += fw * g.y[v]
	r.gn[to]++
	r.lab[v] = to
	if r.near != nil {
		r.near.moved(r, v, from, to)
	}
	r.changedAt[from], r.changedAt[to] = r.round, r.round
	r.movePin(v, from, to)
	if r.journal != nil {
		*r.journal = append(*r.journal, jmove{v, from})
	}
}

// moves tries every atom of seeds once, in order, then keeps trying the
// neighbours of moved atoms (a FIFO worklist) until no move improves or
// budget tries are spent. Each try applies the best improving move of the
// atom to a neighbouring group. It returns the number of moves made.
func (r *refiner) moves(seeds []int32, budget int) int {
	g := r.g
	n := g.n()
	if r.queued == nil {
		r.queued = make([]bool, n)
	}
	moved := 0
	q := r.work[:0]
	head := 0
	push := func(u int32) {
		if !r.queued[u] {
			r.queued[u] = true
			q = append(q, u)
		}
	}
	try := func(v int32) {
		if r.tryMove(v) {
			moved++
			for _, u := range g.adj[g.off[v]:g.off[v+1]] {
				push(u)
			}
		}
	}
	for i, v := range seeds {
		if i&4095 == 0 && r.ctx.Err() != nil {
			break
		}
		try(v)
	}
	for tries := 0; head < len(q) && tries < budget; tries++ {
		if tries&4095 == 0 && r.ctx.Err() != nil {
			break
		}
		v := q[head]
		head++
		r.queued[v] = false
		try(v)
		if head > 1<<16 && head*2 > len(q) { // compact the consumed prefix
			q = append(q[:0], q[head:]...)
			head = 0
		}
	}
	for _, v := range q[head:] {
		r.queued[v] = false
	}
	r.work = q[:0]
	return moved
}

// tryMove applies the best improving move of atom v to a neighbouring
// group, if any keeps both bounds and the donor contiguous.
func (r *refiner) tryMove(v int32) bool {
	g, b := r.g, r.b
	a := r.lab[v]
	w := g.w[v]
	if r.gn[a] == 1 || w == 0 || r.gw[a]-w < b.min || r.pinned(v) {
		return false
	}
	x, y := g.x[v], g.y[v]
	var rem float64
	computed := false
	best, bh := -1e-6, int32(-1)
	for _, u := range g.adj[g.off[v]:g.off[v+1]] {
		h := r.lab[u]
		if h == a || r.gw[h] > b.max-w {
			continue
		}
		if !computed {
			rem = leaveCost(w, x, y, r.gw[a], r.gx[a], r.gy[a])
			computed = true
		}
		d := rem + joinCost(w, x, y, r.gw[h], r.gx[h], r.gy[h]) + r.pinCorrection(v, a, h)
		if r.extra != nil {
			d += r.extra(v, a, h)
		}
		if d < best {
			best, bh = d, h
		}
	}
	if bh >= 0 && r.connectedWithout(a, v) {
		r.move(v, a, bh)
		return true
	}
	return false
}

// inertia returns Σ w·|p − c|² over the atoms vs about their own centroid.
func (r *refiner) inertia(vs []int32) float64 {
	g := r.g
	var W float64
	var sx, sy float64
	for _, v := range vs {
		w := float64(g.w[v])
		W += w
		sx += w * g.x[v]
		sy += w * g.y[v]
	}
	if W == 0 {
		return 0
	}
	cx, cy := sx/W, sy/W
	var s float64
	for _, v := range vs {
		dx, dy := g.x[v]-cx, g.y[v]-cy
		s += float64(g.w[v]) * (dx*dx + dy*dy)
	}
	return s
}

// members lists the atoms of every group.
func (r *refiner) members() [][]int32 {
	ng := len(r.gw)
	off := make([]int32, ng+1)
	for _, a := range r.lab {
		off[a+1]++
	}
	for i := range ng {
		off[i+1] += off[i]
	}
	flat := make([]int32, len(r.lab))
	pos := append([]int32(nil), off[:ng]...)
	for v, a := range r.lab {
		flat[pos[a]] = int32(v)
		pos[a]++
	}
	mem := make([][]int32, ng)
	for i := range ng {
		mem[i] = flat[off[i]:off[i+1]:off[i+1]]
	}
	return mem
}

// resplitPass merges each pair of adjacent groups and re-splits the union
// along the best edge of several random spanning trees (both sides within
// bounds, least total inertia), keeping the result when it lowers the
// inertia. It returns the number of pairs improved.
func (r *refiner) resplitPass(mem [][]int32, trees int, rng *rand.Rand) int {
	g := r.g
	n := g.n()
	if r.ts == nil {
		r.ts = newTreeScratch(n)
		r.sx, r.sy, r.sq = make([]float64, n), make([]float64, n), make([]float64, n)
		r.sw = make([]int64, n)
	}
	improved := 0
	order := make([]int32, 0, 64)
	nb := make([]int32, 0, 16)
	for a := int32(0); a < int32(len(mem)); a++ {
		if a&255 == 0 && r.ctx.Err() != nil {
			return improved
		}
		// neighbouring groups of a with larger id
		st := r.nextStamp()
		nb = nb[:0]
		for _, v := range mem[a] {
			for _, u := range g.adj[g.off[v]:g.off[v+1]] {
				if h := r.lab[u]; h > a && r.stamp[h] != st { // stamp indexed by group id (groups <= atoms)
					r.stamp[h] = st
					nb = append(nb, h)
				}
			}
		}
		sortInt32(nb)
		for _, h := range nb {
			if r.changedAt[a] < r.round-1 && r.changedAt[h] < r.round-1 {
				continue // neither changed since this pair was last tried
			}
			if r.ctx.Err() != nil { // each pair costs up to 2×effort trees
				return improved
			}
			if len(mem[a])+len(mem[h]) > maxResplitAtoms || r.bothPinned(mem[a], mem[h]) {
				continue
			}
			order = append(order[:0], mem[a]...)
			order = append(order, mem[h]...)
			cur := r.inertia(mem[a]) + r.inertia(mem[h])
			t := trees
			if len(order) > 32 {
				t = max(1, trees*32/len(order))
			}
			bestV, bestI := int32(-1), cur-1e-6*(1+cur*1e-9)
			var bestOrder []int32
			var bestPar []int32
			in := func(u int32) bool { l := r.lab[u]; return l == a || l == h }
			if !collectEdges(r.ctx, g, r.ts, order, in, &r.buf) {
				return improved
			}
			for k := range t {
				if k&63 == 63 && r.ctx.Err() != nil {
					break
				}
				if redrawMST(r.ctx, r.ts, order, rng, baseSpread, &r.buf) < len(order) {
					break // a and h no longer touch after earlier re-splits (or cancelled)
				}
				v, I := r.bestInertiaCut(order)
				if v >= 0 && I < bestI {
					bestI, bestV = I, v
					bestOrder = append(bestOrder[:0], order...)
					bestPar = bestPar[:0]
					for _, u := range order {
						bestPar = append(bestPar, r.ts.parent[u])
					}
				}
			}
			if bestV < 0 {
				continue
			}
			// side of bestV in the kept tree
			for i, u := range bestOrder {
				r.ts.parent[u] = bestPar[i]
			}
			side := r.nextStamp()
			for _, u := range bestOrder {
				if u == bestV || (r.ts.parent[u] >= 0 && r.stamp[r.ts.parent[u]] == side) {
					r.stamp[u] = side
				}
			}
			ma, mh := mem[a][:0:0], mem[h][:0:0]
			for _, u := range bestOrder {
				to := h
				if r.stamp[u] == side {
					to = a
				}
				if r.lab[u] != to {
					r.move(u, r.lab[u], to)
				}
				if to == a {
					ma = append(ma, u)
				} else {
					mh = append(mh, u)
				}
			}
			mem[a], mem[h] = ma, mh
			improved++
		}
	}
	return improved
}

// maxResplitAtoms bounds the pairs worth re-splitting: beyond it groups are
// made of many small atoms, single moves already reshape them well, and a
// spanning tree per pair costs more than it gains.
const maxResplitAtoms = 64

// bestInertiaCut returns the tree edge (child end) of order whose removal
// leaves both sides within bounds with the least total inertia, or -1.
func (r *refiner) bestInertiaCut(order []int32) (int32, float64) {
	g, par := r.g, r.ts.parent
	var W int64
	var cx, cy float64
	for _, v := range order {
		W += g.w[v]
		cx += float64(g.w[v]) * g.x[v]
		cy += float64(g.w[v]) * g.y[v]
	}
	if W == 0 {
		return -1, 0
	}
	cx /= float64(W)
	cy /= float64(W)
	for _, v := range order {
		w := float64(g.w[v])
		dx, dy := g.x[v]-cx, g.y[v]-cy
		r.sw[v] = g.w[v]
		r.sx[v], r.sy[v], r.sq[v] = w*dx, w*dy, w*(dx*dx+dy*dy)
	}
	for i := len(order) - 1; i > 0; i-- {
		v := order[i]
		p := par[v]
		r.sw[p] += r.sw[v]
		r.sx[p] += r.sx[v]
		r.sy[p] += r.sy[v]
		r.sq[p] += r.sq[v]
	}
	root := order[0]
	TX, TY, TQ := r.sx[root], r.sy[root], r.sq[root]
	bestV, bestI := int32(-1), math.Inf(1)
	for _, v := range order[1:] {
		W1 := r.sw[v]
		W2 := W - W1
		if !r.b.in(W1) || !r.b.in(W2) {
			continue
		}
		var I float64
		if W1 > 0 {
			I += r.sq[v] - (r.sx[v]*r.sx[v]+r.sy[v]*r.sy[v])/float64(W1)
		}
		if W2 > 0 {
			x2, y2 := TX-r.sx[v], TY-r.sy[v]
			I += TQ - r.sq[v] - (x2*x2+y2*y2)/float64(W2)
		}
		if I < bestI {
			bestI, bestV = I, v
		}
	}
	return bestV, bestI
}

func sortInt32(s []int32) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// fixBounds moves single boundary atoms to bring out-of-bounds groups into
// bounds: an overweight group gives an atom to a neighbouring group with
// room, an underweight group takes an atom from a neighbouring group that
// can spare it, both keeping the donor contiguous and creating no new
// violation; among such moves the one adding the least inertia is taken.
// Only atoms in or next to out-of-bounds groups are scanned.
func (r *refiner) fixBounds(maxMoves int) {
	g, b := r.g, r.b
	var bad []int32
	for a := range r.gw {
		if r.gn[a] > 0 && !b.in(r.gw[a]) {
			bad = append(bad, int32(a))
		}
	}
	if len(bad) == 0 {
		return
	}
	mem := map[int32][]int32{}
	for v, a := range r.lab {
		if slices.Contains(bad, a) {
			mem[a] = append(mem[a], int32(v))
		}
	}
	for range maxMoves {
		var bestV, bestFrom, bestTo int32 = -1, -1, -1
		bestCost := math.Inf(1)
		try := func(v, a, h int32) {
			w := g.w[v]
			if a == h || r.gn[a] == 1 || r.gw[h]+w > b.max || r.pinned(v) {
				return
			}
			if r.gw[a] >= b.min && r.gw[a]-w < b.min {
				return // would break a donor that was fine
			}
			if r.gw[a] <= b.max && r.gw[h] >= b.min {
				return // helps nobody
			}
			cost := leaveCost(w, g.x[v], g.y[v], r.gw[a], r.gx[a], r.gy[a]) + joinCost(w, g.x[v], g.y[v], r.gw[h], r.gx[h], r.gy[h])
			if cost < bestCost && r.connectedWithout(a, v) {
				bestCost, bestV, bestFrom, bestTo = cost, v, a, h
			}
		}
		active := 0
		for _, a := range bad {
			if b.in(r.gw[a]) {
				continue
			}
			active++
			for _, v := range mem[a] {
				if r.lab[v] != a {
					continue
				}
				for _, u := range g.adj[g.off[v]:g.off[v+1]] {
					if r.gw[a] > b.max {
						try(v, a, r.lab[u]) // give v away
					} else {
						try(u, r.lab[u], a) // take u in
					}
				}
			}
		}
		if active == 0 || bestV < 0 {
			return
		}
		r.move(bestV, bestFrom, bestTo)
		for _, x := range [2]int32{bestFrom, bestTo} {
			if slices.Contains(bad, x) && x == bestTo {
				mem[x] = append(mem[x], bestV)
			}
		}
	}
}

// groups returns the number of groups with atoms (labels may have gaps).
func (r *refiner) groups() int {
	k := 0
	for _, c := range r.gn {
		if c > 0 {
			k++
		}
	}
	return k
}
