// Package graph holds the contiguity graph between sites and the algorithms
// run on it: building it from practice locations (Delaunay edges pruned of
// implausible links, then components reconnected by their shortest bridge),
// connected components, connectivity checks of vertex subsets, articulation
// points and METIS graph-file export.
//
// The graph is stored as compact adjacency arrays (CSR): the neighbours of
// vertex v are Adj[Off[v]:Off[v+1]], sorted ascending, each undirected edge
// stored once in each direction. Vertices are sites: practices standing on
// the same point form one site whose weight is the sum of their patients.
//
// # Building the graph
//
// Build groups practices with exactly equal [lon, lat] into sites (numbered
// by their first practice), projects them with geo.NewProjection
// (stereographic, metres) and triangulates them with delaunay.Triangulate. It
// then prunes Delaunay edges that are not plausible neighbour links, by
// PruneRule, with lengths in projected metres:
//
//   - an edge shorter than KeepBelow (3 km) is always kept;
//   - otherwise it is dropped if it is longer than Factor (3) times the
//     local spacing of both its ends, the spacing of a site being the
//     median length of its Delaunay edges;
//   - otherwise, when a boundary is given (WithBoundary), it is dropped if
//     its straight line runs outside the land for more than SeaMax (3 km)
//     in total.
//
// Pruning may split the graph (islands, peninsulas). The components are
// reconnected Kruskal-style: the Delaunay edges joining different components
// are taken shortest first, each one joining two still-separate groups is
// added with Kind Bridge. The closest pair of sites between two components
// is a Gabriel edge, hence a Delaunay edge, so every bridge is a Delaunay
// edge: the final graph is a connected subgraph of the Delaunay graph, and a
// group contiguous in it is contiguous in the plain Delaunay graph too. On
// the England 2021 practices with the ONS outline, 54 of 18,143 Delaunay
// edges are dropped as long and 292 as sea; the Isles of Scilly and the Isle
// of Wight are then the only pieces cut off, and each joins the mainland by
// one bridge, its shortest crossing (50.7 km and 6.8 km).
//
// # Units and invariants
//
// Loc is [lon, lat] in degrees; XY and all PruneRule lengths are projected
// metres; Graph.Length and Gonum edge weights are great-circle metres
// (geo.Distance). Neighbour lists are sorted and free of self-loops and
// repeats; Kind is nil when every edge is Delaunay. All results are
// deterministic: nothing depends on map iteration order or timing.
package graph
