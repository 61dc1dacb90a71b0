// Package voronoi turns a Delaunay triangulation into Voronoi cells clipped
// to a region, and dissolves groups of cells into outlines: Cells (one cell
// per site), ClipConvex (a convex cell ∩ an arbitrary multipolygon) and
// Dissolve (the union of cells that share edges exactly).
//
// Model: planar coordinates of the triangulation (projected metres in
// hubpart); output multipolygons have counter-clockwise outer rings and
// clockwise holes and are valid in the sense of geo/polygon.Check.
//
// Invariant: neighbouring cells have bit-identical vertices along their
// common edges (every Voronoi vertex and every crossing with the clip
// boundary is computed once, as a function of the shared edge), which is
// what lets Dissolve cancel shared edges exactly instead of running a
// general polygon union. Every site lies inside or on its own cell, even a
// site just outside the clip region (it gets a small pocket). Side
// decisions use geo/robust; near-coincidences with the clip boundary are
// snapped at about 1e-12 of the coordinate magnitude.
package voronoi
