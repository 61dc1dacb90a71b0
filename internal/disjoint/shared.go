package disjoint

import "sync/atomic"

// FindShared is Find for a forest that UnionShared may be changing on other
// goroutines: every entry is read and written atomically, and a path is
// halved only where it has not changed meanwhile. A parent stays smaller
// than its child, so the root found is the smallest member of x's set as
// it was at some moment of the call.
func FindShared(parent []int32, x int32) int32 {
	for {
		px := atomic.LoadInt32(&parent[x])
		if px == x {
			return x
		}
		gx := atomic.LoadInt32(&parent[px])
		if gx != px {
			atomic.CompareAndSwapInt32(&parent[x], px, gx)
		}
		x = gx
	}
}

// UnionShared is Union for unions made on several goroutines at once: the
// larger root is linked under the smaller only while it is still a root
// (compare-and-swap), and the roots are found again when it is not, so no
// union is lost. Once every union has returned, each set's root is its
// smallest member, whatever order they ran in.
func UnionShared(parent []int32, a, b int32) {
	for {
		a, b = FindShared(parent, a), FindShared(parent, b)
		if a == b {
			return
		}
		if a < b {
			a, b = b, a
		}
		if atomic.CompareAndSwapInt32(&parent[a], a, b) {
			return
		}
	}
}
