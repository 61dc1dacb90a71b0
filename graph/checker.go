package graph

import "math"

// A Checker tests whether vertex subsets of one graph induce connected
// subgraphs. It keeps scratch buffers sized to the graph and marks vertices
// with an epoch counter, so each check costs O(sum of degrees of the subset)
// and allocates nothing once the buffers have grown to the largest subset
// seen. This is the partitioner's hot path: hubs have 1–20 sites.
//
// A Checker is not safe for concurrent use; give each goroutine its own.
// The graph must not change while the Checker is in use.
type Checker struct {
	g     *Graph
	mark  []uint32 // mark[v] == epoch: in the set; epoch+1: in the set and reached
	epoch uint32
	stack []int32
}

// NewChecker returns a Checker for g.
func NewChecker(g *Graph) *Checker {
	return &Checker{g: g, mark: make([]uint32, g.N()), stack: make([]int32, 0, 32)}
}

// Connected reports whether the vertices of set induce a connected subgraph
// of the graph (using only edges between members of set). The empty set and
// single vertices are connected. Repeated vertices are allowed and count
// once. set is not modified. Vertices outside [0, N) panic.
func (c *Checker) Connected(set []int32) bool {
	return c.connected(set, -1)
}

// ConnectedWithout is Connected(set minus every occurrence of drop), without
// building the smaller set: the partitioner asks it before moving a site out
// of a group. If drop is not in set the answer is Connected(set).
func (c *Checker) ConnectedWithout(set []int32, drop int32) bool {
	return c.connected(set, drop)
}

func (c *Checker) connected(set []int32, drop int32) bool {
	if len(set) <= 1 {
		return true
	}
	if len(set) == 2 && drop < 0 {
		if set[0] == set[1] {
			return true
		}
		return c.g.HasEdge(set[0], set[1])
	}
	if c.epoch >= math.MaxUint32-2 {
		clear(c.mark)
		c.epoch = 0
	}
	c.epoch += 2
	in, seen := c.epoch, c.epoch+1
	mark := c.mark
	size := 0
	start := int32(-1)
	for _, v := range set {
		if v == drop || mark[v] == in {
			continue
		}
		mark[v] = in
		size++
		start = v
	}
	if size <= 1 {
		return true
	}
	g := c.g
	stack := append(c.stack[:0], start)
	mark[start] = seen
	reached := 1
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, w := range g.Adj[g.Off[v]:g.Off[v+1]] {
			if mark[w] == in {
				mark[w] = seen
				reached++
				if reached == size {
					c.stack = stack
					return true
				}
				stack = append(stack, w)
			}
		}
	}
	c.stack = stack
	return false
}
