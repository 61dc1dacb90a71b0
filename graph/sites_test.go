package graph

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/input"
	"github.com/hubpart/hubpart/internal/parallel"
)

// manyPractices returns n practices on a coarse grid, so that many share a
// location, with -0/+0 and ±180° longitudes and the poles among them.
func manyPractices(n int) []input.Practice {
	rng := rand.New(rand.NewPCG(3, 4))
	ps := make([]input.Practice, n)
	for i := range ps {
		lon, lat := float64(rng.IntN(300))/100, float64(rng.IntN(300))/100
		switch i % 1000 {
		case 1:
			lon = math.Copysign(0, -1)
		case 2:
			lon = -180
		case 3:
			lon = 180
		case 4:
			lat = 90
		}
		ps[i] = practice(fmt.Sprint("P", i), lon, lat, rng.IntN(50))
	}
	return ps
}

// TestGroupSitesAnyCores: the sites, their members and weights are those of
// a map from normalised location to first practice, at any core count.
func TestGroupSitesAnyCores(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	ps := manyPractices(3*parallel.Min + 11)
	norm := func(p orb.Point) orb.Point {
		lon, lat := p[0]+0, p[1]+0
		switch {
		case lat == 90 || lat == -90:
			lon = 0
		case lon == -180:
			lon = 180
		}
		return orb.Point{lon, lat}
	}
	site := map[orb.Point]int32{}
	var members [][]int32
	var weight []int64
	for i, p := range ps {
		s, ok := site[norm(p.Loc)]
		if !ok {
			s = int32(len(members))
			site[norm(p.Loc)] = s
			members = append(members, nil)
			weight = append(weight, 0)
		}
		members[s] = append(members[s], int32(i))
		weight[s] += p.Patients
	}
	for _, procs := range []int{1, 2, 3} {
		runtime.GOMAXPROCS(procs)
		g, err := groupSites(context.Background(), ps)
		if err != nil {
			t.Fatal(err)
		}
		if g.N() != len(members) {
			t.Fatalf("GOMAXPROCS %d: %d sites, want %d", procs, g.N(), len(members))
		}
		for s := range members {
			if !slices.Equal(g.SiteMembers(s), members[s]) || g.Weight[s] != weight[s] || g.Loc[s] != ps[members[s][0]].Loc {
				t.Fatalf("GOMAXPROCS %d: site %d has %v (%d patients) at %v, want %v (%d) at %v", procs, s,
					g.SiteMembers(s), g.Weight[s], g.Loc[s], members[s], weight[s], ps[members[s][0]].Loc)
			}
		}
	}
}

// TestGroupSitesFirstBad: with many practices checked on several cores,
// the error still names the first bad practice in input order.
func TestGroupSitesFirstBad(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	n := 3*parallel.Min + 11
	late, early := n-5, parallel.Min/2
	cases := []struct {
		name  string
		spoil func(ps []input.Practice)
		want  error
		index int
	}{
		{"location before negative", func(ps []input.Practice) {
			ps[late].Patients = -1
			ps[early].Loc[1] = math.NaN()
		}, ErrBadLocation, early},
		{"negative before location", func(ps []input.Practice) {
			ps[late].Loc[0] = 200
			ps[early].Patients = -3
		}, input.ErrNegativePatients, early},
		{"total passes int64 across ranges", func(ps []input.Practice) {
			ps[early].Patients = math.MaxInt64 / 2
			ps[late-10].Patients = math.MaxInt64/2 + 1e6
			ps[late].Loc[0] = 200
		}, ErrTooManyPatients, late - 10},
	}
	for _, c := range cases {
		for _, procs := range []int{1, 2, 4} {
			runtime.GOMAXPROCS(procs)
			ps := manyPractices(n)
			c.spoil(ps)
			_, err := groupSites(context.Background(), ps)
			var pe *PracticeError
			if !errors.Is(err, c.want) || !errors.As(err, &pe) || pe.Index != c.index {
				t.Errorf("%s, GOMAXPROCS %d: got %v, want %v at practice %d", c.name, procs, err, c.want, c.index)
			}
		}
	}
}

// TestGroupSitesCancelled: a cancelled context stops the grouping, but a
// bad practice is still the error reported.
func TestGroupSitesCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ps := manyPractices(2 * parallel.Min)
	if _, err := groupSites(ctx, ps); !errors.Is(err, context.Canceled) {
		t.Errorf("good practices: got %v, want context.Canceled", err)
	}
	ps[7].Patients = -1
	if _, err := groupSites(ctx, ps); !errors.Is(err, input.ErrNegativePatients) {
		t.Errorf("bad practice: got %v, want input.ErrNegativePatients", err)
	}
}
