package export

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/rand/v2"
	"testing"

	"golang.org/x/image/vector"
)

// compareCoverage fills rings with src over the same random picture twice,
// with vector.Rasterizer and with coverage, on the box at (ox, oy) of w x h
// pixels, and reports the first pixel that differs.
func compareCoverage(t *testing.T, r *rand.Rand, rings [][][2]float32, src color.Color, ox, oy, w, h int) {
	t.Helper()
	pic := image.Rect(0, 0, ox+w+3, oy+h+3)
	a, b := image.NewRGBA(pic), image.NewRGBA(pic)
	for i := range a.Pix {
		a.Pix[i] = uint8(r.IntN(256))
		if i%4 == 3 {
			a.Pix[i] = 0xff
		}
	}
	copy(b.Pix, a.Pix)
	box := image.Rect(ox, oy, ox+w, oy+h)

	var z vector.Rasterizer
	z.Reset(w, h)
	var c coverage
	c.reset(w, h)
	for _, ring := range rings {
		z.MoveTo(ring[0][0], ring[0][1])
		c.MoveTo(ring[0][0], ring[0][1])
		for _, q := range ring[1:] {
			z.LineTo(q[0], q[1])
			c.LineTo(q[0], q[1])
		}
		z.ClosePath()
		c.ClosePath()
	}
	z.DrawOp = draw.Over
	z.Draw(a, box, image.NewUniform(src), box.Min)
	sr, sg, sb, sa := src.RGBA()
	c.drawOver(b, box.Min, sr, sg, sb, sa)
	for i := range a.Pix {
		if a.Pix[i] != b.Pix[i] {
			t.Fatalf("box %v, colour %v: byte %d (pixel %d,%d) is %d, vector gives %d", box, src, i, (i%a.Stride)/4, i/a.Stride, b.Pix[i], a.Pix[i])
		}
	}
	for i, v := range c.buf {
		if v != 0 {
			t.Fatalf("cell %d left at %d after drawing", i, v)
		}
	}
}

// coverage gives the same pixels as vector.Rasterizer's fixed-point path
// for random polygons, strokes and dots, inside, across and outside their
// boxes, in opaque and translucent colours, and leaves its cells zero.
func TestCoverageMatchesVector(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	colours := []color.Color{colHubEdge, colAreaEdge, colAreaCasing, colDot, colText, Palette[0], color.NRGBA{1, 2, 3, 1}, color.NRGBA{0xff, 0xff, 0xff, 0xff}}
	for n := range 400 {
		w, h := 1+r.IntN(fixedMax), 1+r.IntN(fixedMax)
		if n%4 == 0 { // small boxes, as the tiles are
			w, h = 1+r.IntN(64), 1+r.IntN(64)
		}
		var rings [][][2]float32
		for range 1 + r.IntN(6) {
			var ring [][2]float32
			cx, cy := r.Float64()*float64(w), r.Float64()*float64(h)
			rad := r.Float64() * float64(max(w, h))
			if n%3 == 0 {
				rad = r.Float64() * 3 // thin and small: strokes and dots
			}
			k := 3 + r.IntN(14)
			for j := range k {
				a := 2 * math.Pi * float64(j) / float64(k)
				rr := rad * (0.3 + r.Float64())
				ring = append(ring, [2]float32{float32(cx + rr*math.Cos(a) - float64(w)*0.2*float64(r.IntN(3)-1)), float32(cy + rr*math.Sin(a))})
			}
			if r.IntN(2) == 0 { // either winding
				for i, j := 0, len(ring)-1; i < j; i, j = i+1, j-1 {
					ring[i], ring[j] = ring[j], ring[i]
				}
			}
			rings = append(rings, ring)
		}
		compareCoverage(t, r, rings, colours[n%len(colours)], r.IntN(5), r.IntN(5), w, h)
	}
}

// FuzzCoverage checks coverage against vector.Rasterizer on paths read
// from the input: a box size, then points as pairs of int16 in 1/64 pixel.
func FuzzCoverage(f *testing.F) {
	f.Add([]byte{40, 30, 0, 0, 0, 0, 0, 10, 0, 0, 0, 10, 0, 10})
	f.Add([]byte{200, 3, 0xff, 0xf0, 0, 0x40, 0x20, 0, 0, 0x40, 0x10, 0, 0xff, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2+12 {
			return
		}
		w, h := 1+int(data[0]), 1+int(data[1])
		var ring [][2]float32
		for p := data[2:]; len(p) >= 4 && len(ring) < 64; p = p[4:] {
			x := int16(binary.BigEndian.Uint16(p))
			y := int16(binary.BigEndian.Uint16(p[2:]))
			ring = append(ring, [2]float32{float32(x) / 64, float32(y) / 64})
		}
		if len(ring) < 3 {
			return
		}
		compareCoverage(t, rand.New(rand.NewPCG(uint64(len(data)), 1)), [][][2]float32{ring}, colAreaCasing, 1, 2, w, h)
	})
}
