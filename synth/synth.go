package synth

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/hubpart/hubpart/input"
	"github.com/paulmach/orb"
)

// Bounds and defaults of the generator.
const (
	MinPractices     = 100
	MaxPractices     = 2_000_000
	DefaultPractices = 6000 // England-like: England had 6,658 practices in 2021
	DefaultSeed      = 1
)

// ErrPracticeCount is returned (wrapped) when Options.Practices is outside
// [MinPractices, MaxPractices].
var ErrPracticeCount = errors.New("synth: number of practices out of range")

// Options says what to generate.
type Options struct {
	Practices int    // number of practices, MinPractices..MaxPractices
	Seed      uint64 // the same seed and size give byte-identical output
}

// A Country is a generated fictional country.
type Country struct {
	// Practices are coded "S000001", "S000002", ... in order, with names
	// such as "Northbury Road Surgery", locations [lon, lat] on whole
	// micro-degrees, and list sizes >= 1.
	Practices []input.Practice
	// Boundary is the land: Boundary[0] the mainland, Boundary[1] the
	// island, Boundary[2] the islet with a single practice. Lon/lat degrees,
	// rings closed and counter-clockwise, no holes, no intersections.
	Boundary orb.MultiPolygon
}

// Layout of the population.
const (
	practicesPerCity = 60    // one city or town per 60 practices (at least 3)
	minCities        = 3     //
	ruralShare       = 0.18  // practices spread uniformly over the mainland
	sharedShare      = 0.085 // practices placed in the building of an earlier one
	islandPer10k     = 27    // island practices per 10,000 (about 0.27%)
	minIsland        = 2     //
	citySpread       = 24_000.0
	minCitySpread    = 500.0
	coreShare        = 0.55 // of a city's practices drawn around its centre
	suburbFactor     = 2.5  // spread of the rest, relative to the core
	cityTries        = 32   // draws before falling back to the city centre
	islandTownShare  = 0.55 // island practices in its town, the rest spread out
	islandTownSpread = 2_500.0
	sqrt3            = 1.7320508075688772
)

// A city has a centre (micro-degrees), a Zipf weight and a spread (metres,
// the standard deviation of each coordinate of its core).
type city struct {
	x, y   int64
	spread float64
}

// Generate builds the country described by opts. Cities have Zipf weights
// (the k-th largest has weight 1/k) and hold 82% of the mainland practices,
// drawn from two nested near-Gaussian clouds around their centres, whose
// spread grows with the square root of the city's share; the other 18% are
// uniform over the mainland. About 8.5% of practices are placed at the exact
// point of an earlier practice (a shared building), so that about 15% share
// their point, as in England. One practice in 600 (from 600 on) has a list
// above 50,000, in one of the five largest cities. The island holds 0.27% of
// the practices (at least 2), the islet exactly one. The work is O(n) in time
// and memory; 2,000,000 practices take a few seconds.
func Generate(opts Options) (*Country, error) {
	n := opts.Practices
	if n < MinPractices || n > MaxPractices {
		return nil, fmt.Errorf("%w: %d (want %d to %d)", ErrPracticeCount, n, MinPractices, MaxPractices)
	}
	l := newLand(opts.Seed)
	cities := placeCities(l, opts.Seed, max(minCities, n/practicesPerCity))

	nIsland := max(minIsland, (n*islandPer10k+5000)/10000)
	nMain := n - nIsland - 1
	nSuper := 0
	if n >= superEvery {
		nSuper = n / superEvery
	}

	lon, lat, pat := make([]int32, n), make([]int32, n), make([]int32, n)
	set := func(i int, x, y int64, p int32) { lon[i], lat[i], pat[i] = int32(x), int32(y), p }
	r := newRNG(opts.Seed, streamSites)
	main := l.rings[0]

	// Mainland: super practices first, then the rest.
	for i := range nMain {
		switch {
		case i < nSuper:
			c := &cities.list[i%min(5, len(cities.list))]
			x, y := cityPoint(r, main, c, true)
			set(i, x, y, superSize(r))
		case i > 0 && r.float() < sharedShare:
			j := r.intn(i)
			set(i, int64(lon[j]), int64(lat[j]), regularSize(r))
		case r.float() < ruralShare:
			x, y := l.uniform(r, 0)
			set(i, x, y, regularSize(r))
		default:
			x, y := cityPoint(r, main, cities.pick(r), false)
			set(i, x, y, regularSize(r))
		}
	}
	// The island: a town and its hinterland.
	town := city{x: l.islandX, y: l.islandY, spread: islandTownSpread}
	for i := nMain; i < nMain+nIsland; i++ {
		switch {
		case i > nMain && r.float() < sharedShare:
			j := nMain + r.intn(i-nMain)
			set(i, int64(lon[j]), int64(lat[j]), regularSize(r))
		case r.float() < islandTownShare:
			x, y := cityPoint(r, l.rings[1], &town, true)
			set(i, x, y, regularSize(r))
		default:
			x, y := l.uniform(r, 1)
			set(i, x, y, regularSize(r))
		}
	}
	// The islet: one practice at its centre.
	set(n-1, l.isletX, l.isletY, isletSize(r))

	// Shuffle so that codes carry no trace of the generation order.
	for i := n - 1; i > 0; i-- {
		j := r.intn(i + 1)
		lon[i], lon[j] = lon[j], lon[i]
		lat[i], lat[j] = lat[j], lat[i]
		pat[i], pat[j] = pat[j], pat[i]
	}

	codes, names := labels(n, opts.Seed)
	ps := make([]input.Practice, n)
	for i := range ps {
		ps[i] = input.Practice{
			Code:     codes[i],
			Name:     names[i],
			Loc:      orb.Point{float64(lon[i]) / 1e6, float64(lat[i]) / 1e6},
			Patients: int64(pat[i]),
		}
	}
	return &Country{Practices: ps, Boundary: l.multiPolygon()}, nil
}

