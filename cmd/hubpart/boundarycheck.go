package main

import (
	"fmt"
	"io"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/input"
)

// checkInsideBoundary counts the practices outside the land outline. None
// inside is an error (a wrong file, or latitude and longitude swapped);
// some outside is a one-line warning on stderr naming the first, since
// their hubs then reach beyond the outline to them.
func checkInsideBoundary(ps []input.Practice, b orb.MultiPolygon, stderr io.Writer) error {
	if len(b) == 0 || len(ps) == 0 {
		return nil
	}
	ix := newBoundaryIndex(b) // polygon.Contains, through an index of the outline's edges
	outside, first := 0, ""
	for i := range ps {
		if !ix.contains(ps[i].Loc) {
			if outside == 0 {
				first = ps[i].Code
			}
			outside++
		}
	}
	switch {
	case outside == len(ps):
		return fmt.Errorf("-boundary: none of the %s practices lies inside the outline (another area, or latitude and longitude swapped?)", thousands(len(ps)))
	case outside > 0:
		fmt.Fprintf(stderr, "warning: %s of %s practices lie outside the -boundary outline (first: %s); their hubs reach beyond it to them\n",
			thousands(outside), thousands(len(ps)), safeText(first))
	}
	return nil
}
