package robust

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// ratOrient is the exact reference for Orient2D in rational arithmetic.
func ratOrient(a, b, c [2]float64) int {
	r := func(x float64) *big.Rat { return new(big.Rat).SetFloat64(x) }
	sub := func(x, y float64) *big.Rat { return new(big.Rat).Sub(r(x), r(y)) }
	l := new(big.Rat).Mul(sub(a[0], c[0]), sub(b[1], c[1]))
	rr := new(big.Rat).Mul(sub(a[1], c[1]), sub(b[0], c[0]))
	return l.Sub(l, rr).Sign()
}

// ratInCircle is the exact reference for InCircle in rational arithmetic.
func ratInCircle(a, b, c, d [2]float64) int {
	r := func(x float64) *big.Rat { return new(big.Rat).SetFloat64(x) }
	sub := func(x, y float64) *big.Rat { return new(big.Rat).Sub(r(x), r(y)) }
	mul := func(x, y *big.Rat) *big.Rat { return new(big.Rat).Mul(x, y) }
	add := func(x, y *big.Rat) *big.Rat { return new(big.Rat).Add(x, y) }
	adx, ady := sub(a[0], d[0]), sub(a[1], d[1])
	bdx, bdy := sub(b[0], d[0]), sub(b[1], d[1])
	cdx, cdy := sub(c[0], d[0]), sub(c[1], d[1])
	al := add(mul(adx, adx), mul(ady, ady))
	bl := add(mul(bdx, bdx), mul(bdy, bdy))
	cl := add(mul(cdx, cdx), mul(cdy, cdy))
	t1 := mul(al, new(big.Rat).Sub(mul(bdx, cdy), mul(cdx, bdy)))
	t2 := mul(bl, new(big.Rat).Sub(mul(cdx, ady), mul(adx, cdy)))
	t3 := mul(cl, new(big.Rat).Sub(mul(adx, bdy), mul(bdx, ady)))
	return add(add(t1, t2), t3).Sign()
}

