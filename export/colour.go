package export

import (
	"fmt"
	"image/color"
	"math"
	"sort"
)

// Palette is the fill palette for hubs: twelve muted, clearly distinct
// colours (after the ColorBrewer "Set3" and "Pastel1" schemes) that keep
// black text, dark dots and a red warning outline readable on top of them.
// ColourGroups prefers these; colour indices beyond the palette are served
// by PaletteColour from a deterministic golden-angle sequence.
var Palette = []color.RGBA{
	{0x8d, 0xd3, 0xc7, 0xff}, // teal
	{0xfd, 0xb4, 0x62, 0xff}, // orange
	{0xbe, 0xba, 0xda, 0xff}, // lavender
	{0xb3, 0xde, 0x69, 0xff}, // green
	{0xfb, 0x80, 0x72, 0xff}, // salmon
	{0x80, 0xb1, 0xd3, 0xff}, // blue
	{0xfc, 0xcd, 0xe5, 0xff}, // pink
	{0xff, 0xed, 0x6f, 0xff}, // yellow
	{0xcc, 0xeb, 0xc5, 0xff}, // mint
	{0xd9, 0xb8, 0x8f, 0xff}, // tan
	{0xbc, 0x80, 0xbd, 0xff}, // purple
	{0xa6, 0xce, 0xe3, 0xff}, // sky
}

// PaletteColour returns the fill colour of colour index c (c >= 0):
// Palette[c] when c is within the palette, otherwise a light colour from a
// golden-angle hue sequence, the same for the same c.
func PaletteColour(c int) color.RGBA {
	if c >= 0 && c < len(Palette) {
		return Palette[c]
	}
	h := math.Mod(float64(c)*137.50776405, 360)
	return hslToRGBA(h, 0.55, 0.72)
}

func hslToRGBA(h, s, l float64) color.RGBA {
	c := (1 - math.Abs(2*l-1)) * s
	hp := h / 60
	x := c * (1 - math.Abs(math.Mod(hp, 2)-1))
	var r, g, b float64
	switch {
	case hp < 1:
		r, g = c, x
	case hp < 2:
		r, g = x, c
	case hp < 3:
		g, b = c, x
	case hp < 4:
		g, b = x, c
	case hp < 5:
		r, b = x, c
	default:
		r, b = c, x
	}
	m := l - c/2
	to := func(v float64) uint8 { return uint8(math.Round((v + m) * 255)) }
	return color.RGBA{to(r), to(g), to(b), 0xff}
}

// hexColour formats c as #rrggbb (alpha is ignored: not premultiplied).
func hexColour(c color.Color) string {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return fmt.Sprintf("#%02x%02x%02x", n.R, n.G, n.B)
}

// ColourGroups colours the n vertices 0..n-1 of an undirected graph so that
// no two adjacent vertices share a colour, and returns the colour index of
// each vertex (use PaletteColour to turn it into a colour).
//
// adjacent must call fn(a, b) once or more for every edge; pairs may repeat,
// come in either order, and self-loops and out-of-range vertices are
// ignored. The algorithm is DSATUR (Brélaz 1979): repeatedly colour the
// uncoloured vertex with the most distinctly coloured neighbours (ties: most
// uncoloured neighbours, then lowest index). Among the palette colours free
// at that vertex it takes the one used least so far (ties: lowest index), so
// the map uses the whole palette evenly instead of piling onto colour 0; only
// when every palette colour is taken by a neighbour does it go beyond the
// palette. Planar adjacencies (hub maps) never need more than the 12 palette
// colours in practice. The result is deterministic for a given edge set.
func ColourGroups(n int, adjacent func(fn func(a, b int))) []int {
	if n <= 0 {
		return nil
	}
	adj := make([][]int, n)
	if adjacent != nil {
		adjacent(func(a, b int) {
			if a == b || a < 0 || b < 0 || a >= n || b >= n {
				return
			}
			adj[a] = append(adj[a], b)
			adj[b] = append(adj[b], a)
		})
	}
	for v := range adj {
		s := adj[v]
		sort.Ints(s)
		w := 0
		for i, x := range s {
			if i == 0 || x != s[i-1] {
				s[w] = x
				w++
			}
		}
		adj[v] = s[:w]
	}

	colour := make([]int, n)
	for i := range colour {
		colour[i] = -1
	}
	// seen[v] is the set of colours among v's coloured neighbours: a bit
	// mask for the palette, a map beyond it (rarely used).
	seen := make([]uint64, n)
	var beyond []map[int]bool
	sat := make([]int, n)   // number of distinct colours in seen[v]
	uncol := make([]int, n) // uncoloured neighbours
	for v := range adj {
		uncol[v] = len(adj[v])
	}
	has := func(v, c int) bool {
		if c < 64 {
			return seen[v]&(1<<c) != 0
		}
		return beyond != nil && beyond[v][c]
	}
	used := make([]int, len(Palette))
	// The next vertex comes from a heap of (sat, uncol, v) entries, pushed
	// afresh whenever a vertex's figures change; an entry that no longer
	// matches its vertex is skipped when it comes up.
	q := make(dsaturQueue, 0, 2*n)
	for v := range n {
		q.push(dsaturEntry{sat[v], uncol[v], v})
	}
	for range n {
		var v int
		for {
			e := q.pop()
			if colour[e.v] < 0 && e.sat == sat[e.v] && e.uncol == uncol[e.v] {
				v = e.v
				break
			}
		}
		c := -1
		for k := range Palette {
			if has(v, k) {
				continue
			}
			if c < 0 || used[k] < used[c] {
				c = k
			}
		}
		if c < 0 {
			for c = len(Palette); has(v, c); c++ {
			}
		} else {
			used[c]++
		}
		colour[v] = c
		for _, w := range adj[v] {
			if !has(w, c) {
				sat[w]++
				if c < 64 {
					seen[w] |= 1 << c
				} else {
					if beyond == nil {
						beyond = make([]map[int]bool, n)
					}
					if beyond[w] == nil {
						beyond[w] = map[int]bool{}
					}
					beyond[w][c] = true
				}
			}
			uncol[w]--
			if colour[w] < 0 {
				q.push(dsaturEntry{sat[w], uncol[w], w})
			}
		}
	}
	return colour
}

// dsaturEntry is a vertex with its saturation and uncoloured neighbours
// when it was queued.
type dsaturEntry struct{ sat, uncol, v int }

// before orders DSATUR's choice: most distinct neighbour colours, then
// most uncoloured neighbours, then lowest index.
func (a dsaturEntry) before(b dsaturEntry) bool {
	if a.sat != b.sat {
		return a.sat > b.sat
	}
	if a.uncol != b.uncol {
		return a.uncol > b.uncol
	}
	return a.v < b.v
}

// dsaturQueue is a binary heap of entries, the first by before on top.
type dsaturQueue []dsaturEntry

func (q *dsaturQueue) push(e dsaturEntry) {
	h := append(*q, e)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !h[i].before(h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	*q = h
}

func (q *dsaturQueue) pop() dsaturEntry {
	h := *q
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h) && h[l].before(h[m]) {
			m = l
		}
		if r < len(h) && h[r].before(h[m]) {
			m = r
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	*q = h
	return top
}
