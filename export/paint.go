package export

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// Painting for the PNG map: anti-aliased fills of polygon lists with
// golang.org/x/image/vector, strokes made of quads, and dots.

// hatch is an infinite image of diagonal warning stripes.
type hatch struct{ c color.NRGBA }

func (h hatch) ColorModel() color.Model { return color.NRGBAModel }
func (h hatch) Bounds() image.Rectangle {
	return image.Rect(-1<<28, -1<<28, 1<<28, 1<<28)
}
func (h hatch) At(x, y int) color.Color {
	if ((x+y)%8+8)%8 < 2 {
		return h.c
	}
	return color.NRGBA{}
}

// painter fills paths on an RGBA image with anti-aliasing.
type painter struct {
	dst *image.RGBA
	z   vector.Rasterizer
	cov coverage // the same pixels as z for uniform fills of small boxes, faster
}

// fill rasterises rings (non-zero winding, holes wound opposite) with src,
// touching only the rings' bounding box.
func (p *painter) fill(rings [][][2]float64, src image.Image) {
	p.fillIn(rings, src, p.dst.Bounds())
}

// fillIn is fill restricted to the rectangle clip.
func (p *painter) fillIn(rings [][][2]float64, src image.Image, clip image.Rectangle) {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, r := range rings {
		for _, q := range r {
			minX, minY = min(minX, q[0]), min(minY, q[1])
			maxX, maxY = max(maxX, q[0]), max(maxY, q[1])
		}
	}
	box := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1)
	box = box.Intersect(clip)
	if box.Empty() {
		return
	}
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	if u, ok := src.(*image.Uniform); ok && box.Dx() <= fixedMax && box.Dy() <= fixedMax {
		p.cov.reset(box.Dx(), box.Dy())
		tracePath(&p.cov, rings, ox, oy)
		sr, sg, sb, sa := u.RGBA()
		p.cov.drawOver(p.dst, box.Min, sr, sg, sb, sa)
		return
	}
	p.z.Reset(box.Dx(), box.Dy())
	tracePath(&p.z, rings, ox, oy)
	p.z.DrawOp = draw.Over
	p.z.Draw(p.dst, box, src, box.Min)
}

// fillTiled fills many small polygons (stroke pieces, dots) tile by tile:
// each tile of tileSize pixels that some polygon meets is rasterised on
// its own, over the bounding box of what it holds, so that empty parts of
// the picture (sea, margins, the space between lines) are never
// composited.
func (p *painter) fillTiled(polys [][][2]float64, src image.Image) {
	const tileSize = 64
	view := p.dst.Bounds()
	if view.Empty() {
		return
	}
	// Tiles of the view in a dense grid (view.Min may be negative or not a
	// multiple of tileSize); each tile is filled once, so the order of the
	// tiles does not change the picture.
	floorDiv := func(a int) int {
		if a < 0 {
			return -((-a + tileSize - 1) / tileSize)
		}
		return a / tileSize
	}
	tx0, ty0 := floorDiv(view.Min.X), floorDiv(view.Min.Y)
	ntx, nty := floorDiv(view.Max.X-1)-tx0+1, floorDiv(view.Max.Y-1)-ty0+1
	tiles := make([][]int32, ntx*nty)
	for i, q := range polys {
		minX, minY := math.Inf(1), math.Inf(1)
		maxX, maxY := math.Inf(-1), math.Inf(-1)
		for _, v := range q {
			minX, minY = min(minX, v[0]), min(minY, v[1])
			maxX, maxY = max(maxX, v[0]), max(maxY, v[1])
		}
		b := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1).Intersect(view)
		if b.Empty() {
			continue
		}
		for ty := floorDiv(b.Min.Y); ty <= floorDiv(b.Max.Y-1); ty++ {
			for tx := floorDiv(b.Min.X); tx <= floorDiv(b.Max.X-1); tx++ {
				k := (ty-ty0)*ntx + tx - tx0
				tiles[k] = append(tiles[k], int32(i))
			}
		}
	}
	var rings [][][2]float64
	for k, in := range tiles {
		if len(in) == 0 {
			continue
		}
		tx, ty := tx0+k%ntx, ty0+k/ntx
		clip := image.Rect(tx*tileSize, ty*tileSize, (tx+1)*tileSize, (ty+1)*tileSize).Intersect(view)
		rings = rings[:0]
		for _, i := range in {
			rings = append(rings, polys[i])
		}
		p.fillIn(rings, src, clip)
	}
}

