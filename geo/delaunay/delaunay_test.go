package delaunay

import (
	"context"
	"encoding/csv"
	"errors"
	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/geo/robust"
	"github.com/hubpart/hubpart/internal/fixture"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
)

var englandCSV = fixture.EnglandPractices()

// englandPoints reads the England practice locations and projects them to
// metres with a local equirectangular formula (good enough for testing the
// triangulation; the library's own projection lives elsewhere).
func englandPoints(tb testing.TB) [][2]float64 {
	tb.Helper()
	f, err := os.Open(englandCSV)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatalf("reading %s: %v", englandCSV, err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	const r = 6371008.8
	lat0 := 52.5 * math.Pi / 180
	pts := make([][2]float64, 0, len(rows)-1)
	for _, row := range rows[1:] {
		lat, err1 := strconv.ParseFloat(row[col["lat"]], 64)
		lon, err2 := strconv.ParseFloat(row[col["lon"]], 64)
		if err1 != nil || err2 != nil {
			tb.Fatalf("bad row %v", row)
		}
		pts = append(pts, [2]float64{r * lon * math.Pi / 180 * math.Cos(lat0), r * lat * math.Pi / 180})
	}
	return pts
}

func uniformPoints(n int, seed uint64) [][2]float64 {
	r := rand.New(rand.NewPCG(seed, 7))
	pts := make([][2]float64, n)
	for i := range pts {
		pts[i] = [2]float64{r.Float64() * 1000, r.Float64() * 1000}
	}
	return pts
}

func gridPoints(nx, ny int, step float64, off [2]float64) [][2]float64 {
	var pts [][2]float64
	for y := range ny {
		for x := range nx {
			pts = append(pts, [2]float64{off[0] + float64(x)*step, off[1] + float64(y)*step})
		}
	}
	return pts
}

// shuffled returns a deterministic permutation of pts.
func shuffled(pts [][2]float64, seed uint64) [][2]float64 {
	out := slices.Clone(pts)
	r := rand.New(rand.NewPCG(seed, 9))
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func triangulationCases(tb testing.TB) []struct {
	name string
	pts  [][2]float64
} {
	r := rand.New(rand.NewPCG(42, 42))
	var clustered [][2]float64
	for c := range 8 {
		cx, cy := float64(c%3)*500, float64(c/3)*500
		for range 150 {
			clustered = append(clustered, [2]float64{cx + r.NormFloat64()*5, cy + r.NormFloat64()*5})
		}
	}
	var dupHeavy [][2]float64
	for _, p := range uniformPoints(150, 3) {
		for range 5 {
			dupHeavy = append(dupHeavy, p)
		}
	}
	var perturbed [][2]float64
	for _, p := range gridPoints(20, 20, 1, [2]float64{}) {
		perturbed = append(perturbed, [2]float64{p[0] + (r.Float64()-0.5)*2e-12, p[1] + (r.Float64()-0.5)*2e-12})
	}
	var bigOffset [][2]float64
	for _, p := range gridPoints(20, 20, 1, [2]float64{1e7, 5e6}) {
		// jitter of a couple of ulps at 1e7 (ulp = 1.86e-9)
		bigOffset = append(bigOffset, [2]float64{p[0] + float64(r.IntN(5)-2)*0x1p-29, p[1] + float64(r.IntN(5)-2)*0x1p-30})
	}
	var diagonal, collinearPlusOne [][2]float64
	for i := range 50 {
		t := float64((i * 37) % 50)
		diagonal = append(diagonal, [2]float64{t * 0.1, 3 - t*0.2})
		collinearPlusOne = append(collinearPlusOne, [2]float64{t, 2 * t})
	}
	collinearPlusOne = append(collinearPlusOne, [2]float64{10, 5})
	var circle [][2]float64
	for i := range 64 { // exactly cocircular: lattice points on x²+y²=5²·13² would be few; use the 8 symmetric ones repeatedly rotated by 90°
		a := float64(i) * math.Pi / 32
		circle = append(circle, [2]float64{math.Round(1e6 * math.Cos(a)), math.Round(1e6 * math.Sin(a))})
	}
	circle = append(circle, [2]float64{0, 0})

	return []struct {
		name string
		pts  [][2]float64
	}{
		{"empty", nil},
		{"one point", [][2]float64{{1, 2}}},
		{"two points", [][2]float64{{1, 2}, {3, 4}}},
		{"two points duplicated", [][2]float64{{3, 4}, {1, 2}, {3, 4}, {1, 2}}},
		{"three points", [][2]float64{{0, 0}, {1, 0}, {0, 1}}},
		{"three points clockwise", [][2]float64{{0, 0}, {0, 1}, {1, 0}}},
		{"all identical", [][2]float64{{5, 5}, {5, 5}, {5, 5}, {5, 5}}},
		{"collinear axis-aligned unsorted", [][2]float64{{3, 0}, {1, 0}, {4, 0}, {1, 0}, {0, 0}, {2, 0}}},
		{"collinear vertical", [][2]float64{{7, 3}, {7, -1}, {7, 10}, {7, 2}}},
		{"collinear diagonal unsorted", diagonal},
		{"collinear plus one point", collinearPlusOne},
		{"square", [][2]float64{{0, 0}, {1, 0}, {1, 1}, {0, 1}}},
		{"random uniform", uniformPoints(1500, 1)},
		{"clustered", clustered},
		{"integer grid (cocircular)", gridPoints(30, 30, 1, [2]float64{})},
		{"integer grid shuffled", shuffled(gridPoints(25, 25, 1, [2]float64{-12, -12}), 5)},
		{"grid with duplicates", shuffled(append(gridPoints(15, 15, 2, [2]float64{}), gridPoints(15, 15, 2, [2]float64{})...), 6)},
		{"duplicate heavy (each point 5x)", dupHeavy},
		{"cocircular ring with centre", circle},
		{"grid perturbed by 1e-12", perturbed},
		{"huge coordinates with ulp offsets", bigOffset},
		{"extreme magnitudes (big-integer predicates)", shuffled(append(gridPoints(6, 6, 1e200, [2]float64{}), gridPoints(6, 6, 0x1p-1070, [2]float64{1e-310, 0})...), 8)},
		{"england practices", englandPoints(tb)},
	}
}

func TestTriangulate(t *testing.T) {
	for _, tc := range triangulationCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			in := slices.Clone(tc.pts)
			tr, err := Triangulate(tc.pts)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(in, tc.pts) {
				t.Fatal("input modified")
			}
			if err := checkTriangulation(tc.pts, tr); err != nil {
				t.Fatal(err)
			}
			again, _ := Triangulate(tc.pts)
			if !slices.Equal(again.Triangles, tr.Triangles) || !slices.Equal(again.Hull, tr.Hull) {
				t.Fatal("not deterministic")
			}
		})
	}
}

