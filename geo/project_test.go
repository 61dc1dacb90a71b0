package geo

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// ioRegions are point clouds in awkward places, with a generator each.
var ioRegions = []struct {
	name string
	lon  [2]float64
	lat  [2]float64
}{
	{"England", [2]float64{-6, 2}, [2]float64{50, 55.8}},
	{"southern hemisphere (New Zealand)", [2]float64{166, 179}, [2]float64{-47, -34}},
	{"across the antimeridian (Fiji)", [2]float64{176, 184}, [2]float64{-20, -15}},
	{"around the north pole", [2]float64{-180, 180}, [2]float64{75, 90}},
	{"around the south pole", [2]float64{-180, 180}, [2]float64{-90, -60}},
	{"a quarter of the globe", [2]float64{-40, 40}, [2]float64{-40, 40}},
}

func ioRegionPoints(rng *rand.Rand, lon, lat [2]float64, n int) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		x := lon[0] + rng.Float64()*(lon[1]-lon[0])
		if x > 180 {
			x -= 360
		}
		pts[i] = orb.Point{x, lat[0] + rng.Float64()*(lat[1]-lat[0])}
	}
	return pts
}

func TestProjectionRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, r := range ioRegions {
		t.Run(r.name, func(t *testing.T) {
			pts := ioRegionPoints(rng, r.lon, r.lat, 2000)
			p, err := NewProjection(pts)
			if err != nil {
				t.Fatal(err)
			}
			for i, xy := range p.ForwardAll(pts) {
				back := p.Inverse(xy)
				if d := Distance(back, pts[i]); d > 1e-6 {
					t.Fatalf("point %v came back as %v, %g m away", pts[i], back, d)
				}
				if back[0] < -180 || back[0] > 180 || back[1] < -90 || back[1] > 90 {
					t.Fatalf("Inverse gave %v out of range", back)
				}
				if math.Hypot(xy[0], xy[1]) > 2*EarthRadius*(1+1e-12) {
					t.Fatalf("point %v projected to %v, beyond 2R", pts[i], xy)
				}
			}
		})
	}
}

// TestProjectionCirclesToCircles checks the defining property: four
// points on a circle of the sphere project to four cocircular points.
func TestProjectionCirclesToCircles(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, r := range ioRegions {
		t.Run(r.name, func(t *testing.T) {
			pts := ioRegionPoints(rng, r.lon, r.lat, 200)
			p, err := NewProjection(pts)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i+1 < len(pts); i += 2 {
				centre := pts[i]
				radius := Distance(pts[i], pts[i+1]) / EarthRadius // radians
				if radius < 1e-6 {
					continue // under 6 m: too small to mean anything
				}
				var xy [5][2]float64
				az := rng.Float64() * 2 * math.Pi
				for k := range 4 { // well spread, so a, b, c are no sliver
					xy[k] = p.Forward(ioOnCircle(centre, radius, az+float64(k)*math.Pi/2+rng.Float64()))
				}
				if rel := ioInCircleRel(xy[0], xy[1], xy[2], xy[3]); rel > 1e-8 {
					t.Fatalf("circle of %.0f km about %v: in-circle determinant %.3g relative, want ~0",
						radius*EarthRadius/1000, centre, rel)
				}
				// Control: a point 10 % farther out is clearly off the circle.
				xy[4] = p.Forward(ioOnCircle(centre, radius*1.1, rng.Float64()*2*math.Pi))
				if rel := ioInCircleRel(xy[0], xy[1], xy[2], xy[4]); rel < 0.1 {
					t.Fatalf("control point off the circle has relative determinant %.3g", rel)
				}
			}
		})
	}
}

// ioOnCircle returns the point at angular distance r (radians) from c in
// direction az (radians clockwise from north).
func ioOnCircle(c orb.Point, r, az float64) orb.Point {
	lon, lat := c[0]*deg, c[1]*deg
	q := unitVector(c)
	e := [3]float64{-math.Sin(lon), math.Cos(lon), 0}
	n := [3]float64{-math.Sin(lat) * math.Cos(lon), -math.Sin(lat) * math.Sin(lon), math.Cos(lat)}
	var v [3]float64
	for k := range 3 {
		v[k] = math.Cos(r)*q[k] + math.Sin(r)*(math.Cos(az)*n[k]+math.Sin(az)*e[k])
	}
	return fromUnitVector(v)
}

