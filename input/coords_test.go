package input

import (
	"encoding/json"
	"reflect"
	"testing"
)

// coordCases are coordinate members of every shape: good ones, nulls where
// encoding/json accepts them, and each kind of wrong value.
var coordCases = []string{
	`[[[0,0],[1,0],[1,1],[0,0]]]`,
	`[[[0,0,9],[1,0,9],[1,1,9],[0,0,9]],[[0.2,0.2],[0.3,0.2],[0.3,0.3],[0.2,0.2]]]`,
	`[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]`,
	` [ [ [ -1.5e2 , 2E-3 ] , [ 0.0 , -0 ] ] ] `,
	`[]`, `[[]]`, `[[[]]]`, `[[[[]]]]`, `null`, `[null]`, `[[null]]`, `[[[null,1]]]`, `[[[[null]]]]`,
	`[[["a",0],[1,0],[1,1],["a",0]]]`, `[[[true,0]]]`, `[[[{},0]]]`, `[[[[0,0]]]]`, `[[0,0]]`, `[0]`, `0`, `{}`, `"x"`,
	`[[[1e400,0]]]`, `[[[0,0],[1,0]],[[2]]]`,
}

// decodePolygonCoords and decodeMultiPolygonCoords give what encoding/json
// gives, value for value, and fail exactly where it fails.
func TestCoordsMatchEncodingJSON(t *testing.T) {
	for _, c := range coordCases {
		checkCoords(t, c)
	}
}

func checkCoords(t *testing.T, raw string) {
	t.Helper()
	var want3 [][][]float64
	werr := json.Unmarshal([]byte(raw), &want3)
	got3, gerr := decodePolygonCoords([]byte(raw))
	if (werr == nil) != (gerr == nil) || werr == nil && !reflect.DeepEqual(got3, want3) {
		t.Errorf("Polygon %s: got %v, %v; encoding/json gives %v, %v", raw, got3, gerr, want3, werr)
	}
	var want4 [][][][]float64
	werr = json.Unmarshal([]byte(raw), &want4)
	got4, gerr := decodeMultiPolygonCoords([]byte(raw))
	if (werr == nil) != (gerr == nil) || werr == nil && !reflect.DeepEqual(got4, want4) {
		t.Errorf("MultiPolygon %s: got %v, %v; encoding/json gives %v, %v", raw, got4, gerr, want4, werr)
	}
}

// FuzzCoords: on any valid JSON, the coordinate decoders agree with
// encoding/json (readBoundary hands them only values it has checked).
func FuzzCoords(f *testing.F) {
	for _, c := range coordCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if !json.Valid([]byte(raw)) {
			return
		}
		checkCoords(t, raw)
	})
}
