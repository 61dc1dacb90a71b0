package export

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestGDALEngland converts the England output to GeoPackage with GDAL, the
// usual route into QGIS, and reads it back with ogrinfo: one file per layer
// and the all-layers file must convert with no error and no warning, keep
// every feature, give each layer file one geometry type, and carry the hub
// (area) property with every ID once.
func TestGDALEngland(t *testing.T) {
	if testing.Short() {
		t.Skip("England partition takes a while; run without -short")
	}
	for _, tool := range []string{"ogr2ogr", "ogrinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found: install gdal-bin (apt-get install gdal-bin) to run the GDAL conversion test", tool)
		}
	}
	m := build(t, englandInput(t))
	dir := t.TempDir()
	write := func(name string, layers ...string) string {
		p := filepath.Join(dir, name+".geojson")
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.WriteGeoJSON(f, layers...); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		return p
	}
	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Env = append(os.Environ(), "CPL_DEBUG=OFF")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		if s := string(out); strings.Contains(s, "Warning") || strings.Contains(s, "ERROR") {
			t.Fatalf("%s %s complains:\n%.2000s", name, strings.Join(args, " "), s)
		}
		return string(out)
	}
	count := regexp.MustCompile(`Feature Count: (\d+)`)
	geom := regexp.MustCompile(`Geometry: (.+)`)
	cases := []struct {
		file, layer, geometry, idField string
		features                       int
	}{
		{"hubs", "hub", "Multi Polygon", "hub", len(m.Hubs())},
		{"areas", "area", "Multi Polygon", "area", len(m.Areas())},
		{"practices", "practice", "Point", "code", len(m.Practices)},
		{"all", "", "Unknown (any)", "layer", len(m.Hubs()) + len(m.Areas()) + len(m.Practices)},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			var src string
			if tc.layer == "" {
				src = write(tc.file)
			} else {
				src = write(tc.file, tc.layer)
			}
			gpkg := filepath.Join(dir, tc.file+".gpkg")
			run("ogr2ogr", "-f", "GPKG", gpkg, src)
			for _, f := range []string{src, gpkg} {
				info := run("ogrinfo", "-so", "-al", f)
				c := count.FindStringSubmatch(info)
				if c == nil || c[1] != strconv.Itoa(tc.features) {
					t.Errorf("%s: feature count %v, want %d\n%s", f, c, tc.features, info)
				}
				if g := geom.FindStringSubmatch(info); g == nil || strings.TrimSpace(g[1]) != tc.geometry {
					t.Errorf("%s: geometry %v, want %s", f, g, tc.geometry)
				}
				if !strings.Contains(info, "\n"+tc.idField+": ") {
					t.Errorf("%s: no %s field\n%s", f, tc.idField, info)
				}
			}
			if tc.layer == "hub" || tc.layer == "area" {
				// Every ID once: the property is the CSV's value.
				sql := "SELECT COUNT(DISTINCT " + tc.idField + ") AS n, MIN(" + tc.idField + ") AS lo, MAX(" + tc.idField + ") AS hi FROM " + tc.file
				out := run("ogrinfo", "-q", gpkg, "-sql", sql)
				want := []string{"n (Integer) = " + strconv.Itoa(tc.features), "lo (Integer) = 0", "hi (Integer) = " + strconv.Itoa(tc.features-1)}
				for _, w := range want {
					if !strings.Contains(out, w) {
						t.Errorf("%s: %q not in\n%s", sql, w, out)
					}
				}
			}
		})
	}
}
