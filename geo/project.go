package geo

import (
	"fmt"
	"math"
	"sync"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/internal/parallel"
)

// A Projection is a stereographic projection of the sphere (radius
// EarthRadius) onto the plane tangent at a centre chosen from the data.
//
// Plane coordinates are metres: x grows east and y north at the centre,
// where the scale is exactly 1; it grows as sec²(θ/2) with the angle θ from
// the centre (1.7 % at 15°, 100 % at 90°). The projection is conformal and
// maps circles on the sphere to circles in the plane, so a planar Delaunay
// triangulation of projected points is the spherical one.
//
// Only points within 90° of the centre are accepted by NewProjection, which
// keeps every projected coordinate within 2·EarthRadius of the origin. A
// Projection is immutable and safe for concurrent use.
type Projection struct {
	centre orb.Point
	c      [3]float64 // centre, unit vector
	e, n   [3]float64 // east and north unit vectors at the centre
}

// hemisphereSlack tolerates rounding for points exactly 90° from the
// centre: their cosine may come out at -1e-16.
const hemisphereSlack = 1e-12

// NewProjection returns the stereographic projection centred on the
// normalised mean of the points' unit vectors. It fails with ErrEmpty if
// pts is empty, and with ErrHemisphere (wrapped, stating the angular extent)
// if any point lies more than 90° from that centre or the mean vanishes
// (as for a pair of antipodes). A point with a non-finite coordinate is
// ErrNonFinite, one with a latitude outside [-90, 90] ErrLatRange; any
// finite longitude is accepted.
func NewProjection(pts []orb.Point) (*Projection, error) {
	p, _, err := newProjection(pts)
	return p, err
}

// ProjectAll returns NewProjection(pts) and its ForwardAll(pts), the same
// values, converting each point to a unit vector once for both instead of
// twice. Errors are those of NewProjection.
func ProjectAll(pts []orb.Point) (*Projection, [][2]float64, error) {
	p, vs, err := newProjection(pts)
	if err != nil {
		return nil, nil, err
	}
	out := make([][2]float64, len(vs))
	parallel.For(len(vs), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = p.forwardUnit(vs[i])
		}
	})
	return p, out, nil
}

// newProjection is NewProjection, also returning the points' unit vectors.
func newProjection(pts []orb.Point) (*Projection, [][3]float64, error) {
	if len(pts) == 0 {
		return nil, nil, fmt.Errorf("geo: projection of no points: %w", ErrEmpty)
	}
	for i, p := range pts {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
			return nil, nil, fmt.Errorf("geo: projection: point %d is %v: %w", i, p, ErrNonFinite)
		}
		if err := CheckLat(p[1]); err != nil {
			return nil, nil, fmt.Errorf("geo: projection: point %d is %v: %w", i, p, err)
		}
	}
	vs := unitVectors(pts)
	// The sum runs in index order on one core: floating-point addition is
	// not associative, and the centre must not depend on the core count.
	var s [3]float64
	for _, v := range vs {
		s[0] += v[0]
		s[1] += v[1]
		s[2] += v[2]
	}
	norm := math.Sqrt(s[0]*s[0] + s[1]*s[1] + s[2]*s[2])
	if norm <= 1e-9*float64(len(pts)) {
		return nil, nil, fmt.Errorf("geo: projection: the points' mean direction vanishes: %w", ErrHemisphere)
	}
	c := [3]float64{s[0] / norm, s[1] / norm, s[2] / norm}
	centre := fromUnitVector(c)
	lon, lat := centre[0]*deg, centre[1]*deg
	p := &Projection{
		centre: centre,
		c:      c,
		e:      [3]float64{-math.Sin(lon), math.Cos(lon), 0},
		n:      [3]float64{-math.Sin(lat) * math.Cos(lon), -math.Sin(lat) * math.Sin(lon), math.Cos(lat)},
	}
	worst, far := farthest(vs, c)
	if worst < -hemisphereSlack {
		return nil, nil, fmt.Errorf("geo: projection centred on %.4f,%.4f: point %d at %v is %.2f° away (limit 90°): %w",
			centre[0], centre[1], far, pts[far], math.Acos(max(-1, worst))/deg, ErrHemisphere)
	}
	return p, vs, nil
}

// unitVectors returns the unit vector of every point, computed on all cores.
func unitVectors(pts []orb.Point) [][3]float64 {
	vs := make([][3]float64, len(pts))
	parallel.For(len(pts), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			vs[i] = unitVector(pts[i])
		}
	})
	return vs
}

// farthest returns the smallest cosine between c and a vector of vs, and
// the first index holding it; (1, -1) when none is below 1. The ranges
// searched on different cores are combined by (cosine, index), so the
// answer is the one a single loop gives.
func farthest(vs [][3]float64, c [3]float64) (worst float64, far int) {
	worst, far = 1.0, -1
	var mu sync.Mutex
	parallel.For(len(vs), func(lo, hi int) {
		w, f := 1.0, -1
		for i := lo; i < hi; i++ {
			if d := dot(vs[i], c); d < w {
				w, f = d, i
			}
		}
		mu.Lock()
		defer mu.Unlock()
		if f >= 0 && (w < worst || w == worst && f < far) {
			worst, far = w, f
		}
	})
	return worst, far
}

func dot(a, b [3]float64) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }

// Centre returns the centre of the projection, [lon, lat] degrees.
func (p *Projection) Centre() orb.Point { return p.centre }

// Forward projects pt ([lon, lat] degrees) to plane metres. Points up to 90°
// from the centre land within 2·EarthRadius of the origin; farther points
// are still mapped (the formula holds up to the antipode, which goes to
// infinity) but were not what the projection was made for.
func (p *Projection) Forward(pt orb.Point) [2]float64 {
	return p.forwardUnit(unitVector(pt))
}

// forwardUnit projects the point with unit vector v.
func (p *Projection) forwardUnit(v [3]float64) [2]float64 {
	k := 2 * EarthRadius / (1 + dot(v, p.c))
	return [2]float64{k * dot(v, p.e), k * dot(v, p.n)}
}

// Inverse maps plane metres back to [lon, lat] degrees, longitude in
// [-180, 180]. Inverse(Forward(pt)) equals pt to about a nanodegree
// (longitude is arbitrary at the poles).
func (p *Projection) Inverse(xy [2]float64) orb.Point {
	u, w := xy[0]/(2*EarthRadius), xy[1]/(2*EarthRadius)
	s := u*u + w*w
	a, b, cc := 2*u, 2*w, 1-s // over 1+s, which the conversion ignores
	v := [3]float64{
		a*p.e[0] + b*p.n[0] + cc*p.c[0],
		a*p.e[1] + b*p.n[1] + cc*p.c[1],
		a*p.e[2] + b*p.n[2] + cc*p.c[2],
	}
	return fromUnitVector(v)
}

// ForwardAll projects every point; the result has len(pts) entries.
func (p *Projection) ForwardAll(pts []orb.Point) [][2]float64 {
	out := make([][2]float64, len(pts))
	parallel.For(len(pts), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = p.Forward(pts[i])
		}
	})
	return out
}
