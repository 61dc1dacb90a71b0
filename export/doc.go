// Package export turns a partition into files people can look at: a GeoJSON
// FeatureCollection with the hub and area polygons and the practices, and a
// map picture (SVG or PNG) of the same.
//
// # GeoJSON layers
//
// FeatureCollection returns one RFC 7946 FeatureCollection whose features
// carry a "layer" property, in this order:
//
//   - "hub": one Polygon (or MultiPolygon) per level-0 group, in ID order.
//     Properties: id, level, patients, practices (count), hub_site (code),
//     hub_site_name, status, reason (only when set), area (parent ID, when
//     there is a level above), mean_km, max_km (patient-weighted mean and
//     largest distance practice -> hub site, km, 3 decimals), pieces (number
//     of polygons) and bridged (two of the hub's sites are joined by a
//     graph.Bridge edge, the usual reason for pieces > 1).
//   - "area": the same for level-1 groups, plus hubs (number of hubs in it)
//     and parent (when there is a level above). Further levels follow with
//     layer set to the level's Name.
//   - "practice": one Point per practice in input order with code, name,
//     patients, hub, area (when there is a level 1) and hub_status.
//
// # Geometry
//
// Each site (the practices on one point, see graph) owns its Voronoi cell,
// computed by voronoi.Cells in the projected plane of graph.BuildInfo
// (metres) and clipped to Input.Boundary when given (otherwise to a buffer
// around the sites' hull). A group's polygon is voronoi.Dissolve of its sites'
// cells: contiguous cells merge, so a hub is one Polygon unless its sites
// are split by water or by the boundary (islands joined by a bridge), when
// it is a MultiPolygon with pieces > 1. Areas are dissolved from the same
// cells, so they are exactly the union of their hubs.
//
// Two cases need more than a cell. A split site (co-located practices in
// different hubs, which the partitioner allows when together they exceed
// the maximum) keeps its cell with the hub holding most of its patients;
// a small square around the site (at most 150 m half-size) is cut out of the
// cell and divided into wedges meeting at the site, one per hub at the
// site. A site outside the boundary (a practice just off a generalised
// coastline) gets the same square placed entirely outside the boundary.
// Co-located practices sit on one point, so in a split site each practice
// lies on the boundary of its own hub polygon rather than strictly inside;
// everywhere else it lies strictly inside.
//
// Polygons are un-projected to [lon, lat] degrees and every coordinate
// (points too) is rounded to 6 decimals (about 0.1 m). Vertices shared by
// neighbouring cells are bitwise equal before rounding, so they stay equal
// after it, and neighbouring polygons keep sharing their edges exactly.
//
// # Validity
//
// After rounding, repeated vertices and zero-area spikes are removed, rings
// that collapse are dropped, outer rings are made counter-clockwise and
// holes clockwise (the RFC 7946 right-hand rule). Every output polygon is
// then checked with polygon.Check (closed rings, no self-intersection,
// holes inside), each level with polygon.CheckNoOverlap (no two groups share
// interior), and every practice is checked to lie in (or on the boundary
// of) its own group's polygon at every level. A failure is returned as a
// *GeometryError, never written. The same input always gives the same
// features in the same order, and WriteGeoJSON the same bytes.
//
// # Pictures
//
// WriteSVG and WritePNG draw the map: hubs filled with colours chosen by
// ColourGroups so that neighbouring hubs (sharing an edge, or with
// graph-adjacent sites) differ, area boundaries as heavier dark lines, hubs
// outside their size bounds hatched and outlined in red, practices as dots
// whose area grows with the list size (capped at 60,000), a title above and
// the summary lines and a key below. When one spot holds far more
// practices than the map's average (a capital city), a magnified inset of
// it is drawn in the emptiest corner of the map frame, its window outlined
// on the map. The plane is the graph's conformal
// projection (true shapes at any latitude), or, without it, lon scaled by
// cos(mid-latitude).
package export
