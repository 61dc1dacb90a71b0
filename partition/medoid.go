package partition

import (
	"math"
	"slices"

	"github.com/hubpart/hubpart/input"
)

// medoidScratch holds per-site buffers for hubSite.
type medoidScratch struct {
	mark  []siteMark // per site of the graph: tag of the last group seen, its slot
	sites []int32
	w     []float64
	first []int32   // lowest practice index per site slot
	x, y  []float64 // site coordinates per slot (contiguous: the sites' own are scattered)
	r     []float64 // lower bound on each slot's cost
	ord   []int32
	cells cellBound
}

// siteMark keeps a site's tag and slot side by side: one cache line per
// member instead of two (the sites of a group are scattered in the graph).
type siteMark struct{ tag, slot int32 }

func newMedoidScratch(nsites int) *medoidScratch {
	m := &medoidScratch{mark: make([]siteMark, nsites)}
	for i := range m.mark {
		m.mark[i].tag = -1
	}
	return m
}

// hubSite returns the member practice minimising the patient-weighted sum
// of planar distances (projected metres) to the other members; ties go to
// the lowest practice index. Practices on one site are at distance zero,
// so the search runs over distinct sites. Every site gets an exact lower
// bound on its cost (medoidBounds); the site of least bound is evaluated
// first, then every site whose bound does not exceed the best cost found,
// by increasing bound, so the choice is the brute-force one. tag must
// differ between calls sharing m (the group id will do).
func hubSite(s *sites, ps []input.Practice, members []int, m *medoidScratch, tag int32) int {
	m.sites, m.w, m.first, m.x, m.y = m.sites[:0], m.w[:0], m.first[:0], m.x[:0], m.y[:0]
	for _, p := range members {
		v := s.siteOf[p]
		mk := &m.mark[v]
		if mk.tag != tag {
			*mk = siteMark{tag, int32(len(m.sites))}
			m.sites = append(m.sites, v)
			m.w = append(m.w, 0)
			m.first = append(m.first, int32(p))
			m.x = append(m.x, s.xy[v][0])
			m.y = append(m.y, s.xy[v][1])
		}
		i := mk.slot
		m.w[i] += float64(ps[p].Patients)
		m.first[i] = min(m.first[i], int32(p))
	}
	k := len(m.sites)
	if k == 1 {
		return int(m.first[0])
	}
	var W float64
	for _, w := range m.w {
		W += w
	}
	if W == 0 {
		return int(slices.Min(m.first))
	}
	slack := m.medoidBounds(W)
	// The site of least bound gives a first cost; only sites whose bound
	// does not exceed it can win, and they are tried by increasing bound.
	i0 := int32(0)
	for i := range int32(k) {
		if m.r[i] < m.r[i0] || m.r[i] == m.r[i0] && m.first[i] < m.first[i0] {
			i0 = i
		}
	}
	best, bestCost := m.first[i0], math.Inf(1)
	bestCost, _ = m.cost(i0, bestCost)
	if k >= cellBoundMin {
		m.cells.refine(m, bestCost*(1+slack))
	}
	m.ord = m.ord[:0]
	for i := range int32(k) {
		if i != i0 && m.r[i] <= bestCost*(1+slack) {
			m.ord = append(m.ord, i)
		}
	}
	slices.SortFunc(m.ord, func(a, b int32) int {
		if m.r[a] != m.r[b] {
			if m.r[a] < m.r[b] {
				return -1
			}
			return 1
		}
		return int(m.first[a] - m.first[b])
	})
	for _, i := range m.ord {
		if m.r[i] > bestCost*(1+slack) {
			break
		}
		if c, ok := m.cost(i, bestCost); ok && (c < bestCost || c == bestCost && m.first[i] < best) {
			best, bestCost = m.first[i], c
		}
	}
	return int(best)
}

