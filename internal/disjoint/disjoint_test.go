package disjoint

import "testing"

func TestSets(t *testing.T) {
	cases := []struct {
		name   string
		n      int
		unions [][2]int32
		count  int
		roots  []int32 // Find of every member after the unions
	}{
		{"singletons", 3, nil, 3, []int32{0, 1, 2}},
		{"one pair", 4, [][2]int32{{3, 1}}, 3, []int32{0, 1, 2, 1}},
		{"chain, smallest is root", 5, [][2]int32{{4, 3}, {3, 2}, {1, 4}}, 2, []int32{0, 1, 1, 1, 1}},
		{"repeated union", 3, [][2]int32{{0, 2}, {2, 0}, {0, 0}}, 2, []int32{0, 1, 0}},
		{"all together", 4, [][2]int32{{3, 2}, {1, 0}, {2, 1}}, 1, []int32{0, 0, 0, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := New(c.n)
			for _, u := range c.unions {
				s.Union(u[0], u[1])
			}
			if s.Count() != c.count {
				t.Errorf("Count = %d, want %d", s.Count(), c.count)
			}
			for x, want := range c.roots {
				if got := s.Find(int32(x)); got != want {
					t.Errorf("Find(%d) = %d, want %d", x, got, want)
				}
			}
		})
	}
}

func TestUnionReports(t *testing.T) {
	s := New(2)
	if !s.Union(0, 1) {
		t.Error("first union of separate sets reported false")
	}
	if s.Union(1, 0) {
		t.Error("union of one set reported true")
	}
}
