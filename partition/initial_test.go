package partition

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestWithInitial runs small paths of practices (one site each, adjacent
// along the path) from initial labels and checks what the repair keeps
// and moves. Bounds are hubs of [30,000, 50,000].
func TestWithInitial(t *testing.T) {
	cases := []struct {
		name   string
		sizes  []int
		labels []string
		opts   []Option
		hubs   [][]int // expected hubs (practice indices); nil: not checked
		moved  int64   // patients moved
		kept   int     // initial groups kept exactly
		class  map[string]string
	}{
		{
			// A A | B B | C   every group valid: nothing changes
			name: "all valid", sizes: []int{20000, 20000, 15000, 25000, 40000}, labels: []string{"A", "A", "B", "B", "C"},
			hubs: [][]int{{0, 1}, {2, 3}, {4}}, kept: 3,
			class: map[string]string{"A": ChangeKept, "B": ChangeKept, "C": ChangeKept},
		},
		{
			// A A A A (80,000) is split into two hubs of A: nobody moves
			name: "oversize split", sizes: []int{20000, 20000, 20000, 20000}, labels: []string{"A", "A", "A", "A"},
			hubs: [][]int{{0, 1}, {2, 3}}, class: map[string]string{"A": ChangeSplit},
		},
		{
			// A A X B B: X (2,000) has only kept neighbours; one must take it
			name: "undersize between kept groups", sizes: []int{20000, 15000, 2000, 20000, 15000}, labels: []string{"A", "A", "X", "B", "B"},
			moved: 2000, kept: 1, class: map[string]string{"X": ChangeMerged},
		},
		{
			// A A B B B A: the last A (1,000) is detached and joins B
			name: "detached part", sizes: []int{20000, 15000, 10000, 14000, 14000, 1000}, labels: []string{"A", "A", "B", "B", "B", "A"},
			hubs: [][]int{{0, 1}, {2, 3, 4, 5}}, moved: 1000,
			class: map[string]string{"A": ChangeShrunk, "B": ChangeGrown},
		},
		{
			// A A _ : the free practice joins A without moving anyone
			name: "free practice", sizes: []int{20000, 15000, 5000}, labels: []string{"A", "A", ""},
			hubs: [][]int{{0, 1, 2}}, class: map[string]string{"A": ChangeGrown},
		},
		{
			// A A B B B B: A (25,000) takes one practice of B (50,000 -> 43,000)
			name: "undersize absorbs", sizes: []int{15000, 10000, 7000, 15000, 14000, 14000}, labels: []string{"A", "A", "B", "B", "B", "B"},
			hubs: [][]int{{0, 1, 2}, {3, 4, 5}}, moved: 7000,
			class: map[string]string{"A": ChangeGrown, "B": ChangeShrunk},
		},
		{
			// as "undersize between kept groups" with a budget of 1,000
			// patients: X stays out of bounds, A and B stay kept
			name: "budget", sizes: []int{20000, 15000, 2000, 20000, 15000}, labels: []string{"A", "A", "X", "B", "B"},
			opts: []Option{WithMaxMoved(1000)}, hubs: [][]int{{0, 1}, {2}, {3, 4}}, kept: 3,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, ps := path(c.sizes...)
			opts := append([]Option{WithInitial(c.labels), WithSeed(3)}, c.opts...)
			res, err := Run(context.Background(), g, ps, hubLevels[:1], opts...)
			if err != nil {
				t.Fatal(err)
			}
			mustValid(t, g, ps, res)
			if c.hubs != nil {
				var got [][]int
				for _, gr := range res.Groups[0] {
					got = append(got, gr.Members)
				}
				if !reflect.DeepEqual(got, c.hubs) {
					t.Errorf("hubs %v, want %v", got, c.hubs)
				}
			}
			d := res.Change.Summary
			if d.PatientsMoved != c.moved {
				t.Errorf("%d patients moved, want %d", d.PatientsMoved, c.moved)
			}
			if c.kept > 0 && d.Kept != c.kept {
				t.Errorf("%d groups kept, want %d", d.Kept, c.kept)
			}
			for _, gi := range res.Change.Groups {
				if want, ok := c.class[gi.Label]; ok && gi.Class != want {
					t.Errorf("group %s: %s, want %s", gi.Label, gi.Class, want)
				}
			}
		})
	}
}

