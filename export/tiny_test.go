package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
	"github.com/paulmach/orb"
)

// The smallest inputs give a model, every file and both pictures: one
// practice, two practices at one point, three in a line.
func TestTinyInputs(t *testing.T) {
	cases := []struct {
		name string
		locs []orb.Point
	}{
		{"one practice", []orb.Point{{-1.5, 52.5}}},
		{"two at one point", []orb.Point{{-1.5, 52.5}, {-1.5, 52.5}}},
		{"three in a line", []orb.Point{{-1.5, 52.5}, {-1.4, 52.5}, {-1.3, 52.5}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var ps []input.Practice
			for i, l := range tc.locs {
				ps = append(ps, input.Practice{Code: fmt.Sprintf("P%d", i), Loc: l, Patients: 40000})
			}
			ctx := context.Background()
			g, _, err := graph.Build(ctx, ps)
			if err != nil {
				t.Fatal(err)
			}
			res, err := partition.Run(ctx, g, ps, []partition.Level{{Name: "hub", Min: 30000, Max: 50000}}, partition.WithSeed(1))
			if err != nil {
				t.Fatal(err)
			}
			m, err := Build(ctx, Input{Practices: ps, Graph: g, Result: res})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := m.WriteGeoJSON(&b); err != nil {
				t.Fatal(err)
			}
			for _, w := range []func(*bytes.Buffer) error{
				func(b *bytes.Buffer) error { return m.WriteSVG(b, MapOptions{Title: tc.name}) },
				func(b *bytes.Buffer) error { return m.WritePNG(b, MapOptions{Title: tc.name, Width: 300}) },
			} {
				b.Reset()
				if err := w(&b); err != nil {
					t.Fatal(err)
				}
				if b.Len() == 0 {
					t.Fatal("empty picture")
				}
			}
		})
	}
}

// A cancelled context stops Build with the context's error.
func TestBuildCancelled(t *testing.T) {
	in := synthetic(t, true)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, in); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
