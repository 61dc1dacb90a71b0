package partition

import (
	"context"
	"errors"
	"testing"

	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
	"github.com/paulmach/orb"
)

// decodeInstance turns bytes into a small instance: byte 0 the number of
// sites, byte 1 the bounds, then per site a list size and a flag for a
// second practice, then edge pairs.
func decodeInstance(data []byte) (*graph.Graph, []input.Practice, []Level) {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return int(b)
	}
	n := 1 + next()%40
	bb := next()
	min := int64(bb%8) * 5000
	max := min + int64(bb/8%8)*5000
	if bb&0x80 != 0 {
		max = 0
	}
	var ps []input.Practice
	g := &graph.Graph{}
	off := []int32{0}
	var members []int32
	xy := make([][2]float64, n)
	for v := range n {
		xy[v] = [2]float64{float64(v%7) * 1000, float64(v/7) * 1000}
		k := 1 + next()%2
		for range k {
			members = append(members, int32(len(ps)))
			ps = append(ps, input.Practice{Code: code(len(ps)), Loc: orb.Point{float64(v%7) * 0.0146, 52 + float64(v/7)*0.009}, Patients: int64(next() * 500)})
		}
		off = append(off, int32(len(members)))
	}
	var edges [][2]int32
	for len(data) >= 2 {
		edges = append(edges, [2]int32{int32(next() % n), int32(next() % n)})
	}
	g = graph.FromEdges(n, edges, nil)
	g.XY, g.MemberOff, g.Members = xy, off, members
	levels := []Level{{Name: "hub", Min: min, Max: max}, {Name: "area", Min: 3 * min}}
	return g, ps, levels
}

// FuzzRun checks that Run on any small instance either returns a typed
// error or a result that passes Validate.
func FuzzRun(f *testing.F) {
	f.Add([]byte{10, 0x19, 60, 0, 80, 1, 20, 0, 90, 0, 70, 0, 40, 0, 60, 1, 10, 0, 100, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9})
	f.Add([]byte{3, 0x0b, 110, 0, 0, 0, 10, 0, 0, 1, 1, 2})
	f.Add([]byte{6, 0x99, 200, 1, 200, 1, 5, 0, 5, 0, 5, 0, 5, 0, 0, 1, 2, 3, 4, 5})
	f.Fuzz(func(t *testing.T, data []byte) {
		g, ps, levels := decodeInstance(data)
		res, err := Run(context.Background(), g, ps, levels, WithSeed(uint64(len(data))))
		if !validRun(t, g, ps, res, err) {
			return
		}
	})
}

// FuzzRunCount checks WithCount on any small instance: a typed error, or a
// result that passes Validate and, when the count asked for was not made,
// a note saying so.
func FuzzRunCount(f *testing.F) {
	f.Add([]byte{10, 0x19, 60, 0, 80, 1, 20, 0, 90, 0, 70, 0, 40, 0, 60, 1, 10, 0, 100, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9}, uint8(3))
	f.Add([]byte{12, 0x21, 40, 0, 50, 0, 30, 1, 70, 0, 20, 0, 60, 0, 40, 0, 10, 1, 90, 0, 30, 0, 50, 0, 20, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 0, 7, 2, 9}, uint8(5))
	f.Fuzz(func(t *testing.T, data []byte, k uint8) {
		g, ps, levels := decodeInstance(data)
		count := 1 + int(k)%16
		res, err := Run(context.Background(), g, ps, levels[:1], WithCount(count), WithSeed(uint64(len(data))))
		if !validRun(t, g, ps, res, err) {
			return
		}
		if got := len(res.Groups[0]); got != count && len(res.Notes) == 0 {
			t.Fatalf("WithCount(%d): %d groups and no note", count, got)
		}
	})
}

// validRun fails t when Run returned an untyped error or a result that
// does not pass Validate; it reports whether there is a result to check
// further.
func validRun(t *testing.T, g *graph.Graph, ps []input.Practice, res *Result, err error) bool {
	t.Helper()
	if err != nil {
		if !errors.Is(err, ErrBadLevel) && !errors.Is(err, ErrMismatch) && !errors.Is(err, ErrNoLevels) {
			t.Fatalf("untyped error: %v", err)
		}
		return false
	}
	if err := Validate(g, ps, res); err != nil {
		t.Fatal(err)
	}
	return true
}
