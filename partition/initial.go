package partition

import (
	"context"
	"fmt"
	"slices"

	"github.com/hubpart/hubpart/input"
)

// WithInitial starts level 0 from an existing configuration instead of a
// blank map: labels gives one label per practice (for example a PCN code),
// "" meaning free to go anywhere. The search is lexicographic:
//
//  1. validity as without it (bounds, contiguity, strata, locked sets);
//  2. least disruption: every initial group that is already valid (within
//     bounds and contiguous) is kept exactly unless a neighbour cannot be
//     made valid without it; the others are repaired by the fewest patients
//     moved — each connected part of an initial group that can be split
//     into valid hubs on its own is (a split moves nobody: every part keeps
//     the group as its origin), detached parts and undersize groups merge
//     into a neighbour or absorb boundary practices, oversize groups that
//     cannot be split shed boundary practices or absorb enough to split;
//  3. compactness: splits follow compact spanning trees and, between
//     repairs of equal cost, nearer practices are preferred.
//
// A practice is moved when its initial group is not its hub's origin, the
// initial group supplying most of the hub's patients; Result.Change
// reports the disruption (see Change). Upper levels are solved as usual
// from the hubs. Practices sharing a site but not an initial label may go
// to different hubs.
func WithInitial(labels []string) Option { return func(o *options) { o.initial = labels } }

// WithMaxMoved caps the patients that WithInitial's repair may move
// (0: no cap). When the budget is spent, repairs stop and the groups still
// out of bounds keep their Status with a reason saying so; nothing is
// hidden. The cap applies only to repairs: splitting an oversize initial
// group into valid hubs moves nobody.
func WithMaxMoved(patients int64) Option { return func(o *options) { o.maxMoved = patients } }

// initialIDs numbers the non-blank labels by first appearance ("" is -1)
// and returns the labels by number.
func initialIDs(labels []string) ([]int32, []string) {
	if labels == nil {
		return nil, nil
	}
	var names []string
	m := map[string]int32{}
	out := make([]int32, len(labels))
	for i, l := range labels {
		if l == "" {
			out[i] = -1
			continue
		}
		id, ok := m[l]
		if !ok {
			id = int32(len(m))
			m[l] = id
			names = append(names, l)
		}
		out[i] = id
	}
	return out, names
}

// atomInitial gives each atom the initial group supplying most of its
// patients (ties: the lower id; -1 when all its practices are free).
func atomInitial(ps []input.Practice, unit []int32, nu int, init []int32) []int32 {
	out := make([]int32, nu)
	best := make([]int64, nu)
	for i := range out {
		out[i] = -1
		best[i] = -1
	}
	// atoms rarely mix labels: weigh per (atom, label) only when they do
	type key struct{ u, l int32 }
	acc := map[key]int64{}
	for p, u := range unit {
		l := init[p]
		if l < 0 {
			continue
		}
		k := key{u, l}
		acc[k] += int64(ps[p].Patients)
		w := acc[k]
		if w > best[u] || (w == best[u] && l < out[u]) {
			best[u], out[u] = w, l
		}
	}
	return out
}

