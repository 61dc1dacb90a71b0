package polygon

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/geo/robust"
	"github.com/paulmach/orb"
)

// vtSq returns the closed CCW square [x0,x1]x[y0,y1].
func vtSq(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

func vtRev(r orb.Ring) orb.Ring {
	out := make(orb.Ring, len(r))
	for i := range r {
		out[i] = r[len(r)-1-i]
	}
	return out
}

func TestCheck(t *testing.T) {
	cases := []struct {
		name string
		mp   orb.MultiPolygon
		want error
	}{
		{"empty", nil, nil},
		{"square", orb.MultiPolygon{{vtSq(0, 0, 2, 2)}}, nil},
		{"square with hole", orb.MultiPolygon{{vtSq(0, 0, 4, 4), vtRev(vtSq(1, 1, 2, 2))}}, nil},
		{"open ring", orb.MultiPolygon{{vtSq(0, 0, 2, 2)[:4]}}, ErrRingOpen},
		{"short ring", orb.MultiPolygon{{{{0, 0}, {1, 0}, {0, 0}}}}, ErrRingShort},
		{"repeated point", orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 0}}}}, ErrRingRepeat},
		{"clockwise outer", orb.MultiPolygon{{vtRev(vtSq(0, 0, 2, 2))}}, ErrRingOrientation},
		{"counter-clockwise hole", orb.MultiPolygon{{vtSq(0, 0, 4, 4), vtSq(1, 1, 2, 2)}}, ErrRingOrientation},
		{"NaN", orb.MultiPolygon{{{{0, 0}, {1, math.NaN()}, {1, 1}, {0, 0}}}}, geo.ErrNonFinite},
		// 0,2 +--+        bow tie: edges cross at (1,1)
		//      \/
		//      /\
		// 0,0 +--+ 2,0
		{"bow tie", orb.MultiPolygon{{{{0, 0}, {2, 0}, {0, 2}, {2, 2}, {0, 0}}}}, ErrRingOrientation},
		{"self-crossing with positive area", orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 4}, {2, 4}, {2, -1}, {1, -1}, {1, 4}, {0, 4}, {0, 0}}}}, ErrRingIntersection},
		// A ring touching itself at a vertex (figure of a pinched square).
		{"self-touch", orb.MultiPolygon{{{{0, 0}, {2, 0}, {1, 1}, {2, 2}, {0, 2}, {1, 1}, {0, 0}}}}, ErrRingIntersection},
		{"spike", orb.MultiPolygon{{{{0, 0}, {2, 0}, {3, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}}}, ErrRingIntersection},
		{"hole crossing outer", orb.MultiPolygon{{vtSq(0, 0, 4, 4), vtRev(vtSq(3, 1, 5, 2))}}, ErrRingIntersection},
		{"hole outside", orb.MultiPolygon{{vtSq(0, 0, 4, 4), vtRev(vtSq(5, 1, 6, 2))}}, ErrHoleOutside},
		{"hole in hole", orb.MultiPolygon{{vtSq(0, 0, 8, 8), vtRev(vtSq(1, 1, 6, 6)), vtRev(vtSq(2, 2, 3, 3))}}, ErrHoleOutside},
		{"hole touching outer at a point", orb.MultiPolygon{{vtSq(0, 0, 4, 4), {{0, 2}, {2, 3}, {2, 1}, {0, 2}}}}, nil},
		{"hole sharing an edge with outer", orb.MultiPolygon{{vtSq(0, 0, 4, 4), vtRev(vtSq(0, 1, 2, 2))}}, ErrRingIntersection},
		{"two squares touching at a corner", orb.MultiPolygon{{vtSq(0, 0, 1, 1)}, {vtSq(1, 1, 2, 2)}}, nil},
		{"two squares sharing an edge", orb.MultiPolygon{{vtSq(0, 0, 1, 1)}, {vtSq(1, 0, 2, 1)}}, ErrRingIntersection},
		{"polygon inside polygon", orb.MultiPolygon{{vtSq(0, 0, 4, 4)}, {vtSq(1, 1, 2, 2)}}, ErrPolygonNested},
		{"island inside a hole", orb.MultiPolygon{{vtSq(0, 0, 8, 8), vtRev(vtSq(1, 1, 6, 6))}, {vtSq(2, 2, 3, 3)}}, nil},
		// Two triangles meeting at (1,1) whose boundaries cross there:
		// ring B enters ring A's interior through A's vertex.
		{"rings crossing at a shared vertex", orb.MultiPolygon{
			{{{0, 0}, {1, 1}, {0, 2}, {0, 0}}},
			{{{2, 0}, {1, 1}, {-1, 1.5}, {2, 0}}},
		}, ErrRingIntersection},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Check(c.mp)
			if c.want == nil {
				if err != nil {
					t.Fatalf("Check = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("Check = %v, want %v", err, c.want)
			}
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *Error", err)
			}
		})
	}
}