// cost returns the patient-weighted distance from site slot i to every
// site of the group, summed in slot order (so that every caller gets the
// same figure to the last bit), or ok false as soon as the partial sum
// exceeds limit: terms are not negative, so the full sum would too.
func (m *medoidScratch) cost(i int32, limit float64) (c float64, ok bool) {
	xi, yi := m.x[i], m.y[i]
	const block = 64
	for lo := 0; lo < len(m.x); lo += block {
		hi := min(lo+block, len(m.x))
		ys, ws := m.y[lo:hi], m.w[lo:hi]
		for j, xj := range m.x[lo:hi] {
			dx, dy := xi-xj, yi-ys[j]
			c += ws[j] * math.Sqrt(dx*dx+dy*dy)
		}
		if c > limit {
			return c, false
		}
	}
	return c, true
}

// cellBoundMin is the group size (distinct sites) from which hubSite
// bounds costs by cells (cellBound) rather than by the distance to the
// weighted centroid alone.
const cellBoundMin = 16

// medoidBounds fills m.r with a lower bound on the cost of every site slot
// and returns the relative slack that covers rounding in the bounds.
//
// Both bounds are Jensen's inequality for the norm: for any set C of sites
// with weight W_C and weighted centroid c_C, Σ_{j∈C} w_j·|p − s_j| ≥
// W_C·|p − c_C|. Small groups take C = the whole group (less the centroid
// distances' sum, D: W·r − D, a bound that is weak but costs nothing);
// large ones cut the group into compact cells (cellBound): first coarse
// ones for every site, then, for the sites the coarse bound cannot rule
// out, fine ones, exact within the site's own cell, whose sum is within a
// few per cent of the cost (refine).
func (m *medoidScratch) medoidBounds(W float64) float64 {
	k := len(m.sites)
	m.r = slices.Grow(m.r[:0], k)[:k]
	if k >= cellBoundMin {
		m.cells.bound(m)
		return 1e-9
	}
	var cx, cy float64
	for i := range m.x {
		cx += m.w[i] * m.x[i]
		cy += m.w[i] * m.y[i]
	}
	cx /= W
	cy /= W
	var D float64
	for i := range m.x {
		dx, dy := m.x[i]-cx, m.y[i]-cy
		m.r[i] = math.Sqrt(dx*dx + dy*dy)
		D += m.w[i] * m.r[i]
	}
	for i := range m.r {
		m.r[i] = W*m.r[i] - D
	}
	return 1e-12
}

// cellBound cuts a group's sites into about √k compact cells of about √k
// sites each (a k-d split at count medians, along the longer side), and
// runs of cellsPerBlock consecutive cells (neighbours in the k-d order)
// into blocks. bound gives every site the Jensen sum over the blocks;
// refine replaces it, for the sites whose block bound does not already
// exceed a cost found, by the sum over the other cells plus the exact sum
// over the site's own cell: O(k·√k/cellsPerBlock) for all sites and
// O(√k) more for each site refined, against O(k) for one exact cost.
type cellBound struct {
	idx    []int32   // slots, grouped by cell
	start  []int32   // cell c holds idx[start[c]:start[c+1]]
	cw     []float64 // cell weight
	cx, cy []float64 // cell weighted centroid
	cell   []int32   // cell of each slot
	bw     []float64 // block weight
	bx, by []float64 // block weighted centroid
}

// cellsPerBlock is the number of consecutive cells bound together in the
// first, coarse bound.
const cellsPerBlock = 4

