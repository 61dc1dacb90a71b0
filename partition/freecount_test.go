package partition

import (
	"context"
	"testing"

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
			fixed, err := Run(context.Background(), g, ps, lv, WithSeed(1))
			if err != nil {
				t.Fatal(err)
			}
			free, err := Run(context.Background(), g, ps, lv, WithSeed(1), WithFreeCount())
			if err != nil {
				t.Fatal(err)
			}
			mustValid(t, g, ps, free)
			qf, qx := free.Quality[0], fixed.Quality[0]
			t.Logf("%d hubs %.3f km at the target; %d hubs %.3f km free; notes %q", qx.Groups, qx.MeanKm, qf.Groups, qf.MeanKm, free.Notes)
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
	lv := hubLevels[:1]
	fixed, err := Run(context.Background(), g, ps, lv, WithSeed(1))
	if err != nil {
		t.Fatal(err)
	}
	free, err := Run(context.Background(), g, ps, lv, WithSeed(1), WithFreeCount())
	if err != nil {
		t.Fatal(err)
	}
	mustValid(t, g, ps, free)
	qf, qx := free.Quality[0], fixed.Quality[0]
	t.Logf("%d hubs %.3f km at the target; %d hubs %.3f km free", qx.Groups, qx.MeanKm, qf.Groups, qf.MeanKm)
	if qf.Groups < qx.Groups+100 || qf.MeanKm >= qx.MeanKm || qf.Groups-qf.InBounds != qx.Groups-qx.InBounds {
		t.Errorf("free count: %d hubs (%d in bounds), %.3f km; at the target %d hubs (%d in bounds), %.3f km",
			qf.Groups, qf.InBounds, qf.MeanKm, qx.Groups, qx.InBounds, qx.MeanKm)
	}
}
