package partition

import (
	"context"
	"testing"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/regions"
)

// TestFreeCount: letting the distance choose the count on the comparison
// regions makes at least as many hubs as the target, all within bounds and
// valid, with a lower patient-weighted distance, and says so in a note.
func TestFreeCount(t *testing.T) {
	for _, r := range regions.All[:2] {
		t.Run(r.Name, func(t *testing.T) {
			g, ps, err := regions.Load(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			lv := []Level{{Name: "hub", Min: 30000, Max: 50000}}
			qx, qf, free := fixedAndFree(t, g, ps, lv)
			if qf.Groups < qx.Groups || qf.InBounds != qf.Groups || qf.MeanKm > qx.MeanKm || len(free.Notes) == 0 {
				t.Errorf("free count: %d hubs (%d in bounds) %.3f km, notes %q; at the target %d hubs %.3f km",
					qf.Groups, qf.InBounds, qf.MeanKm, free.Notes, qx.Groups, qx.MeanKm)
			}
		})
	}
}

// TestFreeCountEngland: on England's hubs (6,054 sites, a piece that
// would otherwise be refined in regions, where no groups are added) the
// free count adds hubs within bounds and brings them closer.
func TestFreeCountEngland(t *testing.T) {
	g, ps := loadEngland(t)
	qx, qf, _ := fixedAndFree(t, g, ps, hubLevels[:1])
	if qf.Groups < qx.Groups+100 || qf.MeanKm >= qx.MeanKm || qf.Groups-qf.InBounds != qx.Groups-qx.InBounds {
		t.Errorf("free count: %d hubs (%d in bounds), %.3f km; at the target %d hubs (%d in bounds), %.3f km",
			qf.Groups, qf.InBounds, qf.MeanKm, qx.Groups, qx.InBounds, qx.MeanKm)
	}
}

// fixedAndFree runs lv on g at its target count and with a free count
// (seed 1), checks the free result, and returns the first level's quality
// of each and the free result.
func fixedAndFree(t *testing.T, g *graph.Graph, ps []input.Practice, lv []Level) (fixed, free Quality, res *Result) {
	t.Helper()
	x, err := Run(context.Background(), g, ps, lv, WithSeed(1))
	if err != nil {
		t.Fatal(err)
	}
	res, err = Run(context.Background(), g, ps, lv, WithSeed(1), WithFreeCount())
	if err != nil {
		t.Fatal(err)
	}
	mustValid(t, g, ps, res)
	fixed, free = x.Quality[0], res.Quality[0]
	t.Logf("%d hubs %.3f km at the target; %d hubs %.3f km free; notes %q", fixed.Groups, fixed.MeanKm, free.Groups, free.MeanKm, res.Notes)
	return fixed, free, res
}
