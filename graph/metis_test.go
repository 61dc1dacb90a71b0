package graph

import (
	"bufio"
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestWriteMETIS(t *testing.T) {
	// 0 - 1 - 2, 3 isolated.
	g := FromEdges(4, [][2]int32{{0, 1}, {2, 1}}, nil)
	g.Weight = []int64{5, 0, 7, 2}
	var sb strings.Builder
	if err := g.WriteMETIS(&sb); err != nil {
		t.Fatal(err)
	}
	want := "4 2 010\n5 2\n0 1 3\n7 2\n2\n"
	if sb.String() != want {
		t.Errorf("got\n%q\nwant\n%q", sb.String(), want)
	}
}

func TestWriteMETISScaling(t *testing.T) {
	cases := []struct {
		name    string
		weights []int64
		wantDiv int64
	}{
		{name: "just below limit", weights: []int64{1<<31 - 2, 1}, wantDiv: 1},
		{name: "at 2^31", weights: []int64{1 << 30, 1 << 30}, wantDiv: 2},
		{name: "rounding pushes divisor up", weights: []int64{1<<31 - 1, 1, 1, 1}, wantDiv: 2},
		{name: "huge", weights: []int64{1 << 40, 3, 0, 1 << 39}, wantDiv: 769},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := FromEdges(len(c.weights), nil, nil)
			g.Weight = c.weights
			var sb strings.Builder
			if err := g.WriteMETIS(&sb); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(strings.NewReader(sb.String()))
			var lines []string
			for sc.Scan() {
				lines = append(lines, sc.Text())
			}
			if c.wantDiv > 1 {
				if !strings.HasPrefix(lines[0], "% vertex weights divided by "+strconv.FormatInt(c.wantDiv, 10)+",") {
					t.Fatalf("first line %q does not state divisor %d", lines[0], c.wantDiv)
				}
				lines = lines[1:]
			} else if strings.HasPrefix(lines[0], "%") {
				t.Fatalf("unexpected comment %q", lines[0])
			}
			var total int64
			for i, l := range lines[1:] {
				w, err := strconv.ParseInt(l, 10, 64)
				if err != nil {
					t.Fatal(err)
				}
				if want := (c.weights[i] + c.wantDiv - 1) / c.wantDiv; w != want {
					t.Errorf("vertex %d weight %d, want %d", i, w, want)
				}
				if c.weights[i] > 0 && w < 1 {
					t.Errorf("positive weight of vertex %d became %d", i, w)
				}
				total += w
			}
			if total >= 1<<31 {
				t.Errorf("scaled total %d still >= 2^31", total)
			}
			// The divisor is the smallest that fits.
			if c.wantDiv > 1 {
				var s int64
				for _, w := range c.weights {
					s += (w + c.wantDiv - 2) / (c.wantDiv - 1)
				}
				if s < 1<<31 {
					t.Errorf("divisor %d is not the smallest: %d fits", c.wantDiv, c.wantDiv-1)
				}
			}
		})
	}
}

func TestWriteMETISNegativeWeight(t *testing.T) {
	g := FromEdges(2, [][2]int32{{0, 1}}, nil)
	g.Weight = []int64{3, -1}
	err := g.WriteMETIS(&strings.Builder{})
	if !errors.Is(err, ErrNegativeWeight) {
		t.Errorf("err = %v, want ErrNegativeWeight", err)
	}
}

type failWriter struct{}

var errWrite = errors.New("disk full")

func (failWriter) Write(p []byte) (int, error) { return 0, errWrite }

func TestWriteMETISWriteError(t *testing.T) {
	g := FromEdges(2, [][2]int32{{0, 1}}, nil)
	if err := g.WriteMETIS(failWriter{}); !errors.Is(err, errWrite) {
		t.Errorf("err = %v, want the writer's error", err)
	}
}
