package delaunay

import (
	"fmt"
	"github.com/hubpart/hubpart/geo/robust"
	"math"
	"slices"
)

// checkTriangulation verifies every documented invariant of tr for the input
// pts and returns the first violation found, or nil. The empty-circle test
// is exact (InCircle) and exhaustive: every site against every triangle,
// accelerated by a bucket grid for well-conditioned circumcircles and by
// brute force for the rest.
func checkTriangulation(pts [][2]float64, tr *Triangulation) error {
	n := len(pts)
	if len(tr.Rep) != n {
		return fmt.Errorf("len(Rep) = %d, want %d", len(tr.Rep), n)
	}
	// Rep: the first index with equal coordinates.
	first := map[[2]float64]int32{}
	var sites []int32
	for i, p := range pts {
		f, ok := first[p]
		if !ok {
			f = int32(i)
			first[p] = f
			sites = append(sites, f)
		}
		if tr.Rep[i] != f {
			return fmt.Errorf("Rep[%d] = %d, want %d", i, tr.Rep[i], f)
		}
	}
	if got := tr.NumSites(); got != len(sites) {
		return fmt.Errorf("NumSites() = %d, want %d", got, len(sites))
	}
	isSite := func(v int32) bool { return v >= 0 && int(v) < n && tr.Rep[v] == v }

	collinear := true
	for _, s := range sites[min(2, len(sites)):] {
		if robust.Orient2D(pts[sites[0]], pts[sites[1]], pts[s]) != 0 {
			collinear = false
			break
		}
	}
	if collinear {
		return checkCollinear(pts, tr, sites)
	}

	tri, he := tr.Triangles, tr.Halfedges
	if len(tri)%3 != 0 || len(he) != len(tri) {
		return fmt.Errorf("len(Triangles) = %d, len(Halfedges) = %d", len(tri), len(he))
	}
	seen := make([]bool, n)
	directed := map[[2]int32]bool{}
	for e := range tri {
		e := int32(e)
		a, b := tri[e], tri[NextHalfedge(e)]
		if !isSite(a) {
			return fmt.Errorf("Triangles[%d] = %d is not a representative site", e, a)
		}
		seen[a] = true
		if directed[[2]int32{a, b}] {
			return fmt.Errorf("directed edge %d->%d occurs twice", a, b)
		}
		directed[[2]int32{a, b}] = true
		if h := he[e]; h >= 0 {
			if int(h) >= len(he) || he[h] != e || tri[h] != b || tri[NextHalfedge(h)] != a {
				return fmt.Errorf("half-edge %d (%d->%d) and twin %d disagree", e, a, b, h)
			}
		}
		if e%3 == 0 {
			if o := robust.Orient2D(pts[a], pts[b], pts[tri[e+2]]); o <= 0 {
				return fmt.Errorf("triangle %d (%d,%d,%d) not counter-clockwise: %v", e/3, a, b, tri[e+2], o)
			}
		}
	}
	for _, s := range sites {
		if !seen[s] {
			return fmt.Errorf("site %d %v is in no triangle", s, pts[s])
		}
	}

	// Hull: convex, counter-clockwise, every site on its inner side, and
	// exactly the half-edges without twins.
	h := len(tr.Hull)
	if h < 3 {
		return fmt.Errorf("hull has %d sites", h)
	}
	hullEdges := map[[2]int32]bool{}
	for k, a := range tr.Hull {
		b, c := tr.Hull[(k+1)%h], tr.Hull[(k+2)%h]
		if !isSite(a) {
			return fmt.Errorf("Hull[%d] = %d is not a site", k, a)
		}
		if robust.Orient2D(pts[a], pts[b], pts[c]) < 0 {
			return fmt.Errorf("hull turns clockwise at %d", b)
		}
		hullEdges[[2]int32{a, b}] = true
	}
	for _, s := range sites {
		for k, a := range tr.Hull {
			if robust.Orient2D(pts[a], pts[tr.Hull[(k+1)%h]], pts[s]) < 0 {
				return fmt.Errorf("site %d outside hull edge %d", s, k)
			}
		}
	}
	open := 0
	for e, t := range he {
		if t < 0 {
			open++
			if !hullEdges[[2]int32{tri[e], tri[NextHalfedge(int32(e))]}] {
				return fmt.Errorf("half-edge %d has no twin but is not a hull edge", e)
			}
		}
	}
	if open != h {
		return fmt.Errorf("%d half-edges without twin, hull has %d edges", open, h)
	}
	if want := 2*len(sites) - h - 2; len(tri)/3 != want {
		return fmt.Errorf("%d triangles, Euler wants 2n-h-2 = %d", len(tri)/3, want)
	}

	// Edges: each undirected edge once, a < b, 3n-h-3 of them.
	edges := map[[2]int32]bool{}
	tr.Edges(func(a, b int32) bool {
		if a >= b || edges[[2]int32{a, b}] || !directed[[2]int32{a, b}] && !directed[[2]int32{b, a}] {
			edges[[2]int32{-1, -1}] = true
		}
		edges[[2]int32{a, b}] = true
		return true
	})
	if edges[[2]int32{-1, -1}] || len(edges) != 3*len(sites)-h-3 {
		return fmt.Errorf("Edges gave %d edges (or a bad one), want %d", len(edges), 3*len(sites)-h-3)
	}
	return checkEmptyCircles(pts, tr, sites)
}

