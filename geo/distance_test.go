package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

func TestDistance(t *testing.T) {
	quarter := math.Pi / 2 * EarthRadius
	cases := []struct {
		name string
		a, b orb.Point
		want float64
		tol  float64 // metres
	}{
		{"same point", orb.Point{-1.3, 54.5}, orb.Point{-1.3, 54.5}, 0, 0},
		{"equator quarter", orb.Point{0, 0}, orb.Point{90, 0}, quarter, 1e-6},
		{"pole to equator", orb.Point{0, 90}, orb.Point{123, 0}, quarter, 1e-6},
		{"antipodes", orb.Point{10, 20}, orb.Point{-170, -20}, 2 * quarter, 1e-3},
		{"poles", orb.Point{0, 90}, orb.Point{0, -90}, 2 * quarter, 1e-3},
		{"pole longitude irrelevant", orb.Point{-120, 90}, orb.Point{45, 90}, 0, 1e-9},
		{"across antimeridian", orb.Point{179.5, 0}, orb.Point{-179.5, 0}, EarthRadius * math.Pi / 180, 1e-6},
		{"180 is -180", orb.Point{180, 10}, orb.Point{-180, 10}, 0, 1e-6},
		{"one metre north", orb.Point{0, 0}, orb.Point{0, 1 / (EarthRadius * math.Pi / 180)}, 1, 1e-9},
		// London to Edinburgh; want from the spherical law of cosines
		// (an independent formula, evaluated in Python).
		{"London-Edinburgh", orb.Point{-0.1278, 51.5074}, orb.Point{-3.1883, 55.9533}, 533652.9374508169, 1e-3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Distance(tc.a, tc.b)
			if math.Abs(got-tc.want) > tc.tol {
				t.Errorf("Distance(%v, %v) = %.6f, want %.6f ± %g", tc.a, tc.b, got, tc.want, tc.tol)
			}
			if back := Distance(tc.b, tc.a); back != got {
				t.Errorf("not symmetric: %v vs %v", got, back)
			}
		})
	}
}

// TestDistanceMatchesChord checks haversine against the chord length of
// 3-D unit vectors, an independent formula, on random pairs.
func TestDistanceMatchesChord(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		a, b := ioRandomPoint(rng), ioRandomPoint(rng)
		va, vb := unitVector(a), unitVector(b)
		chord := math.Sqrt(ioSq(va[0]-vb[0]) + ioSq(va[1]-vb[1]) + ioSq(va[2]-vb[2]))
		want := 2 * EarthRadius * math.Asin(math.Min(1, chord/2))
		got := Distance(a, b)
		// The chord formula loses accuracy near antipodes (asin near 1).
		if math.Abs(got-want) > 1e-6*EarthRadius {
			t.Fatalf("Distance(%v, %v) = %v, chord gives %v", a, b, got, want)
		}
	}
}

func ioRandomPoint(rng *rand.Rand) orb.Point {
	// uniform on the sphere
	return orb.Point{rng.Float64()*360 - 180, math.Asin(rng.Float64()*2-1) / deg}
}

func ioSq(x float64) float64 { return x * x }
