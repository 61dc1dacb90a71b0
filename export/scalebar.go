package export

import (
	"math"
	"strconv"
)

// scaleBar is a bar of a round length drawn on the map: px pixels long,
// its left end at (x, y), the label above it.
type scaleBar struct {
	x, y, px float64
	label    string
}

// scaleBarFrac is the longest bar, in map widths.
const scaleBarFrac = 0.16

// placeScaleBar chooses the bar's length (1, 2 or 5 times a power of ten,
// in metres or km) for pxPerMetre, and puts it on the map where it hides
// no land, as near the frame's lower left corner as it can; when there is
// no such place, the bar goes into the key row (s.scale stays nil).
func (s *scene) placeScaleBar(o *occupancy, pxPerMetre float64, frame [4]float64) {
	if !(pxPerMetre > 0) || math.IsInf(pxPerMetre, 0) {
		return
	}
	most := scaleBarFrac * (frame[2] - frame[0]) / pxPerMetre // metres
	length := 0.0
	for p := math.Pow(10, math.Floor(math.Log10(most))); length == 0; p /= 10 {
		for _, k := range []float64{5, 2, 1} {
			if k*p <= most {
				length = k * p
				break
			}
		}
	}
	label := strconv.FormatFloat(length, 'f', -1, 64) + " m"
	if length >= 1000 {
		label = strconv.FormatFloat(length/1000, 'f', -1, 64) + " km"
	}
	s.scaleKey = scaleBar{px: length * pxPerMetre, label: label}
	w, h := s.scaleKey.px+s.textSize, s.textSize*2.2
	if x, y, ok := o.free(w, h, [2]float64{frame[0], frame[3]}, frame); ok {
		s.scale = &scaleBar{x: x + s.textSize*0.5, y: y + h - s.textSize*0.5, px: s.scaleKey.px, label: label}
		o.mark([4]float64{x, y, x + w, y + h})
	}
}
