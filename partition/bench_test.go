package partition

import (
	"context"
	"testing"
)

func BenchmarkRunEngland(b *testing.B) {
	ps, _ := readEngland(b)
	g := delaunaySites(b, ps)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), g, ps, hubLevels); err != nil {
			b.Fatal(err)
		}
	}
}
