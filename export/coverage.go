package export

import "image"

// coverage rasterises the picture's uniform fills on boxes of at most
// fixedMax pixels a side, where golang.org/x/image/vector works in fixed
// point, and gives the very same pixels: LineTo is vector's fixedLineTo
// (Copyright 2016 The Go Authors, BSD licence), unchanged. What differs is
// drawing: vector accumulates the whole box into a mask and then blends
// every pixel of the box, covered or not, while drawOver accumulates and
// blends in one pass and skips the pixels the path does not cover (a blend
// with zero coverage leaves a pixel as it is). Thin strokes and dots cover
// a small part of their tiles, so most of the blending goes.
// TestCoverageMatchesVector compares the two on random paths.
//
// Each row also keeps the span of cells the path wrote to (lo, hi), so that
// drawing visits only them and the pixels a nonzero running sum reaches
// beyond them: the running sum is constant across cells nobody wrote, and a
// zero sum blends nothing.
type coverage struct {
	w, h                       int
	buf                        []uint32 // w*h accumulation cells; all zero between fills
	lo, hi                     []int32  // per row: first and last cell written (lo > hi: none); hi == w is the next row's first cell
	firstX, firstY, penX, penY float32
	full                       map[[4]uint32]*[4][256]uint8 // per colour: each channel's value over a fully covered pixel
}

// fixedMax is the largest box side vector rasterises in fixed point (its
// floatingPointMathThreshold).
const fixedMax = 512

const (
	fxBits         = 9 // vector's ϕ: binary digits after the fixed point
	fxOne          = int32(1) << fxBits
	fxOneAndAHalf  = int32(1)<<fxBits + int32(1)<<(fxBits-1)
	fxOneMinusIota = int32(1)<<fxBits - 1
)

func fxFloor(x int32) int32 { return x >> fxBits }
func fxCeil(x int32) int32  { return (x + fxOneMinusIota) >> fxBits }

// fxClamp is vector's clamp: a column left of the box goes to its first
// cell, one right of it to the cell after the row's last (the next row's
// first, where the running sum carries it).
func fxClamp(i, width int32) uint {
	if i < 0 {
		return 0
	}
	if i < width {
		return uint(i)
	}
	return uint(width)
}

// reset starts a path on a w x h box (w, h <= fixedMax).
func (z *coverage) reset(w, h int) {
	z.w, z.h = w, h
	if n := w * h; n > cap(z.buf) {
		z.buf = make([]uint32, n)
	} else {
		z.buf = z.buf[:n]
	}
	if h > cap(z.lo) {
		z.lo, z.hi = make([]int32, h), make([]int32, h)
	}
	z.lo, z.hi = z.lo[:h], z.hi[:h]
	for y := range h {
		z.lo[y], z.hi[y] = int32(w), -1
	}
	z.firstX, z.firstY, z.penX, z.penY = 0, 0, 0, 0
}

func (z *coverage) MoveTo(x, y float32) {
	z.firstX, z.firstY, z.penX, z.penY = x, y, x, y
}

func (z *coverage) ClosePath() { z.LineTo(z.firstX, z.firstY) }

// LineTo is vector's fixedLineTo.
func (z *coverage) LineTo(bx, by float32) {
	ax, ay := z.penX, z.penY
	z.penX, z.penY = bx, by
	dir := int32(1)
	if ay > by {
		dir, ax, ay, bx, by = -1, bx, by, ax, ay
	}
	if by-ay <= 0.000001 {
		return
	}
	dxdy := (bx - ax) / (by - ay)

	ayϕ := int32(ay * float32(fxOne))
	byϕ := int32(by * float32(fxOne))

	x := int32(ax * float32(fxOne))
	y := fxFloor(ayϕ)
	yMax := fxCeil(byϕ)
	if yMax > int32(z.h) {
		yMax = int32(z.h)
	}
	width := int32(z.w)

	for ; y < yMax; y++ {
		dy := min((y+1)<<fxBits, byϕ) - max(y<<fxBits, ayϕ)
		xNext := x + int32(float32(dy)*dxdy)
		if y < 0 {
			x = xNext
			continue
		}
		buf := z.buf[y*width:]
		d := dy * dir
		x0, x1 := x, xNext
		if x > xNext {
			x0, x1 = x1, x0
		}
		x0i := fxFloor(x0)
		x0Floor := x0i << fxBits
		x1i := fxCeil(x1)
		x1Ceil := x1i << fxBits
		// The cells written below lie in [x0i, x1i] (x0i+1 at least),
		// clamped to [0, width].
		z.lo[y] = min(z.lo[y], int32(fxClamp(x0i, width)))
		z.hi[y] = max(z.hi[y], int32(fxClamp(max(x1i, x0i+1), width)))

		if x1i <= x0i+1 {
			xmf := (x+xNext)>>1 - x0Floor
			if i := fxClamp(x0i+0, width); i < uint(len(buf)) {
				buf[i] += uint32(d * (fxOne - xmf))
			}
			if i := fxClamp(x0i+1, width); i < uint(len(buf)) {
				buf[i] += uint32(d * xmf)
			}
		} else {
			oneOverS := x1 - x0
			twoOverS := 2 * oneOverS
			x0f := x0 - x0Floor
			oneMinusX0f := fxOne - x0f
			oneMinusX0fSquared := oneMinusX0f * oneMinusX0f
			x1f := x1 - x1Ceil + fxOne
			x1fSquared := x1f * x1f

			if i := fxClamp(x0i, width); i < uint(len(buf)) {
				D := oneMinusX0fSquared
				D *= d
				D /= twoOverS
				buf[i] += uint32(D)
			}

			if x1i == x0i+2 {
				if i := fxClamp(x0i+1, width); i < uint(len(buf)) {
					D := twoOverS<<fxBits - oneMinusX0fSquared - x1fSquared
					D *= d
					D /= twoOverS
					buf[i] += uint32(D)
				}
			} else {
				if i := fxClamp(x0i+1, width); i < uint(len(buf)) {
					D := (fxOneAndAHalf-x0f)<<(fxBits+1) - oneMinusX0fSquared
					D *= d
					D /= twoOverS
					buf[i] += uint32(D)
				}
				dTimesS := uint32((d << (2 * fxBits)) / oneOverS)
				for xi := x0i + 2; xi < x1i-1; xi++ {
					if i := fxClamp(xi, width); i < uint(len(buf)) {
						buf[i] += dTimesS
					}
				}
				if i := fxClamp(x1i-1, width); i < uint(len(buf)) {
					const C = 1<<(fxBits+2) - fxOneAndAHalf<<1
					D := x1f<<1 + C
					D <<= fxBits
					D -= x1fSquared
					D *= d
					D /= twoOverS
					buf[i] += uint32(D)
				}
			}

			if i := fxClamp(x1i, width); i < uint(len(buf)) {
				D := x1fSquared
				D *= d
				D /= twoOverS
				buf[i] += uint32(D)
			}
		}

		x = xNext
	}
}

