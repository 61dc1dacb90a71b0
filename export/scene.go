package export

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/internal/parallel"
)

// ErrNoFeatures is returned by WriteSVG and WritePNG when the model holds
// no hubs to draw.
var ErrNoFeatures = errors.New("export: no hub features to draw")

// MapOptions controls the map picture.
type MapOptions struct {
	Title       string   // drawn above the map; none when empty
	Attribution string   // small line at the foot (data sources, licence); none when empty
	Width       int      // picture width in pixels; 0 means 1200
	Summary     []string // legend lines drawn below the map, one per entry
	// Insets is the largest number of magnified insets of crowded places:
	// 0 means 6, a negative number none.
	Insets int
	// InsetLabel names an inset from the hub site of the small hub nearest
	// its centre. When nil, an inset is named by that practice's town
	// (a kept input column town, post_town, city, locality or place) or,
	// without one, by its name.
	InsetLabel func(hubSite *Practice) string
}

// Colours of the map other than the hub fills.
var (
	colBackground = color.RGBA{0xfa, 0xfa, 0xf7, 0xff}
	colHubEdge    = color.NRGBA{0xff, 0xff, 0xff, 0xd0}
	colAreaEdge   = color.NRGBA{0x1e, 0x1e, 0x28, 0xf0}
	colAreaCasing = color.NRGBA{0xff, 0xff, 0xff, 0xb0}
	colWarn       = color.RGBA{0xd7, 0x19, 0x1c, 0xff}
	colDot        = color.NRGBA{0x26, 0x26, 0x33, 0x99}
	colMoved      = color.NRGBA{0xe0, 0x10, 0x90, 0xf0}
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

type dot struct {
	x, y, r float64
	moved   bool // moved from its initial group: drawn in colMoved
}

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
	areaEdges [][2][2]float64 // every area boundary edge once (shared edges are in two rings)
	insets    []*inset        // magnified crowded places; none when nothing is crowded
	scale     *scaleBar       // on the map, or nil when it is in the key row
	scaleKey  scaleBar        // the scale bar's length and label, wherever it is drawn
	attrib    string          // attribution line, or ""
	hasMoved  bool            // some practice moved from its initial group
}

// Line widths, in hairlines (the thinnest line: 1/2400 of the picture
// width, at least half a pixel).
const (
	areaLineW   = 2.4 // area boundary
	areaCasingW = 6.0 // light casing under it
	insetFrameW = 2.5 // inset frames and their windows on the map
)

// Layout constants, in units of the picture width.
const (
	marginFrac = 0.025
	dotMaxFrac = 1.0 / 320 // radius of the largest practice dot
	dotCap     = 60000.0   // list size at which dots stop growing
)

