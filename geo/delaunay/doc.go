// Package delaunay computes the exact Delaunay triangulation of planar
// points.
//
// Model: points are [2]float64 in any planar unit (hubpart passes projected
// metres, see geo.Projection). The result is a Triangulation in the
// half-edge layout popularised by delaunator: Triangles holds three point
// indices per triangle, counter-clockwise; Halfedges[e] is the opposite
// half-edge or -1 on the hull; NextHalfedge and PrevHalfedge walk round a
// triangle. Points with exactly equal coordinates are one site (Rep maps
// each input index to its representative).
//
// Exactness: every orientation and in-circle decision uses geo/robust, so
// the result is a true Delaunay triangulation for every finite input,
// including duplicate, collinear and cocircular points (any valid choice
// among cocircular sites is made, deterministically). Tests check it
// against a brute-force empty-circle test.
//
// Method: a sweep-hull (s-hull as refined by delaunator), expected
// O(n log n); see Triangulate. The sweep is sequential, so from 131,072
// points the points are split by a vertical line, the two halves
// triangulated side by side, and the triangles near the line made again
// from the sites there (halves.go); where that cannot be done consistently,
// one sweep does it all. The result depends only on the input.
package delaunay
