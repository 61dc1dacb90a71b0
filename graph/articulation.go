package graph

import "slices"

// ArticulationPoints returns the cut vertices of g in ascending order: the
// vertices whose removal increases the number of connected components.
//
// It runs Tarjan's low-link algorithm with an explicit stack (no recursion,
// so it handles graphs of millions of vertices), in O(N + M) time.
func (g *Graph) ArticulationPoints() []int32 {
	n := g.N()
	disc := make([]int32, n) // discovery time + 1; 0 = unvisited
	low := make([]int32, n)
	parent := make([]int32, n)
	next := make([]int32, n) // next adjacency index to scan for each vertex
	isCut := make([]bool, n)
	stack := make([]int32, 0, 64)
	var timer int32
	for root := range n {
		if disc[root] != 0 {
			continue
		}
		timer++
		disc[root], low[root] = timer, timer
		parent[root] = -1
		next[root] = g.Off[root]
		rootChildren := 0
		stack = append(stack[:0], int32(root))
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			if i := next[v]; i < g.Off[v+1] {
				next[v]++
				w := g.Adj[i]
				if disc[w] == 0 {
					timer++
					disc[w], low[w] = timer, timer
					parent[w] = v
					next[w] = g.Off[w]
					if v == int32(root) {
						rootChildren++
					}
					stack = append(stack, w)
				} else if w != parent[v] {
					low[v] = min(low[v], disc[w])
				}
				continue
			}
			// v is finished: propagate its low-link to its parent.
			stack = stack[:len(stack)-1]
			if p := parent[v]; p >= 0 {
				low[p] = min(low[p], low[v])
				if p != int32(root) && low[v] >= disc[p] {
					isCut[p] = true
				}
			}
		}
		if rootChildren > 1 {
			isCut[root] = true
		}
	}
	var out []int32
	for v, c := range isCut {
		if c {
			out = append(out, int32(v))
		}
	}
	return slices.Clip(out)
}
