package export

import (
	"math"
	"strconv"
)

// An inset magnifies the most crowded part of the map (for England:
// London) into an otherwise empty corner of the map frame, so that small
// urban hubs stay readable. All coordinates are picture pixels.
type inset struct {
	src  [4]float64 // window on the main map: minX, minY, maxX, maxY
	dst  [4]float64 // where it is drawn, same aspect
	zoom float64
}

// Inset parameters: the window is insetWindow of the map width, drawn
// insetZoom times larger; it is only used when the window holds at least
// insetMinDots practices and insetDensity times the map's mean density.
const (
	insetWindow  = 0.08
	insetZoom    = 4.5
	insetMinDots = 100
	insetDensity = 6.0
)

// apply maps a main-picture point into the inset.
func (in *inset) apply(p [2]float64) [2]float64 {
	return [2]float64{in.dst[0] + (p[0]-in.src[0])*in.zoom, in.dst[1] + (p[1]-in.src[1])*in.zoom}
}

// chooseInset finds the square window (on a grid of quarter-window steps)
// holding most practice dots and the corner of the map frame [x0,y0,x1,y1]
// least covered by hub polygons that does not overlap the window. It
// returns nil when no window is crowded enough or no corner is free.
func (s *scene) chooseInset(x0, y0, x1, y1 float64) *inset {
	if len(s.dots) < insetMinDots {
		return nil
	}
	side := insetWindow * (x1 - x0)
	big := side * insetZoom
	if big > (x1-x0)/2 || big > (y1-y0)/2 {
		return nil
	}
	step := side / 4
	best, bx, by := -1, 0.0, 0.0
	for y := y0; y+side <= y1; y += step {
		for x := x0; x+side <= x1; x += step {
			n := 0
			for _, d := range s.dots {
				if d.x >= x && d.x < x+side && d.y >= y && d.y < y+side {
					n++
				}
			}
			if n > best {
				best, bx, by = n, x, y
			}
		}
	}
	mean := float64(len(s.dots)) / ((x1 - x0) * (y1 - y0)) * side * side
	if best < insetMinDots || float64(best) < insetDensity*mean {
		return nil
	}
	src := [4]float64{bx, by, bx + side, by + side}
	pad := side * 0.05
	corners := [][2]float64{{x0, y0}, {x1 - big, y0}, {x0, y1 - big}, {x1 - big, y1 - big}}
	var pick *[4]float64
	bestCover := math.Inf(1)
	for _, c := range corners {
		d := [4]float64{c[0], c[1], c[0] + big, c[1] + big}
		if d[0] < src[2]+pad && src[0]-pad < d[2] && d[1] < src[3]+pad && src[1]-pad < d[3] {
			continue
		}
		if cover := s.coverage(d); cover < bestCover {
			bestCover = cover
			dd := d
			pick = &dd
		}
	}
	if pick == nil || bestCover > 0.35 {
		return nil
	}
	return &inset{src: src, dst: *pick, zoom: insetZoom}
}

// coverage estimates the fraction of box b covered by hub polygons (or
// practice dots) from a 16 x 16 sample grid.
func (s *scene) coverage(b [4]float64) float64 {
	const n = 16
	hit := 0
	for i := range n {
		for j := range n {
			x := b[0] + (float64(i)+0.5)*(b[2]-b[0])/n
			y := b[1] + (float64(j)+0.5)*(b[3]-b[1])/n
			for _, h := range s.hubs {
				if x < h.bounds[0] || x > h.bounds[2] || y < h.bounds[1] || y > h.bounds[3] {
					continue
				}
				if evenOdd(h.rings, x, y) {
					hit++
					break
				}
			}
		}
	}
	return float64(hit) / (n * n)
}

func evenOdd(rings [][][2]float64, x, y float64) bool {
	in := false
	for _, r := range rings {
		for i := 0; i+1 < len(r); i++ {
			a, b := r[i], r[i+1]
			if (a[1] > y) != (b[1] > y) && a[0]+(y-a[1])*(b[0]-a[0])/(b[1]-a[1]) > x {
				in = !in
			}
		}
	}
	return in
}

// insetLabel is the caption drawn in the inset's corner.
func insetLabel(in *inset) string {
	return "detail of the most crowded part, ×" + strconv.FormatFloat(in.zoom, 'f', -1, 64)
}
