// Package osgb converts Ordnance Survey National Grid references (OSGB36
// eastings and northings, metres) to WGS84 latitude and longitude, as needed
// to locate OS Code-Point Open postcodes.
//
// The method is the one Ordnance Survey documents in "A guide to coordinate
// systems in Great Britain" (v3.6, 2020): the inverse Transverse Mercator
// projection on the Airy 1830 ellipsoid (annexe C), then the seven-parameter
// Helmert transformation from OSGB36 to WGS84 (ETRS89) through geocentric
// Cartesian coordinates (section 6.2 and annexe B).
//
// Accuracy: the projection step is exact to well under a millimetre; the
// Helmert step is an approximation OS quotes as good to about 5 metres (up
// to 7 metres in places) against the definitive OSTN15 transformation. Tests
// check both steps against the worked examples and control points that OS
// publishes. Five metres is far below the spacing of postcodes, so the grid
// shift files are not needed here.
//
// Results are orb.Point values in [lon, lat] order, degrees.
package osgb
