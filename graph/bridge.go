package graph

import (
	"cmp"
	"github.com/hubpart/hubpart/internal/disjoint"
	"slices"
)

// bridge reconnects the components of the kept edges. Candidates are the
// dropped Delaunay edges joining different components, taken by increasing
// length (ties by vertex pair); each one joining two
// still-separate groups is chosen, as in Kruskal's algorithm over the
// component graph. It returns the indices of the chosen edges in order and
// the number of components before bridging.
func bridge(n int, del [][2]int32, lengths []float64, kept []bool) (chosen []int32, components int) {
	uf := disjoint.New(n)
	for i, e := range del {
		if kept[i] {
			uf.Union(e[0], e[1])
		}
	}
	components = uf.Count()
	if components <= 1 {
		return nil, components
	}
	var cand []int32
	for i, e := range del {
		if !kept[i] && uf.Find(e[0]) != uf.Find(e[1]) {
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
		if uf.Union(e[0], e[1]) {
			chosen = append(chosen, i)
			if uf.Count() == 1 {
				break
			}
		}
	}
	return chosen, components
}