// ioInCircleRel returns the in-circle determinant of d against the circle
// through a, b, c, divided by |orient(a, b, c)|·R² (R the circumradius of
// a, b, c). That ratio is |d-o|²/R² - 1 in exact arithmetic: zero for a
// cocircular d, 0.21 for a d 10 % farther from the centre o.
func ioInCircleRel(a, b, c, d [2]float64) float64 {
	adx, ady := a[0]-d[0], a[1]-d[1]
	bdx, bdy := b[0]-d[0], b[1]-d[1]
	cdx, cdy := c[0]-d[0], c[1]-d[1]
	al, bl, cl := adx*adx+ady*ady, bdx*bdx+bdy*bdy, cdx*cdx+cdy*cdy
	det := al*(bdx*cdy-cdx*bdy) + bl*(cdx*ady-adx*cdy) + cl*(adx*bdy-bdx*ady)
	orient := (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
	// circumradius² = |ab|²|bc|²|ca|² / (2·orient)²
	ab := ioSq(b[0]-a[0]) + ioSq(b[1]-a[1])
	bc := ioSq(c[0]-b[0]) + ioSq(c[1]-b[1])
	ca := ioSq(a[0]-c[0]) + ioSq(a[1]-c[1])
	r2 := ab * bc * ca / (4 * orient * orient)
	return math.Abs(det) / (math.Abs(orient) * r2)
}

func TestProjectionCentreAndScale(t *testing.T) {
	cases := []struct {
		name string
		pts  []orb.Point
		want orb.Point
	}{
		{"single point", []orb.Point{{-1.5, 53}}, orb.Point{-1.5, 53}},
		{"symmetric about the antimeridian", []orb.Point{{179, 10}, {-179, 10}, {179, -10}, {-179, -10}}, orb.Point{180, 0}},
		{"southern", []orb.Point{{150, -30}, {150, -40}}, orb.Point{150, -35}},
		{"north pole", []orb.Point{{0, 80}, {90, 80}, {180, 80}, {-90, 80}}, orb.Point{0, 90}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := NewProjection(tc.pts)
			if err != nil {
				t.Fatal(err)
			}
			if d := Distance(p.Centre(), tc.want); d > 1e-6 {
				t.Errorf("Centre() = %v, want %v (%g m off)", p.Centre(), tc.want, d)
			}
			if c := p.Centre(); c[0] < -180 || c[0] > 180 {
				t.Errorf("centre longitude %v out of range", c[0])
			}
			// The centre maps to the origin, and one metre north of it to
			// (0, 1) within a nanometre... of scale error.
			if o := p.Forward(p.Centre()); math.Hypot(o[0], o[1]) > 1e-6 {
				t.Errorf("centre projects to %v", o)
			}
			c := p.Centre()
			if math.Abs(c[1]) < 89 {
				north := orb.Point{c[0], c[1] + 1/(EarthRadius*deg)}
				east := ioOnCircle(c, 1/EarthRadius, math.Pi/2)
				n, e := p.Forward(north), p.Forward(east)
				if math.Abs(n[0]) > 1e-6 || math.Abs(n[1]-1) > 1e-6 {
					t.Errorf("1 m north of centre projects to %v", n)
				}
				if math.Abs(e[0]-1) > 1e-6 || math.Abs(e[1]) > 1e-6 {
					t.Errorf("1 m east of centre projects to %v", e)
				}
			}
		})
	}
}

func TestProjectionErrors(t *testing.T) {
	cases := []struct {
		name string
		pts  []orb.Point
		err  error
	}{
		{"none", nil, ErrEmpty},
		{"antipodes", []orb.Point{{0, 0}, {180, 0}}, ErrHemisphere},
		{"poles", []orb.Point{{0, 90}, {0, -90}}, ErrHemisphere},
		{"beyond 90 degrees", []orb.Point{{0, 0}, {100, 0}, {-100, 0}}, ErrHemisphere},
		{"whole globe", ioRegionPoints(rand.New(rand.NewPCG(7, 8)), [2]float64{-180, 180}, [2]float64{-60, 90}, 500), ErrHemisphere},
		{"NaN", []orb.Point{{0, math.NaN()}}, ErrNonFinite},
		{"latitude beyond the pole", []orb.Point{{0, 50}, {0, 95}}, ErrLatRange},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := NewProjection(tc.pts)
			if !errors.Is(err, tc.err) {
				t.Fatalf("got %v, %v; want %v", p, err, tc.err)
			}
			if p, xy, all := ProjectAll(tc.pts); all == nil || all.Error() != err.Error() {
				t.Errorf("ProjectAll: got %v, %v, %v; want %v", p, xy, all, err)
			}
		})
	}
	// Exactly 90 degrees is allowed: the centre of these three is (0, 0)
	// and the outer two are 90 degrees from it... after rounding.
	if _, err := NewProjection([]orb.Point{{0, 0}, {0, 0}, {90, 0}, {-90, 0}}); err != nil {
		t.Errorf("points exactly 90 degrees from the centre: %v", err)
	}
	_, err := NewProjection([]orb.Point{{0, 0}, {100, 0}, {-100, 0}})
	if want := "100.00° away"; err == nil || !ioContains(err.Error(), want) {
		t.Errorf("error %v does not state the extent %q", err, want)
	}
}

func ioContains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// TestProjectAll: ProjectAll gives NewProjection and its ForwardAll, bit for
// bit, on either side of the size from which it uses all cores.
func TestProjectAll(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 1000, 100_000} {
		pts := ioRegionPoints(rng, [2]float64{-8, 2}, [2]float64{50, 59}, n)
		want, err := NewProjection(pts)
		if err != nil {
			t.Fatal(err)
		}
		p, xy, err := ProjectAll(pts)
		if err != nil {
			t.Fatal(err)
		}
		if *p != *want {
			t.Fatalf("%d points: projection %+v, want %+v", n, *p, *want)
		}
		if !slices.Equal(xy, want.ForwardAll(pts)) {
			t.Fatalf("%d points: ProjectAll's points differ from ForwardAll's", n)
		}
	}
}
