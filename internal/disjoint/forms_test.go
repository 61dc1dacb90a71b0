package disjoint

import (
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
)

// randomUnions returns m random pairs over 0..n-1, clustered so that sets
// grow large and long chains form.
func randomUnions(n, m int, seed uint64) [][2]int32 {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([][2]int32, m)
	for i := range out {
		a := rng.IntN(n)
		b := min(n-1, max(0, a+rng.IntN(41)-20))
		if i%7 == 0 {
			b = rng.IntN(n)
		}
		out[i] = [2]int32{int32(a), int32(b)}
	}
	return out
}

// TestForms: the slice forms, the shared form (unions on several
// goroutines) and the ranked form agree with Sets on which unions join
// separate sets and on which members end up together; Union and the shared
// form also keep the smallest member at the root.
func TestForms(t *testing.T) {
	for _, tc := range []struct {
		name string
		n, m int
	}{
		{"empty", 1, 0},
		{"few", 10, 6},
		{"sparse", 5000, 2000},
		{"dense", 5000, 20000},
		{"large", 200000, 300000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			unions := randomUnions(tc.n, tc.m, uint64(tc.n+tc.m))
			sets := New(tc.n)
			plain := make([]int32, tc.n)
			ranked := make([]int32, tc.n)
			for i := range plain {
				plain[i], ranked[i] = int32(i), -1
			}
			for i, u := range unions {
				want := sets.Union(u[0], u[1])
				if got := Union(plain, u[0], u[1]); got != want {
					t.Fatalf("union %d %v: Union %v, Sets %v", i, u, got, want)
				}
				if got := UnionRanked(ranked, u[0], u[1]); got != want {
					t.Fatalf("union %d %v: UnionRanked %v, Sets %v", i, u, got, want)
				}
			}
			shared := make([]int32, tc.n)
			for i := range shared {
				shared[i] = int32(i)
			}
			var wg sync.WaitGroup
			workers := max(2, runtime.GOMAXPROCS(0))
			for w := range workers {
				wg.Go(func() {
					for _, u := range unions[w*len(unions)/workers : (w+1)*len(unions)/workers] {
						UnionShared(shared, u[0], u[1])
					}
				})
			}
			wg.Wait()
			rankOf := map[int32]int32{} // ranked root -> the Sets root of its set
			for x := range int32(tc.n) {
				root := sets.Find(x)
				if Find(plain, x) != root || FindShared(shared, x) != root {
					t.Fatalf("member %d: Find %d, FindShared %d, Sets %d", x, Find(plain, x), FindShared(shared, x), root)
				}
				r := FindRanked(ranked, x)
				if seen, ok := rankOf[r]; ok && seen != root {
					t.Fatalf("member %d: ranked root %d holds sets %d and %d", x, r, seen, root)
				}
				rankOf[r] = root
			}
			if len(rankOf) != sets.Count() {
				t.Fatalf("%d ranked sets, %d sets", len(rankOf), sets.Count())
			}
		})
	}
}
