package export

import (
	"fmt"
	"math"
	"strings"

	"github.com/hubpart/hubpart/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// pageData is the JSON document embedded in the HTML map page. Coordinates
// are whole metres in the drawing plane (x east, y north), relative to the
// lower-left corner of the drawing; each ring is flattened and delta-encoded: the
// first vertex as is, then the difference to the previous vertex, without
// the closing vertex. Neighbouring polygons share their vertices exactly in
// the feature collection and the rounding is the same everywhere, so they
// still share them in the page.
type pageData struct {
	Title       string        `json:"title"`
	Attribution string        `json:"attribution"`
	Size        [2]int64      `json:"size"`   // width and height of the drawing, in page units
	Metres      float64       `json:"metres"` // metres per page unit (for the scale bar)
	HubLevel    string        `json:"hubLevel"`
	AreaLevel   string        `json:"areaLevel,omitempty"`
	Outline     [][]int64     `json:"outline"`
	Hubs        []pageGroup   `json:"hubs"`
	Areas       []pageGroup   `json:"areas"`
	Practices   pagePractices `json:"practices"`
}

// pageGroup is one hub or area.
type pageGroup struct {
	ID        int       `json:"id"`
	Patients  int64     `json:"patients"`
	Practices int       `json:"practices"`
	Hubs      int       `json:"hubs,omitempty"` // areas only
	Site      int       `json:"site"`           // practice index of the hub site, -1 if unknown
	Status    string    `json:"status"`
	Reason    string    `json:"reason,omitempty"`
	Area      int       `json:"area"` // hubs: index into Areas, or -1
	MeanKm    float64   `json:"meanKm"`
	MaxKm     float64   `json:"maxKm"`
	Fill      string    `json:"fill"` // colour (#rrggbb) chosen so that neighbours differ
	Rings     [][]int64 `json:"rings"`
}

// pagePractices holds the practices column by column, in input order.
type pagePractices struct {
	Code     []string `json:"code"`
	Name     []string `json:"name"`
	Patients []int64  `json:"patients"`
	X        []int64  `json:"x"`
	Y        []int64  `json:"y"`
	Hub      []int    `json:"hub"`                // index into Hubs
	Postcode []string `json:"postcode,omitempty"` // only when some practice has one
	Moved    []int    `json:"moved,omitempty"`    // 1 for a practice moved away from its starting group (plans made with -from)
	From     []string `json:"from,omitempty"`     // the group it was moved from, when known
}

// buildPageData gathers the hub, area and practice layers of fc (see
// FeatureCollection) and the outline of in into the page's data model.
func buildPageData(in Input, fc *geojson.FeatureCollection, opt HTMLOptions) (*pageData, error) {
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

	// Extent of everything drawn, in the plane.
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
	for _, poly := range in.Boundary {
		for _, r := range poly {
			for _, p := range r {
				grow(p)
			}
		}
	}
	if !(maxX >= minX) || !(maxY >= minY) {
		return nil, ErrNoFeatures
	}
	ox, oy := math.Floor(minX), math.Floor(minY)
	unit, metres := planeUnit(in)
	q := func(p orb.Point) (int64, int64) {
		v := fwd(p)
		return int64(math.Round((v[0] - ox) * unit)), int64(math.Round((v[1] - oy) * unit))
	}

	d := &pageData{
		Title:       opt.Title,
		Attribution: opt.Attribution,
		Size:        [2]int64{int64(math.Ceil((maxX - ox) * unit)), int64(math.Ceil((maxY - oy) * unit))},
		Metres:      metres,
		HubLevel:    "hub",
		Outline:     [][]int64{},
		Hubs:        []pageGroup{},
		Areas:       []pageGroup{},
	}
	if r := in.Result; r != nil && len(r.Levels) > 0 && r.Levels[0].Name != "" {
		d.HubLevel = r.Levels[0].Name
	}
	if len(areaF) > 0 {
		d.AreaLevel = "area"
		if r := in.Result; r != nil && len(r.Levels) > 1 && r.Levels[1].Name != "" {
			d.AreaLevel = r.Levels[1].Name
		}
	}

	encodeRing := func(r orb.Ring) []int64 {
		n := len(r)
		if n > 1 && r[0] == r[n-1] {
			n--
		}
		out := make([]int64, 0, 2*n)
		var px, py int64
		for i := range n {
			x, y := q(r[i])
			out = append(out, x-px, y-py)
			px, py = x, y
		}
		return out
	}
	for _, poly := range in.Boundary {
		for _, r := range poly {
			if len(r) >= 3 {
				d.Outline = append(d.Outline, encodeRing(r))
			}
		}
	}

	// Practices, indexed by code so that hub sites can be found.
	codeIndex := make(map[string]int, len(pracF))
	for i, f := range pracF {
		p, ok := f.Geometry.(orb.Point)
		if !ok {
			return nil, &InputError{Field: fmt.Sprintf("practice feature %d", i), Detail: "geometry is not a Point"}
		}
		pp := f.Properties
		code, _ := pp["code"].(string)
		name, _ := pp["name"].(string)
		x, y := q(p)
		pr := &d.Practices
		pr.Code = append(pr.Code, code)
		pr.Name = append(pr.Name, name)
		pr.Patients = append(pr.Patients, int64(propFloat(pp, "patients")))
		pr.X = append(pr.X, x)
		pr.Y = append(pr.Y, y)
		pr.Hub = append(pr.Hub, -1)
		pc, _ := pp["postcode"].(string)
		if pc == "" && i < len(in.Practices) && in.Practices[i].Code == code {
			pc = in.Practices[i].Attrs["postcode"]
		}
		pr.Postcode = append(pr.Postcode, pc)
		moved, _ := pp["moved"].(bool)
		from := propString(pp, "from")
		pr.Moved = append(pr.Moved, b2i(moved))
		pr.From = append(pr.From, from)
		if _, dup := codeIndex[code]; !dup {
			codeIndex[code] = i
		}
	}

	groups := func(fs []*geojson.Feature) ([]pageGroup, map[int]int) {
		out := make([]pageGroup, 0, len(fs))
		byID := make(map[int]int, len(fs))
		for i, f := range fs {
			pp := f.Properties
			g := pageGroup{
				ID:        int(propFloat(pp, "id")),
				Patients:  int64(propFloat(pp, "patients")),
				Practices: int(propFloat(pp, "practices")),
				Hubs:      int(propFloat(pp, "hubs")),
				Site:      -1,
				Area:      -1,
				MeanKm:    propFloat(pp, "mean_km"),
				MaxKm:     propFloat(pp, "max_km"),
				Rings:     [][]int64{},
			}
			g.Status, _ = pp["status"].(string)
			g.Reason, _ = pp["reason"].(string)
			if code, ok := pp["hub_site"].(string); ok {
				if k, ok := codeIndex[code]; ok {
					g.Site = k
				}
			}
			forEachRing(f.Geometry, func(r orb.Ring) {
				if len(r) >= 3 {
					g.Rings = append(g.Rings, encodeRing(r))
				}
			})
			byID[g.ID] = i
			out = append(out, g)
		}
		return out, byID
	}
	var hubByID, areaByID map[int]int
	d.Hubs, hubByID = groups(hubF)
	d.Areas, areaByID = groups(areaF)
	for i, f := range hubF {
		if _, ok := f.Properties["area"]; ok {
			if k, ok := areaByID[int(propFloat(f.Properties, "area"))]; ok {
				d.Hubs[i].Area = k
			}
		}
	}
	for i, f := range pracF {
		k, ok := hubByID[int(propFloat(f.Properties, "hub"))]
		if !ok {
			return nil, &InputError{Field: fmt.Sprintf("practice %s", d.Practices.Code[i]), Detail: fmt.Sprintf("hub %v has no polygon", f.Properties["hub"])}
		}
		d.Practices.Hub[i] = k
	}

	hc := hubColours(in, hubF)
	for i := range d.Hubs {
		d.Hubs[i].Fill = hexColour(PaletteColour(hc[i]))
	}
	ac := areaColours(areaF)
	for i := range d.Areas {
		d.Areas[i].Fill = hexColour(PaletteColour(ac[i]))
	}

	if !anyNonEmpty(d.Practices.Postcode) {
		d.Practices.Postcode = nil
	}
	if !anyNonEmpty(d.Practices.From) {
		d.Practices.From = nil
	}
	if !anyNonZero(d.Practices.Moved) {
		d.Practices.Moved = nil
	}
	return d, nil
}

// planeUnit returns the number of page units per plane unit and the
// metres per page unit: whole metres for the graph's projection (which is
// in metres), 10^5 units per degree for the fallback equirectangular plane
// (about 1.1 m each).
func planeUnit(in Input) (unit, metres float64) {
	if in.Info != nil && in.Info.Projection != nil {
		return 1, 1
	}
	return 1e5, geo.EarthRadius * math.Pi / 180 / 1e5
}

// areaColours colours the area features so that areas sharing an edge
// differ.
func areaColours(areaF []*geojson.Feature) []int {
	return ColourGroups(len(areaF), func(fn func(a, b int)) {
		owner := make(map[[4]float64]int)
		for i, f := range areaF {
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
	})
}

// propString reads a property as text: strings as they are, numbers in
// their shortest form; "" when absent.
func propString(p geojson.Properties, key string) string {
	switch v := p[key].(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		return fmt.Sprint(v)
	case float64, int, int32, int64:
		return strings.TrimSuffix(fmt.Sprint(v), ".0")
	}
	return fmt.Sprint(p[key])
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func anyNonEmpty(s []string) bool {
	for _, v := range s {
		if v != "" {
			return true
		}
	}
	return false
}

func anyNonZero(s []int) bool {
	for _, v := range s {
		if v != 0 {
			return true
		}
	}
	return false
}
