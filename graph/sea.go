package graph

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// land answers "how much of this straight segment lies outside the
// boundary?" in the projected plane. The boundary's rings are projected
// vertex by vertex and stored as segments in an R-tree. Inside is decided by
// the even-odd rule over all rings of all polygons, which is exact for a
// valid multipolygon (non-overlapping polygons, holes inside their shells).
type land struct {
	segs [][4]float64 // x1, y1, x2, y2
	tree rtree.RTreeGN[float64, int32]
	maxX float64
	ts   []float64 // scratch: crossing parameters
}

// newLand projects mp with forward and indexes its ring segments.
func newLand(mp orb.MultiPolygon, forward func(orb.Point) [2]float64) *land {
	l := &land{maxX: math.Inf(-1)}
	for _, poly := range mp {
		for _, ring := range poly {
			if len(ring) < 2 {
				continue
			}
			prev := forward(ring[len(ring)-1])
			for _, pt := range ring {
				cur := forward(pt)
				if cur != prev {
					l.segs = append(l.segs, [4]float64{prev[0], prev[1], cur[0], cur[1]})
				}
				prev = cur
			}
		}
	}
	for i, s := range l.segs {
		lo := [2]float64{min(s[0], s[2]), min(s[1], s[3])}
		hi := [2]float64{max(s[0], s[2]), max(s[1], s[3])}
		l.tree.Insert(lo, hi, int32(i))
		l.maxX = max(l.maxX, hi[0])
	}
	return l
}

// inside reports whether p lies inside the boundary (even-odd rule, a ray
// cast towards +x; points exactly on the boundary may go either way).
func (l *land) inside(p [2]float64) bool {
	if len(l.segs) == 0 || p[0] > l.maxX {
		return false
	}
	in := false
	l.tree.Search([2]float64{p[0], p[1]}, [2]float64{l.maxX, p[1]}, func(_, _ [2]float64, i int32) bool {
		s := l.segs[i]
		if (s[1] > p[1]) != (s[3] > p[1]) {
			x := s[0] + (p[1]-s[1])*(s[2]-s[0])/(s[3]-s[1])
			if x > p[0] {
				in = !in
			}
		}
		return true
	})
	return in
}

// outside returns the total length of the segment a-b lying outside the
// boundary: the segment is cut at every crossing with a boundary segment and
// the midpoint of each piece is tested with inside. Testing midpoints rather
// than flipping a parity at each crossing keeps the answer right when the
// segment passes exactly through a boundary vertex.
func (l *land) outside(a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	length := math.Hypot(dx, dy)
	if length == 0 {
		return 0
	}
	ts := append(l.ts[:0], 0, 1)
	lo := [2]float64{min(a[0], b[0]), min(a[1], b[1])}
	hi := [2]float64{max(a[0], b[0]), max(a[1], b[1])}
	l.tree.Search(lo, hi, func(_, _ [2]float64, i int32) bool {
		s := l.segs[i]
		ex, ey := s[2]-s[0], s[3]-s[1]
		den := dx*ey - dy*ex
		if den == 0 {
			return true // parallel: crossings at its ends come from neighbours
		}
		fx, fy := s[0]-a[0], s[1]-a[1]
		t := (fx*ey - fy*ex) / den // along a-b
		u := (fx*dy - fy*dx) / den // along the boundary segment
		if t > 0 && t < 1 && u >= 0 && u <= 1 {
			ts = append(ts, t)
		}
		return true
	})
	slices.Sort(ts)
	l.ts = ts
	var out float64
	for i := 1; i < len(ts); i++ {
		t0, t1 := ts[i-1], ts[i]
		if t1 <= t0 {
			continue
		}
		tm := (t0 + t1) / 2
		if !l.inside([2]float64{a[0] + tm*dx, a[1] + tm*dy}) {
			out += (t1 - t0) * length
		}
	}
	return out
}
