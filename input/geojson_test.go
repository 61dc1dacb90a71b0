package input

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/hubpart/hubpart/geo"
	"github.com/paulmach/orb"
)

// TestReadGeoJSONFixture reads the same eleven practices from the CSV and
// the GeoJSON fixture (whose features use assorted property spellings and
// a list size written as 18917.0) and expects identical results.
func TestReadGeoJSONFixture(t *testing.T) {
	fromCSV, err := ReadFile(context.Background(), "testdata/io_practices.csv", KeepColumns("pcn_code"))
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := ReadFile(context.Background(), "testdata/io_practices.geojson", KeepColumns("pcn_code"))
	if err != nil {
		t.Fatal(err)
	}
	if len(fromCSV) != 11 {
		t.Fatalf("CSV fixture gave %d practices, want 11", len(fromCSV))
	}
	ioCheckPractices(t, fromJSON, fromCSV)
	if fromCSV[3].Name != `Dr "Quote", & Partners` {
		t.Errorf("quoted name read as %q", fromCSV[3].Name)
	}
}

// TestReadGeoJSONRoundTrip writes practices as GeoJSON with encoding/json
// (orb/geojson needs a module not in go.sum) and reads them back unchanged.
func TestReadGeoJSONRoundTrip(t *testing.T) {
	want, err := ReadFile(context.Background(), "testdata/io_practices.csv", KeepAllColumns())
	if err != nil {
		t.Fatal(err)
	}
	type geometry struct {
		Type        string     `json:"type"`
		Coordinates [2]float64 `json:"coordinates"`
	}
	type feature struct {
		Type       string         `json:"type"`
		Geometry   geometry       `json:"geometry"`
		Properties map[string]any `json:"properties"`
	}
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection"}
	for _, p := range want {
		props := map[string]any{"code": p.Code, "name": p.Name, "patients": p.Patients}
		for k, v := range p.Attrs {
			props[k] = v
		}
		fc.Features = append(fc.Features, feature{"Feature", geometry{"Point", p.Loc}, props})
	}
	data, err := json.Marshal(fc)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadGeoJSON(context.Background(), bytes.NewReader(data), KeepAllColumns())
	if err != nil {
		t.Fatal(err)
	}
	ioCheckPractices(t, got, want)
}

