// Package input reads what a planner brings: practices (code, name,
// location, registered patients) from CSV or GeoJSON, and a boundary
// (the land outline) from GeoJSON.
//
// Model: a Practice has a unique Code, a Loc in [lon, lat] degrees (WGS84)
// and Patients >= 0 (int64, the weight partitioned). CSV columns are found
// by name, with common aliases (list_size, number_of_patients, ...) and
// ColumnAlias for others; ConstantPatients gives every record one weight
// (postcodes); KeepColumns keeps extra columns in Attrs. LocateByPostcode
// places practices without coordinates by their postcode (package
// postcode), at a sector or district centre when the postcode itself is
// not listed; Practice.Located records which, and practices that cannot be
// placed at all fail the read together in an *UnlocatedError.
//
// Invariants: readers never drop or alter a record silently; every problem
// is reported as a *RecordError naming the line (or feature) and the field,
// wrapping a sentinel testable with errors.Is (this package's Err…
// sentinels, or geo.ErrNonFinite, geo.ErrLatRange, geo.ErrLonRange for
// coordinates). AllErrors collects up to 1,000 problems in an ErrorList.
// Reads can be long (1.7 million postcodes): the readers take a
// context.Context first, checked every 65,536 records, and report progress
// through the WithProgress callback.
//
// Package input imports geo; nothing in geo imports input.
package input
