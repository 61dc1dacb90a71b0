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
// count (or change it by one and restore it elsewhere), groups the
// count-keeping split leaves out of bounds are mended by chains of
// boundary moves (balance.go), and when K is not met Result.Notes says why
// and what was made (whether a count is possible at all is NP-hard to
// decide; near the ends of the range it may depend on the seed). WithFreeCount lets the
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
// enumerated as connected sets grown within the maximum, a set dropped as
// soon as its cost cannot beat the best cut) or, for larger
// unions, the cuts of random spanning trees, keeping the best, not the
// first; and perturbations (perturb.go) that re-split a group and its
// neighbours along a random tree, re-run the search there and keep the
// result only when the total fell, undoing every move otherwise, to leave
// the plateaus where bounds bind on every side. Every move keeps both
// bounds, the donor's contiguity and the pinned atoms. Small pieces (up to
// 512 atoms) are solved from 8 independent starts, larger ones from fewer
// (one for England's hubs), and the best is kept: fewest groups out of
// bounds, then the count asked for, then the least cost. Pieces of 4,096
// atoms or more (England's hubs: 6,054 sites) are refined in regions (their
// groups dealt by first atom along the Hilbert order into ⌊n/32768⌋
// regions, at least 2 and at most 8, independent of the number of
// workers) in parallel,
// each on its own subgraph with its share of the piece's perturbations,
// and then the seam — the groups touching another region — is refined and
// perturbed on the whole piece. WithFreeCount adds groups only on a piece
// refined whole, so with it pieces stay whole up to 65,535 atoms.
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
//
// # Planner constraints
//
// Alignment (WithAlign, WithAlignAt). Groups prefer to lie inside the
// values of a labelling such as a CCG or local-authority code. Each unit
// of the level takes the value holding most of its patients. The level is
// first solved inside derived strata: the connected pieces of each value,
// where a piece that admits no split within the bounds (an enclave of 5
// patients, a piece of 55,000 with [30,000, 50,000]) is merged, lightest
// first, with the neighbouring piece that costs least — one whose union is
// feasible, then the one sharing most graph edges — until every stratum is
// feasible or has no neighbour; a stratum whose split still leaves a group
// out of bounds is merged the same way and the level solved again (at most
// four times). Crossing is thus only forced by bounds or contiguity. Then
// boundary moves over the whole level let a group take practices of
// another value when compactness gains more than the weight says: a move
// that takes an atom of w patients out of its group's home value must save
// more than weight × w × s of patient-weighted distance to the hub sites,
// s the level's mean distance to the hub site (DefaultAlignWeight, 3).
// Hard strata (WithStrata) still bound everything: derived strata never
// cross them. Result.Coterminosity measures each aligned level: groups
// inside one value, patients whose group lies inside their own value, and
// the groups crossing each value (MeasureCoterminosity does the same for any
// grouping). On England with the 2021 CCGs (seed 1): 97.9% of hubs inside
// one CCG for a mean of 1.583 km against 1.582 km unaligned (+0.1%), every
// hub within bounds but the 11 practices above 50,000; seeds 1–3 give
// 97.7–97.9% for 0.996–1.001× the distance (TestAlignEngland). A stratum
// merged after a failed split is solved again alone, not the whole level.
// With WithInitial the repaired configuration decides the hubs; alignment
// then moves a practice only out of a hub where its value is foreign into
// a neighbouring hub of its own value, when that adds less distance than
// the weight's price (nobody moves for compactness alone).
//
// Fixed hub sites (WithHubSites). Marked practices — a neighbourhood health
// centre, a large practice — must each host a hub of their own. A marked
// practice is the hub site of its hub by declaration, and the hub's
// distances are measured to it. We chose this over requiring the marked
// practice to come out as the weighted medoid: the planner's fixed estate
// is where patients will travel, so the objective should be the distance
// to it; and a medoid requirement would force every fixed hub to balance
// around its site, a constraint no local move can keep and that
// penalises exactly the edge-of-town health centres planners fix. The
// search honours the declaration: the final polish judges a fixed hub by
// the patient-weighted distance to its fixed site (other hubs by their
// medoid). Two marked practices are never in one hub: a piece gets at
// least one hub per marked practice, the bisection only cuts tree edges
// that leave each side no more marked practices than groups (some edge
// always does: any on the path between two of them), marked practices
// never move in local search, and a pair of hubs that both hold one is
// never re-cut. Marked practices sharing a site become atoms of their
// own, so each can host a hub at that point. Infeasible cases are
// explained per site: marked practices locked together are a
// *HubSiteError naming them; marked practices whose connected practices are too light for a
// hub each get one each, out of bounds, with a note naming them, as does
// any marked practice whose hub ends out of bounds. With WithInitial, a
// repaired hub holding two marked practices is re-split, alone or with its
// neighbours, one hub per marked practice. Areas keep the medoid.
// On England with 300 marked practices at least 8 km apart (none above
// 50,000): every one the hub site of its own hub, every hub within bounds
// but the 11 practices above 50,000, mean 1.76 km against 1.58 km
// unconstrained (TestHubSitesEngland).
//
// Locked sets (WithLocked) never stop a run: a set whose practices cross
// strata or whose sites are not contiguous is split into pieces, each in
// one stratum and contiguous, each kept together, and every such set is
// listed in Result.Locked and Notes.
//
// # Starting from an existing configuration
//
// WithInitial gives every practice an initial group (e.g. its PCN; blank:
// free). Level 0 is then found lexicographically: validity first, then
// least disruption, then compactness. A hub's origin is the initial group
// supplying most of its patients; a practice is moved when its initial
// group is not its hub's origin; the disruption is the patients moved.
//
// Sites are split by initial group (co-located practices of two PCNs are
// two atoms, adjacent). Each initial group that is valid — contiguous and
// within bounds — becomes a hub and is frozen. Every other group is cut
// into its connected parts; a part within bounds is a hub, a part that can
// be split into hubs within bounds is split by the range-aware bisection
// (a split moves nobody: every piece keeps the group as its origin). The
// groups still out of bounds are repaired, those above the maximum first,
// each by the cheapest of a set of plans: merge into a neighbour (small
// detached parts, free practices), absorb boundary practices from
// neighbours that can spare them, merge and shed the excess, shed
// boundary practices to neighbours with room, absorb enough to split in
// two, and, when nothing local works, merge with one or several
// neighbours and re-split the union. Absorbing and shedding pass a
// shortfall or excess along a chain of up to two neighbours. Each plan is
// run on the live state with an undo log, costed by the change in patients
// moved (origins recomputed exactly), and rolled back; the best is
// replayed. Plans that change a frozen group are tried only when none
// without one works, and then the one changing the fewest frozen groups
// wins: a valid initial group is kept exactly unless no plan repairing a
// neighbour without it is found, and each such change is noted. A last
// pass moves single practices back towards their initial group where that
// lowers the patients moved. Then the true-objective search shortens
// distances (initial_polish.go): the atoms of groups that are exactly one
// initial group, of oversize groups and of groups out of bounds are
// pinned, and an extra group cost prices a patient moved above any
// distance, so compactness improves only among plans as valid and as
// little disruptive. WithMaxMoved caps the patients the repairs may move;
// groups left out of bounds say so in their Reason. Result.Change holds
// the per-practice, per-hub and per-group changes and the Disruption
// summary (CompareInitial measures any grouping the same way).
//
// On England from the 2021 PCNs (seed 1, TestEnglandFromPCNs): every hub
// within [30,000, 50,000] and contiguous but the 11 practices above
// 50,000; 489 of the 534 valid PCNs kept exactly (91.6%); 8.7% of patients
// moved; adjusted Rand index 0.66; mean 1.93 km to the hub site (clean
// slate: 67 kept, 26.2% moved, 0.41, 1.58 km). Joining every PCN's
// detached parts to its largest part by one extra edge, the same repair
// moves 4.6% (TestEnglandFromPCNsRelaxed): strict contiguity accounts for
// 4.2 of the 8.7 points.
package partition
