package epcn

import (
	"bytes"
	"os"
	"testing"
	"time"
)

// FuzzReadCSV checks that the reader never panics and that what it
// returns is consistent: codes present, ends not before starts, and AsAt
// never places a practice in a PCN outside its dates.
func FuzzReadCSV(f *testing.F) {
	b, err := os.ReadFile("testdata/partners.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b, int64(0))
	f.Add([]byte("Partner Organisation Code,PCN Code,Start Date,End Date\nA1,U1,20200101,\nA1,U2,20200101,20200102\n"), int64(18263))
	f.Fuzz(func(t *testing.T, b []byte, days int64) {
		ms, err := ReadCSV(bytes.NewReader(b))
		if err != nil {
			return
		}
		for _, m := range ms {
			if m.Practice == "" || m.PCN == "" || (!m.End.IsZero() && m.End.Before(m.Start)) {
				t.Fatalf("bad membership %+v", m)
			}
		}
		d := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days%20000))
		at, err := AsAt(ms, d)
		if err != nil {
			return
		}
		for p, m := range at {
			if m.Practice != p || !m.ValidOn(d) {
				t.Fatalf("AsAt(%v) put %s in %+v", d, p, m)
			}
		}
	})
}
