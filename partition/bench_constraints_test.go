package partition

import (
	"context"
	"testing"
)

// BenchmarkConstraintsEngland times hubs and areas for England (seed 1)
// without constraints, with CCG alignment, and with 300 fixed hub sites.
func BenchmarkConstraintsEngland(b *testing.B) {
	g, ps := loadEngland(b)
	ccg := englandCCG(b, ps)
	fixed := spreadSites(ps, 300, 50000, 8, 13)
	for _, c := range []struct {
		name string
		opts []Option
	}{
		{"none", nil},
		{"align", []Option{WithAlign(ccg, -1)}},
		{"hub-sites", []Option{WithHubSites(fixed)}},
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
