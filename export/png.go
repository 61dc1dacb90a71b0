package export

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/hubpart/hubpart/internal/parallel"
)

// WritePNG draws the same map as WriteSVG into a PNG of opt.Width pixels
// (default 1200) wide: polygons are rasterised with anti-aliasing by
// golang.org/x/image/vector and text is set in the Go fonts.
func (m *Model) WritePNG(w io.Writer, opt MapOptions) error {
	s, err := m.sceneFor(opt)
	if err != nil {
		return err
	}
	img, err := s.raster()
	if err != nil {
		return err
	}
	if err := encodePNG(w, img); err != nil {
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

func (s *scene) raster() (*image.RGBA, error) {
	if err := loadFonts(); err != nil {
		return nil, fmt.Errorf("export: loading font: %w", err)
	}
	img := image.NewRGBA(image.Rect(0, 0, s.w, s.h))
	p := &painter{dst: img}
	hairline := math.Max(0.5, float64(s.w)/2400)
	// The map in horizontal bands, and each inset on its own canvas (which
	// clips it), all side by side. Each band paints its own background, so
	// that the picture's memory is first touched on both cores (on a
	// virtual machine a page first touched costs several microseconds).
	const bands = 4
	subs := make([]*image.RGBA, len(s.insets))
	parallel.Each(bands+len(s.insets), func(k int) {
		if k >= bands {
			in := s.insets[k-bands]
			d := image.Rect(int(math.Round(in.dst[0])), int(math.Round(in.dst[1])), int(math.Round(in.dst[2])), int(math.Round(in.dst[3])))
			sub := image.NewRGBA(d)
			draw.Draw(sub, d, image.NewUniform(colBackground), image.Point{}, draw.Src)
			s.drawMap(&painter{dst: sub}, in, 1.25, hairline)
			subs[k-bands] = sub
			return
		}
		y0, y1 := k*s.h/bands, (k+1)*s.h/bands
		band := img.SubImage(image.Rect(0, y0, s.w, y1)).(*image.RGBA)
		draw.Draw(band, band.Bounds(), image.NewUniform(colBackground), image.Point{}, draw.Src)
		s.drawMap(&painter{dst: band}, nil, 1, hairline)
	})
	box := func(b [4]float64) [][][2]float64 {
		return [][][2]float64{{{b[0], b[1]}, {b[2], b[1]}, {b[2], b[3]}, {b[0], b[3]}, {b[0], b[1]}}}
	}
	var frames [][][2]float64
	for k, in := range s.insets {
		draw.Draw(img, subs[k].Bounds(), subs[k], subs[k].Bounds().Min, draw.Src)
		frames = append(frames, strokeRings(append(box(in.src), box(in.dst)...), hairline*insetFrameW)...)
	}
	if len(frames) > 0 {
		p.fillTiled(frames, image.NewUniform(colText))
	}

	// Text and legend.
	face := func(f *opentype.Font, size float64) (font.Face, error) {
		return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	}
	text := func(f font.Face, c color.Color, x, y float64, str string) {
		d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: f, Dot: fixed.P(int(math.Round(x)), int(math.Round(y)))}
		d.DrawString(str)
	}
	halo := image.NewUniform(color.NRGBA{0xff, 0xff, 0xff, 0xd8})
	// haloText writes str with a light box behind it; align 0 left, 0.5 centre.
	haloText := func(f font.Face, c color.Color, x, y float64, str string, align float64) {
		adv := float64(font.MeasureString(f, str).Ceil())
		x -= adv * align
		m := f.Metrics()
		asc, desc := float64(m.Ascent.Ceil()), float64(m.Descent.Ceil())
		p.fill([][][2]float64{{{x - 3, y - asc - 1}, {x + adv + 3, y - asc - 1}, {x + adv + 3, y + desc + 1}, {x - 3, y + desc + 1}}}, halo)
		text(f, c, x, y, str)
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
	boldf, err := face(fontBold, s.textSize)
	if err != nil {
		return nil, fmt.Errorf("export: font face: %w", err)
	}
	defer boldf.Close()
	smallf, err := face(fontRegular, s.textSize*0.9)
	if err != nil {
		return nil, fmt.Errorf("export: font face: %w", err)
	}
	defer smallf.Close()
	for _, in := range s.insets {
		haloText(boldf, colText, in.dst[0]+s.textSize*0.4, in.dst[1]+s.textSize*1.2, in.caption(s.textSize), 0)
		x, y := in.windowCaption(s.textSize)
		haloText(smallf, colText, x, y, in.label, 0)
	}
	scaleBarPNG := func(sb scaleBar) {
		bh := math.Max(2, s.textSize*0.3)
		r := [][][2]float64{{{sb.x, sb.y - bh}, {sb.x + sb.px, sb.y - bh}, {sb.x + sb.px, sb.y}, {sb.x, sb.y}}}
		p.fill(strokeRings([][][2]float64{append(r[0], r[0][0])}, hairline*3), image.NewUniform(color.NRGBA{0xff, 0xff, 0xff, 0xe6}))
		p.fill(r, image.NewUniform(colText))
		if sb.label != "" {
			haloText(smallf, colText, sb.x+sb.px/2, sb.y-bh-s.textSize*0.35, sb.label, 0.5)
		}
	}
	if s.scale != nil {
		scaleBarPNG(*s.scale)
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
			p.fill(rect(it.x, sy+t/2-hairline*areaCasingW/2, t*2.2, hairline*areaCasingW), image.NewUniform(colAreaCasing))
			p.fill(rect(it.x, sy+t/2-hairline*areaLineW/2, t*2.2, hairline*areaLineW), image.NewUniform(colAreaEdge))
		case "warn":
			box := rect(it.x, sy, t*2.2, t)
			p.fill(box, hatch{color.NRGBA{colWarn.R, colWarn.G, colWarn.B, 0xc0}})
			p.fill(strokeRings([][][2]float64{append(box[0], box[0][0])}, hairline*3), image.NewUniform(colWarn))
		case "scale":
			scaleBarPNG(scaleBar{x: it.x, y: sy + t*0.9, px: it.symW})
		case "dots":
			for k, r := range []float64{0.18, 0.3, 0.45} {
				p.fill([][][2]float64{circle(it.x+t*(0.3+0.7*float64(k)), sy+t/2, t*r)}, image.NewUniform(colDot))
			}
		case "moved":
			p.fill([][][2]float64{circle(it.x+t, sy+t/2, t*0.35)}, image.NewUniform(colMoved))
		}
		text(bf, colSubtle, it.textX, ky+t, it.label)
	}
	if s.attrib != "" {
		af, err := face(fontRegular, t*0.85)
		if err != nil {
			return nil, fmt.Errorf("export: font face: %w", err)
		}
		text(af, colSubtle, margin, ky+t*1.5+t, s.attrib)
		af.Close()
	}
	return img, nil
}

// drawMap paints hubs, hub edges, warnings, area edges and practice dots,
// mapping picture coordinates into the inset in (nil: the main map, shapes
// used as they are) and scaling dot radii by dotScale. Line widths do not
// scale. Only what can show is drawn: shapes and dots outside the
// painter's image (the part of the map an inset shows) are skipped, and an
// edge shared by two hubs is stroked once.
func (s *scene) drawMap(p *painter, in *inset, dotScale, hairline float64) {
	identity := in == nil // shapes are used as they are, never changed
	xf := func(q [2]float64) [2]float64 { return q }
	view := p.dst.Bounds()
	// win is the part of the map the inset's image shows: a box wholly
	// outside it by more than its pad and a pixel cannot show, and is
	// skipped without mapping it.
	var win [4]float64
	if !identity {
		xf = in.apply
		win = [4]float64{
			in.src[0] + (float64(view.Min.X)-in.dst[0])/in.zoom, in.src[1] + (float64(view.Min.Y)-in.dst[1])/in.zoom,
			in.src[0] + (float64(view.Max.X)-in.dst[0])/in.zoom, in.src[1] + (float64(view.Max.Y)-in.dst[1])/in.zoom,
		}
	}
	visible := func(b [4]float64, pad float64) bool {
		lo, hi := [2]float64{b[0], b[1]}, [2]float64{b[2], b[3]}
		if !identity {
			m := (pad + 1) / in.zoom
			if b[2] < win[0]-m || b[0] > win[2]+m || b[3] < win[1]-m || b[1] > win[3]+m {
				return false
			}
			lo, hi = xf(lo), xf(hi)
		}
		return hi[0]+pad >= float64(view.Min.X) && lo[0]-pad <= float64(view.Max.X) &&
			hi[1]+pad >= float64(view.Min.Y) && lo[1]-pad <= float64(view.Max.Y)
	}
	tr := func(rings [][][2]float64) [][][2]float64 {
		if identity {
			return rings // drawing never changes them
		}
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
		if !visible(h.bounds, hairline*3) {
			continue
		}
		hubs[i] = tr(h.rings)
		p.fill(hubs[i], image.NewUniform(h.fill))
	}
	// Hub edges. With areas, every hub edge not on an area boundary is
	// shared by two hubs that run it in opposite directions: stroke it from
	// the hub running it "upwards" only (area boundaries are stroked later,
	// wider, over whatever is there).
	var rings [][][2]float64 // every visible hub's rings, stroked at once
	for i := range s.hubs {
		rings = append(rings, hubs[i]...)
	}
	var upwards func(a, b [2]float64) bool
	if s.hasAreas {
		upwards = func(a, b [2]float64) bool { return a[1] < b[1] || (a[1] == b[1] && a[0] < b[0]) }
	}
	p.fillTiled(strokeEdges(nil, rings, hairline*1.2, upwards), image.NewUniform(colHubEdge))
	var warn [][][2]float64
	for i, h := range s.hubs {
		if h.warn && hubs[i] != nil {
			p.fill(hubs[i], hatch{color.NRGBA{colWarn.R, colWarn.G, colWarn.B, 0xc0}})
			warn = strokeEdges(warn, hubs[i], hairline*3, nil)
		}
	}
	if len(warn) > 0 {
		p.fillTiled(warn, image.NewUniform(colWarn))
	}
	// Area boundaries: a light casing under a dark line, so that they read
	// over any hub colour.
	// The visible segments (their points in one growing slab), each
	// stroked on its own: a lone segment has joints at both ends.
	var pts [][2]float64
	var segs [][][2]float64
	for _, e := range s.areaEdges {
		b := [4]float64{min(e[0][0], e[1][0]), min(e[0][1], e[1][1]), max(e[0][0], e[1][0]), max(e[0][1], e[1][1])}
		if visible(b, hairline*areaCasingW) {
			pts = append(pts, xf(e[0]), xf(e[1]))
			segs = append(segs, pts[len(pts)-2:len(pts):len(pts)])
		}
	}
	casing := strokeEdges(nil, segs, hairline*areaCasingW, nil)
	areas := strokeEdges(nil, segs, hairline*areaLineW, nil)
	if len(areas) > 0 {
		p.fillTiled(casing, image.NewUniform(colAreaCasing))
		p.fillTiled(areas, image.NewUniform(colAreaEdge))
	}
	var dotC, movedC [][3]float64
	for _, d := range s.dots {
		r := d.r * dotScale
		if !visible([4]float64{d.x - d.r, d.y - d.r, d.x + d.r, d.y + d.r}, r) {
			continue
		}
		c := xf([2]float64{d.x, d.y})
		if d.moved {
			movedC = append(movedC, [3]float64{c[0], c[1], max(d.r, 1.2) * dotScale})
			continue
		}
		dotC = append(dotC, [3]float64{c[0], c[1], r})
	}
	dots, moved := circles(nil, dotC), circles(nil, movedC)
	if len(dots) > 0 {
		p.fillTiled(dots, image.NewUniform(colDot))
	}
	if len(moved) > 0 {
		p.fill(moved, image.NewUniform(colMoved))
	}
}