func TestReadGeoJSONGood(t *testing.T) {
	pt := func(props string) string {
		return `{"type":"Feature","geometry":{"type":"Point","coordinates":[2,1]},"properties":` + props + `}`
	}
	fc := func(features ...string) string {
		return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
	}
	cases := []struct {
		name string
		in   string
		opts []ReadOption
		want []Practice
	}{
		{"numeric code kept as written", fc(pt(`{"code":12345,"patients":3}`), pt(`{"code":1.50,"patients":4}`)), nil,
			[]Practice{{Code: "12345", Loc: orb.Point{2, 1}, Patients: 3}, {Code: "1.50", Loc: orb.Point{2, 1}, Patients: 4}}},
		{"whole-number forms of patients", fc(pt(`{"id":"a","weight":1.2e2}`), pt(`{"id":"b","weight":"7"}`), pt(`{"id":"c","weight":5.0}`)), nil,
			[]Practice{{Code: "a", Loc: orb.Point{2, 1}, Patients: 120}, {Code: "b", Loc: orb.Point{2, 1}, Patients: 7}, {Code: "c", Loc: orb.Point{2, 1}, Patients: 5}}},
		{"single feature with altitude", `{"type":"Feature","geometry":{"type":"Point","coordinates":[-2,-1,100]},"properties":{"code":"x","patients":0,"name":null}}`, nil,
			[]Practice{{Code: "x", Loc: orb.Point{-2, -1}, Patients: 0}}},
		{"constant weight and alias", fc(pt(`{"postcode":"AB1 2CD"}`)), []ReadOption{ColumnAlias("code", "postcode"), ConstantPatients(1)},
			[]Practice{{Code: "AB1 2CD", Loc: orb.Point{2, 1}, Patients: 1}}},
		{"keep all properties", fc(pt(`{"code":"a","patients":1,"ccg":"C1","n":5,"flag":true}`)), []ReadOption{KeepAllColumns()},
			[]Practice{{Code: "a", Loc: orb.Point{2, 1}, Patients: 1, Attrs: map[string]string{"ccg": "C1", "n": "5", "flag": "true"}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadGeoJSON(context.Background(), strings.NewReader(tc.in), tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			ioCheckPractices(t, got, tc.want)
		})
	}
}

func TestReadGeoJSONBad(t *testing.T) {
	feat := func(geom, props string) string {
		return `{"type":"Feature","geometry":` + geom + `,"properties":` + props + `}`
	}
	good := feat(`{"type":"Point","coordinates":[2,1]}`, `{"code":"G","patients":1}`)
	fc := func(features ...string) string {
		return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
	}
	p := func(props string) string { return fc(good, feat(`{"type":"Point","coordinates":[2,1]}`, props)) }
	g := func(geom string) string { return fc(good, feat(geom, `{"code":"B","patients":1}`)) }
	cases := []struct {
		name    string
		in      string
		err     error
		line    int
		feature int
		field   string
		value   string
	}{
		{name: "not JSON", in: "{\n\"type\": nope}", err: ErrSyntax, line: 2, feature: -1},
		{name: "empty input", in: "", err: ErrSyntax, feature: -1},
		{name: "wrong top-level type", in: `{"type":"Point","coordinates":[1,2]}`, err: ErrSyntax, feature: -1, field: "type", value: "Point"},
		{name: "no features", in: fc(), err: ErrEmpty, feature: -1, field: "features"},
		{name: "features missing", in: `{"type":"FeatureCollection"}`, err: ErrEmpty, feature: -1},
		{name: "feature of wrong type", in: fc(good, `{"type":"Point","coordinates":[1,2]}`), err: ErrSyntax, feature: 1, field: "type"},
		{name: "polygon geometry", in: g(`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}`), err: ErrNotPoint, feature: 1, field: "geometry", value: "Polygon"},
		{name: "null geometry", in: g(`null`), err: ErrNotPoint, feature: 1, field: "geometry"},
		{name: "one coordinate", in: g(`{"type":"Point","coordinates":[1]}`), err: ErrSyntax, feature: 1, field: "coordinates"},
		{name: "string coordinate", in: g(`{"type":"Point","coordinates":["1",2]}`), err: ErrNotNumber, feature: 1, field: "lon", value: "1"},
		{name: "lat out of range", in: g(`{"type":"Point","coordinates":[1,95]}`), err: geo.ErrLatRange, feature: 1, field: "lat", value: "95"},
		{name: "lon out of range", in: g(`{"type":"Point","coordinates":[-181,5]}`), err: geo.ErrLonRange, feature: 1, field: "lon"},
		{name: "lat overflow", in: g(`{"type":"Point","coordinates":[1,1e999]}`), err: geo.ErrNonFinite, feature: 1, field: "lat"},
		{name: "missing code", in: p(`{"patients":1}`), err: ErrMissingColumn, feature: 1, field: "code"},
		{name: "null properties", in: fc(good, feat(`{"type":"Point","coordinates":[2,1]}`, `null`)), err: ErrMissingColumn, feature: 1, field: "code"},
		{name: "empty code", in: p(`{"code":" ","patients":1}`), err: ErrEmptyCode, feature: 1, field: "code"},
		{name: "null code", in: p(`{"code":null,"patients":1}`), err: ErrEmptyCode, feature: 1, field: "code"},
		{name: "object code", in: p(`{"code":{},"patients":1}`), err: ErrSyntax, feature: 1, field: "code"},
		{name: "duplicate code", in: p(`{"code":"G","patients":1}`), err: ErrDuplicateCode, feature: 1, field: "code", value: "G"},
		{name: "missing patients", in: p(`{"code":"B"}`), err: ErrMissingColumn, feature: 1, field: "patients"},
		{name: "fractional patients", in: p(`{"code":"B","patients":12.5}`), err: ErrNotInteger, feature: 1, field: "patients", value: "12.5"},
		{name: "negative patients", in: p(`{"code":"B","patients":-4}`), err: ErrNegativePatients, feature: 1, field: "patients"},
		{name: "negative float patients", in: p(`{"code":"B","patients":-4.0}`), err: ErrNegativePatients, feature: 1, field: "patients"},
		{name: "patients text", in: p(`{"code":"B","patients":"many"}`), err: ErrNotNumber, feature: 1, field: "patients", value: "many"},
		{name: "patients bool", in: p(`{"code":"B","patients":true}`), err: ErrNotNumber, feature: 1, field: "patients"},
		{name: "patients huge", in: p(`{"code":"B","patients":1e300}`), err: ErrNotNumber, feature: 1, field: "patients"},
		{name: "two code properties", in: p(`{"code":"B","ID":"C","patients":1}`), err: ErrAmbiguousColumn, feature: 1, field: "code"},
		{name: "properties not an object", in: p(`[1,2]`), err: ErrSyntax, feature: 1, field: "properties"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := ReadGeoJSON(context.Background(), strings.NewReader(tc.in))
			if err == nil {
				t.Fatalf("no error; got %+v", ps)
			}
			if ps != nil {
				t.Errorf("got practices with the error")
			}
			ioCheckRecordError(t, err, tc.err, tc.line, tc.feature, tc.field, tc.value, "")
		})
	}
}

func TestReadGeoJSONDuplicateMessage(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[2,1]},"properties":{"code":"A","patients":1}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[2,1]},"properties":{"code":"A","patients":2}}]}`
	_, err := ReadGeoJSON(context.Background(), strings.NewReader(in))
	const want = `input: feature 1 (code A): field "code": "A": duplicate code (first at feature 0)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestReadGeoJSONAllErrors(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[2,100]},"properties":{"code":"A","patients":-1}},
{"type":"Feature","geometry":{"type":"LineString","coordinates":[[2,1],[3,1]]},"properties":{"code":"B","patients":2}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[2,1]},"properties":{"code":"C","patients":2}}]}`
	_, err := ReadGeoJSON(context.Background(), strings.NewReader(in), AllErrors())
	list, ok := err.(ErrorList)
	if !ok || len(list) != 3 {
		t.Fatalf("got %v, want 3 problems", err)
	}
	want := []struct {
		feature int
		field   string
	}{{0, "lat"}, {0, "patients"}, {1, "geometry"}}
	for i, w := range want {
		if list[i].Feature != w.feature || list[i].Field != w.field || list[i].Line != 0 {
			t.Errorf("problem %d = %+v, want feature %d field %q", i, list[i], w.feature, w.field)
		}
	}
}

func TestReadGeoJSONFileIsNotCSV(t *testing.T) {
	data, err := os.ReadFile("testdata/io_practices.geojson")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ReadCSV(context.Background(), bytes.NewReader(data)); err == nil {
		t.Error("ReadCSV accepted GeoJSON")
	}
}
