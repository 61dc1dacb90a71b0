package partition

import (
	"cmp"
	"math"
	"slices"
)

// Balancing by chains of moves.
//
// A split asked to keep its count (WithCount near the tight end of what
// the bounds allow: England in 1,300 hubs of at most 50,000 means a mean
// of 46,600) leaves a few dozen groups a few thousand patients over the
// maximum (or, at the other end, under the minimum), while the groups
// around them have room. One boundary move rarely mends such a group: the
// neighbour that takes the practice goes over in turn. balance mends it by
// a chain: the group gives a boundary atom to a neighbour, which gives one
// of its own boundary atoms to the next, and so on until a group with room
// takes the last one (or, for a group under the minimum, takes from a
// neighbour, which takes from the next, until a group with weight to spare
// gives). Every group on the chain stays contiguous and ends within the
// bounds; only the group being mended may still be out of them after one
// chain, by less than before, and is then mended by the next chain.
//
// A chain may also come back to the group being mended (a swap: it gives
// a large atom and takes a smaller one back) as long as that group ends
// nearer its bounds. Chains are found by iterative deepening (shortest
// first, up to balanceDepth moves), trying at each step the moves that put
// no group out of bounds first, then those heading for the nearest group
// with room (or weight to spare), then the least out of bounds, then the
// cheapest in inertia; within a budget of moves per group and per balance,
// so that a count the map cannot take costs a bounded time. A group no
// chain can mend is then re-cut exactly with one to three neighbouring
// groups (mendExact), and the chains run again; when at most a few are
// left, the groups around each are re-split by fresh random trees and
// mended again, the re-split kept only if fewer groups are then out of
// bounds (pieceSolver.resplitAround). Everything follows the
// atom and group order, so the result depends only on the labels.

const (
	balanceDepth  = 16
	balanceBudget = 1 << 14
)

// balanceTotal bounds the moves one balance tries on n atoms, so that a
// count the map cannot take costs a bounded time.
func balanceTotal(n int) int { return max(1<<18, 16*n) }

// balance mends the groups of r out of bounds by chains of moves, never
// moving an atom frozen reports (nil: none). It returns the number of
// groups left out of bounds.
func (r *refiner) balance(frozen func(v int32) bool) int {
	return r.balanceGroups(frozen, nil, balanceTotal(r.g.n()))
}

// balanceGroups is balance mending only the groups of roots (nil: all),
// trying at most total moves.
func (r *refiner) balanceGroups(frozen func(v int32) bool, roots []int32, total int) int {
	c := &chainer{r: r, frozen: frozen, mem: groupMembers(r.lab, len(r.gw)), limit: total,
		isMoved: make([]bool, r.g.n()), seenAtom: make([]uint32, r.g.n()), seenGroup: make([]uint32, len(r.gw))}
	if roots == nil {
		roots = make([]int32, len(r.gw))
		for a := range roots {
			roots[a] = int32(a)
		}
	}
	for pass := 0; pass < 4; pass++ {
		c.roomHops()
		if r.ctx.Err() != nil {
			return c.bad()
		}
		progress := false
		for _, a := range roots {
			if r.ctx.Err() != nil {
				return c.bad()
			}
			for r.gn[a] > 0 && !r.b.in(r.gw[a]) && c.mend(a) {
				progress = true
			}
		}
		if !progress {
			break
		}
	}
	return c.bad()
}

// mendExact mends group a, out of bounds, by re-cutting it with one, two or
// three of its neighbouring groups (the unions unionFor allows) into as
// many groups, every part within bounds, the cheapest such cut of the first union that
// has one. It reports whether it found one.
func (s *searcher) mendExact(a int32) bool {
	nb := s.neighbours(a, nil)
	var order []int32
	try := func(set []int32) bool {
		var ok bool
		if order, ok = s.unionFor(set, len(set), order); !ok {
			return false
		}
		return s.recutBelow(set, order, math.Inf(1))
	}
	for i, h := range nb {
		if try([]int32{a, h}) {
			return true
		}
		for j := i + 1; j < len(nb); j++ {
			if try([]int32{a, h, nb[j]}) {
				return true
			}
		}
	}
	for i := range nb {
		for j := i + 1; j < len(nb); j++ {
			for k := j + 1; k < len(nb); k++ {
				if try([]int32{a, nb[i], nb[j], nb[k]}) {
					return true
				}
			}
		}
	}
	return false
}

