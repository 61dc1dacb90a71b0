package voronoi

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/geo/robust"
	"github.com/paulmach/orb"
)

// vtGrid returns the n x n unit squares, row by row from (0,0).
func vtGrid(n int) []orb.MultiPolygon {
	var cells []orb.MultiPolygon
	for y := range n {
		for x := range n {
			cells = append(cells, orb.MultiPolygon{{vtSq(float64(x), float64(y), float64(x+1), float64(y+1))}})
		}
	}
	return cells
}

func TestDissolve(t *testing.T) {
	grid3 := vtGrid(3)
	// T-junction: one wide cell below two narrow ones.
	//  +--+--+
	//  |  |  |
	//  +--+--+   the wide cell's top edge has no vertex at (1,1)
	//  |     |
	//  +-----+
	tee := []orb.MultiPolygon{
		{{vtSq(0, 0, 2, 1)}},
		{{vtSq(0, 1, 1, 2)}},
		{{vtSq(1, 1, 2, 2)}},
	}
	cases := []struct {
		name   string
		cells  []orb.MultiPolygon
		group  []int32
		area   float64
		pieces int
		holes  int
	}{
		{"single cell", grid3, []int32{4}, 1, 1, 0},
		{"row", grid3, []int32{0, 1, 2}, 3, 1, 0},
		{"all nine", grid3, []int32{0, 1, 2, 3, 4, 5, 6, 7, 8}, 9, 1, 0},
		{"ring around the centre", grid3, []int32{0, 1, 2, 3, 5, 6, 7, 8}, 8, 1, 1},
		{"diagonal touching at a corner", grid3, []int32{0, 4}, 2, 2, 0},
		{"island", grid3, []int32{0, 2}, 2, 2, 0},
		{"L shape", grid3, []int32{0, 1, 2, 5, 8}, 5, 1, 0},
		{"T-junction", tee, []int32{0, 1, 2}, 4, 1, 0},
		{"T-junction partial", tee, []int32{0, 1}, 3, 1, 0},
		{"empty group", grid3, nil, 0, 0, 0},
		{"out-of-range members ignored", grid3, []int32{-1, 4, 99}, 1, 1, 0},
		{"clockwise input ring", []orb.MultiPolygon{{{vtRev(vtSq(0, 0, 1, 1))}}, {{vtSq(1, 0, 2, 1)}}}, []int32{0, 1}, 2, 1, 0},
		{"nil cell", []orb.MultiPolygon{nil, {{vtSq(1, 0, 2, 1)}}}, []int32{0, 1}, 1, 1, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Dissolve(c.cells, [][]int32{c.group})[0]
			if err := polygon.Check(got); err != nil {
				t.Fatalf("invalid %v: %v", got, err)
			}
			if a := polygon.Area(got); math.Abs(a-c.area) > 1e-12 {
				t.Errorf("area = %v, want %v", a, c.area)
			}
			if len(got) != c.pieces {
				t.Errorf("pieces = %d, want %d: %v", len(got), c.pieces, got)
			}
			holes := 0
			for _, p := range got {
				holes += len(p) - 1
			}
			if holes != c.holes {
				t.Errorf("holes = %d, want %d", holes, c.holes)
			}
		})
	}
}

func TestDissolvePartition(t *testing.T) {
	cells := vtGrid(4)
	groups := [][]int32{{0, 1, 4, 5}, {2, 3, 6, 7}, {8, 12, 13}, {9, 10, 11, 14, 15}}
	out := Dissolve(cells, groups)
	if err := polygon.CheckNoOverlap(out); err != nil {
		t.Fatal(err)
	}
	var total float64
	for g, mp := range out {
		if err := polygon.Check(mp); err != nil {
			t.Fatalf("group %d: %v", g, err)
		}
		if len(mp) != 1 {
			t.Errorf("group %d: %d pieces, want 1", g, len(mp))
		}
		total += polygon.Area(mp)
	}
	if total != 16 {
		t.Fatalf("total area %v, want 16", total)
	}
}

// TJunctions marks the cells with a vertex of another inside an edge, and
// DissolveKnown with groups cleared by it gives Dissolve's polygons.
func TestTJunctions(t *testing.T) {
	tee := []orb.MultiPolygon{
		{{vtSq(0, 0, 2, 1)}}, // its top edge holds the others' corner (1, 1)
		{{vtSq(0, 1, 1, 2)}},
		{{vtSq(1, 1, 2, 2)}},
		{{vtSq(5, 5, 6, 6)}},
	}
	open := []orb.MultiPolygon{{{orb.Ring{{0, 0}, {2, 0}, {2, 1}, {0, 1}}}}, {{orb.Ring{{1, 1}, {1, 2}, {0, 2}, {0, 1}}}}} // rings not closed
	for _, c := range []struct {
		name  string
		cells []orb.MultiPolygon
		want  []bool
	}{
		{"grid", vtGrid(3), make([]bool, 9)},
		{"tee", tee, []bool{true, false, false, false}},
		{"unclosed rings", open, []bool{true, false}},
		{"none", nil, []bool{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := TJunctions(c.cells)
			if len(got) != len(c.want) {
				t.Fatalf("%d flags for %d cells", len(got), len(c.cells))
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("cell %d: marked %v, want %v", i, got[i], c.want[i])
				}
			}
		})
	}
}

