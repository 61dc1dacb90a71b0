package partition

// nearPairs lets a pair pass skip, without listing its neighbours, a group
// none of whose pairs can be tried: a pair is re-cut only when one of its
// groups changed since the pass's round (hot), so a group that is not hot
// and touches no hot group has nothing to try. After a perturbation or on
// a seam, few groups are hot, and listing every group's neighbours was
// most of a pass.
//
// near[a] is set for every hot group and every group touching one; it only
// grows during the pass, so it may over-approximate, never miss. Groups
// change only through refiner.move, which keeps it up to date: both ends
// of a move become hot, the groups next to the moved atom now touch the
// receiving group, and a group that becomes hot has its other neighbours
// marked (lazily, in mayPair, once the re-cut that changed it has updated
// its member list).
type nearPairs struct {
	since int32
	near  []bool
	fresh []int32 // hot groups whose neighbours are not yet marked
	nb    []int32 // scratch for their neighbours
}

// nearPairs starts tracking for a pair pass trying pairs changed at or
// after round since. It returns nil (try every group) for a pass over all
// pairs (since < 0), inside another tracked pass, or when many groups are
// hot, where marking their neighbours would cost as much as it saves.
func (s *searcher) nearPairs(since int32) *nearPairs {
	if since < 0 || s.refiner.near != nil { // (a pass inside a pass keeps the outer one's)
		return nil
	}
	var hot []int32
	for a, at := range s.changedAt {
		if at >= since && len(s.mem[a]) > 0 {
			hot = append(hot, int32(a))
		}
	}
	if 4*len(hot) > len(s.changedAt) {
		return nil
	}
	np := &nearPairs{since: since, near: make([]bool, len(s.changedAt)), fresh: hot}
	for _, a := range hot {
		np.near[a] = true
	}
	s.refiner.near = np
	return np
}

// moved records the move of atom v from group from to group to, before
// the groups' changedAt is set.
func (np *nearPairs) moved(r *refiner, v, from, to int32) {
	for _, x := range [2]int32{from, to} {
		if r.changedAt[x] < np.since {
			np.fresh = append(np.fresh, x)
		}
		np.near[x] = true
	}
	g := r.g
	for _, u := range g.adj[g.off[v]:g.off[v+1]] {
		np.near[r.lab[u]] = true
	}
}

// mayPair reports whether group a may have a pair to try, first marking
// the neighbours of the hot groups not yet marked (at the pass's start, or
// changed since the last call).
func (np *nearPairs) mayPair(s *searcher, a int32) bool {
	for _, x := range np.fresh {
		np.nb = s.neighbours(x, np.nb[:0])
		for _, h := range np.nb {
			np.near[h] = true
		}
	}
	np.fresh = np.fresh[:0]
	return np.near[a]
}

// testHookNearSkip, when set (by tests), is told of every group a pair pass
// skips, with the pass's round.
var testHookNearSkip func(s *searcher, a, since int32)