// TestTriangulateEnglandShape pins facts about the real data set that the
// generic checks do not: every distinct practice location is one site.
// (The data README says 6,063 distinct points; the file has 6,054 distinct
// lat/lon pairs, which is what this test counts.)
func TestTriangulateEnglandShape(t *testing.T) {
	pts := englandPoints(t)
	tr, err := Triangulate(pts)
	if err != nil {
		t.Fatal(err)
	}
	distinct := map[[2]float64]bool{}
	for _, p := range pts {
		distinct[p] = true
	}
	if len(pts) != 6658 || tr.NumSites() != len(distinct) || len(distinct) < 6000 {
		t.Fatalf("n = %d, sites = %d, distinct points = %d; want 6658 and equal counts", len(pts), tr.NumSites(), len(distinct))
	}
	t.Logf("%d practices, %d sites, %d triangles, %d hull sites", len(pts), tr.NumSites(), len(tr.Triangles)/3, len(tr.Hull))
}

func TestTriangulateNonFinite(t *testing.T) {
	cases := []struct {
		name  string
		pts   [][2]float64
		index string
	}{
		{"NaN x", [][2]float64{{0, 0}, {math.NaN(), 1}, {2, 2}}, "point 1"},
		{"+Inf y", [][2]float64{{0, 0}, {1, 1}, {2, 2}, {3, math.Inf(1)}}, "point 3"},
		{"-Inf alone", [][2]float64{{math.Inf(-1), 0}}, "point 0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := Triangulate(tc.pts)
			if !errors.Is(err, geo.ErrNonFinite) || tr != nil {
				t.Fatalf("got %v, %v; want geo.ErrNonFinite", tr, err)
			}
			if msg := err.Error(); !containsStr(msg, tc.index) {
				t.Fatalf("error %q does not name %q", msg, tc.index)
			}
		})
	}
}

