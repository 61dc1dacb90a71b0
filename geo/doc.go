// Package geo reads practices and computes on their locations: great-circle
// distances, a spatial index, a stereographic projection, an exact Delaunay
// triangulation and clipped Voronoi cells, and GeoJSON output.
//
// Model and units:
//   - Locations are orb.Point values in [lon, lat] order, degrees, WGS84.
//   - Distances are metres on a sphere of radius EarthRadius (haversine).
//   - Planar work (triangulation, Voronoi) happens in a stereographic
//     projection centred on the data, in metres at the centre. The projection
//     maps circles on the sphere to circles in the plane, so the planar
//     Delaunay triangulation of projected points is the spherical one.
//
// Invariants: readers never drop or alter a record silently; every problem is
// reported as a *RecordError naming the line (or feature) and the field.
// Package geo imports neither graph nor partition.
package geo
