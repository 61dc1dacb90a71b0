package delaunay

import (
	"context"
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
