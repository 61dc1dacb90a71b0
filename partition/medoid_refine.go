package partition

import "math"

// maxMedoidAtoms bounds the groups polished by exact medoid moves: the
// cost of a group is O(m²) in its atoms.
const maxMedoidAtoms = 24

// medoidCost returns min over members c of Σ w·|p − p_c| (planar metres),
// the patient-weighted distance to the group's hub site, with atom extra
// added (extra < 0: none) and atom skip left out (skip < 0: none).
func (r *refiner) medoidCost(members []int32, extra, skip int32) float64 {
	g := r.g
	best := math.Inf(1)
	cand := func(c int32) {
		xc, yc := g.x[c], g.y[c]
		var s float64
		for _, v := range members {
			if v != skip {
				dx, dy := g.x[v]-xc, g.y[v]-yc
				s += float64(g.w[v]) * math.Sqrt(dx*dx+dy*dy)
				if s >= best {
					return
				}
			}
		}
		if extra >= 0 {
			dx, dy := g.x[extra]-xc, g.y[extra]-yc
			s += float64(g.w[extra]) * math.Sqrt(dx*dx+dy*dy)
		}
		if s < best {
			best = s
		}
	}
	if c := r.pinIn(members, extra, skip); c >= 0 {
		cand(c) // a fixed hub site is the hub site
	} else {
		for _, c := range members {
			if c != skip {
				cand(c)
			}
		}
		if extra >= 0 {
			cand(extra)
		}
	}
	if math.IsInf(best, 1) {
		return 0
	}
	return best
}

// medoidPass polishes small groups with single-atom boundary moves judged
// by the exact objective (patient-weighted distance to the hub site)
// rather than the inertia; bounds and donor contiguity are kept as in
// moves. It tries the atoms vs in order (nil: every atom in index order)
// and returns the number of moves made.
func (r *refiner) medoidPass(mem [][]int32, vs []int32) int {
	g, b := r.g, r.b
	cost := make([]float64, len(mem))
	have := make([]bool, len(mem))
	costOf := func(a int32) float64 {
		if !have[a] {
			have[a] = true
			cost[a] = r.medoidCost(mem[a], -1, -1)
		}
		return cost[a]
	}
	moved := 0
	n := int32(g.n())
	if vs != nil {
		n = int32(len(vs))
	}
	for i := range n {
		if i&1023 == 0 && r.ctx.Err() != nil {
			return moved
		}
		v := i
		if vs != nil {
			v = vs[i]
		}
		a := r.lab[v]
		w := g.w[v]
		if r.gn[a] == 1 || w == 0 || r.gw[a]-w < b.min || len(mem[a]) > maxMedoidAtoms || r.pinned(v) {
			continue
		}
		var costA float64
		computed := false
		best, bh := -1e-6, int32(-1)
		var bestA, bestH float64
		for _, u := range g.adj[g.off[v]:g.off[v+1]] {
			h := r.lab[u]
			if h == a || r.gw[h] > b.max-w || len(mem[h]) >= maxMedoidAtoms {
				continue
			}
			if !computed {
				costA = r.medoidCost(mem[a], -1, v)
				computed = true
			}
			costH := r.medoidCost(mem[h], v, -1)
			d := costA + costH - costOf(a) - costOf(h)
			if r.extra != nil {
				d += r.extra(v, a, h)
			}
			if d < best {
				best, bh, bestA, bestH = d, h, costA, costH
			}
		}
		if bh < 0 || !r.connectedWithout(a, v) {
			continue
		}
		r.move(v, a, bh)
		for i, x := range mem[a] {
			if x == v {
				mem[a] = append(mem[a][:i:i], mem[a][i+1:]...)
				break
			}
		}
		mem[bh] = append(mem[bh], v)
		cost[a], cost[bh] = bestA, bestH
		have[a], have[bh] = true, true
		moved++
	}
	return moved
}
