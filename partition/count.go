package partition

import (
	"fmt"
	"math"
)

// The number of groups.
//
// By default a piece (a connected set of atoms, see solveLevel) of weight
// W gets k = round(W/target) groups, clamped to the range the bounds allow,
// [ceil(W/Max), floor(W/Min)] (and at most one group per atom). The default
// target is (Min+Max)/2; WithTarget changes it.
//
// WithCount(K) asks for K groups in all. The oversize atoms are groups of
// their own, and a piece too light or too awkward to split has its count
// forced; the rest, K − those, is shared among the splittable pieces in
// proportion to their weight by largest remainders, each piece within its
// feasible range. When K lies outside the range the pieces allow, the
// nearest feasible total is made and Result.Notes says why.
//
// Within that range a piece's count is made by two kinds of start (see
// pieceSolver.start): one keeps the count through every cut and repair and
// mends the groups left out of bounds by chains of moves (balance.go), the
// other lets repairs change the count and restores it with fixCount. Near
// the ends of the range (England in 1,300 or 1,700 hubs of 30,000–50,000)
// only the first succeeds, and not from every seed: when at most
// extraStartsBad groups are left out of bounds, the groups around each are
// re-split and mended again (resplitAround), and the piece gets up to
// extraCountStarts more starts of the first kind. Whether a count is possible at all is not known in general
// (deciding it is NP-hard); when no start meets it, the plan within bounds
// with the nearest count found is given, and Result.Notes says so and how
// many groups the best plan of the count asked for left out of bounds.

// chooseK sets k and feasibility for every piece.
func chooseK(pieces []*piece, oversize int, p levelParams, notes *[]string) {
	for _, pc := range pieces {
		lo, hi := p.b.kRange(pc.W, len(pc.atoms))
		pc.feasible = lo <= hi && pc.W >= p.b.min
		switch {
		case pc.attachTo >= 0:
			pc.k = 0 // joins an oversize group
		case pc.feasible:
			pc.k = min(max(int(math.Round(float64(pc.W)/p.target)), lo), hi)
		case p.b.min > 0:
			// best effort: as many groups as keep every one at or above min
			pc.k = max(1, min(int(pc.W/p.b.min), len(pc.atoms)))
		default:
			pc.k = max(1, min(int(math.Round(float64(pc.W)/p.target)), len(pc.atoms)))
		}
	}
	if p.count > 0 {
		shareCount(pieces, oversize, p, notes)
	}
}

// shareCount shares p.count groups among the pieces (see the comment
// above) and notes when the count cannot be met.
func shareCount(pieces []*piece, oversize int, p levelParams, notes *[]string) {
	fixed := oversize
	var free []*piece
	var W int64
	sumLo, sumHi := 0, 0
	for _, pc := range pieces {
		if !pc.feasible || pc.attachTo >= 0 {
			fixed += pc.k
			continue
		}
		free = append(free, pc)
		W += pc.W
		lo, hi := p.b.kRange(pc.W, len(pc.atoms))
		sumLo += lo
		sumHi += hi
	}
	R := p.count - fixed
	want := min(max(R, sumLo), sumHi)
	if len(free) > 0 && W > 0 {
		// largest remainders within each piece's range
		type share struct {
			pc  *piece
			rem float64
		}
		got := 0
		shares := make([]share, len(free))
		for i, pc := range free {
			lo, hi := p.b.kRange(pc.W, len(pc.atoms))
			q := float64(want) * float64(pc.W) / float64(W)
			pc.k = min(max(int(math.Floor(q)), lo), hi)
			shares[i] = share{pc, q - float64(pc.k)}
			got += pc.k
		}
		for got != want {
			// the piece that most wants one more (or one fewer) and can take it
			best := -1
			for i, sh := range shares {
				lo, hi := p.b.kRange(sh.pc.W, len(sh.pc.atoms))
				if got < want && sh.pc.k < hi && (best < 0 || sh.rem > shares[best].rem) {
					best = i
				}
				if got > want && sh.pc.k > lo && (best < 0 || sh.rem < shares[best].rem) {
					best = i
				}
			}
			if best < 0 {
				break
			}
			if got < want {
				shares[best].pc.k++
				shares[best].rem--
				got++
			} else {
				shares[best].pc.k--
				shares[best].rem++
				got--
			}
		}
	}
	total := fixed
	for _, pc := range free {
		total += pc.k
	}
	if total != p.count {
		why := fmt.Sprintf("each connected set of practices needs a whole number of %s of %s", plural(p.name), span(p.b))
		if oversize > 0 {
			why += fmt.Sprintf(", and %s above the maximum %s %s of %s own", count(oversize, "practice"), pick(oversize, "is a", "are"), pick(oversize, p.name, plural(p.name)), pick(oversize, "its", "their"))
		}
		*notes = append(*notes, fmt.Sprintf("%s requested; %s possible, since %s", count(p.count, p.name), num(int64(total)), why))
	}
}
