package export

// legendItem is one entry of the key row under the map.
type legendItem struct {
	kind  string  // "hub", "area", "warn", "scale", "dots"
	x     float64 // left edge of the symbol, px
	symW  float64 // symbol width, px
	label string
	textX float64
}

// keyRow lays out the key row: a symbol followed by its label, left to
// right. Text widths are estimated at 0.55 em per character so that the
// SVG and PNG pictures share one layout.
func (s *scene) keyRow() (y float64, items []legendItem) {
	margin := float64(s.w) * marginFrac
	y = s.legendTop + float64(len(s.summary))*s.textSize*1.5
	x := margin
	add := func(kind, label string) {
		sym := s.textSize * 2.2
		if kind == "scale" {
			sym = s.scaleKey.px
		}
		it := legendItem{kind: kind, x: x, symW: sym, label: label, textX: x + sym + s.textSize*0.4}
		items = append(items, it)
		x = it.textX + float64(len([]rune(label)))*s.textSize*0.55 + s.textSize*1.6
	}
	add("hub", "hub (neighbours differ in colour)")
	if s.hasAreas {
		add("area", "area boundary")
	}
	if s.hasWarn {
		add("warn", "hub outside size bounds")
	}
	add("dots", "practice (dot area grows with list size)")
	if s.hasMoved {
		add("moved", "moved practice")
	}
	if s.scale == nil && s.scaleKey.px > 0 {
		add("scale", s.scaleKey.label)
	}
	return y, items
}
