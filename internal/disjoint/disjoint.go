// Package disjoint holds the module's disjoint-set forests (union-find)
// over the integers 0..n-1, each with path halving:
//
//   - Sets, and Find and Union on a caller's own slice: the root of a set
//     is always its smallest member, so callers that keep per-set data at
//     the root (a representative point, a circumcentre) get the same answer
//     whatever order the unions come in;
//   - FindShared and UnionShared: the same forest, for unions made on
//     several goroutines at once (compare-and-swap);
//   - FindRanked and UnionRanked: union by rank, the rank kept in the
//     root's own entry, for long runs of unions whose roots nobody reads
//     (which edges join a spanning tree): shorter paths, no second array.
package disjoint

// Sets partitions 0..n-1 into disjoint sets; New makes n singletons.
type Sets struct {
	parent []int32
	count  int
}

// New returns n singleton sets {0}, {1}, ..., {n-1}.
func New(n int) *Sets {
	s := &Sets{parent: make([]int32, n), count: n}
	for i := range s.parent {
		s.parent[i] = int32(i)
	}
	return s
}

// Find returns the root (the smallest member) of x's set.
func (s *Sets) Find(x int32) int32 { return Find(s.parent, x) }

// Union merges the sets of a and b and reports whether they were separate.
func (s *Sets) Union(a, b int32) bool {
	if !Union(s.parent, a, b) {
		return false
	}
	s.count--
	return true
}

// Count is the number of sets.
func (s *Sets) Count() int { return s.count }
