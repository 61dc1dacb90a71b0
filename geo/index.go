package geo

import (
	"context"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// An Index answers nearest-neighbour and radius queries over a fixed set of
// points with exact great-circle distances in metres (the values Distance
// returns).
//
// Model: an R-tree (github.com/tidwall/rtree) over [lon, lat] boxes,
// searched best-first. The key of a point is hav(θ) of its central angle θ
// from the query, computed from 3-D unit vectors as |u-v|²/4; the key of a
// box is hav of the true spherical distance from the query to the nearest
// point of the box, not a planar approximation: boxes on the far side of
// the antimeridian are reached through it, and a query near a pole sees
// boxes around the pole at their true distance. Results therefore come in
// ascending distance everywhere on the globe. (Keys and Distance round
// differently: two points whose distances differ by less than about a
// nanometre may be reported in either order. Exact ties come in an
// unspecified but deterministic order.)
//
// An Index is immutable after NewIndex and safe for concurrent queries.
// Queries allocate nothing of their own (the tree recycles its search queue
// through a sync.Pool).
type Index struct {
	tree rtree.RTreeG[int32]
	pts  []orb.Point  // as given
	vec  [][3]float64 // unit vectors of pts
	n    int          // number indexed
}

// NewIndex indexes pts; callbacks receive indexes into pts. Longitudes
// outside [-180, 180] are wrapped. Points with a non-finite coordinate or a
// latitude outside [-90, 90] cannot be placed on the sphere and are left
// out (Len reports how many were indexed); the readers in this package
// never produce them. NewIndex keeps a reference to pts, which must not be
// modified afterwards, and 24 bytes per point of its own. At most 2^31-1
// points are supported.
func NewIndex(pts []orb.Point) *Index {
	ix, _ := BuildIndex(context.Background(), pts, nil)
	return ix
}

// BuildIndex is NewIndex for large inputs: it reports progress through
// progress (if not nil) as ("index", points done, len(pts)) every 65,536
// points and at the end, and returns early with an error wrapping
// ctx.Err() when ctx is cancelled. Building takes about a microsecond per
// point.
func BuildIndex(ctx context.Context, pts []orb.Point, progress func(stage string, done, total int)) (*Index, error) {
	ix := &Index{pts: pts, vec: make([][3]float64, len(pts))}
	for i, p := range pts {
		if i > math.MaxInt32 {
			break
		}
		if i%progressEvery == 0 && i > 0 {
			if progress != nil {
				progress("index", i, len(pts))
			}
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("geo: index stopped after %d points: %w", i, err)
			}
		}
		lon, lat := p[0], p[1]
		if math.IsNaN(lon) || math.IsInf(lon, 0) || math.IsNaN(lat) || lat < -90 || lat > 90 {
			continue
		}
		lon = wrapLon(lon)
		ix.vec[i] = unitVector(orb.Point{lon, lat})
		ix.tree.Insert([2]float64{lon, lat}, [2]float64{lon, lat}, int32(i))
		ix.n++
	}
	if progress != nil {
		progress("index", len(pts), len(pts))
	}
	return ix, nil
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
	q := newBoxQuery(p, ix.vec)
	count := 0
	ix.tree.Nearby(q.key, func(_, _ [2]float64, i int32, _ float64) bool {
		count++
		return fn(int(i), Distance(p, ix.pts[i])) && (k <= 0 || count < k)
	})
}

// Within calls fn for every indexed point at most metres from p (by
// Distance), in ascending distance, until fn returns false.
func (ix *Index) Within(p orb.Point, metres float64, fn func(i int, metres float64) bool) {
	if !(metres >= 0) { // also rejects NaN
		return
	}
	q := newBoxQuery(p, ix.vec)
	// Past this key every point is farther than metres, even allowing for
	// the keys' rounding.
	s := math.Sin(math.Min(metres/EarthRadius, math.Pi) / 2)
	stop := s*s*(1+1e-9) + 1e-15*s + 1e-30
	ix.tree.Nearby(q.key, func(_, _ [2]float64, i int32, h float64) bool {
		if h > stop {
			return false
		}
		d := Distance(p, ix.pts[i])
		if d > metres {
			return true // rounding put it before the cut-off: skip it
		}
		return fn(int(i), d)
	})
}

// boxQuery holds a query point in the forms the key function needs.
type boxQuery struct {
	vec            [][3]float64 // the indexed points' unit vectors
	v              [3]float64   // the query's unit vector
	lon, lat       float64      // degrees, lon in [-180, 180]
	latR           float64      // radians
	sinLat, cosLat float64
}

func newBoxQuery(p orb.Point, vec [][3]float64) boxQuery {
	q := boxQuery{vec: vec, lon: wrapLon(p[0]), lat: p[1]}
	q.v = unitVector(orb.Point{q.lon, q.lat})
	q.latR = q.lat * deg
	q.sinLat, q.cosLat = math.Sincos(q.latR)
	return q
}

// key is the rtree distance function: for an item, hav(θ) = |u-v|²/4 of
// its central angle θ from the query; for a node, a lower bound on that
// over its box.
func (q *boxQuery) key(min, max [2]float64, i int32, item bool) float64 {
	if item {
		u := &q.vec[i]
		dx, dy, dz := u[0]-q.v[0], u[1]-q.v[1], u[2]-q.v[2]
		return (dx*dx + dy*dy + dz*dz) / 4
	}
	h := q.boxHav(min, max)
	// Shave off more than the rounding error of either computation (the
	// chord's is about 1e-16 absolute, so √h·1e-16 in h), so the bound
	// never exceeds the key of a point inside.
	return h*(1-1e-12) - 1e-15*math.Sqrt(h) - 1e-30
}

// boxHav returns hav(θ) for the great-circle distance θ from the query to
// the nearest point of the box [min, max] (degrees, min[0] <= max[0]).
//
// If the query's longitude is within the box's, the nearest point is on
// the query's own meridian and θ is the latitude gap. Otherwise it is on
// the box's meridian edge with the smaller longitude difference Δλ (going
// round either way), since along any parallel the distance grows with
// |Δλ|. Along that edge cos θ = sinφ·sinφq + cosφ·cosφq·cosΔλ, a sinusoid
// in φ peaking at φ* = atan2(sinφq, cosφq·cosΔλ): the nearest point is φ*
// when the edge contains it, otherwise an end of the edge.
func (q *boxQuery) boxHav(min, max [2]float64) float64 {
	if q.lon >= min[0] && q.lon <= max[0] {
		var gap float64
		switch {
		case q.lat < min[1]:
			gap = (min[1] - q.lat) * deg
		case q.lat > max[1]:
			gap = (q.lat - max[1]) * deg
		default:
			return 0
		}
		s := math.Sin(gap / 2)
		return s * s
	}
	west := min[0] - q.lon // eastwards from query to the west edge, mod 360
	if west < 0 {
		west += 360
	}
	east := q.lon - max[0] // westwards from query to the east edge, mod 360
	if east < 0 {
		east += 360
	}
	dlon := math.Min(west, east) * deg
	sl := math.Sin(dlon / 2)
	sl2 := sl * sl
	edge := func(lat float64) float64 {
		s := math.Sin((lat - q.latR) / 2)
		return s*s + q.cosLat*math.Cos(lat)*sl2
	}
	lo, hi := min[1]*deg, max[1]*deg
	h := math.Min(edge(lo), edge(hi))
	// cos Δλ = 1 - 2 sin²(Δλ/2)
	if star := math.Atan2(q.sinLat, q.cosLat*(1-2*sl2)); star > lo && star < hi {
		h = math.Min(h, edge(star))
	}
	return h
}
