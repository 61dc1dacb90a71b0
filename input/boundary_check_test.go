package input

import (
	"errors"
	"strings"
	"testing"
)

// A boundary holding the same polygon twice is read as that polygon once
// (issue #10: it was treated as sea); a self-intersecting or overlapping
// one is refused (it was accepted without a word).
func TestReadBoundaryChecked(t *testing.T) {
	sq := `[[[0,50],[1,50],[1,51],[0,51],[0,50]]]`
	sqRot := `[[[1,51],[1,50],[0,50],[0,51],[1,51]]]` // same loop, other start and direction
	bow := `[[[0,50],[1,51],[1,50],[0,51],[0,50]]]`
	half := `[[[0.5,50],[1.5,50],[1.5,51],[0.5,51],[0.5,50]]]`
	cases := []struct {
		name, doc string
		parts     int
		err       error
	}{
		{"one square", `{"type":"Polygon","coordinates":` + sq + `}`, 1, nil},
		{"the same square twice", `{"type":"MultiPolygon","coordinates":[` + sq + `,` + sq + `]}`, 1, nil},
		{"twice, other start and direction", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":` + sq + `}},{"type":"Feature","geometry":{"type":"Polygon","coordinates":` + sqRot + `}}]}`, 1, nil},
		{"bow tie", `{"type":"Polygon","coordinates":` + bow + `}`, 0, ErrBadBoundary},
		{"overlapping parts", `{"type":"MultiPolygon","coordinates":[` + sq + `,` + half + `]}`, 0, ErrBadBoundary},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mp, err := readBoundary(strings.NewReader(c.doc))
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("got %v, want %v", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(mp) != c.parts {
				t.Errorf("%d parts, want %d", len(mp), c.parts)
			}
		})
	}
}
