package graph

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestLand(t *testing.T) {
	// A 10 × 10 square with a 2 × 2 hole in the middle, and a separate
	// 2 × 2 island to its right:
	//
	//	+---------+
	//	|         |    +-+
	//	|   +-+   |    | |
	//	|   +-+   |    +-+
	//	|         |
	//	+---------+
	//	0         10   14 16
	square := orb.Polygon{
		{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
		{{4, 4}, {4, 6}, {6, 6}, {6, 4}, {4, 4}},
	}
	island := orb.Polygon{{{14, 4}, {16, 4}, {16, 6}, {14, 6}, {14, 4}}}
	l := newLand(orb.MultiPolygon{square, island}, func(p orb.Point) [2]float64 { return [2]float64{p[0], p[1]} })

	inside := []struct {
		name string
		p    [2]float64
		want bool
	}{
		{"in square", [2]float64{1, 1}, true},
		{"in hole", [2]float64{5, 5}, false},
		{"between", [2]float64{12, 5}, false},
		{"on island", [2]float64{15, 5}, true},
		{"left of everything", [2]float64{-3, 5}, false},
		{"right of everything", [2]float64{20, 5}, false},
		{"level with a vertex", [2]float64{2, 4}, true},
	}
	for _, c := range inside {
		t.Run("inside/"+c.name, func(t *testing.T) {
			if got := l.inside(c.p); got != c.want {
				t.Errorf("inside(%v) = %v, want %v", c.p, got, c.want)
			}
		})
	}

	outside := []struct {
		name string
		a, b [2]float64
		want float64
	}{
		{"all inside", [2]float64{1, 1}, [2]float64{3, 9}, 0},
		{"all outside", [2]float64{11, 0}, [2]float64{13, 0}, 2},
		{"across the hole", [2]float64{2, 5}, [2]float64{8, 5}, 2},
		{"to the island", [2]float64{9, 5}, [2]float64{15, 5}, 4},
		{"through hole corners", [2]float64{3, 3}, [2]float64{7, 7}, 2 * math.Sqrt2},
		{"along the coast", [2]float64{0, 0}, [2]float64{10, 0}, 0},
		{"zero length", [2]float64{12, 12}, [2]float64{12, 12}, 0},
		{"from outside into square", [2]float64{-2, 1}, [2]float64{2, 1}, 2},
	}
	for _, c := range outside {
		t.Run("outside/"+c.name, func(t *testing.T) {
			got := l.outside(c.a, c.b)
			if math.Abs(got-c.want) > 1e-9 {
				t.Errorf("outside(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
			}
			if back := l.outside(c.b, c.a); math.Abs(back-got) > 1e-9 {
				t.Errorf("not symmetric: %v one way, %v the other", got, back)
			}
		})
	}
}