func containsStr(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestEdgesStopsEarly(t *testing.T) {
	for _, pts := range [][][2]float64{uniformPoints(50, 2), {{0, 0}, {1, 1}, {2, 2}, {3, 3}}} {
		tr, err := Triangulate(pts)
		if err != nil {
			t.Fatal(err)
		}
		calls := 0
		tr.Edges(func(a, b int32) bool { calls++; return calls < 2 })
		if calls != 2 {
			t.Fatalf("Edges made %d calls after fn returned false, want 2", calls)
		}
	}
}

// TestSortByDistance checks the insertion order on both sort paths: sorted
// by distance and, within equal distance, equal points adjacent with the
// smallest index first.
func TestSortByDistance(t *testing.T) {
	cases := []struct {
		name string
		pts  [][2]float64
	}{
		{"small with ties", shuffled(append(gridPoints(5, 5, 1, [2]float64{}), gridPoints(5, 5, 1, [2]float64{})...), 1)},
		{"radix with ties", shuffled(append(gridPoints(30, 30, 1, [2]float64{}), gridPoints(30, 30, 1, [2]float64{})...), 2)},
		{"radix uniform", uniformPoints(5000, 4)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := [2]float64{2.5, 2.5}
			ids := sortByDistance(tc.pts, c, 1)
			for w := 2; w <= 5; w++ {
				if got := sortByDistance(tc.pts, c, w); !slices.Equal(got, ids) {
					t.Fatalf("%d workers sort differently from one", w)
				}
			}
			if len(ids) != len(tc.pts) {
				t.Fatalf("%d ids for %d points", len(ids), len(tc.pts))
			}
			seen := map[[2]float64]int32{}
			for k, id := range ids {
				if k > 0 {
					prev := ids[k-1]
					if dist2(tc.pts[prev], c) > dist2(tc.pts[id], c) {
						t.Fatalf("order not by distance at %d", k)
					}
					if tc.pts[prev] == tc.pts[id] && prev > id {
						t.Fatalf("duplicates out of index order at %d", k)
					}
				}
				if j, ok := seen[tc.pts[id]]; ok && tc.pts[ids[k-1]] != tc.pts[id] {
					t.Fatalf("duplicate of %d not adjacent at %d", j, k)
				}
				seen[tc.pts[id]] = id
			}
		})
	}
}

