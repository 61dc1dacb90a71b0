package voronoi

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/geo/delaunay"
	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/paulmach/orb"
)

// vtCheckCells checks the invariants of Cells output: a valid cell
// for every representative, nil for duplicates, every site inside its own
// cell, no overlaps, and total area equal to the area of the clip region
// (plus at most the pockets of sites outside it).
func vtCheckCells(t *testing.T, tr *delaunay.Triangulation, cells []orb.MultiPolygon, clipArea, pocketSlack float64) {
	t.Helper()
	if len(cells) != len(tr.Points) {
		t.Fatalf("%d cells for %d points", len(cells), len(tr.Points))
	}
	var total float64
	var nonNil []orb.MultiPolygon
	for i, c := range cells {
		if int(tr.Rep[i]) != i {
			if c != nil {
				t.Fatalf("duplicate point %d has a cell", i)
			}
			continue
		}
		if len(c) == 0 {
			t.Fatalf("site %d has no cell", i)
		}
		if err := polygon.Check(c); err != nil {
			t.Fatalf("cell %d invalid: %v", i, err)
		}
		if !polygon.Contains(c, orb.Point(tr.Points[i])) {
			t.Fatalf("site %d %v not in its cell %v", i, tr.Points[i], c)
		}
		total += polygon.Area(c)
		nonNil = append(nonNil, c)
	}
	if err := polygon.CheckNoOverlap(nonNil); err != nil {
		t.Fatalf("cells overlap: %v", err)
	}
	if total < clipArea*(1-1e-9) || total > clipArea*(1+1e-9)+pocketSlack {
		t.Fatalf("total cell area %v, clip area %v (slack %v)", total, clipArea, pocketSlack)
	}
}

func vtTriangulate(t testing.TB, pts [][2]float64) *delaunay.Triangulation {
	t.Helper()
	tr, err := delaunay.Triangulate(pts)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestCells(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([][2]float64, 300)
	for i := range random {
		random[i] = [2]float64{rng.Float64() * 1000, rng.Float64() * 700}
	}
	var grid [][2]float64 // cocircular: every square is a degenerate Voronoi vertex
	for y := range 12 {
		for x := range 12 {
			grid = append(grid, [2]float64{float64(x) * 10, float64(y) * 10})
		}
	}
	dups := append([][2]float64{{5, 5}, {5, 5}, {0, 0}}, random[:20]...)
	dups = append(dups, random[3], random[3])
	cases := []struct {
		name string
		pts  [][2]float64
	}{
		{"one site", [][2]float64{{3, 4}}},
		{"two sites", [][2]float64{{0, 0}, {10, 5}}},
		{"three sites", [][2]float64{{0, 0}, {10, 0}, {3, 8}}},
		{"three collinear", [][2]float64{{0, 0}, {1, 1}, {5, 5}}},
		{"collinear vertical", [][2]float64{{0, 0}, {0, 3}, {0, 1}, {0, 10}}},
		{"all identical", [][2]float64{{1, 1}, {1, 1}, {1, 1}}},
		{"duplicates", dups},
		{"square (cocircular)", [][2]float64{{0, 0}, {1, 0}, {1, 1}, {0, 1}}},
		{"grid (cocircular)", grid},
		{"random", random},
		{"thin hull triangle", [][2]float64{{0, 0}, {100, 0}, {50, 0.001}, {50, 60}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := vtTriangulate(t, c.pts)
			cells, err := Cells(tr, nil)
			if err != nil {
				t.Fatal(err)
			}
			clip := newBuilder(tr).defaultClip()
			vtCheckCells(t, tr, cells, polygon.Area(clip), 0)
			// All cells dissolve into the clip region itself.
			var all []int32
			for i := range cells {
				all = append(all, int32(i))
			}
			d := Dissolve(cells, [][]int32{all})[0]
			if err := polygon.Check(d); err != nil {
				t.Fatalf("dissolved: %v", err)
			}
			if len(d) != 1 || len(d[0]) != 1 {
				t.Fatalf("dissolved into %d polygons, want 1 without holes", len(d))
			}
			if math.Abs(polygon.Area(d)-polygon.Area(clip)) > 1e-9*polygon.Area(clip) {
				t.Fatalf("dissolved area %v, want %v", polygon.Area(d), polygon.Area(clip))
			}
		})
	}
}

func TestCellsClipped(t *testing.T) {
	// U-shaped clip with a hole in one arm; a site in the middle of the
	// notch has a cell spanning it, so its clipped cell has two pieces.
	clip := orb.MultiPolygon{{
		{{0, 0}, {60, 0}, {60, 60}, {45, 60}, {45, 20}, {15, 20}, {15, 60}, {0, 60}, {0, 0}},
		vtRev(vtSq(5, 40, 10, 45)),
	}}
	pts := [][2]float64{{30, 40}, {10, 10}, {50, 10}, {30, 5}, {5, 55}, {55, 55}, {30, 70}}
	tr := vtTriangulate(t, pts)
	cells, err := Cells(tr, clip)
	if err != nil {
		t.Fatal(err)
	}
	// Sites (30,40) and (30,70) are outside the clip: pockets of radius
	// at most 0.49 × nearest-neighbour distance.
	slack := 2 * math.Pi * math.Pow(0.49*30, 2)
	vtCheckCells(t, tr, cells, polygon.Area(clip), slack)
	if got := len(cells[0]); got != 3 {
		// the two arms of the U plus the site's own pocket
		t.Errorf("notch site: %d pieces, want 3: %v", got, cells[0])
	}
}

func TestCellsErrors(t *testing.T) {
	if _, err := Cells(nil, nil); !errors.Is(err, ErrNoTriangulation) {
		t.Fatalf("nil triangulation: %v", err)
	}
	tr := vtTriangulate(t, [][2]float64{{0, 0}, {1, 0}, {0, 1}})
	bad := orb.MultiPolygon{{{{0, 0}, {1, math.NaN()}, {0, 1}, {0, 0}}}}
	if _, err := Cells(tr, bad); !errors.Is(err, geo.ErrNonFinite) {
		t.Fatalf("NaN clip: %v", err)
	}
	cells, err := Cells(vtTriangulate(t, nil), nil)
	if err != nil || len(cells) != 0 {
		t.Fatalf("empty input: %v %v", cells, err)
	}
}

// TestCellsContext checks that a cancelled context stops Cells with its
// error, and that an open one gives the cells of Cells.
func TestCellsContext(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	pts := make([][2]float64, 10_000)
	for i := range pts {
		pts[i] = [2]float64{r.Float64() * 1e4, r.Float64() * 1e4}
	}
	tri, err := delaunay.Triangulate(pts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := CellsContext(ctx, tri, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: err = %v, want context.Canceled", err)
	}
	a, err := Cells(tri, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := CellsContext(context.Background(), tri, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if !orb.Equal(a[i], b[i]) {
			t.Fatalf("cell %d differs", i)
		}
	}
}
