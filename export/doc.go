// Package export turns a partition into files people can look at: GeoJSON
// layers of hub and area polygons and practices, and a map picture (SVG or
// PNG) of the same.
//
// # Model
//
// Build computes everything once into a Model, a typed description of the
// output: Levels (hubs, areas, ...) of Regions, each with its polygon in
// [lon, lat] degrees and its figures (patients, practices, hub site,
// status, distances, colour), the Practices with their group at every
// level, and the Boundary. The writers only read the Model:
//
//	m, err := export.Build(ctx, export.Input{Practices: ps, Graph: g, Result: res, Boundary: b})
//	err = m.WriteGeoJSON(w)          // every layer in one collection
//	err = m.WriteGeoJSON(w, "hub")   // one layer: one geometry type
//	err = m.WriteSVG(w, opt)
//	err = m.WritePNG(w, opt)
//	fc, err := m.FeatureCollection() // the same features as orb values
//
// Export needs nothing from graph building but the graph: it projects the
// sites (Graph.Loc) with geo.NewProjection, which is the projection
// graph.Build used (Graph.XY are its coordinates), and triangulates
// Graph.XY itself for the Voronoi cells. The boundary is given once, in
// Input.Boundary (the one given to graph.WithBoundary). The cells depend
// only on the sites and the boundary, so a caller may make them with
// NewCells while the partition is computed and pass them in Input.Cells
// (the CLI does); the Model is the same.
//
// Callers may add properties before writing: Region.Props and
// Practice.Props are written after the standard properties, in order. Build
// fills Practice.Props with the input's kept columns (input.Practice.Attrs,
// sorted by name), so a column such as pcn_code or located reaches the GIS
// files without export knowing it. An extra property whose name is taken
// by a standard one is written as "input_" + name.
//
// # GeoJSON layers
//
// LayerNames lists the layers in output order: one per level, named by the
// level (the CLI's "hub" and "area"), then "practice". WriteGeoJSON writes
// the named layers (all by default) as one RFC 7946 FeatureCollection.
// Every feature has an integer "id" numbering the features of the file from
// 1, so ids are unique and GIS tools (GDAL, QGIS) take them as feature IDs.
// Every region is a MultiPolygon (a layer has one geometry type), every
// practice a Point. Properties, in this order:
//
//   - a region of level l: layer (the level's name); the level's name
//     (e.g. "hub": the group's ID, the CSV's value); the next level's name
//     with the ID of the group containing it (e.g. "area", when there is a
//     level above); hubs (number of hubs in it, above level 0); patients;
//     practices (count); hub_site (code) and hub_site_name; status; reason
//     (only when set); mean_km and max_km (patient-weighted mean and
//     largest distance practice -> hub site, km, 3 decimals); pieces
//     (number of polygons); bridged (two of the group's sites are joined
//     by a graph.Bridge edge, the usual reason for pieces > 1); then
//     Region.Props.
//   - a practice: layer ("practice"), code, name, patients, the ID of its
//     group at every level (named by level: hub, area, ...), the status of
//     each (hub_status, area_status, ...), then Practice.Props.
//   - a result started from an initial configuration
//     (partition.WithInitial, Result.Change) adds, first among the extra
//     properties, to every practice: from (its initial label, "" when
//     free), moved (its initial group is not its hub's origin) and change
//     (kept, moved, split, grown, shrunk, reshaped or free); to every hub:
//     origin (the initial group supplying most of its patients) and change
//     (its origin's class, or new). The map draws moved practices in
//     magenta, with a legend entry.
//
// # Geometry
//
// Each site (the practices on one point, see graph) owns its Voronoi cell,
// computed by voronoi.Cells in the sites' projected plane (metres) and
// clipped to Input.Boundary when given (otherwise to a buffer
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
// holes inside), each level for overlaps (no two groups share interior:
// an exact check that uses the polygons' structure, shared vertices and
// edges found through a grid, and falls back to polygon.CheckNoOverlap when
// the polygons are not a clean subdivision; see overlap.go), and every
// practice is checked to lie in (or on the boundary
// of) its own group's polygon at every level. A failure is returned by
// Build as a *GeometryError, and nothing is written. The same input always
// gives the same Model, and WriteGeoJSON the same bytes.
//
// # Pictures
//
// WriteSVG and WritePNG draw the map from the Model's typed shapes: hubs
// filled with Region.Colour (chosen by ColourGroups so that neighbouring
// hubs, sharing an edge or with graph-adjacent sites, differ), area
// boundaries as dark lines on a light casing so that they read over any
// colour, hubs outside their size bounds hatched and outlined in red,
// practices as dots whose area grows with the list size (capped at
// 60,000; practices moved from their starting group, Practice.Moved, in
// magenta), a title above, and below the summary lines, a key and the
// attribution line (MapOptions). The plane is the sites' conformal
// projection (Model.Project: true shapes at any latitude). The SVG and PNG
// of one map share one layout, computed once.
//
// Crowded places get insets: wherever many hubs are too small to read
// (under 1% of the map width across), a window around them is magnified
// (2.5 to 6 times, so that its typical hub becomes readable) and drawn
// where it hides no land: on sea or empty parts of the frame, away from
// hubs, practice dots and other insets, as near its window as possible, or
// in a strip under the map when no such place is free. Each inset and its
// window carry the place's name: the town of the hub site nearest the
// window's centre when the input kept a town column, otherwise that
// practice's name, or whatever MapOptions.InsetLabel returns. A scale bar
// of a round length goes on the map where it hides no land (or into the
// key).
//
// WritePNG rasterises with anti-aliasing (golang.org/x/image/vector) in
// horizontal bands and insets side by side, drawing in each only what it
// shows, and stroking an edge shared by two hubs once; it encodes the PNG
// in strips deflated side by side. Text is set in the Go fonts.
//
// # Interactive page
//
// WriteHTML writes one self-contained HTML page (no network requests: the
// script htmlmap/map.js, the style htmlmap/map.css and the data are
// inline, embedded with go:embed) that draws the same shapes on a canvas
// and lets a planner pan, zoom, hover, click and search. Its data is one
// JSON block: coordinates in whole metres of the same plane, relative to
// the drawing's lower-left corner, each ring delta-encoded (England: 1.2
// MB). Names go through encoding/json (which escapes <, > and &) into a
// type="application/json" script block and are put into the document with
// textContent, so no input text can become markup. The page sets
// data-ready on <html> when it has drawn and handled its URL fragment
// (#q=CODE), and offers window.hubpartMap.locate(code) for tests.
package export
