package export

import (
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"
)

// pageData is the JSON document embedded in the HTML map page. Coordinates
// are whole metres in the drawing plane (Model.Project: x east, y north),
// relative to the
// lower-left corner of the drawing; each ring is flattened and delta-encoded: the
// first vertex as is, then the difference to the previous vertex, without
// the closing vertex. Neighbouring polygons share their vertices exactly in
// the model and the rounding is the same everywhere, so they still share
// them in the page. Hubs[i] and Areas[i] are the groups of ID i.
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

// pageData gathers the hubs, areas, practices and outline of m into the
// page's data model.
func (m *Model) pageData(opt HTMLOptions) (*pageData, error) {
	if len(m.Levels) == 0 || len(m.Hubs()) == 0 {
		return nil, ErrNoFeatures
	}
	hubs, areas := m.Hubs(), m.Areas()

	// Extent of everything drawn, in the plane (metres).
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	grow := func(p orb.Point) {
		q := m.Project(p)
		minX, maxX = math.Min(minX, q[0]), math.Max(maxX, q[0])
		minY, maxY = math.Min(minY, q[1]), math.Max(maxY, q[1])
	}
	for _, mp := range append(polygonsOf(hubs), m.Boundary) {
		for _, poly := range mp {
			for _, r := range poly {
				for _, p := range r {
					grow(p)
				}
			}
		}
	}
	for i := range m.Practices {
		grow(m.Practices[i].Loc)
	}
	ox, oy := math.Floor(minX), math.Floor(minY)
	q := func(p orb.Point) (int64, int64) {
		v := m.Project(p)
		return int64(math.Round(v[0] - ox)), int64(math.Round(v[1] - oy))
	}
	encode := func(mp orb.MultiPolygon) [][]int64 {
		out := [][]int64{}
		for _, poly := range mp {
			for _, r := range poly {
				n := len(r)
				if n > 1 && r[0] == r[n-1] {
					n--
				}
				if n < 3 {
					continue
				}
				enc := make([]int64, 0, 2*n)
				var px, py int64
				for _, p := range r[:n] {
					x, y := q(p)
					enc = append(enc, x-px, y-py)
					px, py = x, y
				}
				out = append(out, enc)
			}
		}
		return out
	}

	d := &pageData{
		Title:       opt.Title,
		Attribution: opt.Attribution,
		Size:        [2]int64{int64(math.Ceil(maxX - ox)), int64(math.Ceil(maxY - oy))},
		Metres:      1,
		HubLevel:    m.Levels[0].Name,
		Outline:     encode(m.Boundary),
		Hubs:        make([]pageGroup, len(hubs)),
		Areas:       make([]pageGroup, len(areas)),
	}
	if len(areas) > 0 {
		d.AreaLevel = m.Levels[1].Name
	}
	group := func(rg *Region, area int) pageGroup {
		return pageGroup{
			ID:        rg.ID,
			Patients:  rg.Patients,
			Practices: rg.Practices,
			Hubs:      rg.Hubs,
			Site:      rg.HubSite,
			Status:    string(rg.Status),
			Reason:    rg.Reason,
			Area:      area,
			MeanKm:    round3(rg.MeanKm),
			MaxKm:     round3(rg.MaxKm),
			Fill:      hexColour(PaletteColour(rg.Colour)),
			Rings:     encode(rg.Polygon),
		}
	}
	for i := range hubs {
		area := -1
		if len(areas) > 0 {
			area = hubs[i].Parent
		}
		if area < -1 || area >= len(areas) {
			return nil, &InputError{Field: fmt.Sprintf("Levels[0].Regions[%d].Parent", i), Detail: fmt.Sprintf("area %d out of range [0,%d)", area, len(areas))}
		}
		d.Hubs[i] = group(&hubs[i], area)
		if d.Hubs[i].Site < 0 || d.Hubs[i].Site >= len(m.Practices) {
			d.Hubs[i].Site = -1
		}
	}
	for i := range areas {
		d.Areas[i] = group(&areas[i], -1)
		if d.Areas[i].Site < 0 || d.Areas[i].Site >= len(m.Practices) {
			d.Areas[i].Site = -1
		}
	}

	pr := &d.Practices
	for i := range m.Practices {
		p := &m.Practices[i]
		if len(p.Group) == 0 || p.Group[0] < 0 || int(p.Group[0]) >= len(hubs) {
			return nil, &InputError{Field: fmt.Sprintf("Practices[%d].Group", i), Detail: fmt.Sprintf("practice %s has no hub in range [0,%d)", p.Code, len(hubs))}
		}
		x, y := q(p.Loc)
		pr.Code = append(pr.Code, p.Code)
		pr.Name = append(pr.Name, p.Name)
		pr.Patients = append(pr.Patients, p.Patients)
		pr.X = append(pr.X, x)
		pr.Y = append(pr.Y, y)
		pr.Hub = append(pr.Hub, int(p.Group[0]))
		pr.Postcode = append(pr.Postcode, propText(p.Props, "postcode"))
		pr.Moved = append(pr.Moved, b2i(propTrue(p.Props, "moved")))
		pr.From = append(pr.From, propText(p.Props, "from"))
	}
	if !anyNonEmpty(pr.Postcode) {
		pr.Postcode = nil
	}
	if !anyNonEmpty(pr.From) {
		pr.From = nil
	}
	if !anyNonZero(pr.Moved) {
		pr.Moved = nil
	}
	return d, nil
}

func polygonsOf(rs []Region) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, len(rs))
	for i := range rs {
		out[i] = rs[i].Polygon
	}
	return out
}

// propText returns the extra property key as text ("" when absent).
func propText(ps []Property, key string) string {
	for _, p := range ps {
		if p.Key == key {
			switch v := p.Value.(type) {
			case nil:
				return ""
			case string:
				return v
			default:
				return fmt.Sprint(v)
			}
		}
	}
	return ""
}

// propTrue reports whether the extra property key is true (a bool, or a
// kept input column reading true, yes or 1).
func propTrue(ps []Property, key string) bool {
	for _, p := range ps {
		if p.Key == key {
			switch v := p.Value.(type) {
			case bool:
				return v
			case string:
				switch strings.ToLower(strings.TrimSpace(v)) {
				case "true", "yes", "1":
					return true
				}
			}
			return false
		}
	}
	return false
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
