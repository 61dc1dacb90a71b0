package delaunay

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"

	"github.com/hubpart/hubpart/geo/robust"
	"github.com/hubpart/hubpart/internal/parallel"
)

// sweep is the working state of Triangulate.
//
// Sites are renumbered in insertion order: internal site k has coordinates
// pts[k] and input index orig[k]; sites 0, 1, 2 form the seed triangle.
// Consecutive insertions touch nearby sites, so this numbering keeps the
// working set in cache.
// Triangles and the hull are mapped back to input indices at the end.
//
// The current convex hull is a circular doubly linked list of sites in
// counter-clockwise order (hullNext, hullPrev); hullTri[v] is the half-edge
// of the hull edge v -> hullNext[v] (its Halfedges entry is -1). A site that
// left the hull is marked by hullNext[v] == v. hullHash buckets hull sites by
// the pseudo-angle around the sweep centre to find a hull edge near a new
// site in O(1) expected time.
//
// Invariant between insertions: the triangles form the Delaunay
// triangulation of the inserted sites, their union is the polygon hull, and
// hullTri is correct for every hull site. Every operation that moves a hull
// half-edge to another index updates hullTri at once.
type sweep struct {
	pts       [][2]float64 // internal site coordinates, in insertion order
	orig      []int32      // input index of each internal site
	rep       []int32      // per input point: its representative input index
	triangles []int32
	halfedges []int32

	hullNext, hullPrev, hullTri []int32
	hullHash                    []int32
	hullStart                   int32
	center                      [2]float64
	safe                        bool // all coordinates in the predicates' fast range (inSafeRange)

	stack []int32 // pending half-edges for legalize
}

// newSweep sorts and deduplicates the input around the circumcentre of the
// seed triangle (i0, i1, i2), counter-clockwise input indices, and sets up
// the seed triangle as the first hull.
func newSweep(in [][2]float64, i0, i1, i2 int32) *sweep {
	c := circumcenter(in[i0], in[i1], in[i2])
	if math.IsNaN(c[0]) || math.IsInf(c[0], 0) || math.IsNaN(c[1]) || math.IsInf(c[1], 0) {
		c = [2]float64{
			in[i0][0]/3 + in[i1][0]/3 + in[i2][0]/3,
			in[i0][1]/3 + in[i1][1]/3 + in[i2][1]/3,
		}
	}

	// Insertion order, duplicates merged: equal points are adjacent in the
	// order with the smallest index (the representative) first, and each
	// seed is the smallest index of its coordinates.
	workers := prepWorkers(len(in))
	order := sortByDistance(in, c, workers)
	rep, orig := mergeDuplicates(in, order, [3]int32{i0, i1, i2}, workers)
	n := len(orig)
	pts := make([][2]float64, n)
	parallel.Ranges(n, workers, func(_, lo, hi int) {
		for k := lo; k < hi; k++ {
			pts[k] = in[orig[k]]
		}
	})

	s := &sweep{
		pts:       pts,
		orig:      orig,
		rep:       rep,
		center:    c,
		triangles: make([]int32, 0, 3*max(2*n-5, 1)),
		halfedges: make([]int32, 0, 3*max(2*n-5, 1)),
		hullNext:  make([]int32, n),
		hullPrev:  make([]int32, n),
		hullTri:   make([]int32, n),
		hullHash:  make([]int32, int(math.Ceil(math.Sqrt(float64(n))))),
		stack:     make([]int32, 0, 64),
	}
	for i := range s.hullHash {
		s.hullHash[i] = -1
	}
	s.safe = robust.InRange(pts...)
	s.addTriangle(0, 1, 2, -1, -1, -1)
	s.hullStart = 0
	s.hullNext[0], s.hullNext[1], s.hullNext[2] = 1, 2, 0
	s.hullPrev[0], s.hullPrev[1], s.hullPrev[2] = 2, 0, 1
	s.hullTri[0], s.hullTri[1], s.hullTri[2] = 0, 1, 2
	for v := range int32(3) {
		s.hullHash[s.hashKey(pts[v])] = v
	}
	return s
}

