package partition

import (
	"errors"
	"fmt"
	"math"

	"github.com/hubpart/hubpart/input"
)

// ErrOverflow is returned by Run when the practices' patients add up beyond
// the largest int64: every group total must be exact.
var ErrOverflow = errors.New("partition: patients add up beyond the largest int64")

// totalPatients adds up the patients exactly, or returns an error wrapping
// ErrOverflow naming the practice at which the sum would wrap.
func totalPatients(ps []input.Practice) (int64, error) {
	var t int64
	for p := range ps {
		w := int64(ps[p].Patients)
		if w > 0 && t > math.MaxInt64-w {
			return 0, fmt.Errorf("%w: at practice %d (%s)", ErrOverflow, p, ps[p].Code)
		}
		t += w
	}
	return t, nil
}
