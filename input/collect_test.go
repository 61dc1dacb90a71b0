package input

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestCodeSet checks the duplicate check against a map, for codes in
// order, out of order from the start, and in order until a late repeat
// (where the set builds its table from the codes seen so far).
func TestCodeSet(t *testing.T) {
	ordered := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("AB%07d", i)
		}
		return out
	}
	shuffled := func(n int, seed uint64) []string {
		out := ordered(n)
		rand.New(rand.NewPCG(seed, 1)).Shuffle(n, func(i, j int) { out[i], out[j] = out[j], out[i] })
		return out
	}
	tests := []struct {
		name    string
		codes   []string
		reserve int
	}{
		{"empty code list", nil, 0},
		{"one", []string{"A"}, 0},
		{"ordered", ordered(5000), 0},
		{"ordered, reserved", ordered(5000), 5000},
		{"repeat of the last", []string{"A", "B", "B", "C"}, 0},
		{"three times", []string{"A", "B", "A", "C", "A"}, 0},
		{"late repeat of the first", append(ordered(3000), "AB0000000", "ZZ"), 3000},
		{"late repeat of the middle", append(ordered(70000), "AB0012345", "AB0012345", "ZZ"), 0},
		{"descending", []string{"C", "B", "A", "B"}, 0},
		{"shuffled", shuffled(20000, 1), 0},
		{"shuffled with repeats", append(shuffled(20000, 2), shuffled(100, 3)...), 20000},
		{"prefixes", []string{"A", "AA", "AAA", "AA", "A", ""}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var s codeSet
			if tc.reserve > 0 {
				s.reserve(tc.reserve)
			}
			seen := map[string]int{}
			for i, c := range tc.codes {
				first, dup := s.add(c, i+2)
				want, wantDup := seen[c]
				if dup != wantDup || (dup && first != want) {
					t.Fatalf("code %d %q: add = %d, %v; want %d, %v", i, c, first, dup, want, wantDup)
				}
				if !wantDup {
					seen[c] = i + 2
				}
			}
			if s.n != len(seen) {
				t.Errorf("%d codes recorded, want %d", s.n, len(seen))
			}
		})
	}
}
