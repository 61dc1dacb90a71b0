package voronoi

import (
	"math"

	"github.com/hubpart/hubpart/geo/robust"
	"github.com/paulmach/orb"
)

// region is a clip MultiPolygon prepared for many clipping calls: its
// edges directed with the interior on the left, a uniform grid over them for
// candidate look-up by bounding box, and an exact point-in-region test that
// only looks at the grid row of the point up to the first empty grid cell.
//
// It keeps scratch state, so one region must not be used by two
// goroutines at once.
type region struct {
	edges                  []dirEdge
	box                    [][4]float64 // per edge: minX, minY, maxX, maxY
	minX, minY, maxX, maxY float64
	g                      int
	w, h                   float64
	off                    []int32 // CSR over grid cells
	items                  []int32
	stamp                  []uint32
	cur                    uint32
	empty                  []int8 // status of empty grid cells: 0 unknown, 1 inside, -1 outside
	cand                   []int32
}

// newRegion prepares mp. Rings may be closed or not and of either
// orientation: outer rings are made counter-clockwise and holes clockwise.
// Repeated consecutive points are skipped.
func newRegion(mp orb.MultiPolygon) *region {
	cr := &region{minX: math.Inf(1), minY: math.Inf(1), maxX: math.Inf(-1), maxY: math.Inf(-1)}
	cr.edges = appendEdges(nil, mp)
	cr.box = make([][4]float64, len(cr.edges))
	for i, e := range cr.edges {
		b := [4]float64{min(e.a[0], e.b[0]), min(e.a[1], e.b[1]), max(e.a[0], e.b[0]), max(e.a[1], e.b[1])}
		cr.box[i] = b
		cr.minX, cr.minY = min(cr.minX, b[0]), min(cr.minY, b[1])
		cr.maxX, cr.maxY = max(cr.maxX, b[2]), max(cr.maxY, b[3])
	}
	cr.stamp = make([]uint32, len(cr.edges))
	if len(cr.edges) == 0 {
		return cr
	}
	cr.g = min(512, int(math.Sqrt(float64(len(cr.edges))))+1)
	g := cr.g
	cr.w, cr.h = (cr.maxX-cr.minX)/float64(g), (cr.maxY-cr.minY)/float64(g)
	cr.off = make([]int32, g*g+1)
	for _, b := range cr.box {
		x0, y0 := cr.cell(b[0], b[1])
		x1, y1 := cr.cell(b[2], b[3])
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				cr.off[y*g+x+1]++
			}
		}
	}
	for k := 1; k < len(cr.off); k++ {
		cr.off[k] += cr.off[k-1]
	}
	cr.items = make([]int32, cr.off[g*g])
	fill := append([]int32(nil), cr.off[:g*g]...)
	for i, b := range cr.box {
		x0, y0 := cr.cell(b[0], b[1])
		x1, y1 := cr.cell(b[2], b[3])
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				cr.items[fill[y*g+x]] = int32(i)
				fill[y*g+x]++
			}
		}
	}
	cr.empty = make([]int8, g*g)
	return cr
}

// cell returns the grid cell of (x, y), clamped to the grid.
func (cr *region) cell(x, y float64) (int, int) {
	cx, cy := 0, 0
	if cr.w > 0 {
		cx = min(cr.g-1, max(0, int((x-cr.minX)/cr.w)))
	}
	if cr.h > 0 {
		cy = min(cr.g-1, max(0, int((y-cr.minY)/cr.h)))
	}
	return cx, cy
}

func (cr *region) nextStamp() uint32 {
	cr.cur++
	if cr.cur == 0 {
		clear(cr.stamp)
		cr.cur = 1
	}
	return cr.cur
}

