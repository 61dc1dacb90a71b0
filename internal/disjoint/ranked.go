package disjoint

// FindRanked returns the root of x's set in a forest kept by UnionRanked,
// where a root holds −1 − its rank (−1 for a singleton: fill the slice with
// −1 to start) and every other entry is a parent; it halves the path as it
// goes.
func FindRanked(uf []int32, x int32) int32 {
	for {
		p := uf[x]
		if p < 0 {
			return x
		}
		gp := uf[p]
		if gp < 0 {
			return p
		}
		uf[x] = gp
		x = gp
	}
}

// UnionRanked merges the sets of a and b, the root of lower rank linked
// under the other, and reports whether they were separate. Which root
// survives depends on the ranks, not on the members, so the roots are not
// the smallest members (use Union for that); which unions report true does
// not depend on it.
func UnionRanked(uf []int32, a, b int32) bool {
	a, b = FindRanked(uf, a), FindRanked(uf, b)
	if a == b {
		return false
	}
	switch ra, rb := uf[a], uf[b]; {
	case ra > rb: // a's rank is the lower
		uf[a] = b
	case ra < rb:
		uf[b] = a
	default:
		uf[a] = b
		uf[b]-- // one rank up
	}
	return true
}
