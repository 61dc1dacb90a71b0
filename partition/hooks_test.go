package partition

import (
	"context"
	"math/rand/v2"
	"testing"
)

// withTerm and withPins register the hooks the way a feature's own option
// does.
func withTerm(mk termMaker) Option { return func(o *options) { o.terms = append(o.terms, mk) } }
func withPins(mk pinMaker) Option  { return func(o *options) { o.pins = append(o.pins, mk) } }

// TestPinMakerHook pins atoms through the option: Run stays valid, and the
// same maker given twice changes nothing (pins compose by "or").
func TestPinMakerHook(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	g, ps := gridInstance(rng, synthSpec{w: 20, h: 14, mean: 6000})
	every := func(lv *levelAtoms) []bool {
		pin := make([]bool, lv.n)
		for a := range pin {
			pin[a] = a%5 == 0
		}
		return pin
	}
	res, err := Run(context.Background(), g, ps, hubLevels, WithSeed(2), withPins(every))
	if err != nil {
		t.Fatal(err)
	}
	mustValid(t, g, ps, res)
	twice, err := Run(context.Background(), g, ps, hubLevels, WithSeed(2), withPins(every), withPins(every))
	if err != nil {
		t.Fatal(err)
	}
	for p := range ps {
		if res.Assign[0][p] != twice.Assign[0][p] {
			t.Fatalf("practice %d: hub %d with one pin maker, %d with the same maker twice", p, res.Assign[0][p], twice.Assign[0][p])
		}
	}
}

// TestTermHook adds a cost for every hub that mixes practices west and
// east of a line (a soft boundary): hubs crossing it become rare, and the
// result stays valid.
func TestTermHook(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	g, ps := gridInstance(rng, synthSpec{w: 24, h: 16, mean: 6000})
	const line = 11500 // metres: between columns 11 and 12
	west := func(p int32) bool { return g.XY[g.SiteOf()[p]][0] < line }
	crossing := func(res *Result) int {
		n := 0
		for _, gr := range res.Groups[0] {
			w, e := false, false
			for _, p := range gr.Members {
				if west(int32(p)) {
					w = true
				} else {
					e = true
				}
			}
			if w && e {
				n++
			}
		}
		return n
	}
	term := func(lv *levelAtoms, atoms []int32) groupTerm {
		side := make([]bool, len(atoms)) // west, per local atom
		for i, a := range atoms {
			side[i] = west(lv.practices(a)[0])
		}
		return func(members []int32, extra, skip int32) float64 {
			w, e := false, false
			visit := func(v int32) {
				if side[v] {
					w = true
				} else {
					e = true
				}
			}
			for _, v := range members {
				if v != skip {
					visit(v)
				}
			}
			if extra >= 0 {
				visit(extra)
			}
			if w && e {
				return 1e12 // far more than any distance
			}
			return 0
		}
	}
	levels := hubLevels[:1]
	plain, err := Run(context.Background(), g, ps, levels, WithSeed(1))
	if err != nil {
		t.Fatal(err)
	}
	aligned, err := Run(context.Background(), g, ps, levels, WithSeed(1), withTerm(term))
	if err != nil {
		t.Fatal(err)
	}
	mustValid(t, g, ps, aligned)
	before, after := crossing(plain), crossing(aligned)
	t.Logf("hubs crossing the line: %d without the term, %d with it", before, after)
	if after >= before || after > 2 {
		t.Errorf("hubs crossing the line: %d without the term, %d with it", before, after)
	}
}

// TestPinHook pins atoms and checks that the true-objective search never
// moves them out of their group.
func TestPinHook(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	g, ps := gridInstance(rng, synthSpec{w: 16, h: 12, mean: 6000})
	s, err := newSites(g, ps, 1)
	if err != nil {
		t.Fatal(err)
	}
	u, err := level0Units(context.Background(), s, ps, hubLevels[0], nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	pg := s.unitGraph(context.Background(), u.of, u.n, nil, u.x, u.y)
	pg.setLogLengths()
	b := bounds{30000, 50000}
	var W int64
	for _, w := range pg.w {
		W += w
	}
	sp := newSplitter(context.Background(), pg, b, 8, nil)
	vs := make([]int32, pg.n())
	for i := range vs {
		vs[i] = int32(i)
	}
	sp.splitAll(vs, int(W/40000), 9, nil)
	lab, ng := denseLabels(sp.out)
	start := append([]int32(nil), lab...)
	pinned := make([]bool, pg.n())
	for v := range pinned {
		pinned[v] = v%3 == 0
	}
	srch := newSearcher(newRefiner(context.Background(), pg, b, lab, ng), nil, pinned)
	srch.sp = sp
	rng2 := newRand(5)
	srch.run(nil, 4, 6, rng2)
	srch.perturb(200, 6, rng2, nil)
	moved := 0
	for v := range lab {
		if lab[v] != start[v] {
			moved++
			if pinned[v] {
				t.Fatalf("pinned atom %d moved from group %d to %d", v, start[v], lab[v])
			}
		}
	}
	if moved == 0 {
		t.Error("the search moved nothing: the test shows nothing")
	}
}
