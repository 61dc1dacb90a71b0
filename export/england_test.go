package export

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/fixture"
	"github.com/hubpart/hubpart/partition"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

var (
	englandPractices = fixture.EnglandPractices()
	englandBoundary  = fixture.EnglandBoundary()
)

var england struct {
	once sync.Once
	in   Input
	err  error
}

// englandInput reads the England practices and outline, builds the graph
// and partitions it into hubs of 30,000-50,000 and areas of 100,000+ (once
// per test binary).
func englandInput(tb testing.TB) Input {
	tb.Helper()
	england.once.Do(func() {
		ps, err := input.ReadFile(context.Background(), englandPractices)
		if err != nil {
			england.err = err
			return
		}
		b, err := readOutline(englandBoundary)
		if err != nil {
			england.err = err
			return
		}
		ctx := context.Background()
		g, _, err := graph.Build(ctx, ps, graph.WithBoundary(b))
		if err != nil {
			england.err = err
			return
		}
		levels := []partition.Level{{Name: "hub", Min: 30000, Max: 50000}, {Name: "area", Min: 100000}}
		res, err := partition.Run(ctx, g, ps, levels, partition.WithSeed(1))
		if err != nil {
			england.err = err
			return
		}
		england.in = Input{Practices: ps, Graph: g, Result: res, Boundary: b}
	})
	if england.err != nil {
		tb.Fatalf("England data (%s, %s): %v", englandPractices, englandBoundary, england.err)
	}
	return england.in
}

// readOutline reads the first (Multi)Polygon of a GeoJSON file.
func readOutline(path string) (orb.MultiPolygon, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		return nil, err
	}
	for _, f := range fc.Features {
		switch g := f.Geometry.(type) {
		case orb.MultiPolygon:
			return g, nil
		case orb.Polygon:
			return orb.MultiPolygon{g}, nil
		}
	}
	return nil, os.ErrNotExist
}

func TestFeatureCollectionEngland(t *testing.T) {
	if testing.Short() {
		t.Skip("England partition takes a while; run without -short")
	}
	in := englandInput(t)
	m, fc := buildFC(t, in)
	verify(t, in, fc)
	polys, props, _ := layers(t, fc)
	multi, bridged := 0, 0
	for i, mp := range polys["hub"] {
		if len(mp) > 1 {
			multi++
		}
		if props["hub"][i]["bridged"] == true {
			bridged++
		}
	}
	t.Logf("%d hubs (%d in several pieces, %d bridged), %d areas, %d practices",
		len(polys["hub"]), multi, bridged, len(polys["area"]), len(in.Practices))
	checkPicture(t, m, MapOptions{Title: "England", Summary: []string{"test"}})
}