// checkCollinear checks the documented result for collinear input.
func checkCollinear(pts [][2]float64, tr *Triangulation, sites []int32) error {
	if len(tr.Triangles) != 0 || len(tr.Halfedges) != 0 {
		return fmt.Errorf("collinear input gave %d triangles", len(tr.Triangles)/3)
	}
	want := slices.Clone(sites)
	slices.SortFunc(want, func(a, b int32) int {
		if pts[a][0] != pts[b][0] {
			return cmpFloat(pts[a][0], pts[b][0])
		}
		return cmpFloat(pts[a][1], pts[b][1])
	})
	if !slices.Equal(tr.Hull, want) {
		return fmt.Errorf("collinear Hull = %v, want %v", tr.Hull, want)
	}
	var got [][2]int32
	tr.Edges(func(a, b int32) bool { got = append(got, [2]int32{a, b}); return true })
	if len(got) != max(len(want)-1, 0) {
		return fmt.Errorf("collinear Edges gave %d edges, want %d", len(got), max(len(want)-1, 0))
	}
	for k, e := range got {
		if e != [2]int32{min(want[k], want[k+1]), max(want[k], want[k+1])} {
			return fmt.Errorf("collinear edge %d = %v", k, e)
		}
	}
	return nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// checkEmptyCircles verifies that no site is strictly inside the
// circumcircle of any triangle. Candidate sites come from a bucket grid
// around the floating-point circumcircle (with a generous margin) when the
// triangle is well conditioned; otherwise all sites are tested. The decision
// itself is always the exact InCircle.
func checkEmptyCircles(pts [][2]float64, tr *Triangulation, sites []int32) error {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, s := range sites {
		minX, maxX = min(minX, pts[s][0]), max(maxX, pts[s][0])
		minY, maxY = min(minY, pts[s][1]), max(maxY, pts[s][1])
	}
	g := int(math.Sqrt(float64(len(sites))/2)) + 1
	cw, ch := (maxX-minX)/float64(g), (maxY-minY)/float64(g)
	cell := func(x, lo, w float64) int {
		if !(w > 0) {
			return 0
		}
		return min(max(int((x-lo)/w), 0), g-1)
	}
	buckets := make([][]int32, g*g)
	for _, s := range sites {
		k := cell(pts[s][1], minY, ch)*g + cell(pts[s][0], minX, cw)
		buckets[k] = append(buckets[k], s)
	}
	tri := tr.Triangles
	test := func(t int, s int32) error {
		a, b, c := tri[3*t], tri[3*t+1], tri[3*t+2]
		if s != a && s != b && s != c && robust.InCircle(pts[a], pts[b], pts[c], pts[s]) > 0 {
			return fmt.Errorf("site %d %v strictly inside circumcircle of triangle %d (%d,%d,%d)", s, pts[s], t, a, b, c)
		}
		return nil
	}
	for t := range len(tri) / 3 {
		a, b, c := pts[tri[3*t]], pts[tri[3*t+1]], pts[tri[3*t+2]]
		o := circumcenter(a, b, c)
		r := math.Sqrt(dist2(o, a))
		edge := math.Sqrt(max(dist2(a, b), dist2(b, c), dist2(c, a)))
		if math.IsNaN(r) || math.IsInf(r, 0) || r > 1e3*edge || g == 1 {
			for _, s := range sites {
				if err := test(t, s); err != nil {
					return err
				}
			}
			continue
		}
		m := r*(1+1e-6) + 1e-9*(math.Abs(o[0])+math.Abs(o[1]))
		for y := cell(o[1]-m, minY, ch); y <= cell(o[1]+m, minY, ch); y++ {
			for x := cell(o[0]-m, minX, cw); x <= cell(o[0]+m, minX, cw); x++ {
				for _, s := range buckets[y*g+x] {
					if err := test(t, s); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}
