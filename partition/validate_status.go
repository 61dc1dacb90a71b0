package partition

import "context"

// checkStatuses referees every group's status (see Validate) on the
// level's units and pieces, made as Run makes them: at level 0 each site's
// practices split by stratum (and into single practices when a part
// outweighs the maximum), merged by locked label; above, the groups of the
// level below. Pieces are the connected components of the units within
// strata once the units heavier than the maximum are set aside.
func (c *levelCheck) checkStatuses() {
	// The units, their map and its pieces are made only when a group's
	// status is not ok: at national scale nearly every run has none, and
	// they cost as much as the rest of the check.
	var (
		unit    []int32
		ag      *pgraph
		over    []bool
		pieces  []*piece
		pieceOf []int32
	)
	makeMap := func() bool {
		if ag != nil {
			return true
		}
		var nu int
		var ok bool
		if unit, nu, ok = c.units(); !ok {
			return false
		}
		ag = c.s.unitGraph(context.Background(), unit, nu, c.stratum, make([]float64, nu), make([]float64, nu))
		over = oversizeAtoms(ag, c.b)
		pieces, _ = findPieces(context.Background(), ag, over)
		pieceOf = make([]int32, nu)
		for i := range pieceOf {
			pieceOf[i] = -1
		}
		for i, pc := range pieces {
			for _, u := range pc.atoms {
				pieceOf[u] = int32(i)
			}
		}
		return true
	}
	for i := range c.groups {
		gr := &c.groups[i]
		in := c.b.in(gr.Patients)
		switch {
		case gr.Status == StatusOK && !in:
			c.add("%s: status ok but weight %d outside [%d, %s]", c.gname(i), gr.Patients, c.b.min, maxString(c.b.max))
			continue
		case gr.Status == StatusOK:
			continue
		case in:
			c.add("%s: status %q but weight %d is within bounds", c.gname(i), gr.Status, gr.Patients)
			continue
		case gr.Reason == "":
			c.add("%s: status %q without a reason", c.gname(i), gr.Status)
		}
		if !makeMap() {
			return
		}
		heavy, piece := int32(-1), int32(-2)
		for _, p := range gr.Members {
			u := unit[p]
			if over[u] {
				heavy = u
				continue
			}
			switch pp := pieceOf[u]; {
			case piece == -2:
				piece = pp
			case piece != pp:
				piece = -1 // spans pieces
			}
		}
		switch gr.Status {
		case StatusOversize:
			if heavy < 0 {
				c.add("%s: oversize, but none of its %s exceeds the maximum %d alone", c.gname(i), c.unitWords(), c.b.max)
			}
			continue
		case StatusUndersize, StatusUnsplittable, StatusOutOfBounds:
		default:
			c.add("%s: unknown status %q", c.gname(i), gr.Status)
			continue
		}
		if c.fixed != nil && c.l == 0 {
			continue // fixed hub sites decide the splits (see Validate)
		}
		if heavy >= 0 {
			c.add("%s: status %q, but it holds a unit of %d patients above the maximum (oversize)", c.gname(i), gr.Status, ag.w[heavy])
			continue
		}
		if piece < 0 {
			c.add("%s: status %q, but its members lie in several pieces of the map", c.gname(i), gr.Status)
			continue
		}
		pc := pieces[piece]
		lo, hi := c.b.kRange(pc.W, len(pc.atoms))
		feasible := lo <= hi && pc.W >= c.b.min
		switch gr.Status {
		case StatusUndersize:
			if pc.W >= c.b.min {
				c.add("%s: undersize, but the piece of the map it lies in has %d patients, at least the minimum %d", c.gname(i), pc.W, c.b.min)
			}
		case StatusUnsplittable:
			if feasible {
				c.add("%s: unsplittable, but its piece of %d patients can be shared by %d to %d groups within bounds", c.gname(i), pc.W, lo, hi)
			}
		case StatusOutOfBounds:
			if !feasible {
				c.add("%s: out-of-bounds, but its piece of %d patients admits no split within bounds (unsplittable or undersize)", c.gname(i), pc.W)
			} else if gr.Patients == pc.W && peelSplit(ag, pc.atoms, c.b) {
				c.add("%s: out-of-bounds, but the whole piece it is splits contiguously into groups within bounds", c.gname(i))
			}
		}
	}
}

