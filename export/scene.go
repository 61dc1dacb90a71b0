package export

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// ErrNoFeatures is returned by WriteSVG and WritePNG when the feature
// collection holds no hub polygons to draw.
var ErrNoFeatures = errors.New("export: no hub features to draw")

// MapOptions controls the map picture.
type MapOptions struct {
	Title   string   // drawn above the map; none when empty
	Width   int      // picture width in pixels; 0 means 1200
	Summary []string // legend lines drawn below the map, one per entry
}

// Colours of the map other than the hub fills.
var (
	colBackground = color.RGBA{0xfa, 0xfa, 0xf7, 0xff}
	colHubEdge    = color.NRGBA{0xff, 0xff, 0xff, 0xd0}
	colAreaEdge   = color.NRGBA{0x30, 0x30, 0x30, 0xe0}
	colWarn       = color.RGBA{0xd7, 0x19, 0x1c, 0xff}
	colDot        = color.NRGBA{0x26, 0x26, 0x33, 0x99}
	colText       = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	colSubtle     = color.RGBA{0x55, 0x55, 0x55, 0xff}
)

// shape is one group polygon in picture coordinates (pixels, y down).
// Rings of all pieces are listed together; outer rings and holes wind in
// opposite directions, so a non-zero fill leaves the holes empty.
type shape struct {
	id     int
	rings  [][][2]float64
	fill   color.RGBA
	warn   bool   // out of size bounds: hatched and outlined red
	tip    string // tooltip
	bounds [4]float64
}

type dot struct{ x, y, r float64 }

// scene is the laid-out picture shared by the SVG and PNG writers.
type scene struct {
	w, h      int
	title     string
	summary   []string
	titleSize float64 // px
	textSize  float64 // px
	hubs      []shape
	areas     []shape
	dots      []dot
	legendTop float64 // y of the first legend line's top
	hasAreas  bool
	hasWarn   bool
	inset     *inset // nil when the map has no crowded spot worth magnifying
}

// Layout constants, in units of the picture width.
const (
	marginFrac = 0.025
	dotMaxFrac = 1.0 / 320 // radius of the largest practice dot
	dotCap     = 60000.0   // list size at which dots stop growing
)

// buildScene projects the features of fc and lays out the picture.
// Projection: in.Info.Projection when present (conformal, so shapes keep
// their aspect), otherwise equirectangular with x scaled by the cosine of
// the mid-latitude.
func buildScene(in Input, fc *geojson.FeatureCollection, opt MapOptions) (*scene, error) {
	if fc == nil {
		return nil, ErrNoFeatures
	}
	var hubF, areaF, pracF []*geojson.Feature
	for _, f := range fc.Features {
		switch f.Properties["layer"] {
		case "hub":
			hubF = append(hubF, f)
		case "area":
			areaF = append(areaF, f)
		case "practice":
			pracF = append(pracF, f)
		}
	}
	if len(hubF) == 0 {
		return nil, ErrNoFeatures
	}
	fwd := planeProjection(in, fc)

	// Bounds in the plane.
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	grow := func(p orb.Point) {
		q := fwd(p)
		minX, maxX = math.Min(minX, q[0]), math.Max(maxX, q[0])
		minY, maxY = math.Min(minY, q[1]), math.Max(maxY, q[1])
	}
	for _, f := range hubF {
		forEachRing(f.Geometry, func(r orb.Ring) {
			for _, p := range r {
				grow(p)
			}
		})
	}
	for _, f := range pracF {
		if p, ok := f.Geometry.(orb.Point); ok {
			grow(p)
		}
	}
	if !(maxX > minX) || !(maxY > minY) {
		// Degenerate extent (one point): open a small window around it.
		cx, cy := (minX+maxX)/2, (minY+maxY)/2
		minX, maxX, minY, maxY = cx-1, cx+1, cy-1, cy+1
	}

	s := &scene{w: opt.Width, title: opt.Title, summary: opt.Summary}
	if s.w <= 0 {
		s.w = 1200
	}
	W := float64(s.w)
	margin := math.Round(W * marginFrac)
	s.titleSize = math.Max(12, math.Round(W/44))
	s.textSize = math.Max(9, math.Round(W/90))
	top := margin
	if s.title != "" {
		top += s.titleSize * 1.6
	}
	mapW := W - 2*margin
	scale := mapW / (maxX - minX)
	mapH := (maxY - minY) * scale
	if maxH := 3 * W; mapH > maxH { // very tall extents: shrink to fit
		scale *= maxH / mapH
		mapH = maxH
	}
	offX := margin + (mapW-(maxX-minX)*scale)/2
	toPx := func(p orb.Point) [2]float64 {
		q := fwd(p)
		return [2]float64{offX + (q[0]-minX)*scale, top + (maxY-q[1])*scale}
	}
	s.legendTop = top + mapH + margin*0.8
	lines := len(s.summary) + 1 // + key row
	s.h = int(math.Ceil(s.legendTop + float64(lines)*s.textSize*1.5 + margin))

	colours := hubColours(in, hubF)
	for i, f := range hubF {
		sh := toShape(f, toPx)
		sh.fill = PaletteColour(colours[i])
		st, _ := f.Properties["status"].(string)
		sh.warn = st != "" && st != "ok"
		s.hasWarn = s.hasWarn || sh.warn
		sh.tip = hubTip(f)
		s.hubs = append(s.hubs, sh)
	}
	for _, f := range areaF {
		s.areas = append(s.areas, toShape(f, toPx))
	}
	s.hasAreas = len(s.areas) > 0
	rmax := math.Max(1.5, W*dotMaxFrac)
	for _, f := range pracF {
		p, ok := f.Geometry.(orb.Point)
		if !ok {
			continue
		}
		n := math.Min(propFloat(f.Properties, "patients"), dotCap)
		q := toPx(p)
		s.dots = append(s.dots, dot{q[0], q[1], math.Max(0.6, rmax*math.Sqrt(math.Max(n, 0)/dotCap))})
	}
	s.inset = s.chooseInset(margin, top, W-margin, top+mapH)
	return s, nil
}

