package partition

// distWeight is a practice's distance to its hub site and its weight.
type distWeight struct {
	d float64
	w int64
}

// weightedQuantile returns the smallest distance d at which the weight of
// the pairs at distance at most d reaches target (the distance where the
// cumulative weight, in order of distance, first reaches it), or 0 if it
// never does. It selects rather than sorts (quickselect on distinct
// distances, median-of-three pivots: O(n) expected) and reorders pairs.
// Weights are summed as integers, so the answer does not depend on the
// order of the pairs.
func weightedQuantile(pairs []distWeight, target float64) float64 {
	var acc int64 // weight of pairs already known to lie below the answer
	a := pairs
	for len(a) > 0 {
		pivot := medianOf3(a[0].d, a[len(a)/2].d, a[len(a)-1].d)
		// Three-way partition: [0, lt) below pivot, [lt, gt) equal, [gt, n) above.
		lt, i, gt := 0, 0, len(a)
		var wl, we int64
		for i < gt {
			switch x := a[i]; {
			case x.d < pivot:
				a[lt], a[i] = a[i], a[lt]
				wl += x.w
				lt++
				i++
			case x.d > pivot:
				gt--
				a[gt], a[i] = a[i], a[gt]
			default:
				we += x.w
				i++
			}
		}
		switch {
		case lt > 0 && float64(acc+wl) >= target:
			a = a[:lt]
		case float64(acc+wl+we) >= target:
			return pivot
		default:
			acc += wl + we
			a = a[gt:]
		}
	}
	return 0
}

// medianOf3 returns the middle one of a, b and c.
func medianOf3(a, b, c float64) float64 {
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	return max(a, b)
}
