package main

import (
	"bytes"
	"context"
	"github.com/hubpart/hubpart/internal/fixture"
	"testing"
)

var englandPractices = fixture.EnglandPractices()

// The real PCNs of 2021 compared with themselves, checked against the facts
// in the data's README: 1,255 PCNs of which 717 lie within 30,000–50,000
// patients, the largest 257,872; 105 practices in no PCN (blank labels,
// each a group of its own).
func TestRunCompareEngland(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := runCompare(context.Background(), []string{"-in", englandPractices, "-a", ":pcn_code", "-b", ":PCN_CODE", "-q"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("runCompare: %v (stderr %q)", err, stderr.String())
	}
	out := stdout.String()
	for _, c := range []struct {
		row  string
		want [2]string
	}{
		{"groups", [2]string{"1,360", "1,360"}},
		{"in bounds [30,000, 50,000]", [2]string{"717", "717"}},
		{"blank labels", [2]string{"105", "105"}},
		{"largest group patients", [2]string{"257,872", "257,872"}},
	} {
		if got := compareRow(t, out, c.row); got != c.want {
			t.Errorf("%s: %v, want %v\n%s", c.row, got, c.want, out)
		}
	}
	if got := compareMeasure(t, out, "adjusted Rand index (A, B)"); got != 1 {
		t.Errorf("ARI %v, want 1", got)
	}
}
