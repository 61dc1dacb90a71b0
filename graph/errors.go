package graph

import (
	"errors"
	"fmt"
)

var (
	// ErrNoPractices is returned by Build for an empty practice list.
	ErrNoPractices = errors.New("graph: no practices")
	// ErrBadLocation is wrapped by a *PracticeError for a location that is
	// not a finite [lon, lat] with lon in [-180, 180] and lat in [-90, 90].
	ErrBadLocation = errors.New("graph: invalid location")
	// ErrBadRule is returned for a PruneRule with negative or NaN parameters.
	ErrBadRule = errors.New("graph: invalid prune rule")
)

// A PracticeError names the practice Build could not use.
type PracticeError struct {
	Index int    // position in the input slice
	Code  string // the practice's Code
	Err   error  // ErrBadLocation or input.ErrNegativePatients, with detail
}

func (e *PracticeError) Error() string {
	return fmt.Sprintf("%v (practice %d, code %q)", e.Err, e.Index, e.Code)
}

func (e *PracticeError) Unwrap() error { return e.Err }