// run inserts every site in order and maps the result back to input
// indices.
func (s *sweep) run(ctx context.Context) error {
	for k := int32(3); k < int32(len(s.pts)); k++ {
		if k&0xffff == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := s.insert(k); err != nil {
			return err
		}
	}
	for j, v := range s.triangles {
		s.triangles[j] = s.orig[v]
	}
	return nil
}

// insert adds site i. Normally i lies outside the current hull and is joined
// to every hull edge it sees; otherwise it is inserted into the triangle or
// edge containing it.
func (s *sweep) insert(i int32) error {
	pts := s.pts
	p := pts[i]

	// Find a hull edge visible from p, starting near its angle.
	key := s.hashKey(p)
	start := int32(-1)
	for j := range s.hullHash {
		start = s.hullHash[(key+j)%len(s.hullHash)]
		if start >= 0 && s.hullNext[start] != start {
			break
		}
	}
	if start < 0 || s.hullNext[start] == start {
		start = s.hullStart
	}
	start = s.hullPrev[start]
	e := start
	for {
		q := s.hullNext[e]
		if s.orient(pts[e], pts[q], p) < 0 {
			break
		}
		e = q
		if e == start {
			return s.insertInside(i, start) // p is inside the closed hull
		}
	}

	// First triangle on the visible edge e -> q; i goes between them.
	q := s.hullNext[e]
	t := s.addTriangle(i, q, e, -1, s.hullTri[e], -1)
	s.hullNext[e], s.hullPrev[i] = i, e
	s.hullNext[i], s.hullPrev[q] = q, i
	s.hullTri[e], s.hullTri[i] = t+2, t
	s.legalize(t + 1)

	// Walk forward while the next hull edge is visible.
	for n := q; ; {
		nq := s.hullNext[n]
		if s.orient(pts[n], pts[nq], p) >= 0 {
			break
		}
		t = s.addTriangle(i, nq, n, -1, s.hullTri[n], s.hullTri[i])
		s.hullNext[i], s.hullPrev[nq] = nq, i
		s.hullTri[i] = t
		s.hullNext[n] = n // removed from the hull
		s.legalize(t + 1)
		n = nq
	}
	// Walk backward while the previous hull edge is visible.
	for {
		pe := s.hullPrev[e]
		if s.orient(pts[pe], pts[e], p) >= 0 {
			break
		}
		t = s.addTriangle(i, e, pe, s.hullTri[e], s.hullTri[pe], -1)
		s.hullNext[pe], s.hullPrev[i] = i, pe
		s.hullTri[pe] = t + 2
		s.hullNext[e] = e // removed from the hull
		s.legalize(t + 1)
		e = pe
	}
	s.hullStart = e
	s.hullHash[s.hashKey(p)] = i
	s.hullHash[s.hashKey(pts[e])] = e
	return nil
}

// orient is Orient2D, skipping its range check when the input is known to
// be in range.
func (s *sweep) orient(a, b, c [2]float64) robust.Sign {
	if s.safe {
		return robust.Orient2DInRange(a, b, c)
	}
	return robust.Orient2D(a, b, c)
}

// addTriangle appends the triangle (a, b, c) whose half-edges a->b, b->c,
// c->a have the twins ab, bc, ca (-1 for none yet) and returns its first
// half-edge.
func (s *sweep) addTriangle(a, b, c, ab, bc, ca int32) int32 {
	t := int32(len(s.triangles))
	s.triangles = append(s.triangles, a, b, c)
	s.halfedges = append(s.halfedges, ab, bc, ca)
	s.link(t, ab)
	s.link(t+1, bc)
	s.link(t+2, ca)
	return t
}

// link makes a and b twins; b may be -1.
func (s *sweep) link(a, b int32) {
	s.halfedges[a] = b
	if b >= 0 {
		s.halfedges[b] = a
	}
}

// setEdge stores half-edge e with twin b; when b is -1, e is a hull edge
// and hullTri of its start site is pointed at it.
func (s *sweep) setEdge(e, b int32) {
	s.link(e, b)
	if b < 0 {
		s.hullTri[s.triangles[e]] = e
	}
}