// solveInitial groups the atoms of ag starting from the initial groups ia
// (-1: free). See WithInitial.
func solveInitial(ctx context.Context, ag *pgraph, ia []int32, names []string, p levelParams, budget int64) (*levelOut, error) {
	ninit := len(names)
	n := ag.n()
	b := p.b
	if ag.ll == nil {
		ag.setLogLengths()
	}
	r := newRepairer(ctx, ag, b, ia, names, p, budget)
	over := make([]bool, n)
	for v := range n {
		over[v] = ag.w[v] > b.max
	}
	// Oversize atoms are their own groups; connected pieces of the others
	// below the minimum that touch one join it (as without WithInitial).
	pieces := atomComponents(ag, func(v int32) bool { return !over[v] }, nil)
	attach := make([]int32, len(pieces))
	for i, pc := range pieces {
		attach[i] = -1
		if pieceWeight(ag, pc) >= b.min {
			continue
		}
		for _, u := range pc {
			for _, v := range ag.adj[ag.off[u]:ag.off[u+1]] {
				if over[v] && (attach[i] < 0 || ag.w[v] < ag.w[attach[i]] || ag.w[v] == ag.w[attach[i]] && v < attach[i]) {
					attach[i] = v
				}
			}
		}
	}
	overGroup := make([]int32, n)
	for v := range int32(n) {
		if over[v] {
			overGroup[v] = r.newGroup(kindOversize, []int32{v})
		}
	}
	for i, pc := range pieces {
		if a := attach[i]; a >= 0 {
			g := overGroup[a]
			for _, u := range pc {
				r.place(u, g)
			}
			r.gs[g].attached = append(r.gs[g].attached, pieceWeight(ag, pc))
			np := 0
			if p.words.practices != nil {
				for _, u := range pc {
					np += int(p.words.practices[u])
				}
			}
			name, many := r.describe(a)
			r.notes = append(r.notes, fmt.Sprintf("%s with %s patients, cut off next to %s, joined %s %s", count(np, "practice"), num(pieceWeight(ag, pc)), name, pick(one(many), "its", "their"), p.name))
		} else if pieceWeight(ag, pc) < b.min {
			r.newGroup(kindStranded, pc) // its whole piece is below the minimum
		}
	}
	// The parts of each initial group (and of the free atoms): connected
	// components of its atoms still unplaced, edges joining equal ids only.
	parts := atomComponents(ag, func(v int32) bool { return r.lab[v] < 0 }, ia)
	// An initial group is valid when it forms exactly one such part, has
	// no atom placed above (oversize, or in a piece below the minimum),
	// and is within bounds.
	nparts := make([]int, ninit)
	weight := make([]int64, ninit)
	placed := make([]bool, ninit)
	for _, pc := range parts {
		if l := ia[pc[0]]; l >= 0 {
			nparts[l]++
			weight[l] += pieceWeight(ag, pc)
		}
	}
	for v := range int32(n) {
		if l := ia[v]; l >= 0 && r.lab[v] >= 0 {
			placed[l] = true
		}
	}
	var todo [][]int32
	for _, pc := range parts {
		l := ia[pc[0]]
		if l >= 0 && nparts[l] == 1 && !placed[l] && b.in(weight[l]) {
			g := r.newGroup(kindPart, pc)
			r.gs[g].frozen = true
			continue
		}
		todo = append(todo, pc)
	}
	// Parts in bounds stay; parts that can be split into valid hubs on their
	// own are (nobody moves); the rest are repaired.
	for _, pc := range todo {
		W := pieceWeight(ag, pc)
		if b.in(W) {
			r.newGroup(kindPart, pc)
			continue
		}
		g := r.newGroup(kindPart, pc)
		if W > b.max {
			r.begin()
			r.splitGroup(g, mix(p.seed, uint64(slices.Min(pc))))
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.repairAll()
	r.improve()
	r.polish(p.seed)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return r.result(), nil
}

// pieceWeight is the total weight of atoms.
func pieceWeight(ag *pgraph, atoms []int32) int64 {
	var w int64
	for _, v := range atoms {
		w += ag.w[v]
	}
	return w
}

// atomComponents returns the connected components of the atoms keep
// accepts, each ascending, in order of smallest atom. With key non-nil,
// only edges between atoms of equal key count.
func atomComponents(ag *pgraph, keep func(int32) bool, key []int32) [][]int32 {
	n := ag.n()
	seen := make([]bool, n)
	var out [][]int32
	var queue []int32
	for s := range int32(n) {
		if seen[s] || !keep(s) {
			continue
		}
		seen[s] = true
		queue = append(queue[:0], s)
		for i := 0; i < len(queue); i++ {
			u := queue[i]
			for _, v := range ag.adj[ag.off[u]:ag.off[u+1]] {
				if !seen[v] && keep(v) && (key == nil || key[v] == key[s]) {
					seen[v] = true
					queue = append(queue, v)
				}
			}
		}
		c := slices.Clone(queue)
		slices.Sort(c)
		out = append(out, c)
	}
	return out
}