// chainer holds one balance's scratch.
type chainer struct {
	r        *refiner
	frozen   func(v int32) bool
	mem      [][]int32 // atoms of every group
	open     []int32   // groups the chain has put out of bounds, to mend next
	moved    []int32   // atoms moved by the chain so far
	steps    int       // moves tried for the current group
	total    int       // moves tried by this balance, at most limit
	limit    int
	before   int64 // how far the group being mended was out of bounds
	rootOver bool  // it was over the maximum
	cands    []chainMove
	isMoved  []bool // per atom: in moved
	// A candidate move is looked at once per step of a chain: seenAtom
	// (the atom taken into the group) and seenGroup (the group an atom is
	// given to) hold the tick of the step, or of the atom, that saw it.
	seenAtom, seenGroup []uint32
	tick                uint32
	bnd                 []int32                   // boundary's result
	saved               [balanceDepth + 1][]int32 // open as it was, per depth
	// hops[0][a] and hops[1][a]: steps in the graph of groups from group a
	// to the nearest group with room to take (0) or weight to spare (1)
	// about half a mean atom: the chains head that way first.
	hops [2][]int32
}

// roomHops computes c.hops by breadth-first search over the groups.
func (c *chainer) roomHops() {
	r, g, b := c.r, c.r.g, c.r.b
	var W int64
	for _, w := range g.w {
		W += w
	}
	t := W / int64(max(1, 2*g.n()))
	ng := len(r.gw)
	for side := range 2 {
		h := make([]int32, ng)
		var q []int32
		for a := range ng {
			h[a] = -1
			if r.gn[a] > 0 && (side == 0 && r.gw[a]+t <= b.max || side == 1 && r.gw[a]-t >= b.min) {
				h[a] = 0
				q = append(q, int32(a))
			}
		}
		for i := 0; i < len(q); i++ {
			if i&4095 == 4095 && r.ctx.Err() != nil {
				return // cancelled: the caller checks ctx next
			}
			a := q[i]
			for _, v := range c.mem[a] {
				for _, u := range g.adj[g.off[v]:g.off[v+1]] {
					if y := r.lab[u]; h[y] < 0 {
						h[y] = h[a] + 1
						q = append(q, y)
					}
				}
			}
		}
		for a := range h {
			if h[a] < 0 {
				h[a] = math.MaxInt32
			}
		}
		c.hops[side] = h
	}
}

// A chainMove moves atom v from group from to group to; end marks a move
// that puts no group out of bounds, after which the chain may end.
type chainMove struct {
	v, from, to int32
	end         bool
	hops        int32 // the other group's hops to room (give) or spare weight (take)
	out         int64 // how far the move puts the other group out of bounds
	cost        float64
}

func (c *chainer) bad() int {
	n := 0
	for a := range c.r.gw {
		if c.r.gn[a] > 0 && !c.r.b.in(c.r.gw[a]) {
			n++
		}
	}
	return n
}

// mend applies one chain that brings group a nearer its bounds and
// reports whether it found one.
func (c *chainer) mend(a int32) bool {
	if c.total >= c.limit {
		return false
	}
	c.steps = 0
	defer func() { c.total += c.steps }()
	c.before = c.r.b.dist(c.r.gw[a])
	c.rootOver = c.r.gw[a] > c.r.b.max
	for depth := 1; depth <= balanceDepth && c.steps < balanceBudget; depth++ {
		if c.extend(a, a, depth) {
			for _, v := range c.moved {
				c.isMoved[v] = false
			}
			c.moved = c.moved[:0]
			return true
		}
	}
	return false
}

