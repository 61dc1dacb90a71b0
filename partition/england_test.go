package partition

import (
	"context"
	"testing"
	"time"
)

func TestEnglandPlain(t *testing.T) {
	ps, _ := readEngland(t)
	g := delaunaySites(t, ps)
	start := time.Now()
	res, err := Run(context.Background(), g, ps, hubLevels)
	el := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range res.Quality {
		t.Logf("%+v", q)
	}
	t.Logf("run %v", el)
	for _, tm := range res.Timings {
		t.Logf("%s %v", tm.Stage, tm.Duration)
	}
	bad := 0
	for _, gr := range res.Groups[0] {
		if gr.Status != StatusOK {
			bad++
			t.Logf("%s %d %s", gr.Status, gr.Patients, gr.Reason)
		}
	}
}
