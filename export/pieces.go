package export

import (
	"cmp"
	"math"
	"slices"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/internal/parallel"
	"github.com/paulmach/orb"
)

// Geometry of the pieces that make up hub polygons, in projected metres.
//
// Every site v owns its Voronoi cell (clipped to the boundary). Two
// situations need more, and both are solved with a small square "fan"
// centred on the site:
//
//   - split site: the site's practices belong to several hubs (co-located
//     practices that together exceed the maximum). The cell goes to the
//     owner, the hub with most of the site's patients (ties: lower hub ID).
//     A square around the site is cut out of the cell as a hole and divided
//     into k wedges meeting at the site, one per hub at the site (owner
//     first, then by hub ID). The owner's wedge fills part of its own hole
//     again, so the owner's polygon is the cell minus the other wedges.
//     Co-located practices lie on one point: it is a vertex of every wedge,
//     so each practice lies on the boundary of its own hub polygon (closed
//     containment), and the hubs do not overlap.
//   - outside site: the site is not strictly inside its clipped cell (a
//     practice just off a generalised coastline). The square is placed
//     outside the boundary entirely and divided the same way (k = 1 when the
//     site is not split: then the practice is strictly inside).
//
// The square's half-size is at most fanMax, at most 0.3 of the distance to
// the nearest other site (so fans never meet), and small enough that its
// corners stay strictly inside the cell (split site) or strictly outside
// the boundary (outside site).
const (
	fanMax     = 150.0  // metres, largest half-size of a fan square
	densifyMax = 1000.0 // metres, longest projected boundary edge
)

// projectBoundary projects b into the plane, inserting vertices so that no
// edge is longer than densifyMax metres. Interpolation is linear in lon/lat,
// which is what an RFC 7946 edge means.
func projectBoundary(b orb.MultiPolygon, fwd func(orb.Point) [2]float64) orb.MultiPolygon {
	out := make(orb.MultiPolygon, 0, len(b))
	for _, poly := range b {
		var q orb.Polygon
		for _, ring := range poly {
			if len(ring) < 4 {
				continue
			}
			r := make(orb.Ring, 0, len(ring))
			prev := fwd(ring[0])
			r = append(r, orb.Point(prev))
			for i := 1; i < len(ring); i++ {
				cur := fwd(ring[i])
				d := math.Hypot(cur[0]-prev[0], cur[1]-prev[1])
				if n := int(math.Ceil(d / densifyMax)); n > 1 {
					a, c := ring[i-1], ring[i]
					for k := 1; k < n; k++ {
						t := float64(k) / float64(n)
						r = append(r, orb.Point(fwd(orb.Point{a[0] + t*(c[0]-a[0]), a[1] + t*(c[1]-a[1])})))
					}
				}
				r = append(r, orb.Point(cur))
				prev = cur
			}
			r[len(r)-1] = r[0] // exact closure
			q = append(q, r)
		}
		if len(q) > 0 {
			out = append(out, q)
		}
	}
	return out
}

// pieceSet is the list of pieces handed to voronoi.Dissolve: the site cells
// (piece v = site v) followed by fan wedges, and which hub owns each piece.
type pieceSet struct {
	pieces []orb.MultiPolygon
	owner  []int32             // hub ID per piece, -1 for an empty cell owned by nobody
	apex   map[orb.Point]int32 // fan centre (projected) -> site
	fanned []bool              // per site: it has a fan (its cell may have a hole)
}

// sitesInside reports, per site, whether it lies strictly inside its cell.
func sitesInside(cells []orb.MultiPolygon, xy [][2]float64) []bool {
	out := make([]bool, len(cells))
	parallel.Each(len(cells), func(v int) {
		out[v] = len(cells[v]) > 0 && polygon.Locate(cells[v], orb.Point(xy[v])) == polygon.Inside
	})
	return out
}

// buildPieces assigns cells and fan wedges to hubs. inside[v] says whether
// site v lies strictly inside its cell (sitesInside); siteHubs[v] lists the
// hubs at site v, owner first. clip is the projected boundary or nil.
func buildPieces(cells []orb.MultiPolygon, xy [][2]float64, inside []bool, siteHubs [][]int32, clip orb.MultiPolygon) pieceSet {
	n := len(cells)
	ps := pieceSet{
		pieces: slices.Clone(cells),
		owner:  make([]int32, n, n+8),
		apex:   map[orb.Point]int32{},
		fanned: make([]bool, n),
	}
	for v := range n {
		ps.owner[v] = siteHubs[v][0]
	}
	var nn []float64 // lazily: distance to the nearest other site
	for v := range n {
		s := orb.Point(xy[v])
		inside := inside[v]
		if inside && len(siteHubs[v]) == 1 {
			continue
		}
		if nn == nil {
			nn = nearestDistances(xy)
		}
		h := fanMax
		if nn[v] > 0 {
			h = math.Min(h, 0.3*nn[v])
		}
		if inside {
			h = math.Min(h, 0.6*boundaryDistance(cells[v], s)/math.Sqrt2)
		} else if clip != nil {
			h = math.Min(h, 0.6*boundaryDistance(clip, s)/math.Sqrt2)
		}
		perim, wedges := fan(s, h, len(siteHubs[v]))
		if inside {
			// Cut the square out of the polygon of the cell containing s.
			cell := slices.Clone(cells[v])
			for i, poly := range cell {
				if polygon.PolygonSide(poly, s) == polygon.Inside {
					hole := slices.Clone(perim)
					slices.Reverse(hole) // clockwise hole
					np := slices.Clone(poly)
					cell[i] = append(np, hole)
					break
				}
			}
			ps.pieces[v] = cell
		}
		for i, w := range wedges {
			ps.pieces = append(ps.pieces, orb.MultiPolygon{{w}})
			ps.owner = append(ps.owner, siteHubs[v][i])
		}
		ps.apex[s] = int32(v)
		ps.fanned[v] = true
	}
	return ps
}