// legalize restores the Delaunay property after a site was added: a is a
// half-edge whose opposite vertex in its triangle is the new site. While the
// site opposite a across the edge lies strictly inside the circumcircle the
// edge is flipped, and the two new edges opposite the new site are checked
// in turn (explicit stack, no recursion).
//
//	      pl                    pl
//	     /||\                  /  \
//	  al/ || \bl            al/    \a
//	   /  ||  \              /      \
//	  /  a||b  \    flip    /___ar___\
//	p0\   ||   /p1   =>   p0\---bl---/p1
//	   \  ||  /              \      /
//	  ar\ || /br             b\    /br
//	     \||/                  \  /
//	      pr                    pr
func (s *sweep) legalize(a int32) {
	tri, he, pts := s.triangles, s.halfedges, s.pts
	stack := s.stack[:0]
	for {
		b := he[a]
		if b >= 0 {
			a0 := a - a%3
			ar := a0 + (a+2)%3
			al := a0 + (a+1)%3
			b0 := b - b%3
			bl := b0 + (b+2)%3
			p0, pr, pl, p1 := tri[ar], tri[a], tri[al], tri[bl]
			var ic robust.Sign // s.inCircle, by hand: this is the hottest call
			if s.safe {
				ic = robust.InCircleInRange(pts[pr], pts[pl], pts[p0], pts[p1])
			} else {
				ic = robust.InCircle(pts[pr], pts[pl], pts[p0], pts[p1])
			}
			if ic > 0 {
				tri[a], tri[b] = p1, p0
				hbl, har := he[bl], he[ar]
				s.setEdge(a, hbl) // p1 -> pl
				s.setEdge(b, har) // p0 -> pr
				s.link(ar, bl)
				stack = append(stack, b0+(b+1)%3)
				continue
			}
		}
		if len(stack) == 0 {
			break
		}
		a = stack[len(stack)-1]
		stack = stack[:len(stack)-1]
	}
	s.stack = stack
}

// hashKey buckets a point by its pseudo-angle around the sweep centre.
func (s *sweep) hashKey(p [2]float64) int {
	dx, dy := p[0]-s.center[0], p[1]-s.center[1]
	den := math.Abs(dx) + math.Abs(dy)
	if !(den > 0) || math.IsInf(den, 0) {
		return 0
	}
	r := dx / den // in [-1, 1]
	var a float64 // in [0, 4), increasing with the angle
	if dy > 0 {
		a = 3 - r
	} else {
		a = 1 + r
	}
	k := int(a / 4 * float64(len(s.hullHash)))
	return min(max(k, 0), len(s.hullHash)-1)
}

// hullList returns the hull counter-clockwise as input indices, starting
// at the smallest so that the result does not depend on the sweep history.
func (s *sweep) hullList() []int32 {
	first := s.hullStart
	for v := s.hullNext[first]; v != s.hullStart; v = s.hullNext[v] {
		if s.orig[v] < s.orig[first] {
			first = v
		}
	}
	hull := []int32{s.orig[first]}
	for v := s.hullNext[first]; v != first; v = s.hullNext[v] {
		hull = append(hull, s.orig[v])
	}
	return hull
}

// prepWorkers is the number of goroutines that sort and merge n input
// points before the sweep: all cores from parallel.Min points. The result
// is the same for any number.
func prepWorkers(n int) int {
	if n < parallel.Min {
		return 1
	}
	return runtime.GOMAXPROCS(0)
}

