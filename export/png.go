package export

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// WritePNG draws the same map as WriteSVG into a PNG of opt.Width pixels
// (default 1200) wide: polygons are rasterised with anti-aliasing by
// golang.org/x/image/vector and text is set in the Go fonts.
func (m *Model) WritePNG(w io.Writer, opt MapOptions) error {
	s, err := buildScene(m, opt)
	if err != nil {
		return err
	}
	img, err := s.raster()
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(w, img); err != nil {
		return fmt.Errorf("export: writing PNG: %w", err)
	}
	return nil
}

var (
	fontOnce      sync.Once
	fontRegular   *opentype.Font
	fontBold      *opentype.Font
	errFontLoaded error
)

func loadFonts() error {
	fontOnce.Do(func() {
		fontRegular, errFontLoaded = opentype.Parse(goregular.TTF)
		if errFontLoaded == nil {
			fontBold, errFontLoaded = opentype.Parse(gobold.TTF)
		}
	})
	return errFontLoaded
}

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
}

// fill rasterises rings (non-zero winding, holes wound opposite) with src,
// touching only the rings' bounding box.
func (p *painter) fill(rings [][][2]float64, src image.Image) {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, r := range rings {
		for _, q := range r {
			minX, minY = math.Min(minX, q[0]), math.Min(minY, q[1])
			maxX, maxY = math.Max(maxX, q[0]), math.Max(maxY, q[1])
		}
	}
	box := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1)
	box = box.Intersect(p.dst.Bounds())
	if box.Empty() {
		return
	}
	p.z.Reset(box.Dx(), box.Dy())
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	for _, r := range rings {
		if len(r) < 3 {
			continue
		}
		p.z.MoveTo(float32(r[0][0]-ox), float32(r[0][1]-oy))
		for _, q := range r[1:] {
			p.z.LineTo(float32(q[0]-ox), float32(q[1]-oy))
		}
		p.z.ClosePath()
	}
	p.z.DrawOp = draw.Over
	p.z.Draw(p.dst, box, src, box.Min)
}

// strokeRings returns, for every edge of rings, a quad of width wd around
// it plus a square joint at each vertex, all wound the same way so that
// overlaps add up (and clamp) instead of cancelling.
func strokeRings(rings [][][2]float64, wd float64) [][][2]float64 {
	var out [][][2]float64
	h := wd / 2
	ccw := func(q [][2]float64) [][2]float64 {
		var a float64
		for i := range q {
			j := (i + 1) % len(q)
			a += q[i][0]*q[j][1] - q[j][0]*q[i][1]
		}
		if a < 0 {
			for i, j := 0, len(q)-1; i < j; i, j = i+1, j-1 {
				q[i], q[j] = q[j], q[i]
			}
		}
		return q
	}
	for _, r := range rings {
		for i := 0; i+1 < len(r); i++ {
			a, b := r[i], r[i+1]
			dx, dy := b[0]-a[0], b[1]-a[1]
			l := math.Hypot(dx, dy)
			if l == 0 {
				continue
			}
			nx, ny := -dy/l*h, dx/l*h
			out = append(out, ccw([][2]float64{{a[0] + nx, a[1] + ny}, {b[0] + nx, b[1] + ny}, {b[0] - nx, b[1] - ny}, {a[0] - nx, a[1] - ny}}))
			out = append(out, ccw([][2]float64{{b[0] - h*0.7, b[1]}, {b[0], b[1] - h*0.7}, {b[0] + h*0.7, b[1]}, {b[0], b[1] + h*0.7}}))
		}
	}
	return out
}

func circle(x, y, r float64) [][2]float64 {
	n := 8
	if r > 2 {
		n = 16
	}
	c := make([][2]float64, n)
	for i := range c {
		a := 2 * math.Pi * float64(i) / float64(n)
		c[i] = [2]float64{x + r*math.Cos(a), y + r*math.Sin(a)}
	}
	return c
}

