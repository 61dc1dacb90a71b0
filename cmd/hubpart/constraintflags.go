package main

import (
	"flag"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/hubpart/hubpart/export"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/partition"
)

// constraintFlags are the planner's soft and fixed constraints of the
// partition command: alignment with a column's values for hubs and areas,
// and fixed hub sites.
type constraintFlags struct {
	align, areaAlign string
	alignWeight      float64
	hubSites         string
}

func (f *constraintFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.align, "align", "", "`column` whose values hubs prefer not to cross (e.g. ccg_code); crossing only where bounds, contiguity or compactness need it")
	fs.StringVar(&f.areaAlign, "area-align", "", "`column` whose values areas prefer not to cross")
	fs.StringVar(&f.hubSites, "hub-sites", "", "`column` marking practices that must each be the hub site of their own hub (any value but blank, 0, false or no)")
	fs.Float64Var(&f.alignWeight, "align-weight", partition.DefaultAlignWeight, "price of crossing a value: a patient leaves the value of their hub only to save more than this many typical distances to the hub site (0: only measure coterminosity; inf: cross only when bounds or contiguity force it)")
}

// columns lists the practice columns the flags read.
func (f *constraintFlags) columns() []string {
	var out []string
	for _, c := range []string{f.align, f.areaAlign, f.hubSites} {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// options returns the partition options the flags ask for.
func (f *constraintFlags) options(ps []input.Practice, levels int) ([]partition.Option, error) {
	if f.alignWeight < 0 || math.IsNaN(f.alignWeight) {
		return nil, fmt.Errorf("-align-weight %v: must be 0 or more", f.alignWeight)
	}
	var opts []partition.Option
	if f.align != "" {
		labels, err := attrColumn(ps, f.align)
		if err != nil {
			return nil, fmt.Errorf("-align: %w", err)
		}
		opts = append(opts, partition.WithAlign(labels, f.alignWeight))
	}
	if f.areaAlign != "" {
		if levels < 2 {
			return nil, fmt.Errorf("-area-align %s: there is no area level (-no-areas)", f.areaAlign)
		}
		labels, err := attrColumn(ps, f.areaAlign)
		if err != nil {
			return nil, fmt.Errorf("-area-align: %w", err)
		}
		opts = append(opts, partition.WithAlignAt(1, labels, f.alignWeight))
	}
	if f.hubSites != "" {
		values, err := attrColumn(ps, f.hubSites)
		if err != nil {
			return nil, fmt.Errorf("-hub-sites: %w", err)
		}
		fixed := make([]bool, len(ps))
		for i, v := range values {
			fixed[i] = isMarked(v)
		}
		opts = append(opts, partition.WithHubSites(fixed))
	}
	return opts, nil
}

// isMarked reads a flag column: any value but blank, 0, false or no (in
// any case) marks the practice.
func isMarked(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "false", "no":
		return false
	}
	return true
}

// decorate returns the hook that writes the coterminosity of the aligned
// levels into the GeoJSON: every region of an aligned level gets COLUMN
// (its values, ascending, joined by ";") and inside_COLUMN (all its
// practices share one value); every practice gets LEVELS_crossing_COLUMN
// (e.g. hubs_crossing_ccg_code), the number of groups of that level
// crossing the practice's value. nil when nothing is aligned.
func (f *constraintFlags) decorate(ps []input.Practice) func(*export.Model, *partition.Result) {
	cols := []string{f.align, f.areaAlign}
	if f.align == "" && f.areaAlign == "" {
		return nil
	}
	return func(m *export.Model, res *partition.Result) {
		for l, col := range cols {
			if col == "" || l >= len(m.Levels) || l >= len(res.Coterminosity) || res.Coterminosity[l] == nil {
				continue
			}
			values, err := attrColumn(ps, col)
			if err != nil {
				continue // checked when the options were made
			}
			crossing := map[string]int{}
			for _, v := range res.Coterminosity[l].Values {
				crossing[v.Value] = v.Crossing
			}
			held := make([][]string, len(m.Levels[l].Regions))
			for p, g := range res.Assign[l] {
				if !slices.Contains(held[g], values[p]) {
					held[g] = append(held[g], values[p])
				}
			}
			for g := range m.Levels[l].Regions {
				rg := &m.Levels[l].Regions[g]
				slices.Sort(held[rg.ID])
				rg.Props = append(rg.Props,
					export.Property{Key: col, Value: strings.Join(held[rg.ID], ";")},
					export.Property{Key: "inside_" + col, Value: len(held[rg.ID]) == 1})
			}
			key := strings.ToLower(m.Levels[l].Name) + "s_crossing_" + col
			for p := range m.Practices {
				m.Practices[p].Props = append(m.Practices[p].Props, export.Property{Key: key, Value: crossing[values[p]]})
			}
		}
	}
}
