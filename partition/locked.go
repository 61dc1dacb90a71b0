package partition

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hubpart/hubpart/input"
)

// A LockedIssue is a locked set (WithLocked) that could not be kept as one
// group: its practices cross strata, or their sites are not contiguous in
// the graph. Run never stops for one: the set is split into pieces, each
// within one stratum and contiguous, and each piece is kept together.
type LockedIssue struct {
	Label  string
	Reason string // "crosses strata", "not contiguous", or both
	Pieces int    // the pieces it was split into
	// Practices lists the practice codes of each piece, pieces in order of
	// their first practice.
	Practices [][]string
}

func (li LockedIssue) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "locked set %q %s: split into %d pieces", li.Label, li.Reason, li.Pieces)
	for i, p := range li.Practices {
		if i == 0 {
			b.WriteString(" (")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(strings.Join(p, " "))
	}
	if len(li.Practices) > 0 {
		b.WriteString(")")
	}
	return b.String()
}

// lockedPieces replaces each locked label by one key per piece of its set
// that lies in one stratum and whose sites are contiguous in the graph, and
// lists every set that had to be split, in order of first practice. Blank
// labels stay blank.
func lockedPieces(s *sites, ps []input.Practice, strat []int32, locked []string) ([]string, []LockedIssue) {
	if locked == nil {
		return nil, nil
	}
	members := map[string][]int{}
	var order []string
	for p, l := range locked {
		if l == "" {
			continue
		}
		if _, ok := members[l]; !ok {
			order = append(order, l)
		}
		members[l] = append(members[l], p)
	}
	keys := slices.Clone(locked)
	var issues []LockedIssue
	siteIn := make([]int32, s.g.N()) // stamp: site holds a practice of the current part
	comp := make([]int32, s.g.N())
	stamp := int32(0)
	for _, l := range order {
		mem := members[l]
		// parts by stratum, in order of first practice
		var parts [][]int
		if strat == nil {
			parts = [][]int{mem}
		} else {
			idx := map[int32]int{}
			for _, p := range mem {
				i, ok := idx[strat[p]]
				if !ok {
					i = len(parts)
					idx[strat[p]] = i
					parts = append(parts, nil)
				}
				parts[i] = append(parts[i], p)
			}
		}
		var pieces [][]int
		for _, part := range parts {
			stamp++
			for _, p := range part {
				siteIn[s.siteOf[p]] = stamp
				comp[s.siteOf[p]] = -1
			}
			// components of the part's sites, numbered by first practice
			nc := int32(0)
			var queue []int32
			for _, p := range part {
				v := s.siteOf[p]
				if comp[v] >= 0 {
					continue
				}
				comp[v] = nc
				queue = append(queue[:0], v)
				for i := 0; i < len(queue); i++ {
					for _, t := range s.g.Neighbors(int(queue[i])) {
						if siteIn[t] == stamp && comp[t] < 0 {
							comp[t] = nc
							queue = append(queue, t)
						}
					}
				}
				nc++
			}
			split := make([][]int, nc)
			for _, p := range part {
				c := comp[s.siteOf[p]]
				split[c] = append(split[c], p)
			}
			pieces = append(pieces, split...)
		}
		if len(pieces) == 1 {
			continue
		}
		var reasons []string
		if len(parts) > 1 {
			reasons = append(reasons, "crosses strata")
		}
		if len(pieces) > len(parts) {
			reasons = append(reasons, "is not contiguous")
		}
		li := LockedIssue{Label: l, Reason: strings.Join(reasons, " and "), Pieces: len(pieces)}
		for i, pc := range pieces {
			codes := make([]string, len(pc))
			for j, p := range pc {
				codes[j] = ps[p].Code
				keys[p] = fmt.Sprintf("%s\x00%d", l, i)
			}
			li.Practices = append(li.Practices, codes)
		}
		issues = append(issues, li)
	}
	return keys, issues
}
