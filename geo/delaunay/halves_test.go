package delaunay

import (
	"context"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestHalves triangulates every case of TestTriangulate, and larger random
// and clustered inputs, in two halves (halvesMin lowered to 8), checks the
// result as TestTriangulate does, and checks that the halves were used (not
// the single sweep they fall back to) where the input is in general
// position, with the same triangles as the single sweep.
func TestHalves(t *testing.T) {
	defer func(m int) { halvesMin = m }(halvesMin)
	halvesMin = 8
	cases := triangulationCases(t)
	cases = append(cases, []struct {
		name string
		pts  [][2]float64
	}{
		{"random uniform 20000", uniformPoints(20000, 7)},
		{"random uniform 20000 shuffled", shuffled(uniformPoints(20000, 8), 9)},
	}...)
	general := map[string]bool{"random uniform": true, "clustered": true, "random uniform 20000": true,
		"random uniform 20000 shuffled": true, "england practices": true}
	used := 0
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := Triangulate(tc.pts)
			if err != nil {
				t.Fatal(err)
			}
			if err := checkTriangulation(tc.pts, tr); err != nil {
				t.Fatal(err)
			}
			again, _ := Triangulate(tc.pts)
			if !slices.Equal(again.Triangles, tr.Triangles) || !slices.Equal(again.Hull, tr.Hull) {
				t.Fatal("not deterministic")
			}
			h := &Triangulation{Points: tc.pts}
			ok, err := triangulateHalves(context.Background(), h)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				used++
			}
			if !general[tc.name] {
				return
			}
			if !ok {
				t.Fatal("not triangulated in halves")
			}
			one, err := sweepAll(context.Background(), tc.pts)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := triangleSet(h), triangleSet(one); !slices.Equal(a, b) {
				t.Fatalf("halves give %d triangles, one sweep %d, not the same", len(a), len(b))
			}
			if !slices.Equal(h.Rep, one.Rep) {
				t.Fatal("representatives differ from one sweep's")
			}
		})
	}
	t.Logf("%d of %d cases triangulated in halves", used, len(cases))
}

// TestCircleSide checks circleSide on named triangles, among them one
// FuzzTriangulate found: two corners an ulp apart, where the centre
// computed from the third corner is off by half the radius, and against
// exact arithmetic on random triangles, many of them nearly flat or with
// corners a few ulps apart: a side it reports must be right.
func TestCircleSide(t *testing.T) {
	near := [3][2]float64{{2.9999999999999987, 4.000000000000003}, {6.999999999999998, 3.0000000000000013}, {6.999999999999999, 3.0000000000000013}}
	for _, tc := range []struct {
		name    string
		a, b, c [2]float64
		xs      float64
		want    int
	}{
		{"left", [2]float64{0, 0}, [2]float64{1, 0}, [2]float64{0, 1}, 2, -1},
		{"right", [2]float64{3, 0}, [2]float64{4, 0}, [2]float64{3, 1}, 2, 1},
		{"meets the line", [2]float64{0, 0}, [2]float64{3, 0}, [2]float64{0, 3}, 2, 0},
		{"touches the line", [2]float64{0, 0}, [2]float64{2, 0}, [2]float64{0, 2}, 2, 0},
		{"collinear", [2]float64{0, 0}, [2]float64{1, 0}, [2]float64{3, 0}, 5, 0},
		{"far left at 1e7", [2]float64{1e7, 1e7}, [2]float64{1e7 + 1, 1e7}, [2]float64{1e7, 1e7 + 1}, 1e7 + 5, -1},
		{"two corners an ulp apart, from the third", near[0], near[1], near[2], 0.9999999999999998, 0},
		{"two corners an ulp apart, from one of them", near[1], near[2], near[0], 0.9999999999999998, 0},
		{"two corners an ulp apart, far line", near[1], near[2], near[0], 20, -1},
	} {
		if got := circleSide(tc.a, tc.b, tc.c, tc.xs); got != tc.want {
			t.Errorf("%s: circleSide = %d, want %d", tc.name, got, tc.want)
		}
	}

	rng := rand.New(rand.NewPCG(5, 6))
	told := 0
	for i := range 20000 {
		off := [...]float64{0, 1e7, -3.3e5}[i%3]
		corner := func() [2]float64 {
			return [2]float64{off + float64(rng.IntN(16)), off + float64(rng.IntN(16))}
		}
		a, b, c := corner(), corner(), corner()
		if i%2 == 0 { // c a few ulps from b
			c = [2]float64{perturb(b[0], rng.IntN(7)-3), perturb(b[1], rng.IntN(7)-3)}
		}
		xs := off + float64(rng.IntN(40)) - 12
		got := circleSide(a, b, c, xs)
		if got == 0 {
			continue
		}
		told++
		if want := exactCircleSide(a, b, c, xs); got != want {
			t.Fatalf("circleSide(%v, %v, %v, %v) = %d, exactly %d", a, b, c, xs, got, want)
		}
	}
	t.Logf("%d of 20000 random triangles told", told)
}

