package graph

import (
	"context"
	"testing"

	"github.com/hubpart/hubpart/synth"
)

// BenchmarkGroupSites: finding the distinct locations of 1,684,685 clustered
// points (the number of GB postcodes; 8.5% share a point with another).
func BenchmarkGroupSites(b *testing.B) {
	pts, err := synth.GeneratePoints(synth.PointsOptions{Points: 1_684_685, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	ps := pts.Practices()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := groupSites(context.Background(), ps); err != nil {
			b.Fatal(err)
		}
	}
}
