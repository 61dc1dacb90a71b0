package graph

// Components labels the connected components of g. comp[v] is the label of
// vertex v; labels run 0..count-1 in order of each component's smallest
// vertex, so vertex 0 is always in component 0 and the labelling depends only
// on the graph, never on traversal details. An isolated vertex is a
// component of its own. The empty graph has count 0.
func (g *Graph) Components() (comp []int32, count int) {
	n := g.N()
	comp = make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	stack := make([]int32, 0, 64)
	for s := range n {
		if comp[s] >= 0 {
			continue
		}
		label := int32(count)
		count++
		comp[s] = label
		stack = append(stack[:0], int32(s))
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, w := range g.Adj[g.Off[v]:g.Off[v+1]] {
				if comp[w] < 0 {
					comp[w] = label
					stack = append(stack, w)
				}
			}
		}
	}
	return comp, count
}

// IsConnected reports whether g has at most one component.
func (g *Graph) IsConnected() bool {
	_, c := g.Components()
	return c <= 1
}
