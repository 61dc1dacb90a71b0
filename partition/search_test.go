package partition

import (
	"context"
	"slices"
	"testing"
)

// TestNearChanged: after groups change, the atoms worth trying again are
// those of the changed groups and the atoms next to them.
func TestNearChanged(t *testing.T) {
	// A path of 12 atoms in four groups of three: 0–2, 3–5, 6–8, 9–11.
	w := make([]int64, 12)
	for i := range w {
		w[i] = 10
	}
	for _, tc := range []struct {
		name    string
		changed []int32 // groups changed after the start
		want    []int32
	}{
		{"nothing", nil, nil},
		{"first", []int32{0}, []int32{0, 1, 2, 3}},
		{"inner", []int32{1}, []int32{2, 3, 4, 5, 6}},
		{"two apart", []int32{0, 2}, []int32{0, 1, 2, 3, 5, 6, 7, 8, 9}},
		{"all", []int32{0, 1, 2, 3}, []int32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lab := []int32{0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3}
			s := newSearcher(newRefiner(context.Background(), linePgraph(w), bounds{20, 40}, lab, 4), nil, nil)
			s.round = 5
			since := s.round
			for _, a := range tc.changed {
				s.changedAt[a] = since
			}
			if got := s.nearChanged(since); !slices.Equal(got, tc.want) {
				t.Errorf("nearChanged = %v, want %v", got, tc.want)
			}
		})
	}
}
