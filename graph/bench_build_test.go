package graph

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/fixture"
)

func BenchmarkBuildEngland(b *testing.B) {
	ps, mp := readEngland(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Build(context.Background(), ps, WithBoundary(mp)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 7))
	inputs := []struct {
		name string
		ps   func() []input.Practice
	}{
		{"10k", func() []input.Practice { return clustered(rng, 10_000, 40) }},
		{"100k", func() []input.Practice { return clustered(rng, 100_000, 200) }},
		{"postcodes-1.7M", func() []input.Practice {
			ps, err := input.ReadFile(context.Background(), fixture.Postcodes(b), input.ColumnAlias("code", "postcode"), input.ConstantPatients(1))
			if err != nil {
				b.Fatal(err)
			}
			return ps
		}},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			ps := in.ps()
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := Build(context.Background(), ps); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