// candidates returns the edges whose bounding box meets [x0,x1]x[y0,y1], in
// increasing index order of discovery (deterministic). The slice is reused.
func (cr *region) candidates(x0, y0, x1, y1 float64) []int32 {
	cr.cand = cr.cand[:0]
	if len(cr.edges) == 0 || x1 < cr.minX || x0 > cr.maxX || y1 < cr.minY || y0 > cr.maxY {
		return cr.cand
	}
	s := cr.nextStamp()
	cx0, cy0 := cr.cell(x0, y0)
	cx1, cy1 := cr.cell(x1, y1)
	for y := cy0; y <= cy1; y++ {
		for x := cx0; x <= cx1; x++ {
			c := y*cr.g + x
			for _, e := range cr.items[cr.off[c]:cr.off[c+1]] {
				if cr.stamp[e] == s {
					continue
				}
				cr.stamp[e] = s
				b := cr.box[e]
				if b[2] < x0 || b[0] > x1 || b[3] < y0 || b[1] > y1 {
					continue
				}
				cr.cand = append(cr.cand, e)
			}
		}
	}
	return cr.cand
}

// side returns 1 when p is strictly inside the region, 0 on its boundary,
// -1 outside. Exact: it counts crossings of the horizontal ray from p to the
// right with the edges of the grid cells in p's row, up to the centre of the
// first empty cell, whose (uniform) status is known.
func (cr *region) side(p [2]float64) int {
	if len(cr.edges) == 0 || p[0] < cr.minX || p[0] > cr.maxX || p[1] < cr.minY || p[1] > cr.maxY {
		return -1
	}
	cx, cy := cr.cell(p[0], p[1])
	row := cy * cr.g
	stop := -1
	for x := cx + 1; x < cr.g; x++ {
		if cr.off[row+x] == cr.off[row+x+1] {
			stop = x
			break
		}
	}
	end := cr.g
	var q [2]float64
	if stop >= 0 {
		end = stop
		q = [2]float64{cr.minX + (float64(stop)+0.5)*cr.w, p[1]}
	}
	s := cr.nextStamp()
	in := false
	for x := cx; x < end; x++ {
		c := row + x
		for _, e := range cr.items[cr.off[c]:cr.off[c+1]] {
			if cr.stamp[e] == s {
				continue
			}
			cr.stamp[e] = s
			a, b := cr.edges[e].a, cr.edges[e].b
			o := robust.Orient2D(a, b, p)
			if o == 0 {
				bx := cr.box[e]
				if bx[0] <= p[0] && p[0] <= bx[2] && bx[1] <= p[1] && p[1] <= bx[3] {
					return 0
				}
			}
			if (a[1] > p[1]) == (b[1] > p[1]) {
				continue
			}
			up := b[1] > a[1]
			if up != (o > 0) {
				continue // crossing is left of p
			}
			if stop >= 0 && up == (robust.Orient2D(a, b, q) > 0) {
				continue // crossing is right of q
			}
			in = !in
		}
	}
	if stop >= 0 && cr.emptyStatus(row+stop, q) > 0 {
		in = !in
	}
	if in {
		return 1
	}
	return -1
}

// emptyStatus returns the memoised status of the empty grid cell c, whose
// centre row point q is given.
func (cr *region) emptyStatus(c int, q [2]float64) int8 {
	if cr.empty[c] == 0 {
		centre := [2]float64{q[0], cr.minY + (float64(c/cr.g)+0.5)*cr.h}
		if cr.side(centre) > 0 {
			cr.empty[c] = 1
		} else {
			cr.empty[c] = -1
		}
	}
	return cr.empty[c]
}

// needsPocket reports whether site p is strictly outside the region or
// within 1e-9 of the coordinate magnitude of its boundary: the sites that
// Cells may give a pocket (tests use it to bound the added area).
func (cr *region) needsPocket(p [2]float64) bool {
	if cr.side(p) < 0 {
		return true
	}
	tol := 1e-9 * max(math.Abs(p[0]), math.Abs(p[1]), 1)
	for _, e := range cr.candidates(p[0]-tol, p[1]-tol, p[0]+tol, p[1]+tol) {
		a, b := cr.edges[e].a, cr.edges[e].b
		dx, dy := b[0]-a[0], b[1]-a[1]
		t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / (dx*dx + dy*dy)
		t = min(1, max(0, t))
		if math.Hypot(a[0]+t*dx-p[0], a[1]+t*dy-p[1]) <= tol {
			return true
		}
	}
	return false
}
