package partition

import (
	"math"
	"testing"
)

func TestNum(t *testing.T) {
	cases := []struct {
		in   int64
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {50000, "50,000"}, {89786, "89,786"},
		{1234567, "1,234,567"}, {-1234, "-1,234"}, {math.MaxInt64, "no maximum"},
	}
	for _, c := range cases {
		if got := num(c.in); got != c.want {
			t.Errorf("num(%d) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCountAndLists(t *testing.T) {
	cases := []struct {
		name, got, want string
	}{
		{"one", count(1, "practice"), "1 practice"},
		{"none", count(0, "hub"), "0 hubs"},
		{"many", count(1517, "hub"), "1,517 hubs"},
		{"plural kept", count(2, "areas"), "2 areas"},
		{"one code", listCodes([]string{"A"}), "A"},
		{"two codes", listCodes([]string{"A", "B"}), "A and B"},
		{"three codes", listCodes([]string{"A", "B", "C"}), "A, B and C"},
		{"long list", listCodes([]string{"A", "B", "C", "D", "E", "F", "G"}), "A, B, C, D, E and 2 more"},
		{"bounds", span(bounds{30000, 50000}), "30,000–50,000"},
		{"no max", span(bounds{100000, math.MaxInt64}), "at least 100,000"},
		{"cut off one", cutOff(1, 16867, "hub", 30000), "it is cut off from the rest and has 16,867 patients, below the hub minimum 30,000"},
		{"cut off many", cutOff(3, 26867, "hub", 30000), "its 3 practices are cut off from the rest and have 26,867 patients in all, below the hub minimum 30,000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %q, want %q", c.got, c.want)
			}
		})
	}
}
