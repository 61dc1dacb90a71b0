package export

import "github.com/hubpart/hubpart/partition"

// addChange writes what a result started from an initial configuration
// (partition.WithInitial) changed: every practice gets the properties from
// (its initial label, "" when free), moved (its initial group is not its
// hub's origin) and change (its change class: kept, moved, split, grown,
// shrunk, reshaped, free), and is marked Moved on the map; every hub gets
// origin (the initial group supplying most of its patients) and change (its
// origin's class, or new). These come first among the extra properties.
func addChange(m *Model, ch *partition.Change) {
	if ch == nil || len(m.Levels) == 0 {
		return
	}
	for i := range m.Practices {
		p := &m.Practices[i]
		p.Moved = ch.Moved[i]
		p.Props = append([]Property{{"from", ch.From[i]}, {"moved", ch.Moved[i]}, {"change", ch.Class[i]}}, p.Props...)
	}
	hubs := m.Levels[0].Regions
	for i := range hubs {
		if i < len(ch.Hubs) {
			h := ch.Hubs[i]
			hubs[i].Props = append([]Property{{"origin", h.Origin}, {"change", h.Class}}, hubs[i].Props...)
		}
	}
}
