package export

import (
	"cmp"
	"math"
	"runtime"
	"slices"

	"github.com/hubpart/hubpart/internal/parallel"
)

// Free space on the picture: where an inset or the scale bar can go
// without hiding land. The picture is divided into cells of occCell pixels;
// hub polygons, practice dots, the insets' windows and their names, and
// what has been placed so far mark cells as used; a summed-area table then
// tells in constant time whether a box is free.

// sat is a summed-area table of counts on an nx x ny grid.
type sat struct {
	nx  int
	acc []int32 // (nx+1) x (ny+1)
}

func newSAT(nx, ny int, fill func(add func(i, j int))) *sat {
	t := &sat{nx: nx, acc: make([]int32, (nx+1)*(ny+1))}
	fill(func(i, j int) { t.acc[(j+1)*(nx+1)+i+1]++ })
	for j := 1; j <= ny; j++ {
		for i := 1; i <= nx; i++ {
			k := j*(nx+1) + i
			t.acc[k] += t.acc[k-1] + t.acc[k-nx-1] - t.acc[k-nx-2]
		}
	}
	return t
}

// sum counts cells [i0, i1) x [j0, j1).
func (t *sat) sum(i0, j0, i1, j1 int) int {
	w := t.nx + 1
	return int(t.acc[j1*w+i1] - t.acc[j0*w+i1] - t.acc[j1*w+i0] + t.acc[j0*w+i0])
}

// occupancy marks the cells of the picture that must stay visible: land
// (hub polygons), practice dots, and the windows and insets placed so far.
type occupancy struct {
	nx, ny int
	used   []bool
}

func (s *scene) newOccupancy() *occupancy {
	o := &occupancy{nx: int(math.Ceil(float64(s.w)/occCell)) + 1, ny: int(math.Ceil(float64(s.h)/occCell)) + 1}
	o.used = make([]bool, o.nx*o.ny)
	// The hubs in one run per CPU, each marking a grid of its own; marking
	// only sets cells, so the merged grid does not depend on the runs.
	runs := max(1, min(runtime.GOMAXPROCS(0), len(s.hubs)))
	grids := make([]*occupancy, runs)
	parallel.Each(runs, func(k int) {
		g := o
		if k > 0 {
			g = &occupancy{nx: o.nx, ny: o.ny, used: make([]bool, len(o.used))}
		}
		for i := k * len(s.hubs) / runs; i < (k+1)*len(s.hubs)/runs; i++ {
			g.fillRings(s.hubs[i].rings)
		}
		grids[k] = g
	})
	for _, g := range grids[1:] {
		for i, u := range g.used {
			if u {
				o.used[i] = true
			}
		}
	}
	for _, d := range s.dots {
		o.mark([4]float64{d.x - d.r, d.y - d.r, d.x + d.r, d.y + d.r})
	}
	return o
}

// mark sets every cell meeting box b.
func (o *occupancy) mark(b [4]float64) {
	i0, j0 := max(int(b[0]/occCell), 0), max(int(b[1]/occCell), 0)
	i1, j1 := min(int(b[2]/occCell), o.nx-1), min(int(b[3]/occCell), o.ny-1)
	for j := j0; j <= j1; j++ {
		for i := i0; i <= i1; i++ {
			o.used[j*o.nx+i] = true
		}
	}
}

