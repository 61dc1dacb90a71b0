package geo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// An Index answers nearest-neighbour and radius queries over a fixed set of
// points with exact great-circle distances in metres (the same values
// Distance returns).
//
// Model: an R-tree (github.com/tidwall/rtree) over [lon, lat] boxes, searched
// best-first with a distance from the query to each box that is the true
// spherical distance to the nearest point of the box, not a planar
// approximation: boxes on the far side of the antimeridian are reached
// through it, and a query near a pole sees boxes around the pole at their
// true distance. Results therefore come in ascending distance everywhere on
// the globe; ties come in an unspecified but deterministic order.
//
// An Index is immutable after NewIndex and safe for concurrent queries.
// Queries allocate nothing of their own (the tree recycles its search queue
// through a sync.Pool).
type Index struct {
	tree rtree.RTreeG[int32]
	pts  []orb.Point // as given
	n    int         // number indexed
}

// NewIndex indexes pts; callbacks receive indexes into pts. Longitudes
// outside [-180, 180] are wrapped. Points with a non-finite coordinate or a
// latitude outside [-90, 90] cannot be placed on the sphere and are left
// out (Len reports how many were indexed); the readers in this package
// never produce them. NewIndex keeps a reference to pts, which must not be
// modified afterwards. At most 2^31-1 points are supported.
func NewIndex(pts []orb.Point) *Index {
	ix := &Index{pts: pts}
	for i, p := range pts {
		if i > math.MaxInt32 {
			break
		}
		lon, lat := p[0], p[1]
		if math.IsNaN(lon) || math.IsInf(lon, 0) || math.IsNaN(lat) || lat < -90 || lat > 90 {
			continue
		}
		lon = wrapLon(lon)
		ix.tree.Insert([2]float64{lon, lat}, [2]float64{lon, lat}, int32(i))
		ix.n++
	}
	return ix
}

// wrapLon maps any finite longitude into [-180, 180].
func wrapLon(lon float64) float64 {
	if lon >= -180 && lon <= 180 {
		return lon
	}
	lon = math.Mod(lon+180, 360)
	if lon < 0 {
		lon += 360
	}
	return lon - 180
}

// Len returns the number of points indexed.
func (ix *Index) Len() int { return ix.n }

// Nearest calls fn for the indexed points in ascending distance from p,
// with each point's index in the slice given to NewIndex and its distance
// in metres, until k points have been reported (k <= 0: no limit) or fn
// returns false.
func (ix *Index) Nearest(p orb.Point, k int, fn func(i int, metres float64) bool) {
	q := newBoxQuery(p, ix.pts)
	count := 0
	ix.tree.Nearby(q.dist, func(_, _ [2]float64, i int32, d float64) bool {
		count++
		return fn(int(i), d) && (k <= 0 || count < k)
	})
}

// Within calls fn for every indexed point at most metres from p, in
// ascending distance, until fn returns false.
func (ix *Index) Within(p orb.Point, metres float64, fn func(i int, metres float64) bool) {
	if !(metres >= 0) { // also rejects NaN
		return
	}
	q := newBoxQuery(p, ix.pts)
	ix.tree.Nearby(q.dist, func(_, _ [2]float64, i int32, d float64) bool {
		if d > metres {
			return false
		}
		return fn(int(i), d)
	})
}

// boxQuery holds a query point in the forms the distance function needs.
type boxQuery struct {
	p              orb.Point   // as given
	pts            []orb.Point // the indexed points
	lon, lat       float64     // degrees, lon in [-180, 180]
	latR, lonR     float64     // radians
	sinLat, cosLat float64
}

func newBoxQuery(p orb.Point, pts []orb.Point) boxQuery {
	q := boxQuery{p: p, pts: pts, lon: wrapLon(p[0]), lat: p[1]}
	q.latR, q.lonR = q.lat*deg, q.lon*deg
	q.sinLat, q.cosLat = math.Sincos(q.latR)
	return q
}

// dist is the rtree distance function: for an item, Distance from the
// query to the point; for a node, a lower bound on the distance from the
// query to any point in its [lon, lat] box.
func (q *boxQuery) dist(min, max [2]float64, i int32, item bool) float64 {
	if item {
		return Distance(q.p, q.pts[i])
	}
	d := q.boxDistance(min, max)
	// Shave off more than the rounding error of either computation, so the
	// bound never exceeds an item's distance.
	return d*(1-1e-9) - 1e-6
}

// boxDistance returns the great-circle distance in metres from the query to
// the nearest point of the box [min, max] (degrees, min[0] <= max[0]).
//
// If the query's longitude is within the box's, the nearest point is on
// the query's own meridian and the distance is the latitude gap. Otherwise
// it is on the box's meridian edge with the smaller longitude difference
// Δλ (going round either way), since along any parallel the distance grows
// with |Δλ|. Along that edge cos(distance) = sinφ·sinφq + cosφ·cosφq·cosΔλ,
// a sinusoid in φ peaking at φ* = atan2(sinφq, cosφq·cosΔλ): the nearest
// point is φ* when the edge contains it, otherwise an end of the edge.
func (q *boxQuery) boxDistance(min, max [2]float64) float64 {
	if q.lon >= min[0] && q.lon <= max[0] {
		switch {
		case q.lat < min[1]:
			return (min[1] - q.lat) * deg * EarthRadius
		case q.lat > max[1]:
			return (q.lat - max[1]) * deg * EarthRadius
		}
		return 0
	}
	west := math.Mod(min[0]-q.lon+720, 360) // eastwards from query to west edge
	east := math.Mod(q.lon-max[0]+720, 360) // westwards from query to east edge
	dlon := math.Min(west, east) * deg
	edge := func(lat float64) float64 {
		return haversineTerm(q.latR, lat, q.cosLat*math.Cos(lat), dlon)
	}
	lo, hi := min[1]*deg, max[1]*deg
	h := math.Min(edge(lo), edge(hi))
	if star := math.Atan2(q.sinLat, q.cosLat*math.Cos(dlon)); star > lo && star < hi {
		h = math.Min(h, edge(star))
	}
	return EarthRadius * haversineAngle(h)
}