// planeProjection returns the lon/lat -> plane map used for drawing.
func planeProjection(in Input, fc *geojson.FeatureCollection) func(orb.Point) [2]float64 {
	if in.Info != nil && in.Info.Projection != nil {
		pr := in.Info.Projection
		return pr.Forward
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, f := range fc.Features {
		b := f.Geometry.Bound()
		lo, hi = math.Min(lo, b.Min[1]), math.Max(hi, b.Max[1])
	}
	k := math.Cos((lo + hi) / 2 * math.Pi / 180)
	return func(p orb.Point) [2]float64 { return [2]float64{p[0] * k, p[1]} }
}

func forEachRing(g orb.Geometry, fn func(orb.Ring)) {
	switch g := g.(type) {
	case orb.Polygon:
		for _, r := range g {
			fn(r)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				fn(r)
			}
		}
	}
}

func toShape(f *geojson.Feature, toPx func(orb.Point) [2]float64) shape {
	sh := shape{id: int(propFloat(f.Properties, "id"))}
	sh.bounds = [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	forEachRing(f.Geometry, func(r orb.Ring) {
		pr := make([][2]float64, len(r))
		for i, p := range r {
			q := toPx(p)
			pr[i] = q
			sh.bounds[0] = math.Min(sh.bounds[0], q[0])
			sh.bounds[1] = math.Min(sh.bounds[1], q[1])
			sh.bounds[2] = math.Max(sh.bounds[2], q[0])
			sh.bounds[3] = math.Max(sh.bounds[3], q[1])
		}
		sh.rings = append(sh.rings, pr)
	})
	return sh
}

func hubTip(f *geojson.Feature) string {
	p := f.Properties
	var b strings.Builder
	fmt.Fprintf(&b, "Hub %d: %s patients, %d practices", int(propFloat(p, "id")),
		thousands(int64(propFloat(p, "patients"))), int(propFloat(p, "practices")))
	if name, _ := p["hub_site_name"].(string); name != "" {
		fmt.Fprintf(&b, "; hub site %s", name)
	}
	if st, _ := p["status"].(string); st != "" && st != "ok" {
		fmt.Fprintf(&b, "; %s", st)
		if r, _ := p["reason"].(string); r != "" {
			fmt.Fprintf(&b, ": %s", r)
		}
	}
	return b.String()
}

// propFloat reads a numeric property whether it holds a Go integer (fresh
// from FeatureCollection) or a float64 (decoded from JSON); 0 if absent.
func propFloat(p geojson.Properties, key string) float64 {
	switch v := p[key].(type) {
	case int:
		return float64(v)
	case int32:
		return float64(v)
	case int64:
		return float64(v)
	case float64:
		return v
	}
	return 0
}

// thousands formats n with comma separators.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// hubColours colours the hub features (in fc order) so that hubs sharing
// a polygon edge, or whose sites are adjacent in the site graph (or share
// a site), get different colours.
func hubColours(in Input, hubF []*geojson.Feature) []int {
	n := len(hubF)
	index := make(map[int]int, n) // hub id -> position in hubF
	for i, f := range hubF {
		index[int(propFloat(f.Properties, "id"))] = i
	}
	adjacent := func(fn func(a, b int)) {
		// Shared polygon edges.
		owner := make(map[[4]float64]int)
		for i, f := range hubF {
			forEachRing(f.Geometry, func(r orb.Ring) {
				for k := 0; k+1 < len(r); k++ {
					a, b := r[k], r[k+1]
					if b[0] < a[0] || (b[0] == a[0] && b[1] < a[1]) {
						a, b = b, a
					}
					key := [4]float64{a[0], a[1], b[0], b[1]}
					if j, ok := owner[key]; ok && j != i {
						fn(i, j)
					} else {
						owner[key] = i
					}
				}
			})
		}
		// Graph adjacency of the hubs' sites.
		g, r := in.Graph, in.Result
		if g == nil || r == nil || len(r.Assign) == 0 || g.MemberOff == nil {
			return
		}
		as := r.Assign[0]
		hubOf := func(p int32) (int, bool) {
			if p < 0 || int(p) >= len(as) {
				return 0, false
			}
			i, ok := index[int(as[p])]
			return i, ok
		}
		for v := range g.N() {
			ms := g.SiteMembers(v)
			for _, p := range ms {
				hp, ok := hubOf(p)
				if !ok {
					continue
				}
				for _, q := range ms {
					if hq, ok := hubOf(q); ok {
						fn(hp, hq)
					}
				}
				for _, w := range g.Neighbors(v) {
					for _, q := range g.SiteMembers(int(w)) {
						if hq, ok := hubOf(q); ok {
							fn(hp, hq)
						}
					}
				}
			}
		}
	}
	return ColourGroups(n, adjacent)
}
