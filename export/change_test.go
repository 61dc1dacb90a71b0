package export

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/hubpart/hubpart/partition"
)

// TestChangeProperties checks that a result compared with an initial
// configuration carries from, moved and change on every practice, origin
// and change on every hub, and that the map marks the moved practices.
func TestChangeProperties(t *testing.T) {
	in := synthetic(t, true)
	// initial groups: the hubs, except that column 1 started in hub 1's
	// group (so it moved) and SPLIT had no group
	initial := make([]string, len(in.Practices))
	for p := range in.Practices {
		initial[p] = fmt.Sprintf("G%d", in.Result.Assign[0][p])
		if strings.HasPrefix(in.Practices[p].Code, "P1") {
			initial[p] = "G1"
		}
		if in.Practices[p].Code == "SPLIT" {
			initial[p] = ""
		}
	}
	ch, err := partition.CompareInitial(in.Graph, in.Practices, initial, partition.Level{Name: "hub", Min: 1, Max: 1e9}, in.Result.Assign[0])
	if err != nil {
		t.Fatal(err)
	}
	in.Result.Change = ch
	m, fc := buildFC(t, in)
	moved := 0
	for _, f := range fc.Features {
		p := f.Properties
		switch p["layer"] {
		case "practice":
			code := p["code"].(string)
			wantMoved := strings.HasPrefix(code, "P1")
			if p["moved"] != wantMoved {
				t.Errorf("%s: moved %v, want %v", code, p["moved"], wantMoved)
			}
			if wantMoved {
				moved++
				if p["from"] != "G1" || p["change"] != partition.ChangeMoved {
					t.Errorf("%s: from %v change %v", code, p["from"], p["change"])
				}
			}
			if code == "SPLIT" && (p["from"] != "" || p["change"] != partition.ChangeFree) {
				t.Errorf("SPLIT: from %q change %v, want free", p["from"], p["change"])
			}
		case "hub":
			if _, ok := p["origin"]; !ok {
				t.Errorf("hub %v: no origin", p["hub"])
			}
			if propFloat(p, "hub") == 0 && (p["origin"] != "G0" || p["change"] != partition.ChangeGrown) {
				t.Errorf("hub 0: origin %v change %v, want G0 grown (G0 and the moved column)", p["origin"], p["change"])
			}
		}
	}
	if moved == 0 {
		t.Fatal("no moved practice in the fixture")
	}
	var svg bytes.Buffer
	if err := m.WriteSVG(&svg, MapOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(svg.String(), `class="moved"`); got != moved {
		t.Errorf("%d moved practices drawn, want %d", got, moved)
	}
	if !strings.Contains(svg.String(), "moved practice") {
		t.Error("no legend entry for moved practices")
	}
}