// strokeRings returns, for every edge of rings, a quad of width wd around
// it (plus a square joint at each vertex when the line is wide enough for
// joints to show), all wound the same way so that overlaps add up (and
// clamp) instead of cancelling.
func strokeRings(rings [][][2]float64, wd float64) [][][2]float64 {
	return strokeEdges(nil, rings, wd, nil)
}

// strokeEdges appends to out the stroke of every edge a->b of rings for
// which keep(a, b) holds (every edge when keep is nil).
func strokeEdges(out [][][2]float64, rings [][][2]float64, wd float64, keep func(a, b [2]float64) bool) [][][2]float64 {
	h := wd / 2
	j := h * 0.7
	joints := wd >= 1.5
	// The pieces' points come from one allocation per call.
	n := 0
	for _, r := range rings {
		per := 4
		if joints {
			per = 8
			if len(r) == 2 {
				per = 12
			}
		}
		n += per * max(len(r)-1, 0)
	}
	slab := make([][2]float64, 0, n)
	if need := len(out) + n/4; cap(out) < need { // at most one piece per 4 points
		out = append(make([][][2]float64, 0, max(need, 2*cap(out))), out...)
	}
	piece := func(pts ...[2]float64) {
		k := len(slab)
		slab = append(slab, pts...)
		out = append(out, slab[k:len(slab):len(slab)])
	}
	// Every piece winds the same way (positive shoelace area), so that
	// overlaps add up under the non-zero rule: a quad is its right side
	// forward then its left side back; a joint is a diamond.
	for _, r := range rings {
		for i := 0; i+1 < len(r); i++ {
			a, b := r[i], r[i+1]
			if keep != nil && !keep(a, b) {
				continue
			}
			dx, dy := b[0]-a[0], b[1]-a[1]
			l := math.Hypot(dx, dy)
			if l == 0 {
				continue
			}
			nx, ny := -dy/l*h, dx/l*h
			piece([2]float64{a[0] - nx, a[1] - ny}, [2]float64{b[0] - nx, b[1] - ny}, [2]float64{b[0] + nx, b[1] + ny}, [2]float64{a[0] + nx, a[1] + ny})
			if joints {
				piece([2]float64{b[0] - j, b[1]}, [2]float64{b[0], b[1] - j}, [2]float64{b[0] + j, b[1]}, [2]float64{b[0], b[1] + j})
				if len(r) == 2 { // a lone segment: its start needs a joint too
					piece([2]float64{a[0] - j, a[1]}, [2]float64{a[0], a[1] - j}, [2]float64{a[0] + j, a[1]}, [2]float64{a[0], a[1] + j})
				}
			}
		}
	}
	return out
}

// circles appends a polygon approximating each circle (x, y, r) to out,
// all from one allocation.
func circles(out [][][2]float64, cs [][3]float64) [][][2]float64 {
	n := 0
	for _, c := range cs {
		n += circleSides(c[2])
	}
	slab := make([][2]float64, 0, n)
	for _, c := range cs {
		k := len(slab)
		slab = appendCircle(slab, c[0], c[1], c[2])
		out = append(out, slab[k:len(slab):len(slab)])
	}
	return out
}

func circleSides(r float64) int {
	if r > 2 {
		return 16
	}
	return 8
}

// unitCircle holds cos and sin of the 8 and 16 equal angles.
var unitCircle = func() (u [2][][2]float64) {
	for k, n := range []int{8, 16} {
		for i := range n {
			a := 2 * math.Pi * float64(i) / float64(n)
			u[k] = append(u[k], [2]float64{math.Cos(a), math.Sin(a)})
		}
	}
	return u
}()

func appendCircle(b [][2]float64, x, y, r float64) [][2]float64 {
	u := unitCircle[0]
	if circleSides(r) == 16 {
		u = unitCircle[1]
	}
	for _, v := range u {
		b = append(b, [2]float64{x + r*v[0], y + r*v[1]})
	}
	return b
}

func circle(x, y, r float64) [][2]float64 { return appendCircle(nil, x, y, r) }

// A pathTracer takes closed paths: vector.Rasterizer and coverage.
type pathTracer interface {
	MoveTo(x, y float32)
	LineTo(x, y float32)
	ClosePath()
}

// tracePath gives z every ring of at least three points, shifted by
// (−ox, −oy).
func tracePath[Z pathTracer](z Z, rings [][][2]float64, ox, oy float64) {
	for _, r := range rings {
		if len(r) < 3 {
			continue
		}
		z.MoveTo(float32(r[0][0]-ox), float32(r[0][1]-oy))
		for _, q := range r[1:] {
			z.LineTo(float32(q[0]-ox), float32(q[1]-oy))
		}
		z.ClosePath()
	}
}
