package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// EarthRadius is the mean radius of the Earth (IUGG R1), in metres. All
// distances in this package are great-circle distances on a sphere of this
// radius.
const EarthRadius = 6371008.8 // metres

const deg = math.Pi / 180

// Distance returns the great-circle distance between a and b ([lon, lat],
// degrees) in metres, by the haversine formula, which is accurate for small
// and large separations alike (to rounding, about a millimetre at worst for
// antipodal points). It is symmetric, zero for equal points, and handles
// the antimeridian and the poles: longitudes that differ by 360° are the
// same meridian.
func Distance(a, b orb.Point) float64 {
	return EarthRadius * centralAngle(a[1]*deg, a[0]*deg, b[1]*deg, b[0]*deg)
}

// centralAngle returns the angle in radians between two points given as
// latitude and longitude in radians.
func centralAngle(lat1, lon1, lat2, lon2 float64) float64 {
	return haversineAngle(haversineTerm(lat1, lat2, math.Cos(lat1)*math.Cos(lat2), lon1-lon2))
}

// haversineTerm returns hav(θ) for the central angle θ between points at
// latitudes lat1, lat2 whose cosines multiply to cc, dlon apart.
func haversineTerm(lat1, lat2, cc, dlon float64) float64 {
	s1 := math.Sin((lat2 - lat1) / 2)
	s2 := math.Sin(dlon / 2)
	return s1*s1 + cc*s2*s2
}

// haversineAngle converts hav(θ) to θ, clamping rounding overshoot.
func haversineAngle(h float64) float64 {
	if h >= 1 {
		return math.Pi
	}
	if h <= 0 {
		return 0
	}
	return 2 * math.Asin(math.Sqrt(h))
}

// unitVector returns the point as a 3-D unit vector: x towards (0°, 0°),
// y towards (90°E, 0°), z towards the north pole.
func unitVector(p orb.Point) [3]float64 {
	lon, lat := p[0]*deg, p[1]*deg
	cl := math.Cos(lat)
	return [3]float64{cl * math.Cos(lon), cl * math.Sin(lon), math.Sin(lat)}
}

// fromUnitVector converts a (not necessarily normalised, non-zero) vector
// to [lon, lat] degrees, longitude in [-180, 180].
func fromUnitVector(v [3]float64) orb.Point {
	lat := math.Atan2(v[2], math.Hypot(v[0], v[1])) / deg
	lon := 0.0
	if v[0] != 0 || v[1] != 0 {
		lon = math.Atan2(v[1], v[0]) / deg
	}
	return orb.Point{lon, lat}
}
