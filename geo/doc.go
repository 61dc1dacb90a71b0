// Package geo computes on locations on the sphere: great-circle distances
// and a stereographic projection to the plane. Its sub-packages do the
// planar work: robust (exact predicates), delaunay (triangulation), polygon
// (validity, area, point in polygon) and voronoi (cells, clipping,
// dissolving). Reading practices and boundaries is package input's job.
//
// Model and units:
//   - Locations are orb.Point values in [lon, lat] order, degrees, WGS84.
//   - Distances are metres on a sphere of radius EarthRadius (haversine).
//   - Planar work happens in a stereographic projection centred on the
//     data, in metres at the centre. The projection maps circles on the
//     sphere to circles in the plane, so the planar Delaunay triangulation
//     of projected points is the spherical one.
//
// Sentinels about coordinates (ErrNonFinite, ErrLatRange, ErrLonRange,
// ErrHemisphere, ErrEmpty) are defined here once and used by every package
// that takes coordinates.
//
// Imports run one way: geo ← robust ← delaunay, polygon ← voronoi; none of
// them imports input, graph or partition.
package geo