// buildScene projects the model's shapes and lays out the picture in the
// model's plane (conformal, so shapes keep their aspect).
func buildScene(m *Model, opt MapOptions) (*scene, error) {
	if m == nil || len(m.Levels) == 0 || len(m.Hubs()) == 0 {
		return nil, ErrNoFeatures
	}
	fwd := m.Project

	// The hubs in the plane, projected once on all CPUs (the projection has
	// trigonometry), then their bounds and the practices'.
	hubs, areas := m.Hubs(), m.Areas()
	hubPlane := make([][][][2]float64, len(hubs))
	parallel.Each(len(hubs), func(i int) { hubPlane[i] = projectRings(hubs[i].Polygon, fwd) })
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	grow := func(q [2]float64) {
		minX, maxX = math.Min(minX, q[0]), math.Max(maxX, q[0])
		minY, maxY = math.Min(minY, q[1]), math.Max(maxY, q[1])
	}
	for _, rings := range hubPlane {
		for _, r := range rings {
			for _, q := range r {
				grow(q)
			}
		}
	}
	for _, p := range m.Practices {
		grow(fwd(p.Loc))
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
	planeToPx := func(q [2]float64) [2]float64 {
		return [2]float64{offX + (q[0]-minX)*scale, top + (maxY-q[1])*scale}
	}
	toPx := func(p orb.Point) [2]float64 { return planeToPx(fwd(p)) }
	s.attrib = opt.Attribution
	layoutHeight := func(extra float64) {
		s.legendTop = top + mapH + extra + margin*0.8
		lines := len(s.summary) + 1 // + key row
		if s.attrib != "" {
			lines++
		}
		s.h = int(math.Ceil(s.legendTop + float64(lines)*s.textSize*1.5 + margin))
	}
	layoutHeight(0)

	// The shapes in pixels on all CPUs: the hubs from their projected
	// rings (in place), the areas projected afresh.
	s.hubs = make([]shape, len(hubs))
	s.areas = make([]shape, len(areas))
	parallel.Each(len(hubs)+len(areas), func(i int) {
		if i >= len(hubs) {
			s.areas[i-len(hubs)] = toShape(&areas[i-len(hubs)], toPx)
			return
		}
		h := &hubs[i]
		sh := planeShape(h.ID, hubPlane[i], planeToPx)
		sh.fill = PaletteColour(h.Colour)
		sh.warn = h.Status != "" && h.Status != "ok"
		sh.tip = m.hubTip(h)
		s.hubs[i] = sh
	})
	for _, h := range s.hubs {
		s.hasWarn = s.hasWarn || h.warn
	}
	seen := map[[2][2]float64]bool{}
	for _, a := range s.areas {
		for _, r := range a.rings {
			for k := 0; k+1 < len(r); k++ {
				e := [2][2]float64{r[k], r[k+1]}
				if e[1][0] < e[0][0] || (e[1][0] == e[0][0] && e[1][1] < e[0][1]) {
					e[0], e[1] = e[1], e[0]
				}
				if e[0] != e[1] && !seen[e] {
					seen[e] = true
					s.areaEdges = append(s.areaEdges, e)
				}
			}
		}
	}
	s.hasAreas = len(s.areas) > 0
	rmax := math.Max(1.5, W*dotMaxFrac)
	for _, p := range m.Practices {
		n := math.Min(float64(p.Patients), dotCap)
		q := toPx(p.Loc)
		s.dots = append(s.dots, dot{q[0], q[1], math.Max(0.6, rmax*math.Sqrt(math.Max(n, 0)/dotCap)), p.Moved})
		s.hasMoved = s.hasMoved || p.Moved
	}
	limit := opt.Insets
	if limit == 0 {
		limit = maxInsets
	}
	label := opt.InsetLabel
	if label == nil {
		label = placeName
	}
	s.insets = s.chooseInsets(margin, top, W-margin, top+mapH, limit, func(hub int) string {
		h := &m.Hubs()[hub]
		if h.HubSite < 0 || h.HubSite >= len(m.Practices) {
			return ""
		}
		return label(&m.Practices[h.HubSite])
	})
	frame := [4]float64{margin, top, W - margin, top + mapH}
	occ := s.placeInsets(s.insets, frame[0], frame[1], frame[2], frame[3])
	s.placeScaleBar(occ, scale, frame)
	strip := layoutStrip(s.insets, margin, W-margin, top+mapH+margin*0.6, margin*0.6)
	layoutHeight(strip)
	return s, nil
}

// projectRings returns the rings of mp through fwd.
func projectRings(mp orb.MultiPolygon, fwd func(orb.Point) [2]float64) [][][2]float64 {
	var out [][][2]float64
	for _, poly := range mp {
		for _, r := range poly {
			pr := make([][2]float64, len(r))
			for i, p := range r {
				pr[i] = fwd(p)
			}
			out = append(out, pr)
		}
	}
	return out
}

// planeShape is the shape of rings already in the plane, mapped to pixels
// in place.
func planeShape(id int, rings [][][2]float64, toPx func([2]float64) [2]float64) shape {
	sh := shape{id: id, rings: rings}
	sh.bounds = [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, r := range rings {
		for i, q := range r {
			q = toPx(q)
			r[i] = q
			sh.bounds[0] = math.Min(sh.bounds[0], q[0])
			sh.bounds[1] = math.Min(sh.bounds[1], q[1])
			sh.bounds[2] = math.Max(sh.bounds[2], q[0])
			sh.bounds[3] = math.Max(sh.bounds[3], q[1])
		}
	}
	return sh
}

func toShape(rg *Region, toPx func(orb.Point) [2]float64) shape {
	sh := shape{id: rg.ID}
	sh.bounds = [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, poly := range rg.Polygon {
		for _, r := range poly {
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
		}
	}
	return sh
}

func (m *Model) hubTip(h *Region) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Hub %d: %s patients, %d practices", h.ID, thousands(h.Patients), h.Practices)
	if h.HubSite >= 0 && h.HubSite < len(m.Practices) {
		if name := m.Practices[h.HubSite].Name; name != "" {
			fmt.Fprintf(&b, "; hub site %s", name)
		}
	}
	if h.Status != "" && h.Status != "ok" {
		fmt.Fprintf(&b, "; %s", h.Status)
		if h.Reason != "" {
			fmt.Fprintf(&b, ": %s", h.Reason)
		}
	}
	return b.String()
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

// sceneCache keeps the last scene laid out, so that the SVG and PNG of the
// same map (often written side by side) lay it out once.
type sceneCache struct {
	mu  sync.Mutex
	key string
	s   *scene
}

// sceneFor returns the scene of opt, from the cache when the options are
// the same as last time. Scenes are never changed once built.
func (m *Model) sceneFor(opt MapOptions) (*scene, error) {
	if m == nil || m.cache == nil {
		return buildScene(m, opt)
	}
	key := fmt.Sprintf("%q|%q|%d|%q|%d|%p", opt.Title, opt.Attribution, opt.Width, opt.Summary, opt.Insets, opt.InsetLabel)
	m.cache.mu.Lock()
	defer m.cache.mu.Unlock()
	if m.cache.s != nil && m.cache.key == key {
		return m.cache.s, nil
	}
	s, err := buildScene(m, opt)
	if err != nil {
		return nil, err
	}
	m.cache.key, m.cache.s = key, s
	return s, nil
}