// extend makes one more move of the chain mending root, from group z: an
// atom of z to a neighbouring group when z is over the maximum, an atom of
// a neighbouring group into z when z is under the minimum, never crossing
// z's other bound and never moving an atom twice or touching root again.
// A group the move puts out of bounds is opened; the chain goes on from
// the last group opened, at most depth moves in all, until none is open
// (root only needs to come nearer its bounds). Moves that open no group
// are tried first, each kind cheapest first; a move that leads nowhere is
// undone.
func (c *chainer) extend(root, z int32, depth int) bool {
	r, b, g := c.r, c.r.b, c.r.g
	start := len(c.cands)
	defer func() { c.cands = c.cands[:start] }()
	over := r.gw[z] > b.max
	side := 0
	if !over {
		side = 1
	}
	// next returns a fresh tick, clearing the marks when it wraps.
	next := func() uint32 {
		if c.tick++; c.tick == 0 {
			clear(c.seenAtom)
			clear(c.seenGroup)
			c.tick = 1
		}
		return c.tick
	}
	tick := next()
	add := func(v, from, to int32) {
		// Each (atom, group) once: a second look would decide the same.
		if over {
			if c.seenGroup[to] == tick {
				return
			}
			c.seenGroup[to] = tick
		} else {
			if c.seenAtom[v] == tick {
				return
			}
			c.seenAtom[v] = tick
		}
		w := g.w[v]
		if z != root && (to == root || from == root) {
			// root may take part again (a swap), but must end nearer its
			// bounds, on the side it started
			nw := r.gw[root] + w
			if from == root {
				nw = r.gw[root] - w
			}
			if b.dist(nw) >= c.before || c.rootOver && nw < b.min || !c.rootOver && nw > b.max {
				return
			}
		}
		if slices.Contains(c.open, to) && to != z || slices.Contains(c.open, from) && from != z {
			return
		}
		if c.isMoved[v] || over && r.gw[z]-w < b.min || !over && r.gw[z]+w > b.max {
			return
		}
		// the other group: no further out of bounds than it was, unless it
		// was within them (the chain then goes on to mend it)
		other, ow := to, r.gw[to]+w
		if !over {
			other, ow = from, r.gw[from]-w
		}
		end := b.dist(ow) <= b.dist(r.gw[other])
		if !end && (depth == 1 || !b.in(r.gw[other])) || !c.movable(from, v) {
			return
		}
		c.cands = append(c.cands, chainMove{v, from, to, end, c.hops[side][other], b.dist(ow),
			leaveCost(w, g.x[v], g.y[v], r.gw[from], r.gx[from], r.gy[from]) + joinCost(w, g.x[v], g.y[v], r.gw[to], r.gx[to], r.gy[to])})
	}
	c.bnd = c.boundary(z, c.bnd[:0])
	for _, v := range c.bnd {
		if over {
			tick = next() // the groups v may go to
		}
		for _, u := range g.adj[g.off[v]:g.off[v+1]] {
			if y := r.lab[u]; y != z {
				if over {
					add(v, z, y)
				} else {
					add(u, y, z)
				}
			}
		}
	}
	slices.SortStableFunc(c.cands[start:], func(p, q chainMove) int {
		if p.end != q.end {
			if p.end {
				return -1
			}
			return 1
		}
		if p.hops != q.hops {
			return cmp.Compare(p.hops, q.hops)
		}
		if p.out != q.out {
			return cmp.Compare(p.out, q.out)
		}
		return cmp.Compare(p.cost, q.cost)
	})
	for i := start; i < len(c.cands); i++ {
		if c.steps >= balanceBudget {
			return false
		}
		c.steps++
		m := c.cands[i]
		if r.lab[m.v] != m.from {
			continue
		}
		saved := append(c.saved[depth][:0], c.open...)
		c.saved[depth] = saved
		c.move(m.v, m.from, m.to)
		c.moved = append(c.moved, m.v)
		c.isMoved[m.v] = true
		if z != root && b.in(r.gw[z]) {
			c.open = slices.DeleteFunc(c.open, func(a int32) bool { return a == z })
		}
		if !m.end {
			if over {
				c.open = append(c.open, m.to)
			} else {
				c.open = append(c.open, m.from)
			}
		}
		if len(c.open) == 0 {
			return true
		}
		if depth > 1 && c.extend(root, c.open[len(c.open)-1], depth-1) {
			return true
		}
		c.open = append(c.open[:0], saved...)
		c.moved = c.moved[:len(c.moved)-1]
		c.isMoved[m.v] = false
		c.move(m.v, m.to, m.from)
	}
	return false
}

// dist is how far W lies outside the bounds.
func (b bounds) dist(W int64) int64 {
	switch {
	case W > b.max:
		return W - b.max
	case W < b.min:
		return b.min - W
	}
	return 0
}

// move moves atom v from group from to group to, keeping the member lists.
func (c *chainer) move(v, from, to int32) {
	c.r.move(v, from, to)
	m := c.mem[from]
	i := slices.Index(m, v)
	c.mem[from] = append(m[:i], m[i+1:]...)
	c.mem[to] = append(c.mem[to], v)
}

// movable reports whether atom v may leave group a: not frozen, not a
// fixed hub site, not a's last atom, and a stays connected without it.
func (c *chainer) movable(a, v int32) bool {
	r := c.r
	return r.gn[a] > 1 && !r.pinned(v) && (c.frozen == nil || !c.frozen(v)) && r.connectedWithout(a, v)
}

// boundary appends to out the atoms of x next to another group,
// ascending.
func (c *chainer) boundary(x int32, out []int32) []int32 {
	r, g := c.r, c.r.g
	for _, v := range c.mem[x] {
		for _, u := range g.adj[g.off[v]:g.off[v+1]] {
			if r.lab[u] != x {
				out = append(out, v)
				break
			}
		}
	}
	slices.Sort(out)
	return out
}