// mergeDuplicates walks the input in insertion order (order, in which equal
// points are adjacent, the smallest index first) and returns each point's
// representative (the first of its run of equal points) and the
// representatives in order, the seeds first; on workers goroutines, each
// taking a consecutive part of order.
func mergeDuplicates(in [][2]float64, order []int32, seeds [3]int32, workers int) (rep, orig []int32) {
	n := len(order)
	rep = make([]int32, len(in))
	dup := func(k int) bool { return k > 0 && in[order[k]] == in[order[k-1]] }
	seed := func(i int32) bool { return i == seeds[0] || i == seeds[1] || i == seeds[2] }
	count := make([]int, workers+1) // kept points before each part
	parallel.Ranges(n, workers, func(w, lo, hi int) {
		c := 0
		for k := lo; k < hi; k++ {
			if !dup(k) && !seed(order[k]) {
				c++
			}
		}
		count[w+1] = c
	})
	for w := range workers {
		count[w+1] += count[w]
	}
	orig = make([]int32, 3+count[workers])
	copy(orig, seeds[:])
	parallel.Ranges(n, workers, func(w, lo, hi int) {
		next := 3 + count[w]
		leader := int32(-1)
		if lo < hi && dup(lo) {
			k := lo - 1 // the run began in an earlier part
			for dup(k) {
				k--
			}
			leader = order[k]
		}
		for k := lo; k < hi; k++ {
			i := order[k]
			if dup(k) {
				rep[i] = leader
				continue
			}
			leader, rep[i] = i, i
			if !seed(i) {
				orig[next] = i
				next++
			}
		}
	})
	return rep, orig
}

// sortByDistance returns all indices of pts ordered by squared distance from
// c, ties broken by x, then y, then index, so that equal points are adjacent
// with the smallest index first. Large inputs use an LSD radix sort on the
// float bits (non-negative floats order like their bit patterns), on
// workers goroutines.
func sortByDistance(pts [][2]float64, c [2]float64, workers int) []int32 {
	n := len(pts)
	keys := make([]uint64, n)
	ids := make([]int32, n)
	parallel.Ranges(n, workers, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			keys[i] = math.Float64bits(dist2(pts[i], c))
			ids[i] = int32(i)
		}
	})
	if n < 256 {
		slices.SortStableFunc(ids, func(a, b int32) int { return cmp.Compare(keys[a], keys[b]) })
		for i, id := range ids {
			keys[i] = math.Float64bits(dist2(pts[id], c))
		}
	} else {
		keys, ids = radixSort(keys, ids, workers)
	}
	// Runs of equal distance (index order after the stable sorts) are
	// re-sorted by coordinates so that duplicates become adjacent.
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && keys[hi] == keys[lo] {
			hi++
		}
		if hi-lo > 1 {
			slices.SortStableFunc(ids[lo:hi], func(a, b int32) int {
				return cmp.Or(cmp.Compare(pts[a][0], pts[b][0]), cmp.Compare(pts[a][1], pts[b][1]))
			})
		}
		lo = hi
	}
	return ids
}

// radixSort sorts keys ascending, permuting ids alongside, stably, with
// 16-bit digits; digits on which all keys agree are skipped. Each of
// workers goroutines counts and then places a consecutive part of the
// keys, the parts' places for a digit following one another in order, so
// the result is that of one goroutine. It returns the sorted slices, which
// may be scratch buffers rather than the arguments.
func radixSort(keys []uint64, ids []int32, workers int) ([]uint64, []int32) {
	n := len(keys)
	k2 := make([]uint64, n)
	i2 := make([]int32, n)
	count := make([][1 << 16]int, workers)
	for shift := uint(0); shift < 64; shift += 16 {
		parallel.Ranges(n, workers, func(w, lo, hi int) {
			cw := &count[w]
			clear(cw[:])
			for _, k := range keys[lo:hi] {
				cw[(k>>shift)&0xffff]++
			}
		})
		first := (keys[0] >> shift) & 0xffff
		all := 0
		for w := range count {
			all += count[w][first]
		}
		if all == n {
			continue
		}
		sum := 0
		for d := range 1 << 16 {
			for w := range count {
				c := count[w][d]
				count[w][d] = sum
				sum += c
			}
		}
		parallel.Ranges(n, workers, func(w, lo, hi int) {
			cw := &count[w]
			for j := lo; j < hi; j++ {
				k := keys[j]
				d := (k >> shift) & 0xffff
				pos := cw[d]
				cw[d]++
				k2[pos], i2[pos] = k, ids[j]
			}
		})
		keys, k2 = k2, keys
		ids, i2 = i2, ids
	}
	return keys, ids
}
