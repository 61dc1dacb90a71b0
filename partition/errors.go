package partition

import (
	"errors"
	"fmt"
	"strings"
)

var (
	// ErrInvalid is wrapped by the *ValidationError returned by Validate.
	ErrInvalid = errors.New("partition: invalid result")
	// ErrNoLevels is returned by Run when no level is given.
	ErrNoLevels = errors.New("partition: no levels")
	// ErrBadLevel is wrapped by a *LevelError for bounds that make no sense.
	ErrBadLevel = errors.New("partition: bad level")
	// ErrMismatch is returned when the graph, the practices and the option
	// slices do not describe the same practices.
	ErrMismatch = errors.New("partition: graph and practices do not match")
)

// LevelError reports a level whose bounds are unusable.
type LevelError struct {
	Index  int
	Level  Level
	Reason string
}

func (e *LevelError) Error() string {
	return fmt.Sprintf("partition: bad level %d %q [%d, %d]: %s", e.Index, e.Level.Name, e.Level.Min, e.Level.Max, e.Reason)
}

// Unwrap returns ErrBadLevel.
func (e *LevelError) Unwrap() error { return ErrBadLevel }

// ValidationError lists every problem Validate found.
type ValidationError struct {
	Problems []string
}

func (e *ValidationError) Error() string {
	const show = 10
	var b strings.Builder
	fmt.Fprintf(&b, "partition: invalid result: %d problem(s)", len(e.Problems))
	for i, p := range e.Problems {
		if i == show {
			fmt.Fprintf(&b, "; ... and %d more", len(e.Problems)-show)
			break
		}
		b.WriteString("; ")
		b.WriteString(p)
	}
	return b.String()
}

// Unwrap returns ErrInvalid.
func (e *ValidationError) Unwrap() error { return ErrInvalid }
