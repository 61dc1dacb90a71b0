package graph

import (
	"math"
	"slices"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/paulmach/orb"
)

// land answers "how much of this straight segment lies outside the
// boundary?" in the projected plane. The boundary's rings are projected
// vertex by vertex and stored as segments. Inside is decided by the even-odd
// rule over all rings of all polygons, which is exact for a valid
// multipolygon (non-overlapping polygons, holes inside their shells).
//
// Segments are indexed in horizontal strips: strip k covers
// y in [minY + k·h, minY + (k+1)·h) and lists the segments whose y-range
// meets it. A ray cast looks at the segments of one strip; a crossing query
// at those of the strips its y-range meets.
type land struct {
	segs [][4]float64 // x1, y1, x2, y2
	ts   []float64    // scratch: crossing parameters

	minY, h  float64
	stripOff []int32 // segments of strip k: stripSeg[stripOff[k]:stripOff[k+1]]
	stripSeg []int32
}

// crossSlack widens boundary segments (as a fraction of their length) when
// looking for crossings.
const crossSlack = 1e-9

// segsPerStrip is the average number of segments a strip is sized to hold.
const segsPerStrip = 8

// newLand projects mp with forward and indexes its ring segments.
func newLand(mp orb.MultiPolygon, forward func(orb.Point) [2]float64) *land {
	l := &land{}
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
	minY, maxY := math.Inf(1), math.Inf(-1)
	for _, s := range l.segs {
		minY, maxY = min(minY, s[1], s[3]), max(maxY, s[1], s[3])
	}
	l.strips(minY, maxY)
	return l
}

// strips fills the strip index over [minY, maxY].
func (l *land) strips(minY, maxY float64) {
	k := max(1, len(l.segs)/segsPerStrip)
	l.minY, l.h = minY, (maxY-minY)/float64(k)
	if !(l.h > 0) {
		l.h, k = 1, 1
	}
	l.stripOff = make([]int32, k+1)
	span := func(s [4]float64) (int, int) {
		return l.strip(min(s[1], s[3])), l.strip(max(s[1], s[3]))
	}
	for _, s := range l.segs {
		a, b := span(s)
		for j := a; j <= b; j++ {
			l.stripOff[j+1]++
		}
	}
	for j := 1; j <= k; j++ {
		l.stripOff[j] += l.stripOff[j-1]
	}
	l.stripSeg = make([]int32, l.stripOff[k])
	fill := slices.Clone(l.stripOff[:k])
	for i, s := range l.segs {
		a, b := span(s)
		for j := a; j <= b; j++ {
			l.stripSeg[fill[j]] = int32(i)
			fill[j]++
		}
	}
}

// strip returns the strip holding ordinate y, clamped to the index.
func (l *land) strip(y float64) int {
	k := len(l.stripOff) - 2
	j := int((y - l.minY) / l.h)
	return max(0, min(k, j))
}

// inside reports whether p lies inside the boundary or on it: the even-odd
// rule over the segments of p's strip, each decided by polygon.Crossing (the
// one, exact, point-in-polygon step).
func (l *land) inside(p [2]float64) bool {
	if len(l.segs) == 0 || p[1] < l.minY || p[1] > l.minY+l.h*float64(len(l.stripOff)-1) {
		return false
	}
	k := l.strip(p[1])
	in := false
	for _, i := range l.stripSeg[l.stripOff[k]:l.stripOff[k+1]] {
		s := l.segs[i]
		on, crosses := polygon.Crossing([2]float64{s[0], s[1]}, [2]float64{s[2], s[3]}, p)
		if on {
			return true
		}
		if crosses {
			in = !in
		}
	}
	return in
}

// outside returns the total length of the segment a-b lying outside the
// boundary: the segment is cut at every crossing with a boundary segment and
// the midpoint of each piece is tested with inside. Testing midpoints rather
// than flipping a parity at each crossing keeps the answer right when the
// scratchCopy returns a land sharing l's outline and index with scratch of
// its own, for outside on another goroutine.
func (l *land) scratchCopy() *land {
	c := *l
	c.ts = nil
	return &c
}

// segment passes exactly through a boundary vertex.
func (l *land) outside(a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	length := math.Hypot(dx, dy)
	if length == 0 {
		return 0
	}
	ts := append(l.ts[:0], 0, 1)
	if len(l.segs) > 0 {
		x0, x1 := min(a[0], b[0]), max(a[0], b[0])
		y0, y1 := min(a[1], b[1]), max(a[1], b[1])
		k0, k1 := l.strip(y0), l.strip(y1)
		for k := k0; k <= k1; k++ {
			for _, i := range l.stripSeg[l.stripOff[k]:l.stripOff[k+1]] {
				s := l.segs[i]
				if max(s[0], s[2]) < x0 || min(s[0], s[2]) > x1 ||
					max(s[1], s[3]) < y0 || min(s[1], s[3]) > y1 {
					continue
				}
				// A segment spanning several strips is seen once: in the
				// first strip both it and the query reach.
				if k != max(k0, l.strip(min(s[1], s[3]))) {
					continue
				}
				ex, ey := s[2]-s[0], s[3]-s[1]
				den := dx*ey - dy*ex
				if den == 0 {
					continue // parallel: crossings at its ends come from neighbours
				}
				fx, fy := s[0]-a[0], s[1]-a[1]
				t := (fx*ey - fy*ex) / den // along a-b
				u := (fx*dy - fy*dx) / den // along the boundary segment
				// A slack on u keeps a crossing through a boundary vertex
				// even when rounding puts it just off both segments; a
				// spurious cut only splits a piece, it cannot change the sum.
				if t > 0 && t < 1 && u >= -crossSlack && u <= 1+crossSlack {
					ts = append(ts, t)
				}
			}
		}
	}
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
