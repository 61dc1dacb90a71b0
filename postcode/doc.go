// Package postcode locates UK postcodes: it normalises how a postcode is
// written and looks it up in a table read from one of the published
// postcode files, falling back to the centre of its sector or district when
// the postcode itself is not listed.
//
// Model:
//   - A postcode is an outward code (the district, "FY1", 2 to 4 letters and
//     digits starting with a letter) and an inward code (a digit and two
//     letters, "9AB"). Its sector is the outward code and the inward digit
//     ("FY1 9"). Case and spacing do not matter: "fy19ab", "FY1 9AB" and the
//     fixed seven-character "FY1 9AB"/"AB101AA" form of the ONS files are
//     the same postcode. [Normalize] writes the canonical form "FY1 9AB".
//   - A [Table] holds every postcode of a file with its WGS84 location,
//     [lon, lat] degrees, stored to a millionth of a degree (about 10 cm).
//     [Table.Locate] finds a postcode; when it is not listed (newer than the
//     file, say) it returns the mean location of the listed postcodes of its
//     sector, else of its district, and says which in [Match.Level].
//
// Files ([Read], [ReadFile]; .csv or .csv.gz), recognised by their header:
//   - the ONS Postcode Directory (pcds or pcd, lat, long; rows with ONS's
//     "no grid reference" marker, lat 99.999999, are counted and skipped);
//   - a simple postcode,lat,lon table (also latitude/longitude, lng);
//   - OS Code-Point Open (Postcode, Positional_quality_indicator, Eastings,
//     Northings, ...), with or without its header row: OSGB36 National Grid
//     references converted to WGS84 by package osgb (a few metres); rows
//     without a grid reference (0, 0) are counted and skipped.
//
// Invariants: nothing is dropped silently. A malformed row (a postcode that
// is not one, a coordinate that is not a number or is out of range, a
// ragged row) is a *RecordError naming the line and field; rows without
// coordinates are counted in [Table.Skipped]; a postcode listed twice at
// different places is ErrDuplicate (listed twice at the same place, it is
// kept once).
package postcode