// TestMergeDuplicates: the representatives and insertion order come out
// the same on any number of workers, runs of equal points crossing the
// parts' edges, and as the one-goroutine walk defines them: each point's
// representative is the first of its run, and the kept points follow the
// seeds in order, one per run.
func TestMergeDuplicates(t *testing.T) {
	base := uniformPoints(300, 7)
	var pts [][2]float64
	for i, p := range base {
		for range 1 + i%7 { // runs of 1 to 7 equal points
			pts = append(pts, p)
		}
	}
	pts = shuffled(pts, 3)
	c := [2]float64{0.5, 0.5}
	order := sortByDistance(pts, c, 1)
	// seeds: the first of their runs (as Triangulate's seeds are), at the
	// start, middle and end of the order
	var leaders []int32
	for k, i := range order {
		if k == 0 || pts[order[k-1]] != pts[i] {
			leaders = append(leaders, i)
		}
	}
	seeds := [3]int32{leaders[0], leaders[len(leaders)/2], leaders[len(leaders)-1]}
	rep1, orig1 := mergeDuplicates(pts, order, seeds, 1)
	for w := 2; w <= 9; w++ {
		rep, orig := mergeDuplicates(pts, order, seeds, w)
		if !slices.Equal(rep, rep1) || !slices.Equal(orig, orig1) {
			t.Fatalf("%d workers merge differently from one", w)
		}
	}
	if len(orig1) != len(base) {
		t.Errorf("%d representatives kept, want one per distinct point: %d", len(orig1), len(base))
	}
	if !slices.Equal(orig1[:3], seeds[:]) {
		t.Errorf("orig starts %v, want the seeds %v", orig1[:3], seeds)
	}
	first := map[[2]float64]int32{}
	for _, i := range order {
		if _, ok := first[pts[i]]; !ok {
			first[pts[i]] = i
		}
	}
	for i, r := range rep1 {
		if r != first[pts[i]] {
			t.Fatalf("point %d: representative %d, want %d (the first of its run)", i, r, first[pts[i]])
		}
	}
}

