package input

import (
	"errors"
	"github.com/hubpart/hubpart/geo"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadBoundaryEngland(t *testing.T) {
	ioNeedFile(t, ioEnglandBoundary)
	mp, err := ReadBoundary(ioEnglandBoundary)
	if err != nil {
		t.Fatal(err)
	}
	if len(mp) != 31 {
		t.Errorf("%d polygons, want 31", len(mp))
	}
	n := 0
	for _, p := range mp {
		for _, r := range p {
			n += len(r)
		}
	}
	if n != 2787 {
		t.Errorf("%d vertices, want 2787", n)
	}
	b := mp.Bound()
	if b.Min[0] < -7 || b.Max[0] > 2 || b.Min[1] < 49.8 || b.Max[1] > 56 {
		t.Errorf("bound %v is not England's", b)
	}
}

const ioSquare = `[[[0,0],[1,0],[1,1],[0,1],[0,0]]]`

func TestReadBoundaryForms(t *testing.T) {
	poly := `{"type":"Polygon","coordinates":` + ioSquare + `}`
	multi := `{"type":"MultiPolygon","coordinates":[` + ioSquare + `,[[[2,2,9],[3,2,9],[3,3,9],[2,2,9]],[[2.1,2.05],[2.2,2.05],[2.2,2.1],[2.1,2.05]]]]}`
	feature := func(g string) string { return `{"type":"Feature","properties":{},"geometry":` + g + `}` }
	cases := []struct {
		name     string
		in       string
		polygons int
		rings    int
	}{
		{"polygon geometry", poly, 1, 1},
		{"multipolygon with a hole", multi, 2, 3},
		{"feature", feature(poly), 1, 1},
		// the square comes twice (alone and in multi): kept once
		{"collection", `{"type":"FeatureCollection","features":[` + feature(poly) + `,` + feature(multi) + `]}`, 2, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mp, err := readBoundary(strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			rings := 0
			for _, p := range mp {
				rings += len(p)
			}
			if len(mp) != tc.polygons || rings != tc.rings {
				t.Errorf("got %d polygons, %d rings; want %d, %d", len(mp), rings, tc.polygons, tc.rings)
			}
		})
	}
	t.Run("gzip file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "b.geojson.gz")
		ioWriteGzip(t, path, feature(multi))
		mp, err := ReadBoundary(path)
		if err != nil || len(mp) != 2 || mp[1][0][1][0] != 3 {
			t.Errorf("got %v, %v", mp, err)
		}
	})
}

func TestReadBoundaryBad(t *testing.T) {
	geom := func(coords string) string { return `{"type":"Polygon","coordinates":` + coords + `}` }
	cases := []struct {
		name    string
		in      string
		err     error
		feature int
		field   string
	}{
		{"not JSON", `{"type":`, ErrSyntax, -1, ""},
		{"point", `{"type":"Point","coordinates":[1,2]}`, ErrNotPolygon, -1, "geometry"},
		{"feature without geometry", `{"type":"Feature","geometry":null}`, ErrNotPolygon, -1, "geometry"},
		{"line in a collection", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":` + geom(ioSquare) + `},{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}`, ErrNotPolygon, 1, "geometry"},
		{"empty collection", `{"type":"FeatureCollection","features":[]}`, ErrEmpty, -1, ""},
		{"empty multipolygon", `{"type":"MultiPolygon","coordinates":[]}`, ErrEmpty, -1, ""},
		{"ring too short", geom(`[[[0,0],[1,0],[0,0]]]`), ErrSyntax, -1, "coordinates"},
		{"ring not closed", geom(`[[[0,0],[1,0],[1,1],[0,1]]]`), ErrSyntax, -1, "coordinates"},
		{"polygon without rings", geom(`[]`), ErrSyntax, -1, "coordinates"},
		{"position with one value", geom(`[[[0,0],[1],[1,1],[0,0]]]`), ErrSyntax, -1, "coordinates"},
		{"latitude out of range", geom(`[[[0,0],[1,91],[1,1],[0,0]]]`), geo.ErrLatRange, -1, "lat"},
		{"longitude out of range", geom(`[[[0,0],[181,0],[1,1],[0,0]]]`), geo.ErrLonRange, -1, "lon"},
		{"coordinates not numbers", geom(`[[["a",0],[1,0],[1,1],["a",0]]]`), ErrSyntax, -1, "coordinates"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mp, err := readBoundary(strings.NewReader(tc.in))
			if err == nil {
				t.Fatalf("no error; got %v", mp)
			}
			ioCheckRecordError(t, err, tc.err, 0, tc.feature, tc.field, "", "")
		})
	}
	if _, err := ReadBoundary(filepath.Join(t.TempDir(), "missing.geojson")); err == nil || !strings.Contains(err.Error(), "missing.geojson") {
		t.Errorf("missing file: %v", err)
	}
	var re *RecordError
	if _, err := readBoundary(strings.NewReader(`{"type":"Point","coordinates":[1,2]}`)); !errors.As(err, &re) || re.Value != "Point" {
		t.Errorf("error %v does not name the geometry type", err)
	}
}
