package geo

import "errors"

// Sentinel errors about coordinates, shared by every package that takes
// them (input, geo/delaunay, geo/polygon, geo/voronoi, graph). They arrive
// wrapped with the place of the problem; test with errors.Is.
var (
	ErrEmpty      = errors.New("geo: no points")
	ErrNonFinite  = errors.New("geo: not a finite number")
	ErrLatRange   = errors.New("geo: latitude outside [-90, 90]")
	ErrLonRange   = errors.New("geo: longitude outside [-180, 180]")
	ErrHemisphere = errors.New("geo: points span more than a hemisphere")
)

// CheckLat returns ErrLatRange unless lat is in [-90, 90] (NaN is outside).
func CheckLat(lat float64) error {
	if !(lat >= -90 && lat <= 90) {
		return ErrLatRange
	}
	return nil
}

// CheckLon returns ErrLonRange unless lon is in [-180, 180] (NaN is outside).
func CheckLon(lon float64) error {
	if !(lon >= -180 && lon <= 180) {
		return ErrLonRange
	}
	return nil
}
