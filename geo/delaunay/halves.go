package delaunay

import (
	"context"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/hubpart/hubpart/internal/parallel"
)

// Large inputs are triangulated in two halves side by side, the sweep being
// sequential. The sites are split by a vertical line x = xs (left: x < xs)
// and each half is triangulated alone. A triangle of a half whose
// circumcircle lies strictly on its own side of the line holds no site of
// the other half in its circle, so it is a Delaunay triangle of all the
// sites: it is kept ("safe"). Every other triangle of the whole lies in the
// region the safe ones leave uncovered, a band along the line plus the gaps
// between the two halves' hulls, and its corners are corners of an unsafe
// triangle of a half or hull sites of a half (a site all of whose triangles
// are safe, inside its half's hull, keeps exactly those triangles). So the
// sites of the unsafe triangles and the hull sites of both halves, S, are
// triangulated once more, and the triangles of that triangulation in the
// uncovered region complete the whole. A triangle of S's triangulation is
// in the uncovered region when its centroid is in no safe triangle.
//
// Every step is checked: each edge bounding the safe triangles must be an
// edge of S's triangulation, the triangle count must be 2n−h−2, the
// half-edges must pair up and the hull be one loop. Where a check fails
// (cocircular sites can make the triangulation of S choose the other
// diagonal of an edge the halves chose), triangulateHalves reports false
// and the caller triangulates the whole in one sweep. The result is a valid
// Delaunay triangulation either way (its edges are all locally Delaunay),
// and the same for the same input.

// halvesMin is the smallest input triangulated in halves: below it the
// sweep takes less than the halves' bookkeeping would save (a variable so
// that tests can exercise the halves on small inputs).
var halvesMin = 1 << 17

