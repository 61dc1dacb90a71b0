// Package graph holds the contiguity graph between sites and the algorithms
// run on it: building it from practice locations (Delaunay edges pruned of
// implausible links, then components reconnected by their shortest bridge),
// connected components, connectivity checks of vertex subsets, articulation
// points, conversion to gonum graphs and METIS graph-file export.
//
// The graph is stored as compact adjacency arrays (CSR): the neighbours of
// vertex v are Adj[Off[v]:Off[v+1]], sorted ascending, each undirected edge
// stored once in each direction. Vertices are sites: practices standing on
// the same point form one site whose weight is the sum of their patients.
package graph
