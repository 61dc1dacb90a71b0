// Package partition groups the sites of a contiguity graph into contiguous
// groups whose weights lie within [Min, Max] bounds, level by level: hubs of
// 30,000–50,000 patients, then areas of 100,000+ made of whole hubs.
//
// # Model
//
// The input is a graph.Graph whose vertices are sites (practices standing
// on one point) with planar coordinates XY in metres, and the practices
// with their list sizes. A group is contiguous when its sites induce a
// connected subgraph. Distances in the objective are planar (XY metres);
// reported distances (MeanKm, P95Km, MaxKm) are great-circle kilometres
// (geo.Distance). The hub site of a group is the member practice that
// minimises the patient-weighted sum of planar distances to the members
// (ties: lowest practice index).
//
// # Guarantees
//
// For every level: every practice is in exactly one group (practices in =
// practices out, patients in = patients out); every group is contiguous;
// every group is within bounds unless its Status says why not: oversize (a
// single atom above the maximum, possibly with a stranded remainder that had
// nowhere else to go), undersize (its connected piece weighs less than the
// minimum), unsplittable (its piece's weight admits no split: no whole k
// with k·Min <= W <= k·Max, e.g. 55,000 with [30,000, 50,000]), or
// out-of-bounds (the piece could be split by weight, but no contiguous split
// was found — the graph's shape can forbid one, e.g. a chain of sites
// hanging from one heavy site). Level l > 0 groups are unions of whole level
// l−1 groups. Run checks all of this with Validate before returning.
//
// # Algorithm
//
// Atoms. Level-0 atoms are sites; a site heavier than the maximum is split
// into its practices; with strata, a site is split by label and edges
// between labels are ignored; locked labels merge atoms (union–find). The
// atoms of level l > 0 are the groups of level l−1, placed at their hub
// sites, adjacent when any of their sites are.
//
// Pieces. Atoms heavier than the maximum become their own oversize groups.
// The connected components of the remaining atoms are solved independently
// (in parallel), each from a seed derived from (seed, level, smallest atom).
// A piece below the minimum that touches an oversize atom joins it;
// otherwise it is one undersize group.
//
// Count. A piece of weight W gets k = round(W/target) groups, clamped to
// [ceil(W/Max), floor(W/Min)]. The default target is (Min+Max)/2 — 40,000
// for hubs of [30,000, 50,000] — or 1.5×Min without a maximum (150,000 for
// areas); WithTarget sets another. Repair may still change a piece's count
// by one where no split of that count fits the map. WithCount(K) asks for K
// groups in all: K less the oversize groups is shared among the pieces by
// largest remainders within each piece's range, repairs keep each piece's
// count (or change it by one and restore it elsewhere), and when K cannot
// be met Result.Notes says why and what was made. WithFreeCount lets the
// objective choose: groups are added (a group split in two, two groups
// re-cut into three, three into four) while every part stays within bounds
// and the distance falls.
// See count.go and freecount.go.
//
// Within a piece atoms are renumbered along a Hilbert curve, so that atoms
// close in the plane are close in memory (the input numbering is arbitrary,
// and cache misses otherwise dominate large pieces).
//
// Split. Range-aware recursive bisection of random spanning trees: a
// minimum spanning tree under edge lengths with random log-jitter (compact
// trees), cut at the tree edge that leaves both sides splittable into
// their share of the k groups with comfortable slack (the mean group
// weight of each side well inside the bounds), the most even such cut
// preferred, so the recursion is O(n log k) and never paints itself into a
// corner by weight. When a tree has no such edge, fresh trees with growing
// jitter are drawn (nearly uniform random trees reach every connected
// bipartition); halves run in parallel.
//
// Repair. A group left out of bounds is merged with one, two, all its
// neighbouring groups, or those within two steps, and the union re-split;
// then single atoms are moved across the boundary to fix what remains.
//
// Local search. The objective is the patient-weighted distance from every
// atom to its group's hub site (the member minimising it), plus any extra
// cost of the hooks below. It runs in two stages. First a fast stand-in:
// the patient-weighted inertia Σ w·|p − c|² about each group's weighted
// centroid, which updates in O(1) per move, drives rounds of boundary
// moves and pair merge-and-resplit along random spanning trees. Then the
// true objective (search.go), computed per group in O(m²) for a group of m
// atoms (hubs hold 3–10 practices) and cached until the group changes:
// boundary moves judged on it; pair re-cuts that try every connected
// bipartition of the union of two neighbouring groups (up to 16 atoms,
// enumerated as connected sets grown within the maximum) or, for larger
// unions, the cuts of random spanning trees, keeping the best, not the
// first; and perturbations (perturb.go) that re-split a group and its
// neighbours along a random tree, re-run the search there and keep the
// result only when the total fell, undoing every move otherwise, to leave
// the plateaus where bounds bind on every side. Every move keeps both
// bounds, the donor's contiguity and the pinned atoms. Small pieces (up to
// 512 atoms) are solved from 8 independent starts, larger ones from fewer
// (one for England's hubs), and the best is kept: fewest groups out of
// bounds, then the count asked for, then the least cost. Pieces of more
// than 65,536 atoms are refined in regions (their groups dealt by first
// atom along the Hilbert order into ⌊n/32768⌋ regions, at most 8,
// independent of the number of workers) in parallel, each on its own
// subgraph, and then the seam — the groups touching another region — is
// refined on the whole piece (without perturbations, and WithFreeCount
// adds no groups there).
//
// Hooks. Other features add to the search through two internal hooks
// (hooks.go), given per level through the options: a termMaker binds an
// extra group cost (patients × metres, like the distance; for example
// disruption from an initial plan, or a penalty for crossing a boundary)
// to each piece, and the search adds it to every group's cost, so moves,
// re-cuts, perturbations and the choice among starts all weigh it; a
// pinMaker marks atoms that must stay in their group. A term sees a group
// as local atoms of the piece and maps them to the level's atoms and
// practices through levelAtoms.
//
// Determinism. The same seed gives the same Result on any machine and for
// any number of workers: random streams are derived from (seed, sub-problem)
// and never shared between goroutines, and groups are numbered canonically
// (by smallest practice index) at the end.
//
// Effort and speed. For groups of bounded size the work grows as
// O(n log n) in the number of atoms. WithEffort(e) multiplies the search
// budget. Measured times and quality (England, synthetic countries,
// postcodes) are in BENCHMARKS.md, with the commands that give them.
package partition
