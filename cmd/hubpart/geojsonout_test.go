package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb/geojson"
)

// -out-geojson DIR/ writes one file per layer, each of one geometry type,
// whose hub and area properties are the CSV's values and whose practices
// carry the kept input columns; a file path writes every layer in one file.
func TestPartitionGeoJSONLayers(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("code,name,lat,lon,patients,pcn\n")
	for i := range 120 {
		fmt.Fprintf(&b, "P%03d,Practice %d,%.6f,%.6f,5000,U%d\n", i, i, 52+float64(i%12)*0.01, -1+float64(i/12)*0.015, i/60)
	}
	in := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	layers := filepath.Join(dir, "layers") + "/"
	one := filepath.Join(dir, "one.geojson")
	csvOut := filepath.Join(dir, "a.csv")
	for _, out := range []string{layers, one} {
		var stdout, stderr bytes.Buffer
		args := []string{"partition", "-in", in, "-strata", "pcn", "-out-csv", csvOut, "-out-geojson", out, "-q"}
		if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	rows := readAssign(t, csvOut)
	csvHub := map[string]string{}
	for _, r := range rows {
		csvHub[r[0]] = r[1] + "/" + r[2]
	}
	read := func(p string) *geojson.FeatureCollection {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fc, err := geojson.UnmarshalFeatureCollection(data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		return fc
	}
	all := read(one)
	total := 0
	for _, tc := range []struct{ file, layer, geometry string }{
		{"hubs.geojson", "hub", "MultiPolygon"},
		{"areas.geojson", "area", "MultiPolygon"},
		{"practices.geojson", "practice", "Point"},
	} {
		fc := read(filepath.Join(layers, tc.file))
		if len(fc.Features) == 0 {
			t.Fatalf("%s: no features", tc.file)
		}
		ids := map[any]bool{}
		for i, f := range fc.Features {
			if f.Properties["layer"] != tc.layer || f.Geometry.GeoJSONType() != tc.geometry {
				t.Fatalf("%s feature %d: layer %v geometry %s", tc.file, i, f.Properties["layer"], f.Geometry.GeoJSONType())
			}
			if ids[f.ID] || f.ID != float64(i+1) {
				t.Fatalf("%s feature %d: id %v (want %d, unique)", tc.file, i, f.ID, i+1)
			}
			ids[f.ID] = true
			if tc.layer != "practice" {
				if id := f.Properties[tc.layer]; id != float64(i) {
					t.Errorf("%s feature %d: %s = %v, want %d", tc.file, i, tc.layer, id, i)
				}
				continue
			}
			code := f.Properties.MustString("code")
			if got := fmt.Sprintf("%v/%v", f.Properties["hub"], f.Properties["area"]); got != csvHub[code] {
				t.Errorf("practice %s: hub/area %s, CSV says %s", code, got, csvHub[code])
			}
			if f.Properties["pcn"] == nil {
				t.Errorf("practice %s: kept column pcn missing from %v", code, f.Properties)
			}
		}
		total += len(fc.Features)
	}
	if total != len(all.Features) {
		t.Errorf("layer files hold %d features, the single file %d", total, len(all.Features))
	}
	for i, f := range all.Features {
		if f.ID != float64(i+1) {
			t.Fatalf("single file feature %d: id %v, want %d", i, f.ID, i+1)
		}
	}
}
