package geo

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

type ioHit struct {
	i int
	d float64
}

// ioBrute returns every point's distance from q, nearest first.
func ioBrute(pts []orb.Point, q orb.Point) []ioHit {
	hits := make([]ioHit, len(pts))
	for i, p := range pts {
		hits[i] = ioHit{i, Distance(q, p)}
	}
	slices.SortStableFunc(hits, func(a, b ioHit) int {
		switch {
		case a.d < b.d:
			return -1
		case a.d > b.d:
			return 1
		}
		return 0
	})
	return hits
}

// ioIndexSets are point sets where a planar lon/lat index would go wrong.
func ioIndexSets(rng *rand.Rand) []struct {
	name string
	pts  []orb.Point
} {
	dup := ioRegionPoints(rng, [2]float64{-1, 1}, [2]float64{51, 52}, 300)
	dup = append(dup, dup[:100]...) // exact duplicates
	wrapped := ioRegionPoints(rng, [2]float64{170, 190}, [2]float64{-10, 10}, 800)
	for i := range wrapped[:50] {
		wrapped[i][0] += 360 // unnormalised longitudes are wrapped
	}
	return []struct {
		name string
		pts  []orb.Point
	}{
		{"England-sized cloud", ioRegionPoints(rng, [2]float64{-6, 2}, [2]float64{50, 56}, 1000)},
		{"straddling the antimeridian", wrapped},
		{"north polar cap", ioRegionPoints(rng, [2]float64{-180, 180}, [2]float64{80, 90}, 1000)},
		{"south polar cap with the pole", append(ioRegionPoints(rng, [2]float64{-180, 180}, [2]float64{-90, -85}, 1000), orb.Point{0, -90}, orb.Point{77, -90})},
		{"whole globe", ioRegionPoints(rng, [2]float64{-180, 180}, [2]float64{-90, 90}, 1500)},
		{"duplicates", dup},
		{"one point", []orb.Point{{179.9, -89.9}}},
	}
}

func TestIndexNearestMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, set := range ioIndexSets(rng) {
		t.Run(set.name, func(t *testing.T) {
			ix := NewIndex(set.pts)
			if ix.Len() != len(set.pts) {
				t.Fatalf("Len() = %d, want %d", ix.Len(), len(set.pts))
			}
			queries := append(ioRegionPoints(rng, [2]float64{-180, 180}, [2]float64{-90, 90}, 16),
				set.pts[0], orb.Point{180, 0}, orb.Point{-180, 5}, orb.Point{0, 90}, orb.Point{0, -90},
				orb.Point{set.pts[0][0] + 180, -set.pts[0][1]}) // antipode of a member
			for _, q := range queries {
				want := ioBrute(set.pts, q)
				for _, k := range []int{1, 7, len(set.pts) + 5} {
					var got []ioHit
					ix.Nearest(q, k, func(i int, d float64) bool {
						got = append(got, ioHit{i, d})
						return true
					})
					ioCheckHits(t, set.pts, q, got, want[:min(k, len(want))])
				}
			}
		})
	}
}

// ioCheckHits checks got lists the same distances as want, in the same
// (ascending) order, each hit reporting its point's true distance once.
// Distances at the same rank may differ by rounding (a nanometre): the
// index orders by chord, Distance uses haversine.
func ioCheckHits(t *testing.T, pts []orb.Point, q orb.Point, got, want []ioHit) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("query %v: %d hits, want %d", q, len(got), len(want))
	}
	const tol = 1e-6 // metres
	seen := make(map[int]bool)
	for j, h := range got {
		if seen[h.i] {
			t.Fatalf("query %v: point %d reported twice", q, h.i)
		}
		seen[h.i] = true
		if d := Distance(q, pts[h.i]); h.d != d {
			t.Fatalf("query %v: point %d reported at %v m, Distance gives %v", q, h.i, h.d, d)
		}
		if math.Abs(h.d-want[j].d) > tol {
			t.Fatalf("query %v: hit %d at %v m (point %d), brute force has %v m (point %d)",
				q, j, h.d, h.i, want[j].d, want[j].i)
		}
		if j > 0 && h.d < got[j-1].d-tol {
			t.Fatalf("query %v: hit %d at %v m comes after one at %v m", q, j, h.d, got[j-1].d)
		}
	}
}

func TestIndexWithinMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, set := range ioIndexSets(rng) {
		t.Run(set.name, func(t *testing.T) {
			ix := NewIndex(set.pts)
			queries := append(ioRegionPoints(rng, [2]float64{-180, 180}, [2]float64{-90, 90}, 10), set.pts[len(set.pts)/2])
			for _, q := range queries {
				all := ioBrute(set.pts, q)
				for _, r := range []float64{0, 1000, 50_000, 500_000, 3_000_000, 21_000_000} {
					var want []ioHit
					for _, h := range all {
						if h.d <= r {
							want = append(want, h)
						}
					}
					var got []ioHit
					ix.Within(q, r, func(i int, d float64) bool {
						got = append(got, ioHit{i, d})
						return true
					})
					ioCheckHits(t, set.pts, q, got, want)
				}
			}
		})
	}
}

func TestIndexStops(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	pts := ioRegionPoints(rng, [2]float64{-10, 10}, [2]float64{-10, 10}, 500)
	ix := NewIndex(pts)
	calls := 0
	ix.Nearest(orb.Point{0, 0}, 0, func(int, float64) bool { calls++; return calls < 3 })
	if calls != 3 {
		t.Errorf("Nearest made %d calls after fn returned false on the 3rd", calls)
	}
	calls = 0
	ix.Nearest(orb.Point{0, 0}, 0, func(int, float64) bool { calls++; return true })
	if calls != len(pts) {
		t.Errorf("Nearest with k=0 made %d calls, want all %d", calls, len(pts))
	}
	calls = 0
	ix.Within(orb.Point{0, 0}, 1e9, func(int, float64) bool { calls++; return calls < 5 })
	if calls != 5 {
		t.Errorf("Within made %d calls after fn returned false on the 5th", calls)
	}
	for _, r := range []float64{-1, math.NaN()} {
		ix.Within(orb.Point{0, 0}, r, func(int, float64) bool { t.Errorf("Within(%v) reported a point", r); return true })
	}
}

func TestIndexSkipsUnplaceablePoints(t *testing.T) {
	pts := []orb.Point{{0, 0}, {math.NaN(), 0}, {0, 91}, {math.Inf(1), 0}, {1, 1}}
	ix := NewIndex(pts)
	if ix.Len() != 2 {
		t.Fatalf("Len() = %d, want 2", ix.Len())
	}
	var got []int
	ix.Nearest(orb.Point{0, 0}, 0, func(i int, _ float64) bool { got = append(got, i); return true })
	if !slices.Equal(got, []int{0, 4}) {
		t.Errorf("got %v, want [0 4]", got)
	}
	var empty Index
	empty.Nearest(orb.Point{0, 0}, 1, func(int, float64) bool { t.Error("empty index reported a point"); return true })
	NewIndex(nil).Within(orb.Point{0, 0}, 1, func(int, float64) bool { t.Error("empty index reported a point"); return true })
}

func TestIndexQueriesDoNotAllocate(t *testing.T) {
	if ioRace {
		t.Skip("the race detector makes sync.Pool drop items")
	}
	rng := rand.New(rand.NewPCG(15, 16))
	pts := ioRegionPoints(rng, [2]float64{-6, 2}, [2]float64{50, 56}, 5000)
	ix := NewIndex(pts)
	sum := 0.0
	fn := func(_ int, d float64) bool { sum += d; return true }
	q := orb.Point{-1, 53}
	if a := testing.AllocsPerRun(100, func() { ix.Nearest(q, 10, fn) }); a != 0 {
		t.Errorf("Nearest allocates %v times per query", a)
	}
	if a := testing.AllocsPerRun(100, func() { ix.Within(q, 20_000, fn) }); a != 0 {
		t.Errorf("Within allocates %v times per query", a)
	}
}

func TestBuildIndexProgressAndCancel(t *testing.T) {
	pts := ioRegionPoints(rand.New(rand.NewPCG(17, 18)), [2]float64{-6, 2}, [2]float64{50, 56}, progressEvery+5)
	var calls [][2]int
	ix, err := BuildIndex(context.Background(), pts, func(stage string, done, total int) {
		if stage != "index" {
			t.Errorf("stage %q", stage)
		}
		calls = append(calls, [2]int{done, total})
	})
	if err != nil || ix.Len() != len(pts) {
		t.Fatalf("got %v, %v", ix, err)
	}
	want := [][2]int{{progressEvery, len(pts)}, {len(pts), len(pts)}}
	if !slices.Equal(calls, want) {
		t.Errorf("progress calls %v, want %v", calls, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if ix, err := BuildIndex(ctx, pts, nil); !errors.Is(err, context.Canceled) || ix != nil {
		t.Errorf("cancelled build gave %v, %v", ix, err)
	}
}