// fan returns the counter-clockwise closed perimeter of the square of
// half-size h around s, and k wedges partitioning it (k = 1: the square
// itself). Wedge vertices are taken from the perimeter so that shared edges
// are bitwise identical.
func fan(s orb.Point, h float64, k int) (orb.Ring, []orb.Ring) {
	x0, x1, y0, y1 := s[0]-h, s[0]+h, s[1]-h, s[1]+h
	// Perimeter positions in [0, 8): 0 = (x1, s.y), CCW.
	at := func(t float64) orb.Point {
		switch {
		case t <= 1:
			return orb.Point{x1, s[1] + t*h}
		case t <= 3:
			return orb.Point{x1 - (t-1)*h, y1}
		case t <= 5:
			return orb.Point{x0, y1 - (t-3)*h}
		case t <= 7:
			return orb.Point{x0 + (t-5)*h, y0}
		default:
			return orb.Point{x1, y0 + (t-7)*h}
		}
	}
	corners := []float64{1, 3, 5, 7}
	cuts := make([]float64, k)
	for i := range cuts {
		cuts[i] = 8 * float64(i) / float64(k)
	}
	// Merge cuts and corners into the perimeter position list.
	pos := slices.Clone(cuts)
	for _, c := range corners {
		if !slices.Contains(pos, c) {
			pos = append(pos, c)
		}
	}
	slices.Sort(pos)
	pts := make([]orb.Point, len(pos))
	for i, t := range pos {
		pts[i] = at(t)
	}
	perim := make(orb.Ring, 0, len(pts)+1)
	perim = append(perim, pts...)
	perim = append(perim, pts[0])
	if k == 1 {
		return perim, []orb.Ring{slices.Clone(perim)}
	}
	wedges := make([]orb.Ring, k)
	for i := range k {
		a := slices.Index(pos, cuts[i])
		end := 8.0
		if i+1 < k {
			end = cuts[i+1]
		}
		w := orb.Ring{s}
		for j := a; j < len(pos) && pos[j] <= end; j++ {
			w = append(w, pts[j])
		}
		if i+1 == k {
			w = append(w, pts[0])
		}
		w = append(w, s)
		wedges[i] = w
	}
	return perim, wedges
}

// nearestDistances returns, per point, the distance to the nearest other
// distinct point (0 if none), using a sort on x with pruning.
func nearestDistances(xy [][2]float64) []float64 {
	idx := make([]int, len(xy))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := cmp.Compare(xy[a][0], xy[b][0]); c != 0 {
			return c
		}
		return cmp.Compare(xy[a][1], xy[b][1])
	})
	out := make([]float64, len(xy))
	for r, i := range idx {
		best := math.Inf(1)
		for _, dir := range []int{-1, 1} {
			for q := r + dir; q >= 0 && q < len(idx); q += dir {
				j := idx[q]
				dx := xy[j][0] - xy[i][0]
				if dx*dx >= best*best {
					break
				}
				dy := xy[j][1] - xy[i][1]
				if math.Abs(dy) >= best {
					continue // Hypot(dx, dy) >= |dy|: no nearer
				}
				if d := math.Hypot(dx, dy); d > 0 && d < best {
					best = d
				}
			}
		}
		if !math.IsInf(best, 1) {
			out[i] = best
		}
	}
	return out
}

// boundaryDistance is the distance from p to the nearest edge of mp
// (+Inf for an empty geometry).
func boundaryDistance(mp orb.MultiPolygon, p orb.Point) float64 {
	best := math.Inf(1)
	for _, poly := range mp {
		for _, ring := range poly {
			for i := 0; i+1 < len(ring); i++ {
				best = math.Min(best, segDist(p, ring[i], ring[i+1]))
			}
		}
	}
	return best
}

func segDist(p, a, b orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / l
		t = math.Max(0, math.Min(1, t))
	}
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}