func sign(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

func naiveOrient(a, b, c [2]float64) float64 {
	return (a[0]-c[0])*(b[1]-c[1]) - (a[1]-c[1])*(b[0]-c[0])
}

func naiveInCircle(a, b, c, d [2]float64) float64 {
	adx, ady := a[0]-d[0], a[1]-d[1]
	bdx, bdy := b[0]-d[0], b[1]-d[1]
	cdx, cdy := c[0]-d[0], c[1]-d[1]
	return (adx*adx+ady*ady)*(bdx*cdy-cdx*bdy) +
		(bdx*bdx+bdy*bdy)*(cdx*ady-adx*cdy) +
		(cdx*cdx+cdy*cdy)*(adx*bdy-bdx*ady)
}

// TestOrient2DNearCollinear is Shewchuk's classic picture: a point within a
// few ulps of the line through (12,12) and (24,24). The naive determinant
// gets many of these signs wrong; Orient2D must get every one right.
func TestOrient2DNearCollinear(t *testing.T) {
	b, c := [2]float64{12, 12}, [2]float64{24, 24}
	naiveWrong := 0
	for i := range 64 {
		for j := range 64 {
			a := [2]float64{0.5 + float64(i)*0x1p-53, 0.5 + float64(j)*0x1p-53}
			want := ratOrient(a, b, c)
			if got := int(Orient2D(a, b, c)); got != want {
				t.Fatalf("Orient2D(%v, %v, %v) sign %d, want %d", a, b, c, got, want)
			}
			if sign(naiveOrient(a, b, c)) != want {
				naiveWrong++
			}
		}
	}
	if naiveWrong == 0 {
		t.Fatal("test has no teeth: the naive determinant was never wrong")
	}
	t.Logf("naive determinant wrong in %d of 4096 cases", naiveWrong)
}

// TestInCircleNearCocircular perturbs the fourth point of a cocircular
// quadruple (on the circle x²+y²=25 shifted far from the origin) by a few
// ulps; the naive determinant gets signs wrong there.
func TestInCircleNearCocircular(t *testing.T) {
	const off = 1e6 // projected-metre scale offsets
	a := [2]float64{off + 5, off}
	b := [2]float64{off, off + 5}
	c := [2]float64{off - 5, off}
	naiveWrong := 0
	for i := -40; i <= 40; i += 2 {
		for j := -40; j <= 40; j += 2 {
			d := [2]float64{off + 3 + float64(i)*0x1p-33, off - 4 + float64(j)*0x1p-33}
			want := ratInCircle(a, b, c, d)
			if got := int(InCircle(a, b, c, d)); got != want {
				t.Fatalf("InCircle(.., %v) sign %d, want %d", d, got, want)
			}
			if sign(naiveInCircle(a, b, c, d)) != want {
				naiveWrong++
			}
		}
	}
	if naiveWrong == 0 {
		t.Fatal("test has no teeth: the naive determinant was never wrong")
	}
	t.Logf("naive determinant wrong in %d of 1681 cases", naiveWrong)
}

func TestPredicatesTable(t *testing.T) {
	cases := []struct {
		name       string
		a, b, c, d [2]float64
		orient     int // sign of Orient2D(a, b, c)
		incircle   int // sign of InCircle(a, b, c, d)
	}{
		{"unit ccw, d at centre", [2]float64{0, 0}, [2]float64{1, 0}, [2]float64{0, 1}, [2]float64{0.5, 0.5}, 1, 1},
		{"unit ccw, d far", [2]float64{0, 0}, [2]float64{1, 0}, [2]float64{0, 1}, [2]float64{5, 5}, 1, -1},
		{"square cocircular", [2]float64{0, 0}, [2]float64{1, 0}, [2]float64{1, 1}, [2]float64{0, 1}, 1, 0},
		{"clockwise flips incircle", [2]float64{0, 0}, [2]float64{0, 1}, [2]float64{1, 0}, [2]float64{0.5, 0.5}, -1, -1},
		{"collinear", [2]float64{0, 0}, [2]float64{1, 1}, [2]float64{3, 3}, [2]float64{0, 1}, 0, 1},
		{"coincident", [2]float64{2, 2}, [2]float64{2, 2}, [2]float64{3, 1}, [2]float64{0, 0}, 0, 0},
		{"d equals a", [2]float64{0, 0}, [2]float64{1, 0}, [2]float64{0, 1}, [2]float64{0, 0}, 1, 0},
		{"huge offset cocircular", [2]float64{1e7 + 1, 1e7}, [2]float64{1e7, 1e7 + 1}, [2]float64{1e7 - 1, 1e7}, [2]float64{1e7, 1e7 - 1}, 1, 0},
		{"subnormal", [2]float64{-1.5e-323, 7.6e-06}, [2]float64{-1e-323, 7.6e-06}, [2]float64{-1.5e-323, 2.9e-06}, [2]float64{9.5e-07, 2.9e-06}, -1, 1},
		{"near max float collinear", [2]float64{-1e308, -1e308}, [2]float64{0, 0}, [2]float64{1e308, 1e308}, [2]float64{1e308, -1e308}, 0, -1},
		{"huge cocircular", [2]float64{1e300, 0}, [2]float64{0, 1e300}, [2]float64{-1e300, 0}, [2]float64{0, -1e300}, 1, 0},
		{"tiny but exact", [2]float64{0, 0}, [2]float64{1e-50, 0}, [2]float64{0, 1e-50}, [2]float64{1e-51, 1e-51}, 1, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := int(Orient2D(tc.a, tc.b, tc.c)); got != tc.orient {
				t.Errorf("Orient2D sign %d, want %d", got, tc.orient)
			}
			if got := int(InCircle(tc.a, tc.b, tc.c, tc.d)); got != tc.incircle {
				t.Errorf("InCircle sign %d, want %d", got, tc.incircle)
			}
		})
	}
}

// randomNearDegenerate returns points that are on a common line or circle up
// to a few ulps, at a random scale and offset, so that the exact fallback is
// exercised heavily.
func randomNearDegenerate(r *rand.Rand) (a, b, c, d [2]float64) {
	scale := math.Ldexp(1, r.IntN(60)-30)
	off := [2]float64{math.Ldexp(r.Float64(), r.IntN(40)), math.Ldexp(r.Float64(), r.IntN(40))}
	jit := func(x float64) float64 {
		return x + float64(r.IntN(7)-3)*math.Abs(x)*0x1p-52
	}
	pt := func(ang float64) [2]float64 {
		return [2]float64{jit(off[0] + scale*math.Cos(ang)), jit(off[1] + scale*math.Sin(ang))}
	}
	switch r.IntN(3) {
	case 0: // near a circle
		return pt(0.3), pt(2.1), pt(4.0), pt(r.Float64() * 2 * math.Pi)
	case 1: // near a line
		dir := [2]float64{r.NormFloat64(), r.NormFloat64()}
		on := func(s float64) [2]float64 {
			return [2]float64{jit(off[0] + s*dir[0]*scale), jit(off[1] + s*dir[1]*scale)}
		}
		return on(r.Float64()), on(r.Float64() + 1), on(-r.Float64()), on(3 * r.Float64())
	default: // small integers: many exact zeros
		g := func() [2]float64 { return [2]float64{float64(r.IntN(5)), float64(r.IntN(5))} }
		return g(), g(), g(), g()
	}
}