// On England's cells, groups of neighbours dissolved with the knowledge
// from TJunctions come out exactly as without it.
func TestDissolveKnownEngland(t *testing.T) {
	d := vtLoadEngland(t)
	cells, err := Cells(d.tr, d.clip)
	if err != nil {
		t.Fatal(err)
	}
	marked := TJunctions(cells)
	for _, size := range []int{4, 20} {
		groups := vtRandomGroups(cells, vtAdjacency(cells), size, 1)
		clean := make([]bool, len(groups))
		for g, members := range groups {
			clean[g] = true
			for _, m := range members {
				clean[g] = clean[g] && !marked[m]
			}
		}
		want, got := Dissolve(cells, groups), DissolveKnown(cells, groups, clean)
		for g := range groups {
			if !want[g].Equal(got[g]) {
				t.Fatalf("size %d, group %d differs with the knowledge", size, g)
			}
		}
	}
}

// TJunctions agrees with testing every edge against every vertex on
// quadtree subdivisions: leaves beside smaller leaves hold T-junctions, and
// deep corners pack dozens of shared vertices into one bucket.
func TestTJunctionsBruteForce(t *testing.T) {
	brute := func(cells []orb.MultiPolygon) []bool {
		var verts [][2]float64
		for _, mp := range cells {
			for _, poly := range mp {
				for _, r := range poly {
					for _, p := range r {
						verts = append(verts, [2]float64(p))
					}
				}
			}
		}
		marked := make([]bool, len(cells))
		for c, mp := range cells {
			for _, poly := range mp {
				for _, r := range poly {
					for k := 0; k+1 < len(r); k++ {
						a, b := [2]float64(r[k]), [2]float64(r[k+1])
						for _, p := range verts {
							if p != a && p != b && min(a[0], b[0]) <= p[0] && p[0] <= max(a[0], b[0]) &&
								min(a[1], b[1]) <= p[1] && p[1] <= max(a[1], b[1]) && robust.Orient2D(a, b, p) == 0 {
								marked[c] = true
							}
						}
					}
				}
			}
		}
		return marked
	}
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 7))
		var cells []orb.MultiPolygon
		var split func(x, y, s float64, depth int)
		split = func(x, y, s float64, depth int) {
			// Leaves of 1/128 to 1/512 in the corner below 1/32: a dense
			// cluster with T-junctions of its own.
			corner := x < 1.0/32 && y < 1.0/32
			if corner && (depth < 7 || depth < 9 && rng.Float64() < 0.5) || depth < 2 || depth < 5 && rng.Float64() < 0.4 {
				h := s / 2
				split(x, y, h, depth+1)
				split(x+h, y, h, depth+1)
				split(x, y+h, h, depth+1)
				split(x+h, y+h, h, depth+1)
				return
			}
			cells = append(cells, orb.MultiPolygon{{vtSq(x, y, x+s, y+s)}})
		}
		split(0, 0, 1, 0)
		got, want := TJunctions(cells), brute(cells)
		n := 0
		for i := range want {
			if want[i] {
				n++
			}
			if got[i] != want[i] {
				t.Fatalf("seed %d, cell %d of %d: marked %v, want %v", seed, i, len(cells), got[i], want[i])
			}
		}
		if n == 0 || n == len(cells) {
			t.Fatalf("seed %d: %d of %d cells marked: the case tests nothing", seed, n, len(cells))
		}
	}
}

// cancelExact keeps the very edges that sorting the keys themselves keeps
// (cancelExactSorted, the former way), on random edges between few points,
// so that keys repeat in both directions and many times, with zeros of
// both signs; and with the hash spread over only two values, so that
// different keys share a hash.
func TestCancelExactSorted(t *testing.T) {
	pts := [][2]float64{{0, 0}, {math.Copysign(0, -1), 1}, {0, 1}, {1, math.Copysign(0, -1)}, {1, 1}, {2, 0.5}, {-1, 3}}
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 3))
		edges := make([]dirEdge, rng.IntN(60))
		for i := range edges {
			edges[i] = dirEdge{pts[rng.IntN(len(pts))], pts[rng.IntN(len(pts))]}
		}
		want := cancelExactSorted(edges)
		if got := cancelExact(edges); !slices.Equal(got, want) {
			t.Fatalf("seed %d: %v, want %v", seed, got, want)
		}
		two := func(lo, hi [2]float64) uint64 { return hashKey(lo, hi) & 1 }
		if got := cancelHashed(edges, two); !slices.Equal(got, want) {
			t.Fatalf("seed %d, hashes colliding: %v, want %v", seed, got, want)
		}
	}
}

// cancelExactSorted is cancelExact as it was, sorting the keys themselves.
func cancelExactSorted(edges []dirEdge) []dirEdge {
	type keyed struct {
		lo, hi [2]float64
		i      int32
		fwd    bool
	}
	ks := make([]keyed, len(edges))
	for i, e := range edges {
		lo, hi, f := edgeKey(e)
		ks[i] = keyed{lo, hi, int32(i), f}
	}
	slices.SortFunc(ks, func(x, y keyed) int {
		if c := cmpPoint(x.lo, y.lo); c != 0 {
			return c
		}
		if c := cmpPoint(x.hi, y.hi); c != 0 {
			return c
		}
		return cmp.Compare(x.i, y.i)
	})
	keep := make([]bool, len(edges))
	for s := 0; s < len(ks); {
		e := s
		net := 0
		for e < len(ks) && ks[e].lo == ks[s].lo && ks[e].hi == ks[s].hi {
			if ks[e].fwd {
				net++
			} else {
				net--
			}
			e++
		}
		// Keep |net| of the edges running in the net direction (the
		// earliest ones, for determinism).
		for k := s; k < e && net != 0; k++ {
			if ks[k].fwd == (net > 0) {
				keep[ks[k].i] = true
				if net > 0 {
					net--
				} else {
					net++
				}
			}
		}
		s = e
	}
	return keptEdges(edges, keep)
}
