package partition

// denseLabels renumbers arbitrary labels 0, 1, 2, ... in order of first
// appearance (hence, for atom-indexed labels, by smallest atom) and returns
// the new labels and their number.
func denseLabels(in []int32) ([]int32, int) {
	ids := make(map[int32]int32, 16)
	out := make([]int32, len(in))
	for i, l := range in {
		id, ok := ids[l]
		if !ok {
			id = int32(len(ids))
			ids[l] = id
		}
		out[i] = id
	}
	return out, len(ids)
}

// A labelling assigns the atoms of one piece to groups: lab[v] is the group
// of atom v, mem[g] the atoms of group g in ascending order, ng the number
// of group ids in use (ids may have gaps: a group emptied by a re-split
// keeps its id until the labels are made dense).
type labelling struct {
	lab []int32
	mem [][]int32
	ng  int
}

// newLabelling wraps lab (not copied); its member lists are filled by
// members.
func newLabelling(lab []int32, ng int) *labelling {
	return &labelling{lab: lab, ng: ng}
}

// members (re)builds the member lists from the labels.
func (l *labelling) members() { l.mem = groupMembers(l.lab, l.ng) }

// groupMembers lists the atoms of every group, ascending.
func groupMembers(lab []int32, ng int) [][]int32 {
	mem := make([][]int32, ng)
	for v, l := range lab {
		mem[l] = append(mem[l], int32(v))
	}
	return mem
}

// newGroup returns a fresh group id.
func (l *labelling) newGroup() int32 {
	l.ng++
	l.mem = append(l.mem, nil)
	return int32(l.ng - 1)
}
