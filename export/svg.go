package export

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
)

// WriteSVG draws the map of the model as a standalone SVG document: hubs filled in colours that differ between
// neighbours, each hub a <path class="hub"> carrying a <title> tooltip (id,
// patients, practices, status); area boundaries as heavier dark lines;
// hubs outside their size bounds hatched and outlined in red; practices as
// dots whose area is proportional to the list size (capped at 60,000);
// the title above and the legend (opt.Summary and a key) below.
// Output is deterministic.
func (m *Model) WriteSVG(w io.Writer, opt MapOptions) error {
	s, err := m.sceneFor(opt)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	s.writeSVG(bw)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: writing SVG: %w", err)
	}
	return nil
}

func num(v float64) string { return string(appendNum(nil, v)) }

// appendNum appends v rounded to 0.1 (pixels): the integer part and one
// decimal when it is not zero, without going through strconv's float
// formatting (the SVG writes hundreds of thousands of these).
func appendNum(b []byte, v float64) []byte {
	t := int64(math.Round(v * 10))
	if t < 0 {
		b = append(b, '-')
		t = -t
	}
	b = strconv.AppendInt(b, t/10, 10)
	if d := t % 10; d != 0 {
		b = append(b, '.', byte('0'+d))
	}
	return b
}

func svgPath(rings [][][2]float64) string {
	var b []byte
	for _, r := range rings {
		for i, p := range r {
			if i == len(r)-1 && len(r) > 1 && p == r[0] {
				break
			}
			if i == 0 {
				b = append(b, 'M')
			} else {
				b = append(b, 'L')
			}
			b = appendNum(b, p[0])
			b = append(b, ' ')
			b = appendNum(b, p[1])
		}
		b = append(b, 'Z')
	}
	return string(b)
}

