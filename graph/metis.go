package graph

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
)

// ErrNegativeWeight is returned by WriteMETIS when a vertex weight is
// negative: METIS accepts only non-negative integer weights.
var ErrNegativeWeight = errors.New("graph: negative vertex weight")

// metisMaxTotal is the largest total vertex weight written unscaled: METIS
// (idx_t = int32 builds) sums vertex weights in 32-bit integers.
const metisMaxTotal = math.MaxInt32

// WriteMETIS writes g in the METIS graph-file format (as read by gpmetis and
// friends): a header line "n m 010" (n vertices, m undirected edges, vertex
// weights present, no edge weights), then one line per vertex holding its
// weight followed by its neighbours, 1-based, ascending. Vertex weights are
// Weight; zero weights are written as 0 (METIS accepts them).
//
// When the total weight is 2^31 or more, every weight is divided by the
// smallest integer d that brings the total below 2^31, rounding up (so a
// positive weight never becomes 0), and the file starts with a comment line
// "% vertex weights divided by d, rounded up". Any write error is returned.
func (g *Graph) WriteMETIS(w io.Writer) error {
	n := g.N()
	var total int64
	for v := range n {
		wt := g.weight(v)
		if wt < 0 {
			return fmt.Errorf("%w: vertex %d has weight %d", ErrNegativeWeight, v, wt)
		}
		if total > math.MaxInt64-wt {
			return fmt.Errorf("graph: total vertex weight overflows int64")
		}
		total += wt
	}
	div := metisDivisor(g, total)
	bw := bufio.NewWriterSize(w, 64<<10)
	if div > 1 {
		fmt.Fprintf(bw, "%% vertex weights divided by %d, rounded up (total %d exceeds 2^31-1)\n", div, total)
	}
	fmt.Fprintf(bw, "%d %d 010\n", n, g.NumEdges())
	buf := make([]byte, 0, 256)
	for v := range n {
		buf = strconv.AppendInt(buf[:0], ceilDiv(g.weight(v), div), 10)
		for _, u := range g.Neighbors(v) {
			buf = append(buf, ' ')
			buf = strconv.AppendInt(buf, int64(u)+1, 10)
		}
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func (g *Graph) weight(v int) int64 {
	if g.Weight == nil {
		return 0
	}
	return g.Weight[v]
}

// metisDivisor returns the smallest d >= 1 with sum(ceil(w/d)) <= 2^31-1,
// by binary search: the rounded sum never increases as d grows. d = total
// turns every positive weight into 1, which fits as long as there are fewer
// than 2^31 vertices (vertex indices are int32, so there are).
func metisDivisor(g *Graph, total int64) int64 {
	if total <= metisMaxTotal {
		return 1
	}
	fits := func(d int64) bool {
		var s int64
		for v := range g.N() {
			s += ceilDiv(g.weight(v), d)
			if s > metisMaxTotal {
				return false
			}
		}
		return true
	}
	lo := (total + metisMaxTotal - 1) / metisMaxTotal // lower bound: total/d <= max
	hi := total
	for lo < hi {
		mid := lo + (hi-lo)/2
		if fits(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

func ceilDiv(a, d int64) int64 {
	if d == 1 {
		return a
	}
	return (a + d - 1) / d
}