// zipf holds the cities with the cumulative integer Zipf weights used to
// pick one in proportion to its weight.
type zipf struct {
	list []city
	cum  []int64 // cum[k] = weight of cities 0..k
}

// placeCities puts k city centres uniformly on the mainland, the largest
// first.
func placeCities(l *land, seed uint64, k int) *zipf {
	r := newRNG(seed, streamCities)
	const unit = int64(1) << 40
	z := &zipf{list: make([]city, k), cum: make([]int64, k)}
	var total int64
	for i := range k {
		total += unit / int64(i+1)
		z.cum[i] = total
	}
	for i := range k {
		x, y := l.uniform(r, 0)
		share := float64(unit/int64(i+1)) / float64(total)
		z.list[i] = city{x: x, y: y, spread: max(minCitySpread, float64(citySpread*math.Sqrt(share)))}
	}
	return z
}

// pick returns a city with probability proportional to its weight.
func (z *zipf) pick(r *rng) *city {
	u := r.int63n(z.cum[len(z.cum)-1])
	k := sort.Search(len(z.cum), func(i int) bool { return z.cum[i] > u })
	return &z.list[k]
}

// cityPoint draws a point of city c that lies inside ring in: from the core
// cloud (spread c.spread) if core is set or with probability coreShare,
// otherwise from the wider suburban cloud. Each coordinate is an
// Irwin–Hall(4) variate scaled to unit variance. After cityTries points in
// the sea it returns the centre itself.
func cityPoint(r *rng, in *ringIndex, c *city, core bool) (int64, int64) {
	for range cityTries {
		s := c.spread
		if !core && r.float() >= coreShare {
			s = float64(s * suburbFactor)
		}
		s = float64(s * sqrt3)
		x := c.x + microLon(float64(s*r.irwinHall(4)))
		y := c.y + microLat(float64(s*r.irwinHall(4)))
		if in.contains(x, y) {
			return x, y
		}
	}
	return c.x, c.y
}

// labels returns the codes "S000001"... and names of n practices. All codes
// share one backing string, and all names another, to keep a 2,000,000
// practice country to a few allocations.
func labels(n int, seed uint64) (codes, names []string) {
	var cb strings.Builder
	cb.Grow(n * 8)
	cend := make([]int, n)
	var buf []byte
	for i := range n {
		buf = strconv.AppendInt(buf[:0], int64(i+1), 10)
		cb.WriteByte('S')
		for range 6 - len(buf) {
			cb.WriteByte('0')
		}
		cb.Write(buf)
		cend[i] = cb.Len()
	}
	r := newRNG(seed, streamNames)
	var nb strings.Builder
	nb.Grow(n * 28)
	nend := make([]int, n)
	for i := range n {
		appendPracticeName(&nb, r)
		nend[i] = nb.Len()
	}
	cs, ns := cb.String(), nb.String()
	codes, names = make([]string, n), make([]string, n)
	cprev, nprev := 0, 0
	for i := range n {
		codes[i], names[i] = cs[cprev:cend[i]], ns[nprev:nend[i]]
		cprev, nprev = cend[i], nend[i]
	}
	return codes, names
}
