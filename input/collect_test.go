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

// TestPracticeBuf adds numbered practices, reserving room after some of
// them (the reserved slice arriving before the next record, or only when
// the result is asked for), and checks that every practice comes out once,
// in order, in a slice of exactly their number, and that the reserved slice
// holds them when it was large enough and arrived before the end.
func TestPracticeBuf(t *testing.T) {
	tests := []struct {
		name      string
		n         int
		reserveAt int // records read when reserve is called (-1: never)
		estimate  int
		early     bool // the slice arrives before the next record
		direct    bool // the result is the reserved slice itself
	}{
		{"no practices", 0, -1, 0, false, false},
		{"few, no reserve", 10, -1, 0, false, false},
		{"many, no reserve", 50000, -1, 0, false, false},
		{"exact estimate, arrives at once", 50000, 512, 50000, true, true},
		{"exact estimate, arrives at the end", 50000, 512, 50000, false, true},
		{"high estimate", 50000, 512, 51000, true, true},
		{"well-off estimate is trimmed", 50000, 512, 80000, true, false},
		{"short estimate", 50000, 512, 30000, true, false},
		{"short estimate, arrives at the end", 50000, 512, 30000, false, false},
		{"estimate below what was read", 50000, 40000, 39000, true, false},
		{"reserved late, after several chunks", 50000, 20000, 50000, true, true},
		{"reserved late, arrives at the end", 50000, 20000, 50000, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			release := make(chan struct{})
			defer func(f func(int) []Practice) { makeReserved = f }(makeReserved)
			made := makeReserved
			makeReserved = func(n int) []Practice {
				if !tc.early {
					<-release // held back until every record is in
				}
				return made(n)
			}
			var b practiceBuf
			var reserved []Practice
			for i := range tc.n {
				if i == tc.reserveAt {
					b.reserve(tc.estimate)
					if tc.early && b.pending != nil {
						b.take(true)
						reserved = b.direct
					}
				}
				b.add(Practice{Code: fmt.Sprint(i), Patients: int64(i)})
			}
			if tc.reserveAt >= 0 && !tc.early && b.pending == nil {
				t.Fatal("the reserved slice was taken before the end")
			}
			close(release)
			out := b.slice()
			if b.pending != nil {
				t.Fatal("slice left the reserved slice pending")
			}
			if len(out) != tc.n || (tc.n > 0 && cap(out) > tc.n+tc.n/16) {
				t.Fatalf("len %d cap %d, want len %d", len(out), cap(out), tc.n)
			}
			for i, p := range out {
				if p.Patients != int64(i) || p.Code != fmt.Sprint(i) {
					t.Fatalf("practice %d is %+v", i, p)
				}
			}
			if tc.early && tc.direct && (len(out) == 0 || &reserved[:1][0] != &out[0]) {
				t.Error("the result is not the reserved slice")
			}
			if tc.direct && cap(out) < tc.estimate && tc.estimate <= tc.n+tc.n/16 {
				t.Errorf("cap %d, want the reserved %d", cap(out), tc.estimate)
			}
		})
	}
}
