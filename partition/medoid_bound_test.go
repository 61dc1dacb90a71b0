package partition

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hubpart/hubpart/input"
)

// TestHubSiteLargeGroups: on groups large enough for the cell bounds,
// hubSite returns exactly the brute-force medoid (lowest cost, then lowest
// practice index), also with shared sites, equal weights and ties.
func TestHubSiteLargeGroups(t *testing.T) {
	cases := []struct {
		name    string
		n       int
		grid    bool // sites on a small grid: many exact ties
		shared  int  // practices per site
		weights int64
	}{
		{"clustered", 500, false, 1, 1},
		{"weighted", 300, false, 1, 50_000},
		{"grid ties", 400, true, 1, 1},
		{"shared sites", 600, false, 3, 10},
		{"at the threshold", cellBoundMin, true, 1, 1},
		{"below the threshold", cellBoundMin - 1, false, 1, 3},
		{"hub sized", 40, false, 1, 1},
		{"area sized", 3000, false, 1, 1},
		{"area sized, shared", 4000, false, 2, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(7, uint64(tc.n)))
			nsites := tc.n / tc.shared
			s := &sites{siteOf: make([]int32, tc.n), xy: make([][2]float64, nsites)}
			for v := range nsites {
				if tc.grid {
					s.xy[v] = [2]float64{float64(v % 20), float64(v / 20)}
				} else {
					c := float64(r.IntN(3)) * 5000
					s.xy[v] = [2]float64{c + r.NormFloat64()*800, c/2 + r.NormFloat64()*300}
				}
			}
			ps := make([]input.Practice, tc.n)
			members := make([]int, tc.n)
			for p := range ps {
				s.siteOf[p] = int32(r.IntN(nsites))
				ps[p].Patients = 1 + r.Int64N(tc.weights)
				members[p] = p
			}
			got := hubSite(s, ps, members, newMedoidScratch(nsites), 0)
			if want := bruteMedoid(s, ps, members); got != want {
				t.Fatalf("hubSite = %d, brute force %d", got, want)
			}
		})
	}
}

// bruteMedoid evaluates every member, summing over sites in order of first
// appearance as hubSite does.
func bruteMedoid(s *sites, ps []input.Practice, members []int) int {
	var order []int32
	w := map[int32]float64{}
	for _, p := range members {
		v := s.siteOf[p]
		if _, ok := w[v]; !ok {
			order = append(order, v)
		}
		w[v] += float64(ps[p].Patients)
	}
	best, bestCost := -1, math.Inf(1)
	for _, p := range members {
		vi := s.siteOf[p]
		var c float64
		for _, vj := range order {
			dx, dy := s.xy[vi][0]-s.xy[vj][0], s.xy[vi][1]-s.xy[vj][1]
			c += w[vj] * math.Sqrt(dx*dx+dy*dy)
		}
		if c < bestCost || c == bestCost && p < best {
			best, bestCost = p, c
		}
	}
	return best
}

// BenchmarkHubSite: the medoid of one area-sized group of 1,500 clustered
// sites (an area of the 10M-point job).
func BenchmarkHubSite(b *testing.B) {
	const n = 1500
	s, ps, members := benchGroup(n, func(r *rand.Rand) [2]float64 { return [2]float64{r.NormFloat64() * 900, r.NormFloat64() * 600} })
	m := newMedoidScratch(n)
	b.ReportAllocs()
	tag := int32(0)
	for b.Loop() {
		hubSite(s, ps, members, m, tag)
		tag++
	}
}

// BenchmarkHubSiteSizes: the medoid of one group of n sites spread
// uniformly over 900 m × 600 m, weight 1, from a few sites (a hub of
// practices) to an area.
func BenchmarkHubSiteSizes(b *testing.B) {
	for _, n := range []int{12, 20, 40, 120, 1500} {
		b.Run(fmt.Sprintf("%d", n), func(b *testing.B) {
			s, ps, members := benchGroup(n, func(r *rand.Rand) [2]float64 { return [2]float64{r.Float64() * 900, r.Float64() * 600} })
			m := newMedoidScratch(n)
			tag := int32(0)
			for b.Loop() {
				hubSite(s, ps, members, m, tag)
				tag++
			}
		})
	}
}

// benchGroup is one group of n sites, one practice of weight 1 each, placed
// by at from a fixed stream.
func benchGroup(n int, at func(r *rand.Rand) [2]float64) (*sites, []input.Practice, []int) {
	r := rand.New(rand.NewPCG(1, 2))
	s := &sites{siteOf: make([]int32, n), xy: make([][2]float64, n)}
	ps := make([]input.Practice, n)
	members := make([]int, n)
	for p := range n {
		s.siteOf[p] = int32(p)
		s.xy[p] = at(r)
		ps[p].Patients = 1
		members[p] = p
	}
	return s, ps, members
}
