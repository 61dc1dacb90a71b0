package graph

import "errors"

// ErrTooManyPatients is wrapped by a *PracticeError for the practice at
// which the patients add up beyond the largest int64: site weights and
// every total built on them must be exact.
var ErrTooManyPatients = errors.New("graph: patients add up beyond the largest int64")
