package osgb

import (
	"math"

	"github.com/paulmach/orb"
)

// An ellipsoid is given by its semi-major and semi-minor axes, metres.
type ellipsoid struct{ a, b float64 }

var (
	airy1830 = ellipsoid{a: 6377563.396, b: 6356256.909}
	wgs84    = ellipsoid{a: 6378137.000, b: 6356752.3141}
)

func (e ellipsoid) e2() float64 { return (e.a*e.a - e.b*e.b) / (e.a * e.a) }

// National Grid projection constants (OS guide, annexe A).
const (
	f0   = 0.9996012717 // scale factor on the central meridian
	lat0 = 49 * math.Pi / 180
	lon0 = -2 * math.Pi / 180
	e0   = 400000.0  // easting of the true origin, m
	n0   = -100000.0 // northing of the true origin, m
)

// Helmert parameters OSGB36 → WGS84 (the inverse of OS's published
// WGS84 → OSGB36 set): translations in metres, scale in parts per million,
// rotations in arc-seconds.
const (
	tx, ty, tz = 446.448, -125.157, 542.060
	sPPM       = -20.4894
	rxSec      = 0.1502
	rySec      = 0.2470
	rzSec      = 0.8421
)

// InBounds reports whether e and n lie within the National Grid's 700 km by
// 1,300 km extent (0 ≤ e < 700,000 and 0 ≤ n < 1,300,000), where the
// conversion is meant to be used.
func InBounds(e, n float64) bool {
	return e >= 0 && e < 700000 && n >= 0 && n < 1300000
}

// ToWGS84 converts the National Grid reference (e, n), metres, to a WGS84
// [lon, lat] point in degrees, with an error of a few metres (see the
// package doc). It does not check bounds; see InBounds.
func ToWGS84(e, n float64) orb.Point {
	lat, lon := GridToOSGB36(e, n)
	x, y, z := toCartesian(lat, lon, airy1830)
	x, y, z = helmert(x, y, z)
	lat, lon = fromCartesian(x, y, z, wgs84)
	return orb.Point{lon * 180 / math.Pi, lat * 180 / math.Pi}
}

// GridToOSGB36 converts the National Grid reference (e, n), metres, to
// latitude and longitude on the OSGB36 datum (Airy 1830), in radians: the
// inverse Transverse Mercator projection of OS annexe C.
func GridToOSGB36(e, n float64) (lat, lon float64) {
	a, b := airy1830.a, airy1830.b
	e2 := airy1830.e2()
	nn := (a - b) / (a + b)
	lat = lat0
	m := 0.0
	for i := 0; i < 100; i++ {
		lat = (n-n0-m)/(a*f0) + lat
		m = meridionalArc(lat, b, nn)
		if math.Abs(n-n0-m) < 1e-5 {
			break
		}
	}
	sin, cos := math.Sincos(lat)
	tan := sin / cos
	nu := a * f0 / math.Sqrt(1-e2*sin*sin)
	rho := a * f0 * (1 - e2) / math.Pow(1-e2*sin*sin, 1.5)
	eta2 := nu/rho - 1
	t2, t4, t6 := tan*tan, tan*tan*tan*tan, tan*tan*tan*tan*tan*tan
	vii := tan / (2 * rho * nu)
	viii := tan / (24 * rho * nu * nu * nu) * (5 + 3*t2 + eta2 - 9*t2*eta2)
	ix := tan / (720 * rho * math.Pow(nu, 5)) * (61 + 90*t2 + 45*t4)
	x := 1 / (cos * nu)
	xi := 1 / (cos * 6 * nu * nu * nu) * (nu/rho + 2*t2)
	xii := 1 / (cos * 120 * math.Pow(nu, 5)) * (5 + 28*t2 + 24*t4)
	xiia := 1 / (cos * 5040 * math.Pow(nu, 7)) * (61 + 662*t2 + 1320*t4 + 720*t6)
	d := e - e0
	d2 := d * d
	lat = lat - vii*d2 + viii*d2*d2 - ix*d2*d2*d2
	lon = lon0 + x*d - xi*d2*d + xii*d2*d2*d - xiia*d2*d2*d2*d
	return lat, lon
}

// meridionalArc is M, the developed meridional arc from lat0 to lat
// (OS annexe C, equation C3), already scaled by f0.
func meridionalArc(lat, b, n float64) float64 {
	n2, n3 := n*n, n*n*n
	dl, sl := lat-lat0, lat+lat0
	ma := (1 + n + 5.0/4*n2 + 5.0/4*n3) * dl
	mb := (3*n + 3*n2 + 21.0/8*n3) * math.Sin(dl) * math.Cos(sl)
	mc := (15.0/8*n2 + 15.0/8*n3) * math.Sin(2*dl) * math.Cos(2*sl)
	md := 35.0 / 24 * n3 * math.Sin(3*dl) * math.Cos(3*sl)
	return b * f0 * (ma - mb + mc - md)
}

// toCartesian converts geodetic latitude and longitude (radians, height 0)
// on ell to geocentric x, y, z in metres.
func toCartesian(lat, lon float64, ell ellipsoid) (x, y, z float64) {
	e2 := ell.e2()
	sin, cos := math.Sincos(lat)
	nu := ell.a / math.Sqrt(1-e2*sin*sin)
	sl, cl := math.Sincos(lon)
	return nu * cos * cl, nu * cos * sl, (1 - e2) * nu * sin
}

// helmert applies the small-angle seven-parameter transformation
// OSGB36 → WGS84 to geocentric coordinates.
func helmert(x, y, z float64) (float64, float64, float64) {
	const sec = math.Pi / (180 * 3600)
	s := sPPM * 1e-6
	rx, ry, rz := rxSec*sec, rySec*sec, rzSec*sec
	return tx + (1+s)*x - rz*y + ry*z,
		ty + rz*x + (1+s)*y - rx*z,
		tz - ry*x + rx*y + (1+s)*z
}

// fromCartesian converts geocentric x, y, z (metres) to geodetic latitude
// and longitude (radians) on ell, iterating to convergence (OS annexe B).
func fromCartesian(x, y, z float64, ell ellipsoid) (lat, lon float64) {
	e2 := ell.e2()
	p := math.Hypot(x, y)
	lat = math.Atan2(z, p*(1-e2))
	for i := 0; i < 20; i++ {
		sin := math.Sin(lat)
		nu := ell.a / math.Sqrt(1-e2*sin*sin)
		next := math.Atan2(z+e2*nu*sin, p)
		if math.Abs(next-lat) < 1e-13 {
			lat = next
			break
		}
		lat = next
	}
	return lat, math.Atan2(y, x)
}