func (s *scene) raster() (*image.RGBA, error) {
	if err := loadFonts(); err != nil {
		return nil, fmt.Errorf("export: loading font: %w", err)
	}
	img := image.NewRGBA(image.Rect(0, 0, s.w, s.h))
	draw.Draw(img, img.Bounds(), image.NewUniform(colBackground), image.Point{}, draw.Src)
	p := &painter{dst: img}
	hairline := math.Max(0.5, float64(s.w)/2400)
	s.drawMap(p, func(q [2]float64) [2]float64 { return q }, 1, hairline)
	if in := s.inset; in != nil {
		// Draw the magnified window on its own canvas (which clips it),
		// then frame both the window and the inset.
		d := image.Rect(int(math.Round(in.dst[0])), int(math.Round(in.dst[1])), int(math.Round(in.dst[2])), int(math.Round(in.dst[3])))
		sub := image.NewRGBA(d)
		draw.Draw(sub, d, image.NewUniform(colBackground), image.Point{}, draw.Src)
		s.drawMap(&painter{dst: sub}, in.apply, 1.25, hairline)
		draw.Draw(img, d, sub, d.Min, draw.Src)
		frame := func(b [4]float64) [][][2]float64 {
			return strokeRings([][][2]float64{{{b[0], b[1]}, {b[2], b[1]}, {b[2], b[3]}, {b[0], b[3]}, {b[0], b[1]}}}, hairline*2)
		}
		p.fill(append(frame(in.src), frame(in.dst)...), image.NewUniform(colSubtle))
	}

	// Text and legend.
	face := func(f *opentype.Font, size float64) (font.Face, error) {
		return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	}
	text := func(f font.Face, c color.Color, x, y float64, str string) {
		d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: f, Dot: fixed.P(int(math.Round(x)), int(math.Round(y)))}
		d.DrawString(str)
	}
	margin := float64(s.w) * marginFrac
	if s.title != "" {
		tf, err := face(fontBold, s.titleSize)
		if err != nil {
			return nil, fmt.Errorf("export: font face: %w", err)
		}
		text(tf, colText, margin, margin+s.titleSize, s.title)
		tf.Close()
	}
	bf, err := face(fontRegular, s.textSize)
	if err != nil {
		return nil, fmt.Errorf("export: font face: %w", err)
	}
	defer bf.Close()
	if in := s.inset; in != nil {
		label := insetLabel(in)
		adv := font.MeasureString(bf, label).Ceil()
		x, y := in.dst[0]+s.textSize*0.4, in.dst[3]-s.textSize*0.5
		p.fill([][][2]float64{{{x - 3, y - s.textSize}, {x + float64(adv) + 3, y - s.textSize}, {x + float64(adv) + 3, y + s.textSize*0.3}, {x - 3, y + s.textSize*0.3}}}, image.NewUniform(color.NRGBA{0xff, 0xff, 0xff, 0xd0}))
		text(bf, colText, x, y, label)
	}
	for i, line := range s.summary {
		text(bf, colText, margin, s.legendTop+float64(i)*s.textSize*1.5+s.textSize, line)
	}
	ky, items := s.keyRow()
	t := s.textSize
	rect := func(x, y, w, h float64) [][][2]float64 {
		return [][][2]float64{{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}}
	}
	for _, it := range items {
		sy := ky + t*0.15
		switch it.kind {
		case "hub":
			for k := range 3 {
				p.fill(rect(it.x+float64(k)*t*0.75, sy, t*0.7, t), image.NewUniform(Palette[k]))
			}
		case "area":
			p.fill(rect(it.x, sy+t/2-hairline*1.2, t*2.2, hairline*2.4), image.NewUniform(colAreaEdge))
		case "warn":
			box := rect(it.x, sy, t*2.2, t)
			p.fill(box, hatch{color.NRGBA{colWarn.R, colWarn.G, colWarn.B, 0xc0}})
			p.fill(strokeRings([][][2]float64{append(box[0], box[0][0])}, hairline*3), image.NewUniform(colWarn))
		case "dots":
			for k, r := range []float64{0.18, 0.3, 0.45} {
				p.fill([][][2]float64{circle(it.x+t*(0.3+0.7*float64(k)), sy+t/2, t*r)}, image.NewUniform(colDot))
			}
		case "moved":
			p.fill([][][2]float64{circle(it.x+t, sy+t/2, t*0.35)}, image.NewUniform(colMoved))
		}
		text(bf, colSubtle, it.textX, ky+t, it.label)
	}
	return img, nil
}

// drawMap paints hubs, hub edges, warnings, area edges and practice dots,
// mapping picture coordinates through xf and scaling dot radii by
// dotScale. Line widths do not scale.
func (s *scene) drawMap(p *painter, xf func([2]float64) [2]float64, dotScale, hairline float64) {
	tr := func(rings [][][2]float64) [][][2]float64 {
		out := make([][][2]float64, len(rings))
		for i, r := range rings {
			q := make([][2]float64, len(r))
			for j, v := range r {
				q[j] = xf(v)
			}
			out[i] = q
		}
		return out
	}
	hubs := make([][][][2]float64, len(s.hubs))
	for i, h := range s.hubs {
		hubs[i] = tr(h.rings)
		p.fill(hubs[i], image.NewUniform(h.fill))
	}
	var edges [][][2]float64
	for i := range s.hubs {
		edges = append(edges, strokeRings(hubs[i], hairline*1.2)...)
	}
	p.fill(edges, image.NewUniform(colHubEdge))
	var warn [][][2]float64
	for i, h := range s.hubs {
		if h.warn {
			p.fill(hubs[i], hatch{color.NRGBA{colWarn.R, colWarn.G, colWarn.B, 0xc0}})
			warn = append(warn, strokeRings(hubs[i], hairline*3)...)
		}
	}
	if len(warn) > 0 {
		p.fill(warn, image.NewUniform(colWarn))
	}
	var areas [][][2]float64
	for _, a := range s.areas {
		areas = append(areas, strokeRings(tr(a.rings), hairline*2.4)...)
	}
	if len(areas) > 0 {
		p.fill(areas, image.NewUniform(colAreaEdge))
	}
	dots := make([][][2]float64, 0, len(s.dots))
	var moved [][][2]float64
	for _, d := range s.dots {
		c := xf([2]float64{d.x, d.y})
		if d.moved {
			moved = append(moved, circle(c[0], c[1], max(d.r, 1.2)*dotScale))
			continue
		}
		dots = append(dots, circle(c[0], c[1], d.r*dotScale))
	}
	if len(dots) > 0 {
		p.fill(dots, image.NewUniform(colDot))
	}
	if len(moved) > 0 {
		p.fill(moved, image.NewUniform(colMoved))
	}
}
