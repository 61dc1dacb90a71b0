package partition

import "math"

// The exact re-cut of a union of groups (recutBelow) is a function of the
// union's atoms, the number of groups and the limit alone when no atom of
// the union is pinned: weights, positions, fixed hub sites, bounds and the
// extra term are fixed for a searcher. The search meets the same union
// again and again (a perturbation that is undone puts its groups back; a
// pair not improved is tried again once a neighbour changes), about a third
// of the calls on England's hubs, so the outcome of each search is kept in
// a small table and reused when it decides the new call:
//
//   - a search that found a cut found the cheapest cut of the union (the
//     first in the search's order among the cheapest, as any search whose
//     limit exceeds its cost would): a later call takes it when its cost is
//     below the new limit and otherwise knows that no cut is;
//   - a search that found none knows that no cut costs less than its limit,
//     which answers every later call with a limit as low or lower.
//
// Anything else is searched again. The answers are exactly those of a new
// search, so results do not change; the table is direct-mapped and of
// fixed size (an entry is overwritten by a later union of the same slot),
// which keeps memory bounded and the outcome deterministic.

// cutMemoParts bounds the groups of a remembered cut (pairs, and the
// re-cuts of a group with up to three neighbours).
const cutMemoParts = 4

// cutMemoSlots returns the size of the table of a searcher of ng groups:
// a power of two near 16 slots per group (England's hubs, 1,517 groups:
// 32,768 slots, 3 MB), within [2^8, 2^15].
func cutMemoSlots(ng int) int {
	n := 1 << 8
	for n < 16*ng && n < 1<<15 {
		n <<= 1
	}
	return n
}

// cutEntry is one remembered search.
type cutEntry struct {
	n, k  int8                  // atoms and groups of the union; n = 0: empty
	atoms [exactPairAtoms]int32 // the union, ascending
	found bool                  // a cut was found
	cost  float64               // found: the cheapest cut's cost; else the limit searched below
	parts [cutMemoParts]uint32  // found: the cut, as bits of atoms
}

type cutMemo struct {
	slots []cutEntry // len a power of two; nil until first used
	ng    int        // groups of the searcher, which sizes slots
}

// cutKey hashes a union and its number of groups.
func cutKey(order []int32, k int) uint64 {
	h := uint64(14695981039346656037) ^ uint64(k)
	for _, v := range order {
		h ^= uint64(uint32(v))
		h *= 1099511628211
	}
	return h ^ h>>29
}

// entry returns the slot of order and k, and whether it holds that union.
func (m *cutMemo) entry(order []int32, k int) (*cutEntry, bool) {
	if m.slots == nil {
		m.slots = make([]cutEntry, cutMemoSlots(m.ng))
	}
	e := &m.slots[cutKey(order, k)&uint64(len(m.slots)-1)]
	if int(e.n) != len(order) || int(e.k) != k {
		return e, false
	}
	for i, v := range order {
		if e.atoms[i] != v {
			return e, false
		}
	}
	return e, true
}

// lookup answers a search of order into k groups below limit from a
// remembered one: known reports whether it could, and parts (nil: no cut
// below limit) is the answer.
func (m *cutMemo) lookup(order []int32, k int, limit float64) (parts []uint32, known bool) {
	e, ok := m.entry(order, k)
	switch {
	case !ok:
		return nil, false
	case e.found && e.cost < limit:
		return e.parts[:k], true
	case e.found, limit <= e.cost:
		return nil, true
	}
	return nil, false
}

// store remembers a search of order into k groups below limit that found
// parts (nil: none) of total cost best.
func (m *cutMemo) store(order []int32, k int, limit float64, parts []uint32, best float64) {
	if k > cutMemoParts || math.IsNaN(limit) {
		return
	}
	e, _ := m.entry(order, k)
	e.n, e.k = int8(len(order)), int8(k)
	copy(e.atoms[:], order)
	e.found = parts != nil
	e.cost = limit
	if e.found {
		e.cost = best
		copy(e.parts[:], parts)
	}
}
