package input

import "github.com/paulmach/orb"

// A Practice is one weighted site to be grouped: a GP practice with its
// registered list size, or any other atomic unit (a postcode with weight 1).
type Practice struct {
	Code     string    // unique identifier
	Name     string    // optional display name
	Loc      orb.Point // [lon, lat], degrees
	Patients int64     // registered list size (weight), >= 0

	// Postcode is the practice's postcode when LocateByPostcode read one
	// (canonical "FY1 9AB" form when it is a postcode), else "".
	Postcode string
	// Located says where Loc came from: the input's coordinates (the zero
	// value), the practice's postcode, or its sector or district centre.
	Located Located

	// Attrs holds the extra input columns the reader was asked to keep
	// (for example a CCG code used as strata); nil when none were kept.
	Attrs map[string]string
}

// TotalPatients returns the sum of Patients over ps.
func TotalPatients(ps []Practice) int64 {
	var t int64
	for i := range ps {
		t += ps[i].Patients
	}
	return t
}