// drawOver composites the uniform colour (sr, sg, sb, sa: premultiplied,
// 16 bits, as color.Color's RGBA) over dst through the path's coverage,
// the box's top-left corner at at, exactly as vector.Rasterizer.Draw with
// draw.Over does; it leaves the cells zero for the next path.
func (z *coverage) drawOver(dst *image.RGBA, at image.Point, sr, sg, sb, sa uint32) {
	// A fully covered pixel's new value depends only on its old one: look
	// it up.
	key := [4]uint32{sr, sg, sb, sa}
	full := z.full[key]
	if full == nil {
		full = new([4][256]uint8)
		k := 0xffff - sa
		for c, s := range key {
			for v := range 256 {
				full[c][v] = uint8(((uint32(v)*0x101*k + s*0xffff) / 0xffff) >> 8)
			}
		}
		if z.full == nil {
			z.full = map[[4]uint32]*[4][256]uint8{}
		}
		z.full[key] = full
	}
	// An opaque colour covers a pixel whole: the pixel becomes the colour
	// (what the table holds for every old value).
	opaque := sa == 0xffff
	or, og, ob := uint8(sr>>8), uint8(sg>>8), uint8(sb>>8)
	acc := int32(0)
	for y := range z.h {
		// Cells lo to hi were written (a clamped write past the previous
		// row's end is this row's first cell); before lo the sum is the one
		// carried in, after hi the one reached at hi.
		lo, hi := int(z.lo[y]), min(int(z.hi[y]), z.w-1)
		if y > 0 && int(z.hi[y-1]) >= z.w {
			lo, hi = 0, max(hi, 0)
		}
		if acc != 0 {
			lo = 0
		}
		if lo > hi {
			if acc == 0 {
				continue
			}
			lo, hi = 0, z.w-1
		}
		row := z.buf[y*z.w : (y+1)*z.w]
		pix := dst.Pix[dst.PixOffset(at.X, at.Y+y):]
		for x, end := lo, hi+1; ; end = z.w {
			for ; x < end; x++ {
				acc += int32(row[x])
				row[x] = 0
				if acc == 0 {
					continue
				}
				a := acc
				if a < 0 {
					a = -a
				}
				a >>= 2*fxBits - 16
				if a > 0xffff {
					a = 0xffff
				}
				ma := uint32(a)
				if ma == 0 {
					continue
				}
				p := pix[4*x : 4*x+4 : 4*x+4]
				if ma == 0xffff {
					if opaque {
						p[0], p[1], p[2], p[3] = or, og, ob, 0xff
					} else {
						p[0], p[1], p[2], p[3] = full[0][p[0]], full[1][p[1]], full[2][p[2]], full[3][p[3]]
					}
					continue
				}
				k := 0xffff - (sa * ma / 0xffff)
				p[0] = uint8(((uint32(p[0])*0x101*k + sr*ma) / 0xffff) >> 8)
				p[1] = uint8(((uint32(p[1])*0x101*k + sg*ma) / 0xffff) >> 8)
				p[2] = uint8(((uint32(p[2])*0x101*k + sb*ma) / 0xffff) >> 8)
				p[3] = uint8(((uint32(p[3])*0x101*k + sa*ma) / 0xffff) >> 8)
			}
			if acc == 0 || end == z.w {
				break // a zero sum past hi blends nothing
			}
		}
	}
}
