package export

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"math"
	"strconv"
	"strings"
)

// WriteSVG draws the map of the model as a standalone SVG document: hubs filled in colours that differ between
// neighbours, each hub a <path class="hub"> carrying a <title> tooltip (id,
// patients, practices, status); area boundaries as heavier dark lines;
// hubs outside their size bounds hatched and outlined in red; practices as
// dots whose area is proportional to the list size (capped at 60,000);
// the title above and the legend (opt.Summary and a key) below.
// Output is deterministic.
func (m *Model) WriteSVG(w io.Writer, opt MapOptions) error {
	s, err := buildScene(m, opt)
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

func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

func svgPath(rings [][][2]float64) string {
	var b strings.Builder
	for _, r := range rings {
		for i, p := range r {
			if i == len(r)-1 && len(r) > 1 && p == r[0] {
				break
			}
			if i == 0 {
				b.WriteByte('M')
			} else {
				b.WriteByte('L')
			}
			b.WriteString(num(p[0]))
			b.WriteByte(' ')
			b.WriteString(num(p[1]))
		}
		b.WriteByte('Z')
	}
	return b.String()
}

func (s *scene) writeSVG(w *bufio.Writer) {
	esc := html.EscapeString
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
		fmt.Fprintf(w, `<g id="areas" fill="none" stroke="%s" stroke-opacity="%.2f" stroke-width="%s" stroke-linejoin="round">
`, hexColour(colAreaEdge), float64(colAreaEdge.A)/255, num(hairline*2.4))
		for _, a := range s.areas {
			fmt.Fprintf(w, `<path class="area" id="area-%d" d="%s"/>
`, a.id, svgPath(a.rings))
		}
		fmt.Fprint(w, "</g>\n")
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
	if in := s.inset; in != nil {
		src, dst := in.src, in.dst
		fmt.Fprintf(w, `<g id="inset"><rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>
<svg x="%s" y="%s" width="%s" height="%s" viewBox="%s %s %s %s" overflow="hidden"><use href="#map" xlink:href="#map"/></svg>
`, num(dst[0]), num(dst[1]), num(dst[2]-dst[0]), num(dst[3]-dst[1]), hexColour(colBackground),
			num(dst[0]), num(dst[1]), num(dst[2]-dst[0]), num(dst[3]-dst[1]),
			num(src[0]), num(src[1]), num(src[2]-src[0]), num(src[3]-src[1]))
		for _, b := range [][4]float64{src, dst} {
			fmt.Fprintf(w, `<rect class="frame" x="%s" y="%s" width="%s" height="%s" fill="none" stroke="%s" stroke-width="%s"/>
`, num(b[0]), num(b[1]), num(b[2]-b[0]), num(b[3]-b[1]), hexColour(colSubtle), num(hairline*2))
		}
		fmt.Fprintf(w, `<text x="%s" y="%s" font-size="%s" fill="%s" stroke="#ffffff" stroke-width="3" stroke-opacity="0.8" paint-order="stroke">%s</text>
`, num(dst[0]+s.textSize*0.4), num(dst[3]-s.textSize*0.5), num(s.textSize), hexColour(colText), esc(insetLabel(in)))
		fmt.Fprint(w, "</g>\n")
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
	fmt.Fprint(w, "</svg>\n")
}