// fillRings marks the cells whose centre row crosses the polygon (even-odd
// scanlines at cell centres), widened by one cell on each side so that
// thin land and coasts stay clear.
func (o *occupancy) fillRings(rings [][][2]float64) {
	rows := map[int][]float64{}
	for _, r := range rings {
		for k := 0; k+1 < len(r); k++ {
			a, b := r[k], r[k+1]
			if a[1] == b[1] {
				continue
			}
			if a[1] > b[1] {
				a, b = b, a
			}
			j0 := int(math.Ceil(a[1]/occCell - 0.5))
			for j := max(j0, 0); j < o.ny; j++ {
				y := (float64(j) + 0.5) * occCell
				if y >= b[1] {
					break
				}
				rows[j] = append(rows[j], a[0]+(y-a[1])*(b[0]-a[0])/(b[1]-a[1]))
			}
		}
		// Vertices mark their own cells (spikes and slivers between rows).
		for _, p := range r {
			o.mark([4]float64{p[0], p[1], p[0], p[1]})
		}
	}
	for j, xs := range rows {
		slices.Sort(xs)
		for k := 0; k+1 < len(xs); k += 2 {
			for jj := max(j-1, 0); jj <= min(j+1, o.ny-1); jj++ {
				o.mark([4]float64{xs[k] - occCell, float64(jj) * occCell, xs[k+1] + occCell, float64(jj) * occCell})
			}
		}
	}
}

// placeInsets gives each inset (largest first) the free square nearest its
// window inside the frame; those that fit nowhere keep an empty dst. It
// returns the occupancy with the insets marked, for further placements.
func (s *scene) placeInsets(ins []*inset, x0, y0, x1, y1 float64) *occupancy {
	o := s.newOccupancy()
	for _, in := range ins {
		o.mark(in.src)
		// The place name above the window (0.9 text size, about 0.6 em a
		// character).
		x, y := in.windowCaption(s.textSize)
		o.mark([4]float64{x, y - s.textSize, x + float64(len([]rune(in.label))+1)*0.6*0.9*s.textSize, y + s.textSize*0.3})
	}
	order := make([]*inset, len(ins))
	copy(order, ins)
	slices.SortStableFunc(order, func(a, b *inset) int {
		return cmp.Compare((b.src[2]-b.src[0])*b.zoom, (a.src[2]-a.src[0])*a.zoom)
	})
	for _, in := range order {
		d := (in.src[2] - in.src[0]) * in.zoom
		c := [2]float64{(in.src[0] + in.src[2]) / 2, (in.src[1] + in.src[3]) / 2}
		x, y, ok := o.free(d, d, c, [4]float64{x0, y0, x1, y1})
		if !ok {
			continue // to the strip
		}
		in.dst = [4]float64{x, y, x + d, y + d}
		o.mark([4]float64{x - insetGap, y - insetGap, x + d + insetGap, y + d + insetGap})
	}
	return o
}

// usedSAT is the summed-area table of the used cells (newSAT's, built
// row by row in one pass).
func (o *occupancy) usedSAT() *sat {
	w := o.nx + 1
	t := &sat{nx: o.nx, acc: make([]int32, w*(o.ny+1))}
	for j := range o.ny {
		k := (j+1)*w + 1
		for i, u := range o.used[j*o.nx : (j+1)*o.nx] {
			v := t.acc[k+i-1] + t.acc[k+i-w] - t.acc[k+i-w-1]
			if u {
				v++
			}
			t.acc[k+i] = v
		}
	}
	return t
}

// free finds the position (top-left) of a w x h box inside frame, with
// insetGap pixels around it, that covers no used cell and whose centre is
// nearest to target.
func (o *occupancy) free(w, h float64, target [2]float64, frame [4]float64) (x, y float64, ok bool) {
	nw, nh := int(math.Ceil((w+2*insetGap)/occCell)), int(math.Ceil((h+2*insetGap)/occCell))
	t := o.usedSAT()
	best := math.Inf(1)
	i0, j0 := int(math.Ceil(frame[0]/occCell)), int(math.Ceil(frame[1]/occCell))
	for j := j0; float64(j+nh)*occCell <= frame[3] && j+nh <= o.ny; j++ {
		for i := i0; float64(i+nw)*occCell <= frame[2] && i+nw <= o.nx; i++ {
			if t.sum(i, j, i+nw, j+nh) != 0 {
				continue
			}
			px, py := float64(i)*occCell+insetGap, float64(j)*occCell+insetGap
			if d := math.Hypot(px+w/2-target[0], py+h/2-target[1]); d < best {
				best, x, y, ok = d, px, py, true
			}
		}
	}
	return x, y, ok
}
