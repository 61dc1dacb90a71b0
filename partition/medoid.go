package partition

import "math"

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
	for _, c := range members {
		if c != skip {
			cand(c)
		}
	}
	if extra >= 0 {
		cand(extra)
	}
	if math.IsInf(best, 1) {
		return 0
	}
	return best
}
