package graph

import (
	"cmp"
	"slices"
)

// bridge reconnects the components of the kept edges. Candidates are the
// dropped Delaunay edges joining different components, taken by increasing
// length (ties by vertex pair); each one joining two
// still-separate groups is chosen, as in Kruskal's algorithm over the
// component graph. It returns the chosen edges in order and the number of
// components before bridging.
func bridge(n int, del [][2]int32, lengths []float64, kept []bool) (bridges [][2]int32, components int) {
	uf := newUnionFind(n)
	for i, e := range del {
		if kept[i] {
			uf.union(e[0], e[1])
		}
	}
	components = uf.sets
	if components <= 1 {
		return nil, components
	}
	var cand []int32
	for i, e := range del {
		if !kept[i] && uf.find(e[0]) != uf.find(e[1]) {
			cand = append(cand, int32(i))
		}
	}
	slices.SortFunc(cand, func(a, b int32) int {
		if c := cmp.Compare(lengths[a], lengths[b]); c != 0 {
			return c
		}
		if c := cmp.Compare(del[a][0], del[b][0]); c != 0 {
			return c
		}
		return cmp.Compare(del[a][1], del[b][1])
	})
	for _, i := range cand {
		e := del[i]
		if uf.union(e[0], e[1]) {
			bridges = append(bridges, e)
			if uf.sets == 1 {
				break
			}
		}
	}
	return bridges, components
}

// unionFind is a disjoint-set forest with path halving and union by size.
type unionFind struct {
	parent []int32
	size   []int32
	sets   int
}

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int32, n), size: make([]int32, n), sets: n}
	for i := range u.parent {
		u.parent[i] = int32(i)
		u.size[i] = 1
	}
	return u
}

func (u *unionFind) find(x int32) int32 {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

// union merges the sets of a and b and reports whether they were separate.
func (u *unionFind) union(a, b int32) bool {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return false
	}
	if u.size[ra] < u.size[rb] {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	u.size[ra] += u.size[rb]
	u.sets--
	return true
}
