package export

import (
	"github.com/hubpart/hubpart/geo/polygon"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Insets magnify the crowded parts of the map (for England: London,
// Birmingham, Manchester, Leeds, Liverpool, ...) so that small urban hubs
// stay readable. All coordinates are picture pixels.
//
// A hub is small when its polygon covers less than smallFrac of the map
// width squared (a square of side 1% of the width). Crowded spots are found
// greedily: the square window of side insetSeed × map width holding most
// small hubs (counted on a grid through a summed-area table) seeds an
// inset; the window grows while the small hubs around it stay at least half
// as dense; the small hubs near it are then set aside and the next window
// is sought, up to maxInsets windows of at least insetMinHubs small hubs.
//
// Each window is magnified so that its typical (median) small hub becomes
// about insetTarget of the width across (2.5 to 6 times, less when the
// inset would exceed insetMaxFrac of the map), and placed on the map where
// it hides no land: no hub polygon, practice dot, other window or inset
// under it (tested on a grid of 4-pixel cells), as near its window as
// possible. An inset with no such place goes into a strip under the map.
type inset struct {
	src   [4]float64 // window on the main map: minX, minY, maxX, maxY
	dst   [4]float64 // where it is drawn, same aspect
	zoom  float64
	label string // place name, from the hub site nearest the window's centre
	strip bool   // drawn in the strip under the map, not on it
}

// windowCaption is where the place name goes beside the window on the
// map (so that window and inset are matched by name, without lines across
// the map): just above its top-left corner.
func (in *inset) windowCaption(textSize float64) (x, y float64) {
	return in.src[0], in.src[1] - textSize*0.3
}

const (
	smallFrac     = 0.01  // side of a small hub, in map widths
	insetSeed     = 0.055 // side of a seed window, in map widths
	insetMaxSide  = 0.16  // largest window side, in map widths
	insetMinHubs  = 10    // small hubs a window needs to become an inset
	maxInsets     = 6
	insetTarget   = 0.022 // side of a magnified median small hub, in map widths
	insetMaxFrac  = 0.30  // largest inset side, in map widths
	insetMinZoom  = 2.5
	insetMaxZoom  = 6.0
	occCell       = 4.0 // pixels per cell of the free-space grid
	insetGap      = 6.0 // pixels kept free around an inset
	insetStripGap = 0.5 // strip spacing, in text sizes
)

// apply maps a main-picture point into the inset.
func (in *inset) apply(p [2]float64) [2]float64 {
	return [2]float64{in.dst[0] + (p[0]-in.src[0])*in.zoom, in.dst[1] + (p[1]-in.src[1])*in.zoom}
}

// caption is the text drawn in the inset's corner: the place name and the
// magnification, the name shortened with an ellipsis when the whole would
// be wider than the inset (at about 0.62 em per character of the bold
// face, so that the SVG and PNG agree).
func (in *inset) caption(textSize float64) string {
	z := " ×" + strconv.FormatFloat(math.Round(in.zoom*10)/10, 'f', -1, 64)
	room := int((in.dst[2]-in.dst[0]-textSize)/(0.62*textSize)) - len([]rune(z))
	name := []rune(in.label)
	if len(name) > room {
		name = append(name[:max(room-1, 1)], '…')
	}
	return string(name) + z
}

// smallHub is a hub too small to read at the map's scale.
type smallHub struct {
	c    [2]float64 // centre of its bounding box
	side float64    // square root of its area, px
	hub  int        // index in scene.hubs
}

// chooseInsets finds at most limit crowded windows of the map frame
// [x0, y0, x1, y1], sets their zoom, and names them with name(hub index)
// of the small hub nearest each window's centre. Placing them is
// placeInsets' job.
func (s *scene) chooseInsets(x0, y0, x1, y1 float64, limit int, name func(hub int) string) []*inset {
	mapW := x1 - x0
	var small []smallHub
	for i := range s.hubs {
		h := &s.hubs[i]
		a := 0.0
		for _, r := range h.rings {
			a += polygon.SignedArea(r)
		}
		side := math.Sqrt(math.Abs(a))
		if side < smallFrac*mapW {
			small = append(small, smallHub{c: [2]float64{(h.bounds[0] + h.bounds[2]) / 2, (h.bounds[1] + h.bounds[3]) / 2}, side: side, hub: i})
		}
	}
	if len(small) < insetMinHubs || limit <= 0 {
		return nil
	}
	// Count small hubs on a grid of cells of side cell.
	cell := math.Max(1, mapW/100)
	nx, ny := int(math.Ceil((x1-x0)/cell))+1, int(math.Ceil((y1-y0)/cell))+1
	cellOf := func(p [2]float64) (int, int) {
		return min(max(int((p[0]-x0)/cell), 0), nx-1), min(max(int((p[1]-y0)/cell), 0), ny-1)
	}
	alive := make([]bool, len(small))
	for i := range alive {
		alive[i] = true
	}
	var out []*inset
	seed := max(2, int(math.Round(insetSeed*mapW/cell)))
	for len(out) < limit {
		sat := newSAT(nx, ny, func(add func(i, j int)) {
			for k, h := range small {
				if alive[k] {
					add(cellOf(h.c))
				}
			}
		})
		best, bi, bj := 0, 0, 0
		for j := 0; j+seed <= ny; j++ {
			for i := 0; i+seed <= nx; i++ {
				if n := sat.sum(i, j, i+seed, j+seed); n > best {
					best, bi, bj = n, i, j
				}
			}
		}
		if best < insetMinHubs {
			break
		}
		// Grow each side by a cell while the strip added stays at least
		// half as dense as the seed.
		density := float64(best) / float64(seed*seed)
		i0, j0, i1, j1 := bi, bj, bi+seed, bj+seed
		most := int(insetMaxSide * mapW / cell)
		for grown := true; grown; {
			grown = false
			for side := range 4 {
				a0, b0, a1, b1 := i0, j0, i1, j1
				switch side {
				case 0:
					a0--
				case 1:
					a1++
				case 2:
					b0--
				case 3:
					b1++
				}
				if a0 < 0 || b0 < 0 || a1 > nx || b1 > ny || a1-a0 > most || b1-b0 > most {
					continue
				}
				added := sat.sum(a0, b0, a1, b1) - sat.sum(i0, j0, i1, j1)
				strip := (a1-a0)*(b1-b0) - (i1-i0)*(j1-j0)
				if float64(added) >= 0.5*density*float64(strip) {
					i0, j0, i1, j1 = a0, b0, a1, b1
					grown = true
				}
			}
		}
		src := [4]float64{x0 + float64(i0)*cell, y0 + float64(j0)*cell, x0 + float64(i1)*cell, y0 + float64(j1)*cell}
		// Square it about its centre.
		if w, h := src[2]-src[0], src[3]-src[1]; w > h {
			src[1] -= (w - h) / 2
			src[3] = src[1] + w
		} else {
			src[0] -= (h - w) / 2
			src[2] = src[0] + h
		}
		// Median small hub inside, the hub nearest the centre, and set the
		// small hubs near the window aside.
		var sides []float64
		cx, cy := (src[0]+src[2])/2, (src[1]+src[3])/2
		pad := (src[2] - src[0]) * 0.25
		central, cd := -1, math.Inf(1)
		for k, h := range small {
			if !alive[k] {
				continue
			}
			in := h.c[0] >= src[0] && h.c[0] <= src[2] && h.c[1] >= src[1] && h.c[1] <= src[3]
			if in {
				sides = append(sides, h.side)
				if d := math.Hypot(h.c[0]-cx, h.c[1]-cy); d < cd {
					central, cd = h.hub, d
				}
			}
			if h.c[0] >= src[0]-pad && h.c[0] <= src[2]+pad && h.c[1] >= src[1]-pad && h.c[1] <= src[3]+pad {
				alive[k] = false
			}
		}
		slices.Sort(sides)
		med := math.Max(sides[len(sides)/2], 1)
		side := src[2] - src[0]
		zoom := min(max(insetTarget*mapW/med, insetMinZoom), insetMaxZoom)
		zoom = min(zoom, insetMaxFrac*mapW/side)
		in := &inset{src: src, zoom: zoom}
		if central >= 0 && name != nil {
			in.label = name(central)
		}
		if in.label == "" {
			in.label = strconv.Itoa(len(out) + 1)
		}
		out = append(out, in)
	}
	return out
}

// layoutStrip places the insets without a dst in rows under the map,
// starting at top, between x0 and x1, and returns the strip's height (0
// when every inset found a place on the map). Insets larger than the strip
// is wide are shrunk to fit.
func layoutStrip(ins []*inset, x0, x1, top, gap float64) float64 {
	x, y, rowH := x0, top, 0.0
	for _, in := range ins {
		if in.dst != ([4]float64{}) {
			continue
		}
		side := in.src[2] - in.src[0]
		d := side * in.zoom
		if d > x1-x0 {
			in.zoom = (x1 - x0) / side
			d = x1 - x0
		}
		if x > x0 && x+d > x1 {
			x, y, rowH = x0, y+rowH+gap, 0
		}
		in.dst = [4]float64{x, y, x + d, y + d}
		in.strip = true
		x += d + gap
		rowH = max(rowH, d)
	}
	if rowH == 0 {
		return 0
	}
	return y + rowH - top + gap
}

// townKeys are the practice properties that name a place, in order of
// preference, for inset labels.
var townKeys = []string{"town", "post_town", "posttown", "city", "locality", "place"}

// placeName is the default inset label for the hub site p: its town when
// the input kept such a column, otherwise its name.
func placeName(p *Practice) string {
	for _, k := range townKeys {
		for _, q := range p.Props {
			if strings.EqualFold(q.Key, k) {
				if v, ok := q.Value.(string); ok && strings.TrimSpace(v) != "" {
					return strings.TrimSpace(v)
				}
			}
		}
	}
	return p.Name
}