// triangulateHalves computes t's Triangles, Halfedges, Hull and Rep in two
// halves; ok is false when it cannot (see above), t being left unchanged.
func triangulateHalves(ctx context.Context, t *Triangulation) (ok bool, err error) {
	pts := t.Points
	n := len(pts)
	xs, ok := splitX(pts)
	if !ok {
		return false, nil
	}
	// The halves, each in ascending input order, so that a half's
	// representatives map to the whole's.
	var idx [2][]int32
	for i, p := range pts {
		side := 0
		if p[0] >= xs {
			side = 1
		}
		idx[side] = append(idx[side], int32(i))
	}
	var half [2]*Triangulation
	var errs [2]error
	var wg sync.WaitGroup
	for h := range 2 {
		wg.Go(func() {
			sub := make([][2]float64, len(idx[h]))
			for j, i := range idx[h] {
				sub[j] = pts[i]
			}
			half[h], errs[h] = sweepAll(ctx, sub)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return false, err
		}
	}
	for h := range 2 {
		if len(half[h].Triangles) == 0 {
			return false, nil // a half all on one line
		}
	}

	// Safe triangles, and S.
	var safe [2][]bool
	inS := make([]bool, n)
	for h := range 2 {
		tri := half[h].Triangles
		safe[h] = make([]bool, len(tri)/3)
		parallel.For(len(tri)/3, func(lo, hi int) {
			for k := lo; k < hi; k++ {
				sub := half[h].Points
				safe[h][k] = circleSide(sub[tri[3*k]], sub[tri[3*k+1]], sub[tri[3*k+2]], xs) == 2*h-1
			}
		})
		for k, s := range safe[h] {
			if !s {
				for _, v := range tri[3*k : 3*k+3] {
					inS[idx[h][v]] = true
				}
			}
		}
		for _, v := range half[h].Hull {
			inS[idx[h][v]] = true
		}
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	var sIdx []int32
	for i, in := range inS {
		if in {
			sIdx = append(sIdx, int32(i))
		}
	}
	sPts := make([][2]float64, len(sIdx))
	for j, i := range sIdx {
		sPts[j] = pts[i]
	}
	ts, err := sweepAll(ctx, sPts)
	if err != nil {
		return false, err
	}
	if len(ts.Triangles) == 0 {
		return false, nil
	}

	// The edges bounding the safe triangles, as the directed edge of the
	// safe triangle (whole-input indices), and the half-edge they will be.
	type edgeKey = uint64
	key := func(a, b int32) edgeKey { return uint64(uint32(a))<<32 | uint64(uint32(b)) }
	var pos [2][]int32 // per half triangle: its index in the whole, or -1
	m := 0
	for h := range 2 {
		pos[h] = make([]int32, len(safe[h]))
		for k, s := range safe[h] {
			pos[h][k] = -1
			if s {
				pos[h][k] = int32(m)
				m++
			}
		}
	}
	bound := map[edgeKey]int32{} // safe side's directed edge -> its half-edge in the whole
	for h := range 2 {
		tri, he := half[h].Triangles, half[h].Halfedges
		for k, s := range safe[h] {
			if !s {
				continue
			}
			for j := range 3 {
				e := 3*k + j
				if tw := he[e]; tw >= 0 && safe[h][tw/3] {
					continue
				}
				a, b := idx[h][tri[e]], idx[h][tri[NextHalfedge(int32(e))]]
				bound[key(a, b)] = 3*pos[h][k] + int32(j)
			}
		}
	}

	// Which triangles of S's triangulation lie in the uncovered region: the
	// one holding a triangle's centroid, found by a walk in the centroid's
	// half from a triangle at one of its corners, is unsafe, or there is
	// none (outside the half's hull).
	stri, she := ts.Triangles, ts.Halfedges
	sv := func(e int32) int32 { return sIdx[stri[e]] }
	var cornerTri [2][]int32  // per half site: a triangle at it
	local := make([]int32, n) // per input point: its index in its half
	for h := range 2 {
		for j, i := range idx[h] {
			local[i] = int32(j)
		}
		cornerTri[h] = make([]int32, len(idx[h]))
		for e, v := range half[h].Triangles {
			cornerTri[h][v] = int32(e / 3)
		}
	}
	kept := make([]bool, len(stri)/3)
	var lost atomic.Bool // a walk gave up
	parallel.For(len(kept), func(lo, hi int) {
		for k := lo; k < hi; k++ {
			a, b, c := pts[sv(int32(3*k))], pts[sv(int32(3*k+1))], pts[sv(int32(3*k+2))]
			ctr := [2]float64{a[0]/3 + b[0]/3 + c[0]/3, a[1]/3 + b[1]/3 + c[1]/3}
			h := 0
			if ctr[0] >= xs {
				h = 1
			}
			from := int32(-1)
			for j := range 3 {
				if v := sv(int32(3*k + j)); (pts[v][0] >= xs) == (h == 1) {
					from = cornerTri[h][local[v]]
					break
				}
			}
			loc := int32(-2)
			if from >= 0 { // always: the centroid's side holds a corner
				loc = walkTo(half[h].Triangles, half[h].Halfedges, half[h].Points, ctr, from)
			}
			if loc == -2 {
				lost.Store(true)
				continue
			}
			kept[k] = loc < 0 || !safe[h][loc]
		}
	})
	if lost.Load() {
		return false, nil
	}
	nKept := 0
	for _, k := range kept {
		if k {
			nKept++
		}
	}

	// Check: every bounding edge is an edge of S's triangulation, seen from
	// a kept triangle or on the hull of all the sites.
	seen := 0
	for k, kp := range kept {
		for j := range 3 {
			e := int32(3*k + j)
			a, b := sv(e), sv(NextHalfedge(e))
			if _, ok := bound[key(b, a)]; ok && kp {
				seen++
			}
			if _, ok := bound[key(a, b)]; ok && she[e] < 0 {
				seen++ // a safe triangle's edge on the hull of all
			}
		}
	}
	if seen != len(bound) {
		return false, nil
	}
	distinct := 0
	var reps [2][]int32
	for h := range 2 {
		reps[h] = half[h].Rep
		for j, r := range reps[h] {
			if int(r) == j {
				distinct++
			}
		}
	}
	if 3*(m+nKept) != 3*(2*distinct-len(ts.Hull)-2) {
		return false, nil
	}

	// Assemble: the safe triangles of both halves, then the kept ones.
	total := m + nKept
	tris := make([]int32, 3*total)
	hes := make([]int32, 3*total)
	for h := range 2 {
		tri, he := half[h].Triangles, half[h].Halfedges
		parallel.For(len(safe[h]), func(lo, hi int) {
			for k := lo; k < hi; k++ {
				p := pos[h][k]
				if p < 0 {
					continue
				}
				for j := range 3 {
					e := 3*k + j
					tris[3*p+int32(j)] = idx[h][tri[e]]
					hes[3*p+int32(j)] = -1
					if tw := he[e]; tw >= 0 && safe[h][tw/3] {
						hes[3*p+int32(j)] = 3*pos[h][tw/3] + tw%3
					}
				}
			}
		})
	}
	sPos := make([]int32, len(kept))
	next := int32(m)
	for k, kp := range kept {
		sPos[k] = -1
		if kp {
			sPos[k] = next
			next++
		}
	}
	for k, kp := range kept {
		if !kp {
			continue
		}
		p := sPos[k]
		for j := range int32(3) {
			e := int32(3*k) + j
			a, b := sv(e), sv(NextHalfedge(e))
			tris[3*p+j] = a
			hes[3*p+j] = -1
			if tw := she[e]; tw >= 0 && kept[tw/3] {
				hes[3*p+j] = 3*sPos[tw/3] + tw%3
			} else if f, ok := bound[key(b, a)]; ok {
				hes[3*p+j] = f
				hes[f] = 3*p + j
			}
		}
	}

	// Check: the half-edges the merge paired (those of the kept triangles,
	// and the safe triangles' bounding ones) pair up, each with one running
	// the other way; those left single are as many as the hull's edges.
	// (Pairs within a half are the half's own.)
	var single []int32 // the hull's half-edges
	pairOK := func(e int32) bool {
		f := hes[e]
		if f < 0 {
			single = append(single, e)
			return true
		}
		return hes[f] == e && tris[f] == tris[NextHalfedge(e)] && tris[NextHalfedge(f)] == tris[e]
	}
	for e := int32(3 * m); e < int32(len(hes)); e++ {
		if !pairOK(e) {
			return false, nil
		}
	}
	for _, f := range bound {
		if hes[f] < 0 {
			single = append(single, f) // a safe triangle's edge on the hull of all
		} else if hes[hes[f]] != f {
			return false, nil
		}
	}
	if len(single) != len(ts.Hull) {
		return false, nil
	}

	// Representatives, and the hull from its half-edges.
	rep := make([]int32, n)
	for h := range 2 {
		for j, r := range reps[h] {
			rep[idx[h][j]] = idx[h][r]
		}
	}
	hullNext := make(map[int32]int32, len(single))
	first := int32(math.MaxInt32)
	for _, e := range single {
		a := tris[e]
		hullNext[a] = tris[NextHalfedge(e)]
		first = min(first, a)
	}
	hull := make([]int32, 0, len(hullNext))
	for v := first; ; {
		hull = append(hull, v)
		w, ok := hullNext[v]
		if !ok || len(hull) > len(hullNext) {
			return false, nil
		}
		if v = w; v == first {
			break
		}
	}
	if len(hull) != len(single) {
		return false, nil
	}
	t.Triangles, t.Halfedges, t.Hull, t.Rep = tris, hes, hull, rep
	return true, nil
}

// splitX returns a vertical line splitting pts about in half (the median x
// of a sample), and false when every sampled x is the same.
func splitX(pts [][2]float64) (float64, bool) {
	if len(pts) < 4 {
		return 0, false
	}
	step := max(1, len(pts)/4096)
	var xs []float64
	for i := 0; i < len(pts); i += step {
		xs = append(xs, pts[i][0])
	}
	slices.Sort(xs)
	x := xs[len(xs)/2]
	if x == xs[0] {
		return 0, false // the left half would be empty
	}
	return x, true
}

// circleSide returns -1 when the circumcircle of a, b, c lies strictly
// left of the line x = xs, 1 when strictly right, and 0 when it meets the
// line or cannot be told. A triangle wrongly called safe would break the
// result, one wrongly called unsafe costs nothing, so the margin is
// generous. circumcenter works from a: with d = b−a, e = c−a and sin A =
// |d×e|/(|d||e|), its rounding error is below 18ε·r/sin A (ε = 2⁻⁵³, r the
// radius; the cross product's relative error is 6ε/sin A, the numerators'
// 3ε(|d|+|e|)/sin A, and |d|, |e| ≤ 2r). So triangles with sin A < 10⁻⁴ (a
// nearly flat angle at a, as when b and c are a few ulps apart, where the
// computed centre can be off by the radius) are not told, and for the
// others the error is below 4·10⁻¹¹ r, well inside the 10⁻⁶ r margin.
func circleSide(a, b, c [2]float64, xs float64) int {
	dx, dy := b[0]-a[0], b[1]-a[1]
	ex, ey := c[0]-a[0], c[1]-a[1]
	cross := dx*ey - dy*ex
	if !(cross*cross >= 1e-8*(dx*dx+dy*dy)*(ex*ex+ey*ey)) {
		return 0 // sin A < 10⁻⁴, or NaN
	}
	ctr := circumcenter(a, b, c)
	r := math.Sqrt(dist2(ctr, a))
	margin := 1e-6*(r+math.Abs(ctr[0]-xs)) + 1e-9*math.Abs(xs)
	switch {
	case ctr[0]+r+margin < xs:
		return -1
	case ctr[0]-r-margin > xs:
		return 1
	}
	return 0 // NaN and infinities too
}

// halvesWorth reports whether an input of n points is triangulated in
// halves. It does not depend on the CPUs (with one, the halves are swept
// one after the other), so that cocircular sites, where the halves and one
// sweep may choose different triangles, get the same triangulation on
// every machine.
func halvesWorth(n int) bool {
	return n >= halvesMin
}
