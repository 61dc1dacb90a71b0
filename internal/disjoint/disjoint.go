// Package disjoint is a disjoint-set forest (union-find) over the integers
// 0..n-1, with path halving. The root of a set is always its smallest
// member, so callers that keep per-set data at the root (a representative
// point, a circumcentre) get the same answer whatever order the unions
// come in.
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
func (s *Sets) Find(x int32) int32 {
	for s.parent[x] != x {
		s.parent[x] = s.parent[s.parent[x]]
		x = s.parent[x]
	}
	return x
}

// Union merges the sets of a and b and reports whether they were separate.
func (s *Sets) Union(a, b int32) bool {
	ra, rb := s.Find(a), s.Find(b)
	if ra == rb {
		return false
	}
	s.parent[max(ra, rb)] = min(ra, rb)
	s.count--
	return true
}

// Count is the number of sets.
func (s *Sets) Count() int { return s.count }
