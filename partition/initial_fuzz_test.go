package partition

import (
	"context"
	"testing"
)

// FuzzWithInitial checks that Run from any initial labels on any small
// instance either returns a typed error or a valid result whose Change
// adds up: patients and practices moved are those of the practices marked
// moved, every initial group has one class, and kept groups are exactly
// one hub each. The labels come from the instance bytes again (label i%5,
// blank for some), and the budget from the data length.
func FuzzWithInitial(f *testing.F) {
	f.Add([]byte{10, 0x19, 60, 0, 80, 1, 20, 0, 90, 0, 70, 0, 40, 0, 60, 1, 10, 0, 100, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9})
	f.Add([]byte{3, 0x0b, 110, 0, 0, 0, 10, 0, 0, 1, 1, 2})
	f.Add([]byte{6, 0x99, 200, 1, 200, 1, 5, 0, 5, 0, 5, 0, 5, 0, 0, 1, 2, 3, 4, 5})
	f.Fuzz(func(t *testing.T, data []byte) {
		g, ps, levels := decodeInstance(data)
		labels := make([]string, len(ps))
		for p := range ps {
			b := 0
			if len(data) > 0 {
				b = int(data[(p*7+3)%len(data)])
			}
			if b%6 != 5 {
				labels[p] = string(rune('a' + b%6))
			}
		}
		opts := []Option{WithSeed(uint64(len(data))), WithInitial(labels)}
		if len(data)%3 == 0 {
			opts = append(opts, WithMaxMoved(int64(len(data))*500))
		}
		res, err := Run(context.Background(), g, ps, levels, opts...)
		if !validRun(t, g, ps, res, err) {
			return
		}
		ch := res.Change
		var moved int64
		var practices int
		for p := range ps {
			if ch.Moved[p] {
				moved += int64(ps[p].Patients)
				practices++
			}
		}
		d := ch.Summary
		if moved != d.PatientsMoved || practices != d.PracticesMoved {
			t.Fatalf("summary says %d patients / %d practices moved, practices marked add up to %d / %d", d.PatientsMoved, d.PracticesMoved, moved, practices)
		}
		if d.Kept+d.Split+d.Merged+d.Grown+d.Shrunk+d.Reshaped != d.Groups {
			t.Fatalf("classes %+v do not add up to %d groups", d, d.Groups)
		}
		for _, gi := range ch.Groups {
			if gi.Class == ChangeKept {
				if len(gi.Hubs) != 1 || len(res.Groups[0][gi.Hubs[0]].Members) != gi.Practices {
					t.Fatalf("group %s kept but hubs %v", gi.Label, gi.Hubs)
				}
			}
		}
	})
}
