package synth

import (
	"math"
	"math/bits"
	"math/rand/v2"
)

// rng draws uniform variates from a PCG stream. Only PCG.Uint64 is used, and
// every reduction is written out here, so the stream of values depends on
// nothing but the PCG algorithm itself.
type rng struct{ src *rand.PCG }

// Stream identifiers: each part of the country draws from its own stream so
// that, for example, the boundary depends only on the seed and not on the
// number of practices.
const (
	streamBoundary uint64 = 0x6c616e64 // "land"
	streamCities   uint64 = 0x63697479 // "city"
	streamSites    uint64 = 0x73697465 // "site"
	streamNames    uint64 = 0x6e616d65 // "name"
)

func newRNG(seed, stream uint64) *rng { return &rng{rand.NewPCG(seed, stream)} }

// intn returns an integer in [0, n) for n > 0 by multiply-shift (Lemire).
// The bias is below n/2^64, far below anything observable here.
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.src.Uint64(), uint64(n))
	return int(hi)
}

// int63n is intn for int64 bounds.
func (r *rng) int63n(n int64) int64 {
	hi, _ := bits.Mul64(r.src.Uint64(), uint64(n))
	return int64(hi)
}

// float returns a uniform float64 in [0, 1) with 53 random bits (exact).
func (r *rng) float() float64 { return float64(r.src.Uint64()>>11) * 0x1p-53 }

// irwinHall returns the sum of k uniforms on [-0.5, 0.5): mean 0, variance
// k/12, support (-k/2, k/2). With k = 12 it is the classic approximate
// standard normal.
func (r *rng) irwinHall(k int) float64 {
	s := 0.0
	for range k {
		s += r.float() - 0.5
	}
	return s
}

// normal returns an approximately standard normal variate (Irwin–Hall with
// twelve terms; support [-6, 6]).
func (r *rng) normal() float64 { return r.irwinHall(12) }

// taylorSinCos returns sin x and cos x for |x| <= π/4 from their Taylor
// series. Every product is rounded explicitly so the compiler cannot fuse it
// into a multiply–add, which would make results differ between platforms.
func taylorSinCos(x float64) (s, c float64) {
	x2 := float64(x * x)
	s, c = x, 1
	ts, tc := x, 1.0
	for k := 1; k <= 11; k++ {
		ts = float64(-ts*x2) / float64((2*k)*(2*k+1))
		tc = float64(-tc*x2) / float64((2*k-1)*(2*k))
		s += ts
		c += tc
	}
	return s, c
}

// turn returns cos and sin of the angle 2πj/m (m > 0), reducing the angle
// exactly in integers to within π/4 of a multiple of π/2.
func turn(j, m int) (c, s float64) {
	j %= m
	if j < 0 {
		j += m
	}
	q := (4*j + m/2) / m // nearest quarter turn, 0..4
	num := 4*j - q*m     // residual, in units of a quarter of 1/m turn
	x := float64(2*math.Pi*float64(num)) / float64(4*m)
	sr, cr := taylorSinCos(x)
	switch q % 4 {
	case 0:
		return cr, sr
	case 1:
		return -sr, cr
	case 2:
		return -cr, -sr
	default:
		return sr, -cr
	}
}

// dexp returns e^x for moderate x (|x| < 700) by Cody–Waite range reduction
// to |r| <= ln2/2 and a Taylor series, with explicit rounding of every
// product. It agrees with math.Exp to about one ulp.
func dexp(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01 // ln2 with trailing zero bits: k*ln2Hi is exact
		ln2Lo = 1.90821492927058770002e-10 // ln2 - ln2Hi
	)
	k := math.Round(x / math.Ln2)
	r := float64(x-float64(k*ln2Hi)) - float64(k*ln2Lo)
	// Horner form of the Taylor series: 1 + r(1 + r/2(1 + r/3(...))).
	p := 1.0
	for i := 17; i >= 1; i-- {
		p = 1 + float64(r*p)/float64(i)
	}
	return math.Ldexp(p, int(k))
}
