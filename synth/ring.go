package synth

// A ringIndex answers exact point-in-ring queries on the integer
// micro-degree grid. The ring's edges are bucketed into horizontal bands, so
// a query looks only at the few edges whose latitude range covers the point:
// O(1) per query for the smooth coastlines generated here.
type ringIndex struct {
	x, y                   []int64 // vertices, open ring (last != first)
	minX, maxX, minY, maxY int64
	band                   int64   // band height, micro-degrees
	start                  []int32 // edges of band b: edges[start[b]:start[b+1]]
	edges                  []int32 // edge e joins vertex e and e+1 (mod n)
}

// newRingIndex indexes the open ring (x[i], y[i]); it needs at least three
// vertices.
func newRingIndex(x, y []int64) *ringIndex {
	n := len(x)
	r := &ringIndex{x: x, y: y, minX: x[0], maxX: x[0], minY: y[0], maxY: y[0]}
	for i := 1; i < n; i++ {
		r.minX, r.maxX = min(r.minX, x[i]), max(r.maxX, x[i])
		r.minY, r.maxY = min(r.minY, y[i]), max(r.maxY, y[i])
	}
	bands := int64(max(16, n))
	r.band = (r.maxY-r.minY)/bands + 1
	nb := int((r.maxY-r.minY)/r.band) + 1
	lo := func(e int) (int, int) {
		a, b := y[e], y[(e+1)%n]
		return int((min(a, b) - r.minY) / r.band), int((max(a, b) - r.minY) / r.band)
	}
	count := make([]int32, nb+1)
	for e := range n {
		b0, b1 := lo(e)
		for b := b0; b <= b1; b++ {
			count[b+1]++
		}
	}
	for b := range nb {
		count[b+1] += count[b]
	}
	r.start = count
	r.edges = make([]int32, count[nb])
	fill := make([]int32, nb)
	copy(fill, count[:nb])
	for e := range n {
		b0, b1 := lo(e)
		for b := b0; b <= b1; b++ {
			r.edges[fill[b]] = int32(e)
			fill[b]++
		}
	}
	return r
}

// contains reports whether (px, py) lies strictly inside the ring. Points on
// an edge or a vertex are reported as outside, so an accepted point is never
// on the coastline. The arithmetic is exact: coordinates are micro-degrees
// (|v| <= 3.6e8) and every product fits easily in an int64.
func (r *ringIndex) contains(px, py int64) bool {
	if px < r.minX || px > r.maxX || py < r.minY || py > r.maxY {
		return false
	}
	b := (py - r.minY) / r.band
	n := len(r.x)
	inside := false
	for _, e := range r.edges[r.start[b]:r.start[b+1]] {
		i, j := int(e), (int(e)+1)%n
		x1, y1, x2, y2 := r.x[i], r.y[i], r.x[j], r.y[j]
		// On the segment itself: collinear and within its bounding box.
		if (x2-x1)*(py-y1) == (y2-y1)*(px-x1) &&
			px >= min(x1, x2) && px <= max(x1, x2) && py >= min(y1, y2) && py <= max(y1, y2) {
			return false
		}
		if (y1 > py) == (y2 > py) {
			continue
		}
		// Does the ray from (px, py) towards +x cross this edge?
		lhs, rhs := (px-x1)*(y2-y1), (py-y1)*(x2-x1)
		if (y2 > y1 && lhs < rhs) || (y2 < y1 && lhs > rhs) {
			inside = !inside
		}
	}
	return inside
}