// exactCircleSide is circleSide in exact arithmetic: -1 when the circle
// through a, b, c lies strictly left of x = xs, 1 when strictly right, 0
// otherwise or when the corners are collinear.
func exactCircleSide(a, b, c [2]float64, xs float64) int {
	r := func(x float64) *big.Rat { return new(big.Rat).SetFloat64(x) }
	sub := func(x, y *big.Rat) *big.Rat { return new(big.Rat).Sub(x, y) }
	mul := func(x, y *big.Rat) *big.Rat { return new(big.Rat).Mul(x, y) }
	add := func(x, y *big.Rat) *big.Rat { return new(big.Rat).Add(x, y) }
	ax, ay := r(a[0]), r(a[1])
	dx, dy := sub(r(b[0]), ax), sub(r(b[1]), ay)
	ex, ey := sub(r(c[0]), ax), sub(r(c[1]), ay)
	cross := sub(mul(dx, ey), mul(dy, ex))
	if cross.Sign() == 0 {
		return 0
	}
	bl, cl := add(mul(dx, dx), mul(dy, dy)), add(mul(ex, ex), mul(ey, ey))
	half := new(big.Rat).Quo(big.NewRat(1, 2), cross)
	ux := mul(sub(mul(ey, bl), mul(dy, cl)), half)
	uy := mul(sub(mul(dx, cl), mul(ex, bl)), half)
	r2 := add(mul(ux, ux), mul(uy, uy))
	gap := sub(r(xs), add(ax, ux)) // xs − centre
	if mul(gap, gap).Cmp(r2) <= 0 {
		return 0 // the circle meets the line
	}
	return -gap.Sign()
}

// triangleSet returns t's triangles as sorted vertex triples, sorted.
func triangleSet(t *Triangulation) [][3]int32 {
	out := make([][3]int32, 0, len(t.Triangles)/3)
	for k := 0; k+2 < len(t.Triangles); k += 3 {
		v := [3]int32{t.Triangles[k], t.Triangles[k+1], t.Triangles[k+2]}
		slices.Sort(v[:])
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b [3]int32) int {
		for i := range 3 {
			if a[i] != b[i] {
				return int(a[i] - b[i])
			}
		}
		return 0
	})
	return out
}

// TestEdgeList checks that EdgeList lists what Edges reports, in the same
// order, for a small triangulation (one pass) and a large one (on all
// cores), with the room asked for.
func TestEdgeList(t *testing.T) {
	for _, pts := range [][][2]float64{englandPoints(t), uniformPoints(100_000, 3)} {
		tr, err := Triangulate(pts)
		if err != nil {
			t.Fatal(err)
		}
		var want [][2]int32
		tr.Edges(func(a, b int32) bool { want = append(want, [2]int32{a, b}); return true })
		got := tr.EdgeList(7)
		if !slices.Equal(got, want) {
			t.Fatalf("%d points: EdgeList gives %d edges, Edges %d, or another order", len(pts), len(got), len(want))
		}
		if cap(got)-len(got) < 7 {
			t.Fatalf("room for %d more, want 7", cap(got)-len(got))
		}
	}
}