// TestPredicatesExtremeRange compares with math/big on coordinates spread
// over the whole double range (huge, tiny, subnormal, mixed), where the
// expansion arithmetic would overflow or underflow.
func TestPredicatesExtremeRange(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	coord := func() float64 {
		switch r.IntN(4) {
		case 0:
			return 0
		case 1:
			return math.Float64frombits(uint64(r.IntN(16))) * float64(1-2*r.IntN(2)) // subnormal
		}
		return math.Ldexp(r.Float64()-0.5, r.IntN(2000)-1000)
	}
	for range 800 {
		var p [4][2]float64
		for i := range p {
			p[i] = [2]float64{coord(), coord()}
		}
		if r.IntN(2) == 0 {
			p[2] = p[0] // force degeneracies
		}
		if got, want := int(Orient2D(p[0], p[1], p[2])), ratOrient(p[0], p[1], p[2]); got != want {
			t.Fatalf("Orient2D(%v) = %d, want %d", p[:3], got, want)
		}
		if got, want := int(InCircle(p[0], p[1], p[3], p[2])), ratInCircle(p[0], p[1], p[3], p[2]); got != want {
			t.Fatalf("InCircle(%v) = %d, want %d", p, got, want)
		}
	}
}

// TestPredicatesAgainstRational checks signs against math/big on thousands of
// near-degenerate inputs and the symmetry laws documented on the functions.
func TestPredicatesAgainstRational(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 4000 {
		a, b, c, d := randomNearDegenerate(r)
		o := int(Orient2D(a, b, c))
		if want := ratOrient(a, b, c); o != want {
			t.Fatalf("Orient2D(%v,%v,%v) = %d, want %d", a, b, c, o, want)
		}
		if int(Orient2D(b, c, a)) != o || int(Orient2D(c, a, b)) != o {
			t.Fatalf("Orient2D not invariant under rotation at %v %v %v", a, b, c)
		}
		if int(Orient2D(b, a, c)) != -o || int(Orient2D(a, c, b)) != -o {
			t.Fatalf("Orient2D not antisymmetric at %v %v %v", a, b, c)
		}
		ic := int(InCircle(a, b, c, d))
		if want := ratInCircle(a, b, c, d); ic != want {
			t.Fatalf("InCircle(%v,%v,%v,%v) = %d, want %d", a, b, c, d, ic, want)
		}
		if int(InCircle(b, c, a, d)) != ic || int(InCircle(c, a, b, d)) != ic {
			t.Fatalf("InCircle not invariant under rotation at %v %v %v %v", a, b, c, d)
		}
		if int(InCircle(b, a, c, d)) != -ic {
			t.Fatalf("InCircle not antisymmetric at %v %v %v %v", a, b, c, d)
		}
	}
}

func TestExpansionHelpers(t *testing.T) {
	cases := []struct {
		name string
		a, b float64
	}{
		{"exact", 3, 4},
		{"rounding", 0.1, 0.2},
		{"cancel", 1e16, -1e16 + 2},
		{"huge and tiny", 1e30, 1e-30},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			exact := func(xs ...float64) *big.Rat {
				s := new(big.Rat)
				for _, x := range xs {
					s.Add(s, new(big.Rat).SetFloat64(x))
				}
				return s
			}
			want := new(big.Rat).Add(new(big.Rat).SetFloat64(tc.a), new(big.Rat).SetFloat64(tc.b))
			if hi, lo := twoSum(tc.a, tc.b); exact(hi, lo).Cmp(want) != 0 {
				t.Errorf("twoSum not exact: %v + %v", hi, lo)
			}
			want = new(big.Rat).Sub(new(big.Rat).SetFloat64(tc.a), new(big.Rat).SetFloat64(tc.b))
			if hi, lo := twoDiff(tc.a, tc.b); exact(hi, lo).Cmp(want) != 0 {
				t.Errorf("twoDiff not exact: %v + %v", hi, lo)
			}
			want = new(big.Rat).Mul(new(big.Rat).SetFloat64(tc.a), new(big.Rat).SetFloat64(tc.b))
			hi, lo := twoProduct(tc.a, tc.b)
			if exact(hi, lo).Cmp(want) != 0 {
				t.Errorf("twoProduct not exact: %v + %v", hi, lo)
			}
			e := expansionProduct([]float64{lo, hi}, []float64{lo, hi})
			want2 := new(big.Rat).Mul(want, want)
			if exact(e...).Cmp(want2) != 0 {
				t.Errorf("expansionProduct not exact")
			}
			for i := 1; i < len(e); i++ {
				if math.Abs(e[i-1]) > math.Abs(e[i]) {
					t.Errorf("expansion not in increasing magnitude: %v", e)
				}
			}
		})
	}
}
