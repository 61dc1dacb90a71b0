package partition

import (
	"math"
	"slices"

	"github.com/hubpart/hubpart/input"
)

// medoidScratch holds per-site buffers for hubSite.
type medoidScratch struct {
	stamp []int32
	slot  []int32
	sites []int32
	w     []float64
	first []int32   // lowest practice index per site slot
	r     []float64 // lower bound on each slot's cost
	ord   []int32
	cells cellBound
}

func newMedoidScratch(nsites int) *medoidScratch {
	m := &medoidScratch{stamp: make([]int32, nsites), slot: make([]int32, nsites)}
	for i := range m.stamp {
		m.stamp[i] = -1
	}
	return m
}

// hubSite returns the member practice minimising the patient-weighted sum
// of planar distances (projected metres) to the other members; ties go to
// the lowest practice index. Practices on one site are at distance zero,
// so the search runs over distinct sites. Every site gets an exact lower
// bound on its cost (medoidBounds); sites are evaluated by increasing
// bound, and the search stops at the first bound above the best cost
// found, so the choice is the brute-force one. tag must differ between
// calls sharing m (the group id will do).
func hubSite(s *sites, ps []input.Practice, members []int, m *medoidScratch, tag int32) int {
	m.sites, m.w, m.first = m.sites[:0], m.w[:0], m.first[:0]
	for _, p := range members {
		v := s.siteOf[p]
		if m.stamp[v] != tag {
			m.stamp[v] = tag
			m.slot[v] = int32(len(m.sites))
			m.sites = append(m.sites, v)
			m.w = append(m.w, 0)
			m.first = append(m.first, int32(p))
		}
		i := m.slot[v]
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
	slack := m.medoidBounds(s, W)
	m.ord = m.ord[:0]
	for i := range k {
		m.ord = append(m.ord, int32(i))
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
	best, bestCost := int32(-1), math.Inf(1)
	for _, i := range m.ord {
		if m.r[i] > bestCost*(1+slack) {
			break
		}
		if c, ok := m.cost(s, i, bestCost); ok && (c < bestCost || c == bestCost && m.first[i] < best) {
			best, bestCost = m.first[i], c
		}
	}
	return int(best)
}

// cost returns the patient-weighted distance from site slot i to every
// site of the group, summed in slot order (so that every caller gets the
// same figure to the last bit), or ok false as soon as the partial sum
// exceeds limit: terms are not negative, so the full sum would too.
func (m *medoidScratch) cost(s *sites, i int32, limit float64) (c float64, ok bool) {
	vi := m.sites[i]
	xi, yi := s.x[vi], s.y[vi]
	const block = 64
	for lo := 0; lo < len(m.sites); lo += block {
		hi := min(lo+block, len(m.sites))
		for j, vj := range m.sites[lo:hi] {
			dx, dy := xi-s.x[vj], yi-s.y[vj]
			c += m.w[lo+j] * math.Sqrt(dx*dx+dy*dy)
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
const cellBoundMin = 64

// medoidBounds fills m.r with a lower bound on the cost of every site slot
// and returns the relative slack that covers rounding in the bounds.
//
// Both bounds are Jensen's inequality for the norm: for any set C of sites
// with weight W_C and weighted centroid c_C, Σ_{j∈C} w_j·|p − s_j| ≥
// W_C·|p − c_C|. Small groups take C = the whole group (less the centroid
// distances' sum, D: W·r − D, a bound that is weak but costs nothing);
// large ones cut the group into compact cells (cellBound), exact within
// the candidate's own cell, whose sum is within a few per cent of the cost.
func (m *medoidScratch) medoidBounds(s *sites, W float64) float64 {
	k := len(m.sites)
	m.r = slices.Grow(m.r[:0], k)[:k]
	if k >= cellBoundMin {
		m.cells.bound(s, m)
		return 1e-9
	}
	var cx, cy float64
	for i, v := range m.sites {
		cx += m.w[i] * s.x[v]
		cy += m.w[i] * s.y[v]
	}
	cx /= W
	cy /= W
	var D float64
	for i, v := range m.sites {
		dx, dy := s.x[v]-cx, s.y[v]-cy
		m.r[i] = math.Sqrt(dx*dx + dy*dy)
		D += m.w[i] * m.r[i]
	}
	for i := range m.r {
		m.r[i] = W*m.r[i] - D
	}
	return 1e-12
}

// cellBound cuts a group's sites into about √k compact cells of about √k
// sites each (a k-d split at weighted-count medians, along the longer
// side) and bounds the cost of each site by the exact sum over its own
// cell plus W_C·|p − c_C| for every other cell C: O(k·√k) for all sites,
// against O(k²) for their exact costs.
type cellBound struct {
	idx    []int32   // slots, grouped by cell
	start  []int32   // cell c holds idx[start[c]:start[c+1]]
	cw     []float64 // cell weight
	cx, cy []float64 // cell weighted centroid
	key    []float64 // coordinate being split on, per slot
}

func (cb *cellBound) bound(s *sites, m *medoidScratch) {
	k := len(m.sites)
	cb.idx = cb.idx[:0]
	for i := range k {
		cb.idx = append(cb.idx, int32(i))
	}
	cb.key = slices.Grow(cb.key[:0], k)[:k]
	leaf := max(8, int(math.Sqrt(float64(k))))
	cb.start = append(cb.start[:0], 0)
	cb.split(s, m, 0, k, leaf)
	nc := len(cb.start) - 1
	cb.cw = slices.Grow(cb.cw[:0], nc)[:nc]
	cb.cx = slices.Grow(cb.cx[:0], nc)[:nc]
	cb.cy = slices.Grow(cb.cy[:0], nc)[:nc]
	for c := range nc {
		var w, x, y float64
		for _, i := range cb.idx[cb.start[c]:cb.start[c+1]] {
			v := m.sites[i]
			w += m.w[i]
			x += m.w[i] * s.x[v]
			y += m.w[i] * s.y[v]
		}
		cb.cw[c] = w
		if w > 0 {
			x /= w
			y /= w
		}
		cb.cx[c], cb.cy[c] = x, y
	}
	for c := range nc {
		own := cb.idx[cb.start[c]:cb.start[c+1]]
		for _, i := range own {
			v := m.sites[i]
			xi, yi := s.x[v], s.y[v]
			var b float64
			for d := range nc {
				if d != c {
					dx, dy := xi-cb.cx[d], yi-cb.cy[d]
					b += cb.cw[d] * math.Sqrt(dx*dx+dy*dy)
				}
			}
			for _, j := range own {
				vj := m.sites[j]
				dx, dy := xi-s.x[vj], yi-s.y[vj]
				b += m.w[j] * math.Sqrt(dx*dx+dy*dy)
			}
			m.r[i] = b
		}
	}
}

// split appends the cells of idx[lo:hi] to cb.start: a range of at most
// leaf sites is one cell; a larger one is halved at its median along the
// longer side of its bounding box (ties by slot, so the cells depend on
// the group alone).
func (cb *cellBound) split(s *sites, m *medoidScratch, lo, hi, leaf int) {
	if hi-lo <= leaf {
		cb.start = append(cb.start, int32(hi))
		return
	}
	x0, x1, y0, y1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, i := range cb.idx[lo:hi] {
		v := m.sites[i]
		x0, x1 = min(x0, s.x[v]), max(x1, s.x[v])
		y0, y1 = min(y0, s.y[v]), max(y1, s.y[v])
	}
	coord := s.x
	if y1-y0 > x1-x0 {
		coord = s.y
	}
	for _, i := range cb.idx[lo:hi] {
		cb.key[i] = coord[m.sites[i]]
	}
	mid := (lo + hi) / 2
	selectNth(cb.idx[lo:hi], mid-lo, cb.key)
	cb.split(s, m, lo, mid, leaf)
	cb.split(s, m, mid, hi, leaf)
}

// selectNth reorders a so that a[n] is the element of rank n by (key,
// value), those before it rank lower and those after higher
// (quickselect, median-of-three pivots: deterministic).
func selectNth(a []int32, n int, key []float64) {
	less := func(i, j int32) bool {
		if key[i] != key[j] {
			return key[i] < key[j]
		}
		return i < j
	}
	lo, hi := 0, len(a)-1
	for hi > lo {
		mid := lo + (hi-lo)/2
		if less(a[mid], a[lo]) {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if less(a[hi], a[lo]) {
			a[hi], a[lo] = a[lo], a[hi]
		}
		if less(a[hi], a[mid]) {
			a[hi], a[mid] = a[mid], a[hi]
		}
		pivot := a[mid]
		i, j := lo, hi
		for i <= j {
			for less(a[i], pivot) {
				i++
			}
			for less(pivot, a[j]) {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		if n <= j {
			hi = j
		} else if n >= i {
			lo = i
		} else {
			return
		}
	}
}