func (cb *cellBound) bound(m *medoidScratch) {
	k := len(m.sites)
	cb.idx = cb.idx[:0]
	for i := range k {
		cb.idx = append(cb.idx, int32(i))
	}
	leaf := max(8, int(math.Sqrt(float64(k))))
	cb.start = append(cb.start[:0], 0)
	cb.split(m, 0, k, leaf)
	nc := len(cb.start) - 1
	cb.cw = slices.Grow(cb.cw[:0], nc)[:nc]
	cb.cx = slices.Grow(cb.cx[:0], nc)[:nc]
	cb.cy = slices.Grow(cb.cy[:0], nc)[:nc]
	cb.cell = slices.Grow(cb.cell[:0], k)[:k]
	nb := (nc + cellsPerBlock - 1) / cellsPerBlock
	cb.bw = append(cb.bw[:0], make([]float64, nb)...)
	cb.bx = append(cb.bx[:0], make([]float64, nb)...)
	cb.by = append(cb.by[:0], make([]float64, nb)...)
	for c := range nc {
		var w, x, y float64
		for _, i := range cb.idx[cb.start[c]:cb.start[c+1]] {
			w += m.w[i]
			x += m.w[i] * m.x[i]
			y += m.w[i] * m.y[i]
			cb.cell[i] = int32(c)
		}
		b := c / cellsPerBlock
		cb.bw[b] += w
		cb.bx[b] += x
		cb.by[b] += y
		if w > 0 {
			x /= w
			y /= w
		}
		cb.cw[c], cb.cx[c], cb.cy[c] = w, x, y
	}
	for b := range nb {
		if cb.bw[b] > 0 {
			cb.bx[b] /= cb.bw[b]
			cb.by[b] /= cb.bw[b]
		}
	}
	for i := range m.x {
		xi, yi := m.x[i], m.y[i]
		var r float64
		for b := range nb {
			dx, dy := xi-cb.bx[b], yi-cb.by[b]
			r += cb.bw[b] * math.Sqrt(dx*dx+dy*dy)
		}
		m.r[i] = r
	}
}

// refine raises the bound of every site whose block bound is at most
// limit to its cell bound (the cells refine the blocks, so it is no
// lower).
func (cb *cellBound) refine(m *medoidScratch, limit float64) {
	nc := len(cb.start) - 1
	for i := range m.x {
		if m.r[i] > limit {
			continue
		}
		xi, yi := m.x[i], m.y[i]
		own := cb.cell[i]
		var r float64
		for c := range int32(nc) {
			if c != own {
				dx, dy := xi-cb.cx[c], yi-cb.cy[c]
				r += cb.cw[c] * math.Sqrt(dx*dx+dy*dy)
			}
		}
		for _, j := range cb.idx[cb.start[own]:cb.start[own+1]] {
			dx, dy := xi-m.x[j], yi-m.y[j]
			r += m.w[j] * math.Sqrt(dx*dx+dy*dy)
		}
		m.r[i] = r
	}
}

// split appends the cells of idx[lo:hi] to cb.start: a range of at most
// leaf sites is one cell; a larger one is cut at the mean coordinate along
// the longer side of its bounding box (distinct sites, so both halves are
// non-empty). The cells only make the bounds tighter or looser, never the
// choice of hub site.
func (cb *cellBound) split(m *medoidScratch, lo, hi, leaf int) {
	if hi-lo <= leaf {
		cb.start = append(cb.start, int32(hi))
		return
	}
	part := cb.idx[lo:hi]
	x0, x1, y0, y1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	var sx, sy float64
	for _, i := range part {
		x, y := m.x[i], m.y[i]
		x0, x1 = min(x0, x), max(x1, x)
		y0, y1 = min(y0, y), max(y1, y)
		sx += x
		sy += y
	}
	coord, cut := m.x, sx/float64(len(part))
	if y1-y0 > x1-x0 {
		coord, cut = m.y, sy/float64(len(part))
	}
	i, j := 0, len(part)-1
	for i <= j {
		if coord[part[i]] < cut {
			i++
		} else {
			part[i], part[j] = part[j], part[i]
			j--
		}
	}
	if i == 0 || i == len(part) { // rounding put every site on one side
		cb.start = append(cb.start, int32(hi))
		return
	}
	cb.split(m, lo, lo+i, leaf)
	cb.split(m, lo+i, hi, leaf)
}