// TestWithInitialBudget checks that a group left out of bounds by the
// budget says so.
func TestWithInitialBudget(t *testing.T) {
	g, ps := path(20000, 15000, 2000, 20000, 15000)
	res, err := Run(context.Background(), g, ps, hubLevels[:1], WithInitial([]string{"A", "A", "X", "B", "B"}), WithMaxMoved(1000))
	if err != nil {
		t.Fatal(err)
	}
	gr := res.Groups[0][res.Assign[0][2]]
	if gr.Status != StatusOutOfBounds || !strings.Contains(gr.Reason, "budget of 1,000 patients moved") {
		t.Errorf("X: %s %q, want out-of-bounds for the budget", gr.Status, gr.Reason)
	}
}

// TestWithInitialLocked combines an initial configuration with locked
// sets: locked practices share a hub even when their initial groups differ.
func TestWithInitialLocked(t *testing.T) {
	g, ps := path(20000, 15000, 10000, 20000, 15000)
	locked := []string{"", "L", "L", "", ""}
	res, err := Run(context.Background(), g, ps, hubLevels[:1], WithInitial([]string{"A", "A", "B", "B", "B"}), WithLocked(locked))
	if err != nil {
		t.Fatal(err)
	}
	mustValid(t, g, ps, res)
	if a := res.Assign[0]; a[1] != a[2] {
		t.Errorf("locked practices 1 and 2 in hubs %d and %d", a[1], a[2])
	}
}

func TestWithInitialErrors(t *testing.T) {
	g, ps := path(20000, 15000)
	_, err := Run(context.Background(), g, ps, hubLevels[:1], WithInitial([]string{"A"}))
	if !errors.Is(err, ErrMismatch) {
		t.Errorf("short labels: %v, want ErrMismatch", err)
	}
	_, err = Run(context.Background(), g, ps, hubLevels[:1], WithInitial([]string{"A", "A"}), WithMaxMoved(-1))
	if !errors.Is(err, ErrBadLevel) {
		t.Errorf("negative budget: %v, want ErrBadLevel", err)
	}
}

// TestWithInitialDeterministic checks that a synthetic instance started
// from arbitrary labels gives the same result on one and two workers.
func TestWithInitialDeterministic(t *testing.T) {
	g, ps := gridInstance(newRand(7), synthSpec{w: 30, h: 30, holes: 0.1, islands: 2, shared: 0.2, mean: 9000, oversize: 2, over: 50000})
	labels := make([]string, len(ps))
	for p := range ps {
		v := p
		if g.MemberOff != nil {
			for s := range g.N() {
				for _, q := range g.SiteMembers(s) {
					if int(q) == p {
						v = s
					}
				}
			}
		}
		xy := g.XY[v]
		labels[p] = string(rune('a'+int(xy[0]/4000)%26)) + string(rune('a'+int(xy[1]/3000)%26))
		if p%17 == 0 {
			labels[p] = ""
		}
	}
	var results []*Result
	for _, w := range []int{1, 2} {
		res, err := Run(context.Background(), g, ps, hubLevels, WithInitial(labels), WithSeed(5), WithWorkers(w))
		if err != nil {
			t.Fatal(err)
		}
		mustValid(t, g, ps, res)
		results = append(results, res)
	}
	if !reflect.DeepEqual(results[0].Assign, results[1].Assign) || !reflect.DeepEqual(results[0].Change, results[1].Change) {
		t.Error("one and two workers differ")
	}
}

// TestWithInitialStrata starts from a group that crosses strata: the hubs
// never do, and the parts on each side are repaired on their own.
func TestWithInitialStrata(t *testing.T) {
	g, ps := path(20000, 15000, 10000, 20000, 15000, 12000)
	strata := []string{"w", "w", "w", "e", "e", "e"}
	from := []string{"A", "A", "B", "B", "C", "C"}
	res, err := Run(context.Background(), g, ps, hubLevels[:1], WithInitial(from), WithStrata(strata), WithCount(5))
	if err != nil {
		t.Fatal(err)
	}
	mustValid(t, g, ps, res)
	for _, gr := range res.Groups[0] {
		for _, p := range gr.Members {
			if strata[p] != strata[gr.Members[0]] {
				t.Fatalf("hub %d crosses strata: %v", gr.ID, gr.Members)
			}
		}
	}
	if !slicesContainsPrefix(res.Notes, "5 hubs requested") {
		t.Errorf("notes %q lack the ignored count", res.Notes)
	}
}

func slicesContainsPrefix(ss []string, prefix string) bool {
	for _, s := range ss {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}
