package input

import (
	"fmt"
	"os"
	"reflect"
	"testing"
)

// onePassCases are outlines the one-pass decoding takes (and a few it
// hands to the piecewise one), good and bad.
var onePassCases = []string{
	`{"type":"Polygon","coordinates":` + ioSquare + `}`,
	`{"type":"Feature","geometry":{"type":"Polygon","coordinates":` + ioSquare + `}}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[` + ioSquare + `]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feat","geometry":{"type":"Polygon","coordinates":` + ioSquare + `}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}}]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,91],[1,1],[0,0]]]}}]}`,
	`{"type":"FeatureCollection","features":[]}`,
	`{"type":"Feature"}`,
	`{"type":"Point","coordinates":[1,2]}`,
	`{"type":"FeatureCollection","features":[5]}`,
	`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":[1]}]}`,
	`{"type":"Feature","geometry":{"type":"Polygon","coordinates":"x"}}`,
	`{"TYPE":"Polygon","Coordinates":` + ioSquare + `}`,
	`{"type":"Polygon","coordinates":[[[0,0],[2,0],[0,2],[2,2],[0,0]]]}`,
	`null`,
	` {"type":"Feature","geometry":null}`,
}

// The one-pass decoding gives the same outline, or the same error, as
// decoding member by member.
func TestBoundaryOnePassMatchesPiecewise(t *testing.T) {
	for _, c := range onePassCases {
		checkOnePass(t, []byte(c))
	}
	data, err := os.ReadFile("../testdata/england-2021/england_boundary.geojson")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := decodeOnePass(data); !ok {
		t.Fatal("England's outline does not decode in one pass")
	}
	checkOnePass(t, data)
}

func checkOnePass(t *testing.T, data []byte) {
	t.Helper()
	doc, ok := decodeOnePass(data)
	if !ok {
		return // readBoundary decodes it piecewise anyway
	}
	got, gerr := readDocument(doc)
	want, werr := readPiecewise(data)
	if fmt.Sprint(gerr) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
		t.Errorf("%.200s: one pass gives %v, %v; piecewise %v, %v", data, len(got), gerr, len(want), werr)
	}
}

// FuzzBoundaryOnePass: on any input, one-pass and piecewise decoding agree.
func FuzzBoundaryOnePass(f *testing.F) {
	for _, c := range onePassCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkOnePass(t, []byte(in))
	})
}