// units returns the unit of every practice at this level and their number,
// or false (with a problem added) when they cannot be made.
func (c *levelCheck) units() ([]int32, int, bool) {
	if c.l > 0 {
		return c.res.Assign[c.l-1], len(c.res.Groups[c.l-1]), true
	}
	u, err := level0Units(context.Background(), c.s, c.ps, c.lvl, c.stratum, c.init, c.locked, c.fixed)
	if err != nil {
		c.add("%s: %v", c.name, err)
		return nil, 0, false
	}
	return u.of, u.n, true
}

// unitWords names the units of the level for problem messages.
func (c *levelCheck) unitWords() string {
	if c.l > 0 {
		return "groups of the level below"
	}
	if c.locked != nil {
		return "practices or locked sets"
	}
	return "practices"
}

// peelSplit looks for a contiguous split of the atoms (a connected set of
// ag) into groups all within b, by peeling regions off the edge: from the
// atom farthest (in steps) from the rest it grows a region breadth-first to
// the minimum, skipping atoms that would take it over the maximum; parts
// of the remainder cut off by the region and below the minimum join it
// when they fit. It succeeds when the last remainder is within bounds. A
// true answer is a proof that such a split exists; false proves nothing
// (the greedy peel can miss one). Cost O(atoms × groups).
func peelSplit(ag *pgraph, atoms []int32, b bounds) bool {
	n := len(atoms)
	if n < 2 {
		return false
	}
	local := make(map[int32]int32, n)
	for i, a := range atoms {
		local[a] = int32(i)
	}
	nb := func(i int32, fn func(j int32)) {
		a := atoms[i]
		for _, v := range ag.adj[ag.off[a]:ag.off[a+1]] {
			if j, ok := local[v]; ok {
				fn(j)
			}
		}
	}
	const (
		free = iota
		taken
	)
	state := make([]uint8, n)
	var restW int64
	for _, a := range atoms {
		restW += ag.w[a]
	}
	mark := make([]int32, n) // BFS stamps
	stamp := int32(0)
	queue := make([]int32, 0, n)
	// bfs visits the free atoms connected to start (and, when add is set,
	// only while add accepts them), returning them in order.
	bfs := func(start int32, add func(j int32) bool) []int32 {
		stamp++
		queue = append(queue[:0], start)
		mark[start] = stamp
		for k := 0; k < len(queue); k++ {
			nb(queue[k], func(j int32) {
				if state[j] == free && mark[j] != stamp {
					mark[j] = stamp
					if add == nil || add(j) {
						queue = append(queue, j)
					}
				}
			})
		}
		return queue
	}
	first := int32(0)
	parts := 0
	for restW > b.max {
		for state[first] != free {
			first++
		}
		far := bfs(first, nil)
		if len(far) != n-countTaken(state) {
			return false // the remainder fell apart
		}
		seed := far[len(far)-1]
		// grow until the region is within bounds and leaves a remainder
		// whose weight some number of groups can share
		done := func(w int64) bool { return w >= b.min && sharable(restW-w, b) }
		hi := b.max
		w := ag.w[atoms[seed]]
		if w > hi {
			return false
		}
		region := bfs(seed, func(j int32) bool {
			if done(w) || w+ag.w[atoms[j]] > hi {
				return false
			}
			w += ag.w[atoms[j]]
			return true
		})
		if !done(w) {
			return false
		}
		for _, j := range region {
			state[j] = taken
		}
		restW -= w
		parts++
		// parts of the remainder cut off below the minimum join the region
		for j := range int32(n) {
			if state[j] != free {
				continue
			}
			comp := bfs(j, nil)
			var cw int64
			for _, k := range comp {
				cw += ag.w[atoms[k]]
			}
			if cw == restW {
				break // the remainder is in one piece
			}
			if cw < b.min && w+cw <= hi && sharable(restW-cw, b) {
				for _, k := range comp {
					state[k] = taken
				}
				w += cw
				restW -= cw
			}
		}
	}
	if parts == 0 || restW != 0 && !b.in(restW) {
		return false
	}
	if restW == 0 {
		return true
	}
	// the last remainder is a group only if it is in one piece
	for state[first] != free {
		first++
	}
	return len(bfs(first, nil)) == n-countTaken(state)
}

// sharable reports whether W patients can be shared by some number of
// groups within b (W = 0: none needed).
func sharable(W int64, b bounds) bool {
	if W == 0 || b.min == 0 {
		return true
	}
	return (W+b.max-1)/b.max <= W/b.min
}

func countTaken(state []uint8) int {
	c := 0
	for _, s := range state {
		if s != 0 {
			c++
		}
	}
	return c
}
