package partition

import (
	"context"
	"testing"
)

// BenchmarkConstraintsEngland times hubs and areas for England (seed 1)
// without constraints, with CCG alignment, with 300 fixed hub sites, and
// with every third practice a fixed hub site (2,220: crowded, the worst
// case for the bisection).
func BenchmarkConstraintsEngland(b *testing.B) {
	g, ps := loadEngland(b)
	ccg := englandCCG(b, ps)
	fixed := spreadSites(ps, 300, 50000, 8, 13)
	crowded := make([]bool, len(ps)) // every third practice: hubs cannot all be in bounds
	for p := 0; p < len(ps); p += 3 {
		crowded[p] = true
	}
	for _, c := range []struct {
		name string
		opts []Option
	}{
		{"none", nil},
		{"align", []Option{WithAlign(ccg, -1)}},
		{"hub-sites", []Option{WithHubSites(fixed)}},
		{"hub-sites-crowded", []Option{WithHubSites(crowded)}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(context.Background(), g, ps, hubLevels, append([]Option{WithSeed(1)}, c.opts...)...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
