package export

import (
	"math"
	"slices"
)

// The properties of each feature, in output order. One function per
// feature kind serves both FeatureCollection and WriteGeoJSON, so the two
// always agree. See the package documentation for the list.

// regionProps returns the properties of region rg of level l.
func (m *Model) regionProps(l int, rg *Region) []Property {
	name := m.Levels[l].Name
	ps := make([]Property, 0, 16+len(rg.Props))
	ps = append(ps, Property{"layer", name}, Property{name, rg.ID})
	if rg.Parent >= 0 && l+1 < len(m.Levels) {
		ps = append(ps, Property{m.Levels[l+1].Name, rg.Parent})
	}
	if l > 0 {
		ps = append(ps, Property{"hubs", rg.Hubs})
	}
	ps = append(ps,
		Property{"patients", rg.Patients},
		Property{"practices", rg.Practices},
	)
	if rg.HubSite >= 0 && rg.HubSite < len(m.Practices) {
		hs := &m.Practices[rg.HubSite]
		ps = append(ps, Property{"hub_site", hs.Code}, Property{"hub_site_name", hs.Name})
	}
	ps = append(ps, Property{"status", string(rg.Status)})
	if rg.Reason != "" {
		ps = append(ps, Property{"reason", rg.Reason})
	}
	ps = append(ps,
		Property{"mean_km", round3(rg.MeanKm)},
		Property{"max_km", round3(rg.MaxKm)},
		Property{"pieces", len(rg.Polygon)},
		Property{"bridged", rg.Bridged},
	)
	return appendExtra(ps, rg.Props)
}

// practiceProps returns the properties of practice p.
func (m *Model) practiceProps(p *Practice) []Property {
	ps := make([]Property, 0, 4+2*len(m.Levels)+len(p.Props))
	ps = append(ps,
		Property{"layer", "practice"},
		Property{"code", p.Code},
		Property{"name", p.Name},
		Property{"patients", p.Patients},
	)
	for l, lv := range m.Levels {
		ps = append(ps, Property{lv.Name, int(p.Group[l])})
	}
	for l, lv := range m.Levels {
		ps = append(ps, Property{lv.Name + "_status", string(lv.Regions[p.Group[l]].Status)})
	}
	return appendExtra(ps, p.Props)
}

// appendExtra appends the extra properties; one whose key is already taken
// by a standard property is written as "input_" + key rather than dropped
// or allowed to shadow it.
func appendExtra(ps, extra []Property) []Property {
	std := len(ps)
	for _, e := range extra {
		if slices.ContainsFunc(ps[:std], func(q Property) bool { return q.Key == e.Key }) {
			e.Key = "input_" + e.Key
		}
		ps = append(ps, e)
	}
	return ps
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
