package partition

import "sync"

// levelAtoms describes the atoms of one level in terms of practices, for
// the hooks: at level 0 an atom is the practices of one site (or one
// practice of a site above the maximum, or a locked set), at level l > 0 a
// group of level l−1.
type levelAtoms struct {
	level int
	name  string  // the level's name ("hub")
	of    []int32 // of[p] is the atom of practice p
	n     int     // atoms

	once sync.Once
	mem  [][]int32
}

// practices returns the practice indices of a level atom, ascending. It is
// safe for concurrent use.
func (lv *levelAtoms) practices(atom int32) []int32 {
	lv.once.Do(func() {
		lv.mem = make([][]int32, lv.n)
		for p, a := range lv.of {
			lv.mem[a] = append(lv.mem[a], int32(p))
		}
	})
	return lv.mem[atom]
}

// A groupTerm is an extra cost of a group that the true-objective search
// adds to the group's patient-weighted distance to its hub site (patients ×
// metres, so a term of w·d is worth moving w patients d metres). members
// are atoms of one piece in local indices; extra (≥ 0) is an atom added and
// skip (≥ 0) one left out, so that a move is costed without building the
// new group. A term must depend only on the members (the search caches a
// group's cost until the group changes) and must be safe to call from the
// goroutine solving its piece.
type groupTerm func(members []int32, extra, skip int32) float64

// A termMaker binds a term to one piece of a level: atoms[i] is the level
// atom of the piece's local atom i, and lv describes the level's atoms
// (their practices). It returns nil when it adds nothing to this piece.
type termMaker func(lv *levelAtoms, atoms []int32) groupTerm

// A pinMaker marks the level atoms that the local search must never move
// to another group (moves skip them; a re-cut keeps them on their group's
// side). nil or an all-false result pins nothing.
type pinMaker func(lv *levelAtoms) []bool
