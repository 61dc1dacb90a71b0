package export

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/hubpart/hubpart/geo/delaunay"
	"github.com/hubpart/hubpart/graph"
	"github.com/paulmach/orb"
)

// Cells made beforehand give the same files as cells made by Build, with
// and without a boundary, and so do cells made from a triangulation of the
// sites made beforehand (NewCellsOf, as the command reuses graph.Build's).
func TestBuildWithCellsSameFiles(t *testing.T) {
	ctx := context.Background()
	for _, withBoundary := range []bool{false, true} {
		in := synthetic(t, withBoundary)
		c, err := NewCells(ctx, in.Graph, in.Boundary)
		if err != nil {
			t.Fatal(err)
		}
		pre := in
		pre.Cells = c
		tri, err := delaunay.Triangulate(in.Graph.XY)
		if err != nil {
			t.Fatal(err)
		}
		co, err := NewCellsOf(ctx, in.Graph, tri, in.Boundary)
		if err != nil {
			t.Fatal(err)
		}
		of := in
		of.Cells = co
		files := func(in Input) [][]byte {
			m := build(t, in)
			var gj, svg, png bytes.Buffer
			if err := m.WriteGeoJSON(&gj); err != nil {
				t.Fatal(err)
			}
			if err := m.WriteSVG(&svg, MapOptions{Title: "t"}); err != nil {
				t.Fatal(err)
			}
			if err := m.WritePNG(&png, MapOptions{Title: "t", Width: 400}); err != nil {
				t.Fatal(err)
			}
			return [][]byte{gj.Bytes(), svg.Bytes(), png.Bytes()}
		}
		want, got, gotOf := files(in), files(pre), files(of)
		for k, name := range []string{"GeoJSON", "SVG", "PNG"} {
			if !bytes.Equal(got[k], want[k]) {
				t.Errorf("boundary %v: %s differs with cells made beforehand", withBoundary, name)
			}
			if !bytes.Equal(gotOf[k], want[k]) {
				t.Errorf("boundary %v: %s differs with cells made from the triangulation", withBoundary, name)
			}
		}
	}
}

// Build refuses cells made for another graph or boundary, and NewCells
// refuses a graph without plane coordinates or a cancelled context.
func TestCellsMismatch(t *testing.T) {
	ctx := context.Background()
	in := synthetic(t, true)
	other, _, err := graph.Build(ctx, in.Practices)
	if err != nil {
		t.Fatal(err)
	}
	shifted := orb.MultiPolygon{orb.Polygon{append(orb.Ring(nil), in.Boundary[0][0]...)}}
	shifted[0][0][1][0] += 0.001
	for _, tc := range []struct {
		name     string
		g        *graph.Graph
		boundary orb.MultiPolygon
		field    string
	}{
		{"another graph", other, in.Boundary, "Cells"},
		{"no boundary", in.Graph, nil, "Cells"},
		{"another boundary", in.Graph, shifted, "Cells"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewCells(ctx, tc.g, tc.boundary)
			if err != nil {
				t.Fatal(err)
			}
			bad := in
			bad.Cells = c
			_, err = Build(ctx, bad)
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != tc.field || !errors.Is(err, ErrInput) {
				t.Fatalf("err = %v, want an InputError on %s", err, tc.field)
			}
		})
	}
	if _, err := NewCells(ctx, &graph.Graph{}, nil); err == nil {
		// An empty graph has no sites to triangulate.
		t.Error("NewCells of an empty graph: no error")
	}
	// NewCellsOf refuses a triangulation of other points, or none.
	tri, err := delaunay.Triangulate(other.XY[:other.N()-1])
	if err != nil {
		t.Fatal(err)
	}
	for name, tr := range map[string]*delaunay.Triangulation{"another triangulation": tri, "no triangulation": nil} {
		var ie *InputError
		if _, err := NewCellsOf(ctx, in.Graph, tr, in.Boundary); !errors.As(err, &ie) || ie.Field != "Triangulation" {
			t.Errorf("%s: err = %v, want an InputError on Triangulation", name, err)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := NewCells(cctx, in.Graph, in.Boundary); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
}
