package partition

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/hubpart/hubpart/internal/disjoint"
	"github.com/hubpart/hubpart/internal/parallel"
)

// levelOut is the solution of one level on its atom graph.
type levelOut struct {
	lab     []int32 // group of every atom, dense ids ordered by smallest atom
	status  []Status
	reason  []string
	notes   []string
	ngroups int
}

// piece is a connected set of non-oversize atoms solved independently.
type piece struct {
	atoms    []int32 // ascending
	W        int64
	k        int
	feasible bool
	attachTo int32 // oversize atom this stranded piece joins, or -1
	keptBad  int   // groups out of bounds in its best split that kept k (WithCount)
}

type levelParams struct {
	b       bounds
	target  float64 // target group weight (> 0)
	count   int     // requested total groups (0: use target)
	free    bool    // the objective chooses the count (WithFreeCount)
	effort  int
	seed    uint64
	workers int
	name    string // the level's name: "hub", "area"
	pin     []bool // per atom: a fixed hub site (sites.go), or nil
	words   levelWords
	atoms   *levelAtoms
	terms   []termMaker
	pins    []pinMaker
	// levelAtoms is the number of atoms of all the level's pieces solved
	// together (solvePieces): the number of starts follows it, so a level
	// cut into many pieces (strata, alignment) does not multiply its work.
	levelAtoms int
	// idle starts the caller's work beside the run (WithIdle), or is nil.
	idle func()
}

// levelWords lets a level name its atoms in the planner's words.
type levelWords struct {
	// practices is the number of practices of every atom.
	practices []int32
	// describe names an atom: "practice E85124", "practices A and B
	// (locked together)", "hub 12"; plural reports whether it names
	// several practices or groups.
	describe func(atom int32) (name string, plural bool)
}

// solveLevel groups the atoms of ag (whose edges never cross strata): atoms
// above the maximum become oversize groups, the connected pieces of the
// others are solved independently, and the groups are numbered by smallest
// atom.
func solveLevel(ctx context.Context, ag *pgraph, p levelParams, progress func(string, int, int)) (*levelOut, error) {
	over := oversizeAtoms(ag, p.b)
	pieces, err := findPieces(ctx, ag, over)
	if err != nil {
		return nil, err
	}
	attachStranded(ag, pieces, over, p.b)
	out := &levelOut{}
	noversize := 0
	for _, o := range over {
		if o {
			noversize++
		}
	}
	chooseK(pieces, noversize, p, &out.notes)
	crowded := pinK(ag, pieces, p, &out.notes)
	results, err := solvePieces(ctx, ag, pieces, p, progress)
	if err != nil {
		return nil, err
	}
	lab, status, reason := labelGroups(ag, pieces, results, over, p, &out.notes)
	pinNotes(ag, lab, status, reason, crowded, p, &out.notes)
	out.setCanonical(lab, status, reason)
	if p.free && p.count == 0 {
		out.notes = append(out.notes, fmt.Sprintf("the distance to the hub sites chose %s (the target %s asks for about %s)", count(out.ngroups, p.name), num(int64(math.Round(p.target))), num(int64(targetGroups(pieces, noversize)))))
	}
	if p.count > 0 && out.ngroups != p.count {
		note := fmt.Sprintf("%s requested, %s made", count(p.count, p.name), num(int64(out.ngroups)))
		bad := 0
		for _, pc := range pieces {
			bad += pc.keptBad
		}
		if bad > 0 {
			note += fmt.Sprintf(": no plan of %s was found with every one contiguous and within %s (the best that kept the count left %s out of bounds), so a plan within bounds with another count is given",
				count(p.count, p.name), span(p.b), count(bad, p.name))
		}
		out.notes = append(out.notes, note)
	}
	return out, nil
}

// targetGroups is the number of groups the target alone would give.
func targetGroups(pieces []*piece, oversize int) int {
	n := oversize
	for _, pc := range pieces {
		n += pc.k
	}
	return n
}