func TestCheckNoOverlap(t *testing.T) {
	cases := []struct {
		name    string
		mps     []orb.MultiPolygon
		overlap bool
	}{
		{"disjoint", []orb.MultiPolygon{{{vtSq(0, 0, 1, 1)}}, {{vtSq(2, 0, 3, 1)}}}, false},
		{"shared edge", []orb.MultiPolygon{{{vtSq(0, 0, 1, 1)}}, {{vtSq(1, 0, 2, 1)}}}, false},
		{"shared partial edge (T-junction)", []orb.MultiPolygon{{{vtSq(0, 0, 1, 2)}}, {{vtSq(1, 1, 2, 3)}}}, false},
		{"corner touch", []orb.MultiPolygon{{{vtSq(0, 0, 1, 1)}}, {{vtSq(1, 1, 2, 2)}}}, false},
		{"identical", []orb.MultiPolygon{{{vtSq(0, 0, 1, 1)}}, {{vtSq(0, 0, 1, 1)}}}, true},
		{"crossing", []orb.MultiPolygon{{{vtSq(0, 0, 2, 2)}}, {{vtSq(1, 1, 3, 3)}}}, true},
		{"contained", []orb.MultiPolygon{{{vtSq(0, 0, 4, 4)}}, {{vtSq(1, 1, 2, 2)}}}, true},
		{"contained sharing an edge", []orb.MultiPolygon{{{vtSq(0, 0, 4, 4)}}, {{vtSq(0, 1, 2, 2)}}}, true},
		{"inside a hole", []orb.MultiPolygon{{{vtSq(0, 0, 4, 4), vtRev(vtSq(1, 1, 3, 3))}}, {{vtSq(1, 1, 3, 3)}}}, false},
		{"triangle inscribed touching at vertices", []orb.MultiPolygon{{{vtSq(0, 0, 2, 2)}}, {{{{0, 0}, {2, 1}, {1, 2}, {0, 0}}}}}, true},
		{"empty member", []orb.MultiPolygon{nil, {{vtSq(0, 0, 1, 1)}}}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckNoOverlap(c.mps)
			if got := err != nil; got != c.overlap {
				t.Fatalf("CheckNoOverlap = %v, want overlap=%v", err, c.overlap)
			}
			if err != nil && !errors.Is(err, ErrOverlap) {
				t.Fatalf("error %v does not wrap ErrOverlap", err)
			}
		})
	}
}

func TestContains(t *testing.T) {
	mp := orb.MultiPolygon{{vtSq(0, 0, 4, 4), vtRev(vtSq(1, 1, 2, 2))}, {vtSq(5, 0, 6, 1)}}
	cases := []struct {
		name string
		p    orb.Point
		want bool
	}{
		{"inside", orb.Point{3, 3}, true},
		{"in hole", orb.Point{1.5, 1.5}, false},
		{"on hole boundary", orb.Point{1, 1.5}, true},
		{"on outer vertex", orb.Point{4, 4}, true},
		{"on outer edge", orb.Point{4, 2}, true},
		{"second part", orb.Point{5.5, 0.5}, true},
		{"outside", orb.Point{4.5, 0.5}, false},
		{"level with a vertex", orb.Point{-1, 4}, false},
		{"level with a vertex inside", orb.Point{3, 1}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Contains(mp, c.p); got != c.want {
				t.Fatalf("Contains(%v) = %v, want %v", c.p, got, c.want)
			}
		})
	}
}

func TestArea(t *testing.T) {
	mp := orb.MultiPolygon{{vtSq(0, 0, 4, 4), vtRev(vtSq(1, 1, 2, 2))}, {vtSq(5, 0, 6, 1)}}
	if got := Area(mp); got != 16 {
		t.Fatalf("Area = %v, want 16", got)
	}
}

// vtStar returns a closed CCW star-shaped ring with n vertices whose radius
// alternates, so that its edges are not in convex position.
func vtStar(n int) orb.Ring {
	r := make(orb.Ring, 0, n+1)
	for k := range n {
		a := 2 * math.Pi * float64(k) / float64(n)
		rad := 1000.0
		if k%2 == 1 {
			rad = 900
		}
		r = append(r, orb.Point{rad * math.Cos(a), rad * math.Sin(a)})
	}
	return append(r, r[0])
}

func TestCheckStar(t *testing.T) {
	if err := Check(orb.MultiPolygon{{vtStar(10000)}}); err != nil {
		t.Fatal(err)
	}
	// Pull one vertex across the ring: now two edges cross.
	s := vtStar(1000)
	s[500] = orb.Point{1200, 0}
	if err := Check(orb.MultiPolygon{{s}}); !errors.Is(err, ErrRingIntersection) {
		t.Fatalf("crossing star: %v", err)
	}
}

// Crossing's quick rejection of edges above, below or left of the point
// gives what the orientation alone gives, on every edge and point of a
// small grid (collinear, end-on and degenerate cases) and on random ones.
func TestCrossingQuick(t *testing.T) {
	full := func(a, b, p [2]float64) (on, crosses bool) {
		if a == b {
			return a == p, false
		}
		o := robust.Orient2D(a, b, p)
		if o == robust.Collinear && min(a[0], b[0]) <= p[0] && p[0] <= max(a[0], b[0]) &&
			min(a[1], b[1]) <= p[1] && p[1] <= max(a[1], b[1]) {
			return true, false
		}
		return false, (a[1] > p[1]) != (b[1] > p[1]) && (b[1] > a[1]) == (o == robust.CounterClockwise)
	}
	var grid [][2]float64
	for x := range 4 {
		for y := range 4 {
			grid = append(grid, [2]float64{float64(x), float64(y)})
		}
	}
	check := func(a, b, p [2]float64) {
		t.Helper()
		on, cr := Crossing(a, b, p)
		wantOn, wantCr := full(a, b, p)
		if on != wantOn || cr != wantCr {
			t.Fatalf("Crossing(%v, %v, %v) = %v, %v; want %v, %v", a, b, p, on, cr, wantOn, wantCr)
		}
	}
	for _, a := range grid {
		for _, b := range grid {
			for _, p := range grid {
				check(a, b, p)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		var q [3][2]float64
		for i := range q {
			q[i] = [2]float64{rng.Float64(), rng.Float64()}
			if rng.IntN(4) == 0 { // share a coordinate with another point
				q[i][rng.IntN(2)] = q[rng.IntN(3)][rng.IntN(2)]
			}
		}
		check(q[0], q[1], q[2])
	}
}
