package partition

import (
	"context"
	"testing"
)

// BenchmarkRunEnglandFromPCNs runs hubs and areas on England starting from
// the 2021 PCNs (WithInitial) and reports the disruption: valid PCNs kept
// exactly (%), patients moved (%), the part moved from detached parts (%),
// the adjusted Rand index and hubs out of bounds. Compare its time with
// BenchmarkRunEngland (the clean-slate run).
func BenchmarkRunEnglandFromPCNs(b *testing.B) {
	g, ps := loadEngland(b)
	pcn := englandPCNs(b, ps)
	b.ReportAllocs()
	var res *Result
	for b.Loop() {
		var err error
		res, err = Run(context.Background(), g, ps, hubLevels, WithSeed(1), WithInitial(pcn))
		if err != nil {
			b.Fatal(err)
		}
	}
	d := res.Change.Summary
	b.ReportMetric(100*float64(d.KeptValid)/float64(d.Valid), "kept-valid-%")
	b.ReportMetric(100*float64(d.PatientsMoved)/float64(d.Patients), "moved-%")
	b.ReportMetric(100*float64(d.DetachedMoved)/float64(d.Patients), "moved-detached-%")
	b.ReportMetric(d.ARI, "ARI")
	b.ReportMetric(float64(res.Quality[0].Groups-res.Quality[0].InBounds), "hubs-not-ok")
}