// oversizeAtoms marks the atoms heavier than the maximum.
func oversizeAtoms(ag *pgraph, b bounds) []bool {
	over := make([]bool, ag.n())
	for v := range over {
		over[v] = ag.w[v] > b.max
	}
	return over
}

// findPieces returns the connected components of the atoms not marked
// over, in order of smallest atom, each with its atoms ascending. The edges
// are united in a union-find forest on all cores (disjoint.UnionShared: a
// larger root is always linked under a smaller one, so each component's
// root is its smallest atom whatever the order of the unions), and a pass
// over the atoms in order then numbers the pieces and lists each one's
// atoms (already ascending, with no sort).
func findPieces(ctx context.Context, ag *pgraph, over []bool) ([]*piece, error) {
	n := ag.n()
	workers := workersFor(n)
	root := make([]int32, n)
	for v := range root {
		root[v] = int32(v)
	}
	parallel.Ranges(n, workers, func(_, lo, hi int) {
		for u := lo; u < hi; u++ {
			if u&0xffff == 0xffff && ctx.Err() != nil {
				return // the caller checks ctx
			}
			if over[u] {
				continue
			}
			for _, v := range ag.adj[ag.off[u]:ag.off[u+1]] {
				if int(v) > u && !over[v] {
					disjoint.UnionShared(root, int32(u), v)
				}
			}
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	parallel.Ranges(n, workers, func(_, lo, hi int) {
		for v := lo; v < hi; v++ {
			atomic.StoreInt32(&root[v], disjoint.FindShared(root, int32(v)))
		}
	})
	// root[v] becomes v's piece, in order: a root is its piece's smallest
	// atom, so it is numbered before the others read its number.
	var pieces []*piece
	var size []int32
	total := 0
	for v := range int32(n) {
		if over[v] {
			continue
		}
		var id int32
		if r := root[v]; r == v {
			id = int32(len(pieces))
			pieces = append(pieces, &piece{attachTo: -1})
			size = append(size, 0)
		} else {
			id = root[r]
		}
		root[v] = id
		pieces[id].W += ag.w[v]
		size[id]++
		total++
	}
	// One array holds every piece's atoms; each piece's slice is capped so
	// that an append cannot run into the next piece.
	all := make([]int32, total)
	next := int32(0)
	for i, pc := range pieces {
		pc.atoms = all[next : next : next+size[i]]
		next += size[i]
	}
	for v := range int32(n) {
		if !over[v] {
			pieces[root[v]].atoms = append(pieces[root[v]].atoms, v)
		}
	}
	return pieces, nil
}

// attachStranded sets attachTo of every piece below the minimum that
// touches an oversize atom: it joins the lightest such atom (already out of
// bounds) rather than forming a second out-of-bounds group.
func attachStranded(ag *pgraph, pieces []*piece, over []bool, b bounds) {
	for _, pc := range pieces {
		if pc.W >= b.min {
			continue
		}
		best := int32(-1)
		for _, u := range pc.atoms {
			for _, v := range ag.adj[ag.off[u]:ag.off[u+1]] {
				if over[v] && (best < 0 || ag.w[v] < ag.w[best] || (ag.w[v] == ag.w[best] && v < best)) {
					best = v
				}
			}
		}
		pc.attachTo = best
	}
}

// solvePieces solves the pieces, largest first, on a pool of p.workers
// goroutines (halves of large bisections borrow idle slots), and returns
// the local labels of each piece's atoms.
func solvePieces(ctx context.Context, ag *pgraph, pieces []*piece, p levelParams, progress func(string, int, int)) ([][]int32, error) {
	order := make([]int, len(pieces))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, c int) int { return len(pieces[c].atoms) - len(pieces[a].atoms) })
	for _, pc := range pieces {
		p.levelAtoms += len(pc.atoms)
	}
	sem := make(chan struct{}, max(p.workers, 1))
	results := make([][]int32, len(pieces))
	var wg sync.WaitGroup
	for done, i := range order {
		pc := pieces[i]
		if ctx.Err() != nil {
			break
		}
		if progress != nil {
			progress(p.name, done, len(pieces))
		}
		if pc.attachTo >= 0 || pc.k <= 1 || len(pc.atoms) == 1 {
			results[i] = make([]int32, len(pc.atoms)) // one group
			continue
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = solvePiece(ctx, ag, pc, p, sem)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if progress != nil {
		progress(p.name, len(pieces), len(pieces))
	}
	return results, nil
}

// labelGroups gives every atom a level-wide group label (oversize atoms
// first, then each piece's groups) and every group its status and reason.
func labelGroups(ag *pgraph, pieces []*piece, results [][]int32, over []bool, p levelParams, notes *[]string) (lab []int32, status []Status, reason []string) {
	b := p.b
	lab = make([]int32, ag.n())
	for i := range lab {
		lab[i] = -1
	}
	ng := int32(0)
	for v := range int32(ag.n()) {
		if over[v] {
			lab[v] = ng
			name, many := p.words.describe(v)
			status = append(status, StatusOversize)
			reason = append(reason, fmt.Sprintf("%s %s %s patients, above the %s maximum %s", name, pick(one(many), "has", "have"), num(ag.w[v]), p.name, num(b.max)))
			ng++
		}
	}
	for i, pc := range pieces {
		np := 0
		for _, u := range pc.atoms {
			np += int(p.words.practices[u])
		}
		if pc.attachTo >= 0 {
			g := lab[pc.attachTo]
			for _, u := range pc.atoms {
				lab[u] = g
			}
			name, many := p.words.describe(pc.attachTo)
			reason[g] += fmt.Sprintf("; %s with %s patients, cut off by %s and below the minimum %s, %s added", count(np, "practice"), num(pc.W), pick(one(many), "it", "them"), num(b.min), pick(np, "was", "were"))
			*notes = append(*notes, fmt.Sprintf("%s with %s patients, cut off next to %s, joined %s %s", count(np, "practice"), num(pc.W), name, pick(one(many), "its", "their"), p.name))
			continue
		}
		loc := results[i]
		k := int32(0)
		for _, l := range loc {
			k = max(k, l+1)
		}
		gw := make([]int64, k)
		for j, u := range pc.atoms {
			lab[u] = ng + loc[j]
			gw[loc[j]] += ag.w[u]
		}
		for _, w := range gw {
			st, rs := StatusOK, ""
			switch {
			case b.in(w):
			case pc.W < b.min:
				st, rs = StatusUndersize, cutOff(np, pc.W, p.name, b.min)
			case !pc.feasible:
				st, rs = StatusUnsplittable, fmt.Sprintf("%s patients: the %s connected to it have %s patients, which no number of %s of %s can share", num(w), count(np, "practice"), num(pc.W), plural(p.name), span(b))
			default:
				st, rs = StatusOutOfBounds, fmt.Sprintf("%s patients: no contiguous split into %s of %s was found for the %s connected to it (%s patients)", num(w), plural(p.name), span(b), count(np, "practice"), num(pc.W))
			}
			status = append(status, st)
			reason = append(reason, rs)
		}
		ng += k
	}
	return lab, status, reason
}

// one is 1 for a single thing and 2 for several (for pick).
func one(many bool) int {
	if many {
		return 2
	}
	return 1
}

// setCanonical stores lab, renumbering groups by their smallest atom.
func (out *levelOut) setCanonical(lab []int32, status []Status, reason []string) {
	remap := make([]int32, len(status))
	for i := range remap {
		remap[i] = -1
	}
	next := int32(0)
	for _, g := range lab {
		if remap[g] < 0 {
			remap[g] = next
			next++
		}
	}
	out.status = make([]Status, next)
	out.reason = make([]string, next)
	for g, r := range remap {
		if r >= 0 {
			out.status[r] = status[g]
			out.reason[r] = reason[g]
		}
	}
	for v := range lab {
		lab[v] = remap[lab[v]]
	}
	out.lab = lab
	out.ngroups = int(next)
}

// subgraph extracts the induced subgraph of ag on atoms (distinct, in any
// order), in local indices: atom atoms[i] becomes vertex i.
// It returns nil if ctx is cancelled.
func subgraph(ctx context.Context, ag *pgraph, atoms []int32) *pgraph {
	return subgraphOn(ctx, ag, atoms, 1)
}

// subgraphOn is subgraph with the atoms' lists gathered on up to workers
// goroutines (csrInRanges: the graph does not depend on them).
func subgraphOn(ctx context.Context, ag *pgraph, atoms []int32, workers int) *pgraph {
	n := len(atoms)
	find := localIndex(atoms)
	pg := &pgraph{off: make([]int32, n+1), w: make([]int64, n), x: make([]float64, n), y: make([]float64, n)}
	if ag.pin != nil {
		pg.pin = make([]bool, n)
	}
	if ctx.Err() != nil {
		return nil
	}
	workers = workersUpTo(n, workers)
	adj, ok := csrInRanges(n, workers, pg.off, func(lo, hi int, off []int32) ([]int32, bool) {
		deg := 0 // the atoms' degrees in ag: room for every edge kept
		for _, a := range atoms[lo:hi] {
			deg += int(ag.off[a+1] - ag.off[a])
		}
		adj := make([]int32, 0, deg)
		for i := lo; i < hi; i++ {
			if i&0x3fff == 0x3fff && ctx.Err() != nil {
				return nil, false
			}
			a := atoms[i]
			pg.w[i], pg.x[i], pg.y[i] = ag.w[a], ag.x[a], ag.y[a]
			if ag.pin != nil {
				pg.pin[i] = ag.pin[a]
			}
			for _, b := range ag.adj[ag.off[a]:ag.off[a+1]] {
				if j := find(b); j >= 0 {
					adj = append(adj, j)
				}
			}
			off[i+1] = int32(len(adj))
		}
		return adj, true
	})
	if !ok || ctx.Err() != nil {
		return nil
	}
	pg.adj = adj
	if ag.ll == nil {
		pg.setLogLengths()
		return pg
	}
	// The edges are ag's, between the same points: their log-lengths are
	// copied rather than computed again (a logarithm per edge).
	pg.ll = make([]float32, len(adj))
	parallel.Ranges(n, workers, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			if i&0x3fff == 0x3fff && ctx.Err() != nil {
				return
			}
			a, k := atoms[i], pg.off[i]
			for e := ag.off[a]; e < ag.off[a+1]; e++ {
				if find(ag.adj[e]) >= 0 {
					pg.ll[k] = ag.ll[e]
					k++
				}
			}
		}
	})
	if ctx.Err() != nil {
		return nil
	}
	return pg
}

// localIndex returns the position of an atom in atoms (distinct), or -1:
// through a table over the atoms' range when they fill a quarter of it, a
// map otherwise. The lookup is safe for concurrent use.
func localIndex(atoms []int32) func(a int32) int32 {
	n := len(atoms)
	if n == 0 {
		return func(int32) int32 { return -1 }
	}
	lo, hi := slices.Min(atoms), slices.Max(atoms)
	if int(hi-lo) < 4*n {
		idx := make([]int32, hi-lo+1)
		for i := range idx {
			idx[i] = -1
		}
		for i, a := range atoms {
			idx[a-lo] = int32(i)
		}
		return func(a int32) int32 {
			if a < lo || a > hi {
				return -1
			}
			return idx[a-lo]
		}
	}
	loc := make(map[int32]int32, n)
	for i, a := range atoms {
		loc[a] = int32(i)
	}
	return func(a int32) int32 {
		if i, ok := loc[a]; ok {
			return i
		}
		return -1
	}
}
