package disjoint

// Find returns the root of x's set in the forest parent (parent[i] == i at
// a root, and every parent smaller than its child when only Union links),
// halving the path as it goes.
func Find(parent []int32, x int32) int32 {
	for parent[x] != x {
		parent[x] = parent[parent[x]]
		x = parent[x]
	}
	return x
}

// Union merges the sets of a and b in the forest parent, the larger root
// linked under the smaller, and reports whether they were separate.
func Union(parent []int32, a, b int32) bool {
	ra, rb := Find(parent, a), Find(parent, b)
	if ra == rb {
		return false
	}
	parent[max(ra, rb)] = min(ra, rb)
	return true
}
