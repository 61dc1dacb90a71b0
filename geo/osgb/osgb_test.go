package osgb

import (
	"math"
	"testing"

	"github.com/hubpart/hubpart/geo"
	"github.com/paulmach/orb"
)

func dms(d, m, s float64) float64 { return d + m/60 + s/3600 }

// The worked example of OS "A guide to coordinate systems in Great Britain",
// annexe C.2: grid to OSGB36 latitude and longitude.
func TestGridToOSGB36WorkedExample(t *testing.T) {
	lat, lon := GridToOSGB36(651409.903, 313177.270)
	wantLat, wantLon := dms(52, 39, 27.2531), dms(1, 43, 4.5177)
	const tol = 0.0001 / 3600 // 0.0001 arc-second, about 3 mm
	if d := math.Abs(lat*180/math.Pi - wantLat); d > tol {
		t.Errorf("lat off by %.6f arc-seconds", d*3600)
	}
	if d := math.Abs(lon*180/math.Pi - wantLon); d > tol {
		t.Errorf("lon off by %.6f arc-seconds", d*3600)
	}
}

// Control points: OSGB36 grid references (by the definitive OSTN
// transformation) and their ETRS89 positions, as published by OS with OSTN02
// and in annexe A of the Transformations and OSGM15 user guide (Caister water
// tower). ETRS89 and WGS84 agree to well under a metre in Great Britain, so
// the Helmert result must lie within its quoted accuracy of them.
func TestToWGS84ControlPoints(t *testing.T) {
	cases := []struct {
		name     string
		e, n     float64
		lat, lon float64
	}{
		{"Caister water tower", 651409.792, 313177.448, 52.658007833, 1.716073973},
		{"BLAC Blackpool", 331534.552, 431920.792, 53.77911025694444, -3.040454906944444},
		{"BRIS Bristol", 362269.979, 169978.688, 51.42754743361111, -2.544076186111111},
		{"BUT1 Butt of Lewis", 151968.641, 966483.777, 58.51560361805556, -6.260914556388889},
		{"CARL Carlisle", 339921.133, 556034.759, 54.89542340527777, -2.938277414722223},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ToWGS84(c.e, c.n)
			d := geo.Distance(got, orb.Point{c.lon, c.lat})
			t.Logf("%s: %.2f m from the published position", c.name, d)
			if d > 7 {
				t.Errorf("ToWGS84(%v, %v) = %v, %.1f m from %v,%v (want ≤ 7 m)", c.e, c.n, got, d, c.lat, c.lon)
			}
		})
	}
}

func TestInBounds(t *testing.T) {
	cases := []struct {
		name string
		e, n float64
		want bool
	}{
		{"origin", 0, 0, true},
		{"london", 530000, 180000, true},
		{"negative easting", -1, 100, false},
		{"east edge", 700000, 100, false},
		{"north edge", 100, 1300000, false},
		{"nan", math.NaN(), 1, false},
	}
	for _, c := range cases {
		if got := InBounds(c.e, c.n); got != c.want {
			t.Errorf("%s: InBounds(%v, %v) = %v, want %v", c.name, c.e, c.n, got, c.want)
		}
	}
}
