package export

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/hubpart/hubpart/graph"
	"github.com/paulmach/orb"
)

// Cells made beforehand give the same files as cells made by Build, with
// and without a boundary.
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
		want, got := files(in), files(pre)
		for k, name := range []string{"GeoJSON", "SVG", "PNG"} {
			if !bytes.Equal(got[k], want[k]) {
				t.Errorf("boundary %v: %s differs with cells made beforehand", withBoundary, name)
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
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := NewCells(cctx, in.Graph, in.Boundary); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
}
