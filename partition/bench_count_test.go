package partition

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkRunCountFar times WithCount on a small instance FuzzRunCount
// found (testdata/slow/runcount-far.fuzz, in the fuzzer's format: 31
// practices on 21 sites, hubs of [20,000, 50,000]) with a count far from
// the 25 hubs it takes unasked. Without WithCount it runs in about 10 ms;
// with any count from 1 to 16 in about 2 s at first, nearly all of it in
// the chains of moves (balanceGroups) that resplitAround runs after each
// re-split of the groups round each one out of bounds (1.1-1.4 s since the
// chains stopped searching lists for the atoms already moved and the moves
// already listed). Under the fuzzer's coverage instrumentation a variant
// took over its 10 s limit.
func BenchmarkRunCountFar(b *testing.B) {
	raw, err := os.ReadFile("testdata/slow/runcount-far.fuzz")
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	data, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
	if err != nil {
		b.Fatal(err)
	}
	g, ps, levels := decodeInstance([]byte(data))
	for b.Loop() {
		res, err := Run(context.Background(), g, ps, levels[:1], WithCount(7), WithSeed(uint64(len(data))))
		if err != nil {
			b.Fatal(err)
		}
		if err := Validate(g, ps, res); err != nil {
			b.Fatal(err)
		}
	}
}
