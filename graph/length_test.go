package graph

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestLength(t *testing.T) {
	g := FromEdges(2, [][2]int32{{0, 1}}, nil)
	if got := g.Length(0, 1); got != 1 {
		t.Errorf("abstract length %v, want 1", got)
	}
	g.XY = [][2]float64{{0, 0}, {3, 4}}
	if got := g.Length(0, 1); got != 5 {
		t.Errorf("planar length %v, want 5", got)
	}
	// One degree of latitude on the sphere of radius 6371008.8 m.
	g.Loc = []orb.Point{{0, 50}, {0, 51}}
	if got, want := g.Length(0, 1), 6371008.8*math.Pi/180; math.Abs(got-want) > 1e-6 {
		t.Errorf("great-circle length %v, want %v", got, want)
	}
}
