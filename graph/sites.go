package graph

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/parallel"
)

// siteKey is a practice's location as the bit patterns of its coordinates,
// normalised so that -0 and +0, and -180° and 180°, are one longitude, and
// a pole is one place whatever the longitude; i is the practice's index.
type siteKey struct {
	lon, lat uint64
	i        int32
}

func sameLoc(a, b siteKey) bool { return a.lon == b.lon && a.lat == b.lat }

func compareSiteKeys(a, b siteKey) int {
	if c := cmp.Compare(a.lon, b.lon); c != 0 {
		return c
	}
	if c := cmp.Compare(a.lat, b.lat); c != 0 {
		return c
	}
	return cmp.Compare(a.i, b.i)
}

// groupSites validates ps and returns a graph without edges whose vertices
// are the distinct locations, numbered by first practice index.
//
// Equal locations are brought together by groupByLocation rather than with
// a hash map. Each location is then a run of keys, its practices in index
// order, the first of them the run's first key; every pass over the
// practices or the runs goes on all cores, and only the numbering of the
// sites (a count in index order) and the member offsets are summed on one.
// ctx is checked between the passes, once the practices are known to be
// good, so a bad practice is reported whether or not ctx is cancelled.
func groupSites(ctx context.Context, ps []input.Practice) (*Graph, error) {
	keys, ok := siteKeys(ps)
	if !ok {
		return nil, checkPractices(ps)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	keys = groupByLocation(keys)
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// siteOf[i] is the site of practice i when i is the first at its
	// location: sites are numbered by first practice.
	first := make([]bool, len(ps))
	forEachRun(keys, func(run []siteKey) { first[run[0].i] = true })
	siteOf := make([]int32, len(ps))
	n := int32(0)
	for i, f := range first {
		if f {
			siteOf[i] = n
			n++
		}
	}
	first = nil
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g := &Graph{
		Off:       make([]int32, n+1),
		Weight:    make([]int64, n),
		Loc:       make([]orb.Point, n),
		MemberOff: make([]int32, n+1),
		Members:   make([]int32, len(ps)),
	}
	forEachRun(keys, func(run []siteKey) {
		g.MemberOff[siteOf[run[0].i]+1] = int32(len(run))
	})
	for s := range n {
		g.MemberOff[s+1] += g.MemberOff[s]
	}
	forEachRun(keys, func(run []siteKey) {
		at := g.MemberOff[siteOf[run[0].i]]
		for j, k := range run {
			g.Members[at+int32(j)] = k.i
		}
	})
	// Location and weight are read site by site: sites are numbered by
	// first practice, so this walks the practices almost in index order,
	// where visiting them in key order would miss the cache at every one.
	parallel.For(int(n), func(lo, hi int) {
		for s := lo; s < hi; s++ {
			ms := g.Members[g.MemberOff[s]:g.MemberOff[s+1]]
			g.Loc[s] = ps[ms[0]].Loc
			for _, m := range ms {
				g.Weight[s] += ps[m].Patients
			}
		}
	})
	return g, nil
}

// siteKeys returns the practices' keys, and false when some practice would
// fail checkPractices: checking on all cores cannot tell which practice
// comes first, so the caller then runs the serial check for the error.
// The patients are summed per range and the sums added: with no negative
// list, the total passes math.MaxInt64 exactly when some running total in
// index order does.
func siteKeys(ps []input.Practice) ([]siteKey, bool) {
	keys := make([]siteKey, len(ps))
	var bad atomic.Bool
	var mu sync.Mutex
	var total int64
	parallel.For(len(ps), func(lo, hi int) {
		var sum int64
		for i := lo; i < hi; i++ {
			p := &ps[i]
			lon, lat := p.Loc[0], p.Loc[1]
			if !validLoc(lon, lat) || p.Patients < 0 || sum > math.MaxInt64-p.Patients {
				bad.Store(true)
				return
			}
			sum += p.Patients
			klon := lon + 0
			switch {
			case lat == 90 || lat == -90:
				klon = 0
			case klon == -180:
				klon = 180
			}
			keys[i] = siteKey{math.Float64bits(klon), math.Float64bits(lat + 0), int32(i)}
		}
		mu.Lock()
		defer mu.Unlock()
		if total > math.MaxInt64-sum {
			bad.Store(true)
		}
		total += sum
	})
	return keys, !bad.Load()
}

// validLoc reports whether lon, lat are a longitude and a latitude in
// degrees (false for NaN).
func validLoc(lon, lat float64) bool {
	return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90
}

// checkPractices returns the error for the first practice in index order
// with a bad location, a negative list, or a list taking the total past
// math.MaxInt64; nil when there is none.
func checkPractices(ps []input.Practice) error {
	var total int64
	for i, p := range ps {
		lon, lat := p.Loc[0], p.Loc[1]
		if !validLoc(lon, lat) {
			return &PracticeError{Index: i, Code: p.Code,
				Err: fmt.Errorf("%w [%v, %v]", ErrBadLocation, lon, lat)}
		}
		if p.Patients < 0 {
			return &PracticeError{Index: i, Code: p.Code,
				Err: fmt.Errorf("%w (%d)", input.ErrNegativePatients, p.Patients)}
		}
		if total > math.MaxInt64-int64(p.Patients) {
			return &PracticeError{Index: i, Code: p.Code,
				Err: fmt.Errorf("%w: %d more patients pass %d in all", ErrTooManyPatients, p.Patients, int64(math.MaxInt64))}
		}
		total += int64(p.Patients)
	}
	return nil
}

// groupByLocation returns keys (in index order) reordered so that equal
// locations are adjacent, each run in index order. Nothing else about the
// order matters, so instead of sorting all the keys it buckets them by a
// hash of the location, about 16 a bucket, with a counting sort (which keeps
// index order), and sorts each bucket on its own, the buckets on all cores:
// a fraction of the comparisons of a full sort, on keys that fit in cache.
func groupByLocation(keys []siteKey) []siteKey {
	shift := 64 - bits.Len(uint(len(keys)/16))
	bucket := func(k siteKey) int {
		h := k.lon*0x9e3779b97f4a7c15 ^ k.lat*0xc2b2ae3d27d4eb4f
		return int((h ^ h>>31) >> shift) // 0 when shift is 64
	}
	off := make([]int32, 1<<(64-shift)+1)
	for _, k := range keys {
		off[bucket(k)+1]++
	}
	for b := 1; b < len(off); b++ {
		off[b] += off[b-1]
	}
	out := make([]siteKey, len(keys))
	fill := slices.Clone(off[:len(off)-1])
	for _, k := range keys {
		b := bucket(k)
		out[fill[b]] = k
		fill[b]++
	}
	parallel.For(len(off)-1, func(lo, hi int) {
		for b := lo; b < hi; b++ {
			slices.SortFunc(out[off[b]:off[b+1]], compareSiteKeys)
		}
	})
	return out
}

// forEachRun calls do, on all cores, for every maximal run of sorted keys
// with one location. A range of keys handles the runs starting in it.
func forEachRun(keys []siteKey, do func(run []siteKey)) {
	parallel.For(len(keys), func(lo, hi int) {
		j := lo
		for j < hi && j > 0 && sameLoc(keys[j], keys[j-1]) {
			j++
		}
		for j < hi {
			k := j + 1
			for k < len(keys) && sameLoc(keys[k], keys[j]) {
				k++
			}
			do(keys[j:k])
			j = k
		}
	})
}
