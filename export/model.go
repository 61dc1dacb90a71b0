package export

import (
	"github.com/hubpart/hubpart/geo"
	"github.com/hubpart/hubpart/partition"
	"github.com/paulmach/orb"
)

// Model is a partition laid out for output: the polygon of every group of
// every level, the practices, and the outline, all in [lon, lat] degrees
// rounded to Decimals places. Build makes one; FeatureCollection,
// WriteGeoJSON, WriteSVG and WritePNG read it and never change it.
//
// The fields are plain data so that callers (the CLI, other output
// formats) can read them directly and add properties of their own through
// Region.Props and Practice.Props before writing.
type Model struct {
	// Levels[0] are the hubs, Levels[1] the areas (when the result has a
	// second level), then any higher levels, as in partition.Result.
	Levels []Level
	// Practices in input order.
	Practices []Practice
	// Boundary is the outline the cells were clipped to, as given in
	// Input.Boundary ([lon, lat]); nil when none was given.
	Boundary orb.MultiPolygon

	plane *geo.Projection // the sites' conformal projection, for drawing
	cache *sceneCache     // the last map laid out (nil: none kept)
}

// Level is one level of groups: hubs, areas, ...
type Level struct {
	// Name is the level's name from partition.Level (the CLI's "hub" and
	// "area"); it names the GeoJSON layer and the property holding a
	// group's ID, as the CSV names its column. Empty names become "hub",
	// "area", then "level2", "level3", ...
	Name    string
	Regions []Region // one per group, Regions[i].ID == i
}

// Region is the finished polygon of one group (a hub, an area, ...) with
// the figures the outputs show.
type Region struct {
	ID int // the group's ID within its level (the CSV's value)
	// Polygon is the union of the group's sites' Voronoi cells: [lon, lat],
	// rounded, outer rings counter-clockwise, holes clockwise. It has
	// several polygons when the group's sites are split by water or the
	// boundary.
	Polygon   orb.MultiPolygon
	Patients  int64
	Practices int // number of member practices
	Hubs      int // number of hubs in the group (1 for a hub)
	HubSite   int // index into Model.Practices of the group's hub site
	Status    partition.Status
	Reason    string  // detail when Status is not ok
	MeanKm    float64 // patient-weighted mean distance practice -> hub site
	MaxKm     float64 // largest distance practice -> hub site
	Parent    int     // ID of the group containing it one level up, -1 at the top level
	// Bridged reports that two of the group's sites are joined by a
	// graph.Bridge edge (a link across water), the usual reason for a
	// Polygon in several pieces.
	Bridged bool
	// Colour is a colour index (see PaletteColour) such that groups of the
	// same level that share an edge or whose sites neighbour in the graph
	// have different colours.
	Colour int
	// Props are extra properties written after the standard ones, in order.
	Props []Property
}

// Practice is one practice as the outputs show it.
type Practice struct {
	Code     string
	Name     string
	Loc      orb.Point // [lon, lat], rounded
	Patients int64
	// Group[l] is the ID of the practice's group at level l.
	Group []int32
	// Moved reports that the practice left its initial group
	// (partition.Result.Change); the map marks it.
	Moved bool
	// Props are extra properties written after the standard ones, in
	// order: Build puts the input's kept columns here (input.Practice.Attrs,
	// sorted by name), so columns such as pcn_code or located reach every
	// output.
	Props []Property
}

// Property is one extra named value of a feature. Value should be a
// string, bool, int, int32, int64 or float64 (or nil), and have the same
// type for every feature of a layer, so that GIS tools give the field one
// type.
type Property struct {
	Key   string
	Value any
}

// Hubs returns the regions of level 0.
func (m *Model) Hubs() []Region { return m.Levels[0].Regions }

// Areas returns the regions of level 1, or nil when the result has one
// level.
func (m *Model) Areas() []Region {
	if len(m.Levels) < 2 {
		return nil
	}
	return m.Levels[1].Regions
}

// Project maps [lon, lat] to the plane the map is drawn in: the sites'
// conformal projection (metres, true shapes at any latitude), the one
// graph.Build uses.
func (m *Model) Project(p orb.Point) [2]float64 { return m.plane.Forward(p) }

// levelName is the name of level l of r: its Name, or hub/area/levelN.
func levelName(r *partition.Result, l int) string {
	if l < len(r.Levels) && r.Levels[l].Name != "" {
		return r.Levels[l].Name
	}
	switch l {
	case 0:
		return "hub"
	case 1:
		return "area"
	}
	return "level" + itoa(l)
}
