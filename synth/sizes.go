package synth

import "math"

// List sizes. Regular practices follow a split lognormal fitted to the
// quartiles of England's 2021 lists (median 7,931; 10th percentile 3,387;
// 90th 15,759; 99th 30,210): median 8,000, log-scale spread 0.66 below the
// median and 0.55 above, capped at 49,999. A further 1.1% are very small
// lists (40–799 patients), as in England where 58 practices have fewer
// than 500. Practices above 50,000 are drawn separately (superSize) so that
// their number is controlled: one per 600 practices.
const (
	medianList = 8000.0
	sigmaBelow = 0.66
	sigmaAbove = 0.55
	smallShare = 0.011
	smallMin   = 40
	smallSpan  = 760
	maxRegular = 49_999
	superMin   = 50_001
	superSpan  = 40_000 // super practices hold 50,001–90,000
	superEvery = 600    // one super practice per this many practices
	isletMin   = 1_800
	isletSpan  = 800
	minList    = 1
)

// regularSize draws the list size of an ordinary practice.
func regularSize(r *rng) int32 {
	if r.float() < smallShare {
		return int32(smallMin + r.intn(smallSpan))
	}
	z := r.normal()
	s := sigmaAbove
	if z < 0 {
		s = sigmaBelow
	}
	v := int64(math.Round(float64(medianList * dexp(float64(s*z)))))
	return int32(min(max(v, minList), maxRegular))
}

// superSize draws the list size of one of the very large practices.
func superSize(r *rng) int32 { return int32(superMin + r.intn(superSpan)) }

// isletSize draws the list size of the islet's single practice.
func isletSize(r *rng) int32 { return int32(isletMin + r.intn(isletSpan)) }
