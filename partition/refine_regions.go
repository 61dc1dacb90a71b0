package partition

import "sync"

// regionAtoms is the piece size per region, and twoRegionAtoms the piece
// size from which a piece is refined in at least two regions in parallel
// (England's hubs, 6,054 sites: two); maxRegions caps their number. More
// regions make a longer seam, which is refined on one core afterwards, so
// regions stay large. All three are fixed, so the result does not depend
// on the number of workers. (regionAtoms and twoRegionAtoms are variables
// only so that tests can exercise regions on small pieces.)
var (
	regionAtoms    = 32768
	twoRegionAtoms = 4096
)

// regionsFor returns the number of regions a piece of n atoms in ng groups
// is refined in (0 or 1: whole). Groups are added (WithFreeCount, grow)
// only on a piece refined whole, so with free a piece stays whole below
// two full regions (65,536 atoms, England's hubs among them).
func regionsFor(n, ng int, free bool) int {
	regions := n / regionAtoms
	if !free && n >= twoRegionAtoms {
		regions = max(regions, 2)
	}
	if regions < 2 || ng < 16*regions {
		return 0
	}
	return min(regions, maxRegions)
}

const maxRegions = 8

// refineRegions refines a large piece in parallel: its groups are dealt to
// regions by the position of their first atom (local indices follow a
// Hilbert curve, so regions are compact), each region is refined on its own
// induced subgraph (moves and re-splits stay inside it), and then the seam
// (the atoms of groups touching another region) is refined on the whole
// piece. Each region has its own splitter, for its perturbations, and a
// share of the piece's perturbations in proportion to its groups. Regions
// run concurrently when sem has room; each draws from its own stream, so
// the result does not depend on scheduling.
func (s *pieceSolver) refineRegions(lab []int32, ng int, seed uint64, regions int) {
	ctx, pg, sem := s.ctx, s.g, s.sem
	n := pg.n()
	first := make([]int32, ng)
	for g := range first {
		first[g] = -1
	}
	groups := 0 // groups present (labels may have gaps)
	for v := range int32(n) {
		if first[lab[v]] < 0 {
			first[lab[v]] = v
			groups++
		}
	}
	region := func(v int32) int { return int(int64(first[lab[v]]) * int64(regions) / int64(n)) }
	parts := make([][]int32, regions)
	for v := range int32(n) {
		r := region(v)
		parts[r] = append(parts[r], v)
	}
	var wg sync.WaitGroup
	for r, atoms := range parts {
		run := func() {
			if ctx.Err() == nil { // a cancelled run starts no region
				s.refineRegion(lab, atoms, groups, mix(seed, uint64(r)+1<<32))
			}
			if s.p.idle != nil {
				s.p.idle() // a CPU is free until the seam (WithIdle)
			}
		}
		if r < regions-1 && sem != nil {
			select {
			case sem <- struct{}{}:
				wg.Add(1)
				go func() {
					defer wg.Done()
					defer func() { <-sem }()
					run()
				}()
				continue
			default:
			}
		}
		run()
	}
	wg.Wait()
	if ctx.Err() != nil {
		return
	}
	// The seam: atoms of groups with an atom next to another region.
	seamGroup := make([]bool, ng)
	for v := range int32(n) {
		rv := region(v)
		for _, u := range pg.adj[pg.off[v]:pg.off[v+1]] {
			if region(u) != rv {
				seamGroup[lab[v]] = true
				break
			}
		}
	}
	seam := make([]int32, 0, n/8)
	for v := range int32(n) {
		if seamGroup[lab[v]] {
			seam = append(seam, v)
		}
	}
	s.refine(lab, ng, mix(seed, 0x5ea4), seam)
}

// refineRegion refines the groups made of atoms (ascending, whole groups)
// of a piece of pieceGroups groups on their induced subgraph and writes the
// labels back.
func (s *pieceSolver) refineRegion(lab []int32, atoms []int32, pieceGroups int, seed uint64) {
	sub := subgraph(s.ctx, s.g, atoms)
	if sub == nil {
		return
	}
	region := *s
	region.g = sub
	region.region = true
	if s.p.terms != nil || s.p.pins != nil {
		levelAtoms := make([]int32, len(atoms))
		for i, v := range atoms {
			levelAtoms[i] = s.atoms[v]
		}
		region.bind(levelAtoms)
	}
	loc := make([]int32, len(atoms))
	for i, v := range atoms {
		loc[i] = lab[v]
	}
	loc, ng := denseLabels(loc)
	region.groupsOf = pieceGroups
	region.sp = nil
	if region.perturbations(ng) > 0 {
		// perturbations re-split along trees of the region's own graph
		region.sp = newSplitter(s.ctx, sub, s.p.b, s.sp.tries, s.sem)
		region.sp.keepK = s.sp.keepK
	}
	global := make([]int32, ng)
	for i, v := range atoms {
		global[loc[i]] = lab[v]
	}
	region.refine(loc, ng, seed, nil)
	for i, v := range atoms {
		lab[v] = global[loc[i]]
	}
}