func (s *scene) writeSVG(w *bufio.Writer) {
	esc := xmlText
	W, H := s.w, s.h
	hairline := math.Max(0.5, float64(W)/2400)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Go, Helvetica, Arial, sans-serif">
`, W, H, W, H)
	fmt.Fprintf(w, `<defs><pattern id="hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="2" height="6" fill="%s" fill-opacity="0.75"/></pattern></defs>
`, hexColour(colWarn))
	fmt.Fprintf(w, `<rect width="%d" height="%d" fill="%s"/>
`, W, H, hexColour(colBackground))
	if s.title != "" {
		fmt.Fprintf(w, `<text x="%s" y="%s" font-size="%s" font-weight="bold" fill="%s">%s</text>
`, num(float64(W)*marginFrac), num(float64(W)*marginFrac+s.titleSize), num(s.titleSize), hexColour(colText), esc(s.title))
	}

	fmt.Fprint(w, "<style>.hub,.area,.warn,.frame{vector-effect:non-scaling-stroke}</style>\n<g id=\"map\">\n")
	fmt.Fprintf(w, `<g id="hubs" stroke="%s" stroke-opacity="%.2f" stroke-width="%s" stroke-linejoin="round" fill-rule="nonzero">
`, hexColour(colHubEdge), float64(colHubEdge.A)/255, num(hairline*1.2))
	for _, h := range s.hubs {
		fmt.Fprintf(w, `<path class="hub" id="hub-%d" fill="%s" d="%s"><title>%s</title></path>
`, h.id, hexColour(h.fill), svgPath(h.rings), esc(h.tip))
	}
	fmt.Fprint(w, "</g>\n")
	if s.hasWarn {
		fmt.Fprintf(w, `<g id="out-of-bounds" fill="url(#hatch)" stroke="%s" stroke-width="%s" stroke-linejoin="round">
`, hexColour(colWarn), num(hairline*3))
		for _, h := range s.hubs {
			if h.warn {
				fmt.Fprintf(w, `<path class="warn" d="%s"/>
`, svgPath(h.rings))
			}
		}
		fmt.Fprint(w, "</g>\n")
	}
	if s.hasAreas {
		// Area boundaries: a light casing under a dark line, so that they
		// read over any hub colour.
		fmt.Fprint(w, "<defs><g id=\"area-lines\">\n")
		for _, a := range s.areas {
			fmt.Fprintf(w, `<path class="area" id="area-%d" d="%s"/>
`, a.id, svgPath(a.rings))
		}
		fmt.Fprint(w, "</g></defs>\n")
		fmt.Fprintf(w, `<use id="areas-casing" href="#area-lines" xlink:href="#area-lines" fill="none" stroke="#ffffff" stroke-opacity="%.2f" stroke-width="%s" stroke-linejoin="round"/>
<use id="areas" href="#area-lines" xlink:href="#area-lines" fill="none" stroke="%s" stroke-opacity="%.2f" stroke-width="%s" stroke-linejoin="round"/>
`, float64(colAreaCasing.A)/255, num(hairline*areaCasingW), hexColour(colAreaEdge), float64(colAreaEdge.A)/255, num(hairline*areaLineW))
	}
	fmt.Fprintf(w, `<g id="practices" fill="%s" fill-opacity="%.2f">
`, hexColour(colDot), float64(colDot.A)/255)
	for _, d := range s.dots {
		if !d.moved {
			fmt.Fprintf(w, `<circle cx="%s" cy="%s" r="%s"/>
`, num(d.x), num(d.y), strconv.FormatFloat(math.Round(d.r*100)/100, 'f', -1, 64))
		}
	}
	fmt.Fprint(w, "</g>\n")
	if s.hasMoved {
		fmt.Fprintf(w, `<g id="moved-practices" fill="%s" fill-opacity="%.2f">
`, hexColour(colMoved), float64(colMoved.A)/255)
		for _, d := range s.dots {
			if d.moved {
				fmt.Fprintf(w, `<circle class="moved" cx="%s" cy="%s" r="%s"/>
`, num(d.x), num(d.y), strconv.FormatFloat(math.Round(max(d.r, 1.2)*100)/100, 'f', -1, 64))
			}
		}
		fmt.Fprint(w, "</g>\n")
	}
	fmt.Fprint(w, "</g>\n")
	for k, in := range s.insets {
		src, dst := in.src, in.dst
		fmt.Fprintf(w, `<g id="inset-%d" class="inset"><rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>
<svg x="%s" y="%s" width="%s" height="%s" viewBox="%s %s %s %s" overflow="hidden"><use href="#map" xlink:href="#map"/></svg>
`, k, num(dst[0]), num(dst[1]), num(dst[2]-dst[0]), num(dst[3]-dst[1]), hexColour(colBackground),
			num(dst[0]), num(dst[1]), num(dst[2]-dst[0]), num(dst[3]-dst[1]),
			num(src[0]), num(src[1]), num(src[2]-src[0]), num(src[3]-src[1]))
		for _, b := range [][4]float64{src, dst} {
			fmt.Fprintf(w, `<rect class="frame" x="%s" y="%s" width="%s" height="%s" fill="none" stroke="%s" stroke-width="%s"/>
`, num(b[0]), num(b[1]), num(b[2]-b[0]), num(b[3]-b[1]), hexColour(colText), num(hairline*insetFrameW))
		}
		{
			x, y := in.windowCaption(s.textSize)
			fmt.Fprintf(w, `<text x="%s" y="%s" font-size="%s" fill="%s" stroke="#ffffff" stroke-width="3" stroke-opacity="0.85" paint-order="stroke">%s</text>
`, num(x), num(y), num(s.textSize*0.9), hexColour(colText), esc(in.label))
		}
		fmt.Fprintf(w, `<text x="%s" y="%s" font-size="%s" font-weight="bold" fill="%s" stroke="#ffffff" stroke-width="3" stroke-opacity="0.85" paint-order="stroke">%s</text>
</g>
`, num(dst[0]+s.textSize*0.4), num(dst[1]+s.textSize*1.2), num(s.textSize), hexColour(colText), esc(in.caption(s.textSize)))
	}
	if sb := s.scale; sb != nil {
		s.writeSVGScaleBar(w, *sb, hairline)
	}

	// Legend.
	margin := float64(W) * marginFrac
	for i, line := range s.summary {
		y := s.legendTop + float64(i)*s.textSize*1.5 + s.textSize
		fmt.Fprintf(w, `<text x="%s" y="%s" font-size="%s" fill="%s">%s</text>
`, num(margin), num(y), num(s.textSize), hexColour(colText), esc(line))
	}
	ky, items := s.keyRow()
	t := s.textSize
	for _, it := range items {
		sy := ky + t*0.15
		switch it.kind {
		case "hub":
			for k := range 3 {
				fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>
`, num(it.x+float64(k)*t*0.75), num(sy), num(t*0.7), num(t), hexColour(Palette[k]))
			}
		case "area":
			fmt.Fprintf(w, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"/>
`, num(it.x), num(sy+t/2), num(it.x+t*2.2), num(sy+t/2), hexColour(colAreaEdge), num(hairline*3))
		case "warn":
			fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" fill="url(#hatch)" stroke="%s" stroke-width="%s"/>
`, num(it.x), num(sy), num(t*2.2), num(t), hexColour(colWarn), num(hairline*3))
		case "scale":
			s.writeSVGScaleBar(w, scaleBar{x: it.x, y: sy + t*0.9, px: it.symW, label: ""}, hairline)
		case "dots":
			for k, r := range []float64{0.18, 0.3, 0.45} {
				fmt.Fprintf(w, `<circle cx="%s" cy="%s" r="%s" fill="%s" fill-opacity="%.2f"/>
`, num(it.x+t*(0.3+0.7*float64(k))), num(sy+t/2), num(t*r), hexColour(colDot), float64(colDot.A)/255)
			}
		case "moved":
			fmt.Fprintf(w, `<circle cx="%s" cy="%s" r="%s" fill="%s" fill-opacity="%.2f"/>
`, num(it.x+t), num(sy+t/2), num(t*0.35), hexColour(colMoved), float64(colMoved.A)/255)
		}
		fmt.Fprintf(w, `<text x="%s" y="%s" font-size="%s" fill="%s">%s</text>
`, num(it.textX), num(ky+t), num(t), hexColour(colSubtle), esc(it.label))
	}
	if s.attrib != "" {
		fmt.Fprintf(w, `<text x="%s" y="%s" font-size="%s" fill="%s">%s</text>
`, num(margin), num(ky+t*1.5+t), num(t*0.85), hexColour(colSubtle), esc(s.attrib))
	}
	fmt.Fprint(w, "</svg>\n")
}

// writeSVGScaleBar draws a scale bar: a dark bar with end ticks on a light
// halo, its label centred above (none when empty).
func (s *scene) writeSVGScaleBar(w *bufio.Writer, sb scaleBar, hairline float64) {
	bh := math.Max(2, s.textSize*0.3)
	fmt.Fprintf(w, `<g class="scale"><rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="#ffffff" stroke-width="%s" stroke-opacity="0.9" paint-order="stroke"/>
`, num(sb.x), num(sb.y-bh), num(sb.px), num(bh), hexColour(colText), num(hairline*3))
	if sb.label != "" {
		fmt.Fprintf(w, `<text x="%s" y="%s" font-size="%s" text-anchor="middle" fill="%s" stroke="#ffffff" stroke-width="3" stroke-opacity="0.85" paint-order="stroke">%s</text>
`, num(sb.x+sb.px/2), num(sb.y-bh-s.textSize*0.35), num(s.textSize*0.9), hexColour(colText), xmlText(sb.label))
	}
	fmt.Fprint(w, "</g>\n")
}