// triangulateInOrder runs the sweep with the sites inserted in the given
// (arbitrary) order instead of by distance, so that most sites land inside
// the current hull and go through locate, splitTriangle and splitEdge.
func triangulateInOrder(tb testing.TB, pts [][2]float64, seed uint64) *Triangulation {
	tb.Helper()
	i0, i1, i2 := seedTriangle(pts)
	if i2 < 0 {
		tb.Fatal("test input must not be collinear")
	}
	s := newSweep(pts, i0, i1, i2)
	rest := slices.Clone(s.orig[3:])
	r := rand.New(rand.NewPCG(seed, 3))
	r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	// Renumber so that internal order is the shuffled order.
	s.orig = append(s.orig[:3], rest...)
	for k, i := range s.orig {
		s.pts[k] = pts[i]
	}
	if err := s.run(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return &Triangulation{Points: pts, Rep: s.rep, Triangles: s.triangles, Halfedges: s.halfedges, Hull: s.hullList()}
}

// TestTriangulateAnyInsertionOrder checks that the interior-insertion
// fallback (which the distance order makes rare) is itself correct: random
// insertion orders put most sites inside the hull, on interior edges (grids)
// and on hull edges (points along the border of a square).
func TestTriangulateAnyInsertionOrder(t *testing.T) {
	var border [][2]float64
	for i := range 20 {
		f := float64(i)
		border = append(border, [2]float64{f, 0}, [2]float64{20, f}, [2]float64{20 - f, 20}, [2]float64{0, 20 - f})
	}
	border = append(border, [2]float64{7, 9}, [2]float64{13, 4})
	cases := []struct {
		name string
		pts  [][2]float64
	}{
		{"uniform", uniformPoints(400, 11)},
		{"integer grid", gridPoints(15, 15, 1, [2]float64{})},
		{"grid with duplicates", append(gridPoints(8, 8, 3, [2]float64{}), gridPoints(8, 8, 3, [2]float64{})...)},
		{"square border", border},
		{"huge coordinates", gridPoints(12, 12, 1, [2]float64{1e7, 1e7})},
	}
	for _, tc := range cases {
		for seed := range uint64(4) {
			tr := triangulateInOrder(t, tc.pts, seed)
			if err := checkTriangulation(tc.pts, tr); err != nil {
				t.Fatalf("%s, seed %d: %v", tc.name, seed, err)
			}
		}
	}
}

// TestCheckTriangulationDetects makes sure the checker used by these tests
// catches broken triangulations, so that its silence means something.
func TestCheckTriangulationDetects(t *testing.T) {
	pts := gridPoints(6, 6, 1, [2]float64{})
	pts = append(pts, [2]float64{2.5, 2.4})
	cases := []struct {
		name   string
		breakk func(t *testing.T, tr *Triangulation)
	}{
		{"reversed triangle", func(t *testing.T, tr *Triangulation) {
			tr.Triangles[0], tr.Triangles[1] = tr.Triangles[1], tr.Triangles[0]
		}},
		{"broken twin", func(t *testing.T, tr *Triangulation) {
			for e, h := range tr.Halfedges {
				if h >= 0 {
					tr.Halfedges[e] = -1
					return
				}
			}
		}},
		{"dropped triangle", func(t *testing.T, tr *Triangulation) {
			tr.Triangles, tr.Halfedges = tr.Triangles[:len(tr.Triangles)-3], tr.Halfedges[:len(tr.Halfedges)-3]
		}},
		{"wrong representative", func(t *testing.T, tr *Triangulation) { tr.Rep[5] = 4 }},
		{"short hull", func(t *testing.T, tr *Triangulation) { tr.Hull = tr.Hull[1:] }},
		{"non-Delaunay flip", func(t *testing.T, tr *Triangulation) {
			// Flip the first interior edge whose flip keeps both
			// triangles counter-clockwise but makes them non-Delaunay.
			tri, he := tr.Triangles, tr.Halfedges
			for a := range int32(len(he)) {
				b := he[a]
				if b < 0 {
					continue
				}
				p0, pr, pl, p1 := tri[PrevHalfedge(a)], tri[a], tri[NextHalfedge(a)], tri[PrevHalfedge(b)]
				if robust.InCircle(tr.Points[pr], tr.Points[pl], tr.Points[p0], tr.Points[p1]) < 0 &&
					robust.Orient2D(tr.Points[p1], tr.Points[pl], tr.Points[p0]) > 0 &&
					robust.Orient2D(tr.Points[p0], tr.Points[pr], tr.Points[p1]) > 0 {
					ar, bl := PrevHalfedge(a), PrevHalfedge(b)
					tri[a], tri[b] = p1, p0
					hbl, har := he[bl], he[ar]
					he[a], he[b], he[ar], he[bl] = hbl, har, bl, ar
					if hbl >= 0 {
						he[hbl] = a
					}
					if har >= 0 {
						he[har] = b
					}
					return
				}
			}
			t.Fatal("no flippable edge")
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := Triangulate(pts)
			if err != nil {
				t.Fatal(err)
			}
			if err := checkTriangulation(pts, tr); err != nil {
				t.Fatalf("valid triangulation rejected: %v", err)
			}
			tc.breakk(t, tr)
			if err := checkTriangulation(pts, tr); err == nil {
				t.Fatal("broken triangulation accepted")
			} else {
				t.Logf("caught: %v", err)
			}
		})
	}
}

// TestTriangulateContext checks that a cancelled context stops the
// triangulation with its error, and that an open one gives the result of
// Triangulate.
func TestTriangulateContext(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	pts := make([][2]float64, 200_000)
	for i := range pts {
		pts[i] = [2]float64{r.Float64() * 1e5, r.Float64() * 1e5}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := TriangulateContext(ctx, pts); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: err = %v, want context.Canceled", err)
	}
	// cancelled while the sweep runs (after its first look)
	late := &cancelAfter{Context: context.Background()}
	late.n.Store(1)
	if _, err := TriangulateContext(late, pts); !errors.Is(err, context.Canceled) || late.n.Load() >= 0 {
		t.Fatalf("cancelled during the sweep: err = %v, looks left %d", err, late.n.Load())
	}
	small := pts[:2000]
	a, err := Triangulate(small)
	if err != nil {
		t.Fatal(err)
	}
	b, err := TriangulateContext(context.Background(), small)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Triangles, b.Triangles) || !slices.Equal(a.Halfedges, b.Halfedges) || !slices.Equal(a.Hull, b.Hull) {
		t.Fatal("TriangulateContext differs from Triangulate")
	}
}

// cancelAfter is a context whose Err is nil for its first n calls, then
// context.Canceled. Like any Context it may be asked from several
// goroutines at once (the two halves of a large input).
type cancelAfter struct {
	context.Context
	n atomic.Int64
}

func (c *cancelAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}
