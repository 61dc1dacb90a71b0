package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/hubpart/hubpart/geo/polygon"
	"github.com/hubpart/hubpart/partition"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// layers splits fc into polygons per layer (by id) and practice points.
func layers(t testing.TB, fc *geojson.FeatureCollection) (map[string][]orb.MultiPolygon, map[string][]geojson.Properties, []*geojson.Feature) {
	t.Helper()
	polys := map[string][]orb.MultiPolygon{}
	props := map[string][]geojson.Properties{}
	var pts []*geojson.Feature
	for _, f := range fc.Features {
		layer, _ := f.Properties["layer"].(string)
		if layer == "practice" {
			if _, ok := f.Geometry.(orb.Point); !ok {
				t.Fatalf("practice feature with %T geometry", f.Geometry)
			}
			pts = append(pts, f)
			continue
		}
		mp, ok := asMulti(f.Geometry)
		if !ok {
			t.Fatalf("%s feature with %T geometry", layer, f.Geometry)
		}
		if id := int(propFloat(f.Properties, layer)); id != len(polys[layer]) {
			t.Fatalf("%s features out of order: id %d at position %d", layer, id, len(polys[layer]))
		}
		polys[layer] = append(polys[layer], mp)
		props[layer] = append(props[layer], f.Properties)
	}
	return polys, props, pts
}

// verify runs the independent checks on fc against in: counts, ring
// validity, no crossings within or between polygons of a layer, every
// practice inside (or on the boundary of) its own hub and area and not
// strictly inside any other, and the pieces/geometry-type contract.
func verify(t *testing.T, in Input, fc *geojson.FeatureCollection) {
	t.Helper()
	polys, props, pts := layers(t, fc)
	r := in.Result
	if len(pts) != len(in.Practices) {
		t.Fatalf("%d practice features, want %d", len(pts), len(in.Practices))
	}
	for l := range r.Groups {
		layer := levelName(r, l)
		ps := polys[layer]
		if len(ps) != len(r.Groups[l]) {
			t.Fatalf("%d %s features, want %d", len(ps), layer, len(r.Groups[l]))
		}
		if err := checkPolygons(ps); err != nil {
			t.Fatalf("%s layer: %v", layer, err)
		}
		for i, mp := range ps {
			if got := int(propFloat(props[layer][i], "pieces")); got != len(mp) {
				t.Errorf("%s %d: pieces = %d, geometry has %d", layer, i, got, len(mp))
			}
			if got := int64(propFloat(props[layer][i], "patients")); got != r.Groups[l][i].Patients {
				t.Errorf("%s %d: patients = %d, want %d", layer, i, got, r.Groups[l][i].Patients)
			}
			if err := polygon.Check(mp); err != nil {
				t.Errorf("%s %d: polygon.Check: %v", layer, i, err)
			}
		}
		bounds := make([]orb.Bound, len(ps))
		for i, mp := range ps {
			bounds[i] = mp.Bound()
		}
		for p, pr := range in.Practices {
			q := roundPoint(pr.Loc)
			own := int(r.Assign[l][p])
			if pointSide(ps[own], q) < 0 {
				t.Errorf("practice %s outside its %s %d", pr.Code, layer, own)
			}
			for i, mp := range ps {
				if i == own {
					continue
				}
				b := bounds[i]
				if q[0] < b.Min[0] || q[0] > b.Max[0] || q[1] < b.Min[1] || q[1] > b.Max[1] {
					continue
				}
				if pointSide(mp, q) > 0 {
					t.Errorf("practice %s (%s %d) strictly inside %s %d", pr.Code, layer, own, layer, i)
				}
			}
		}
	}
	for i, f := range pts {
		pr := in.Practices[i]
		if f.Properties["code"] != pr.Code || int(propFloat(f.Properties, "hub")) != int(r.Assign[0][i]) {
			t.Fatalf("practice feature %d = %v, want code %s hub %d", i, f.Properties, pr.Code, r.Assign[0][i])
		}
	}
}

func TestFeatureCollectionSynthetic(t *testing.T) {
	cases := []struct {
		name     string
		boundary bool
	}{
		{"buffered hull", false},
		{"clipped to boundary with island and offshore practice", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := synthetic(t, tc.boundary)
			_, fc := buildFC(t, in)
			verify(t, in, fc)
			polys, props, _ := layers(t, fc)
			if len(polys["hub"]) != 4 || len(polys["area"]) != 2 {
				t.Fatalf("hubs %d areas %d, want 4 and 2", len(polys["hub"]), len(polys["area"]))
			}
			h3 := props["hub"][3]
			if h3["status"] != string(partition.StatusOversize) || h3["reason"] == nil {
				t.Errorf("hub 3 properties %v: want oversize with reason", h3)
			}
			if h3["area"] != 1 || props["area"][1]["hubs"] != 2 {
				t.Errorf("parent/children properties wrong: hub3 area=%v, area1 hubs=%v", h3["area"], props["area"][1]["hubs"])
			}
			if tc.boundary {
				// The island is a separate piece of hub 3.
				if n := len(polys["hub"][3]); n < 2 {
					t.Errorf("hub 3 has %d pieces, want the island apart", n)
				}
				if _, ok := fc.Features[3].Geometry.(orb.MultiPolygon); !ok {
					t.Errorf("hub 3 geometry %T, want MultiPolygon", fc.Features[3].Geometry)
				}
			}
		})
	}
}

func TestWriteGeoJSONRoundTripAndDeterminism(t *testing.T) {
	in := synthetic(t, true)
	m, fc := buildFC(t, in)
	var a, b bytes.Buffer
	if err := m.WriteGeoJSON(&a); err != nil {
		t.Fatal(err)
	}
	if err := build(t, in).WriteGeoJSON(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of the same input differ")
	}
	back, err := geojson.UnmarshalFeatureCollection(a.Bytes())
	if err != nil {
		t.Fatalf("round trip: %v", err)
	}
	if len(back.Features) != len(fc.Features) {
		t.Fatalf("round trip: %d features, want %d", len(back.Features), len(fc.Features))
	}
	for i, f := range back.Features {
		if !orb.Equal(f.Geometry, fc.Features[i].Geometry) {
			t.Fatalf("feature %d geometry changed in the round trip", i)
		}
		if f.ID != float64(i+1) || fc.Features[i].ID != i+1 {
			t.Fatalf("feature %d has id %v (written) and %v, want %d", i, f.ID, fc.Features[i].ID, i+1)
		}
		for k, v := range fc.Features[i].Properties {
			if w := f.Properties[k]; fmt.Sprint(w) != fmt.Sprint(v) {
				t.Fatalf("feature %d property %s = %v written, %v in FeatureCollection", i, k, w, v)
			}
		}
		if len(f.Properties) != len(fc.Features[i].Properties) {
			t.Fatalf("feature %d: %d properties written, %d in FeatureCollection", i, len(f.Properties), len(fc.Features[i].Properties))
		}
	}
	verify(t, in, back)
}

func TestFeatureCollectionInputErrors(t *testing.T) {
	good := synthetic(t, false)
	cases := []struct {
		name  string
		edit  func(in *Input)
		field string
	}{
		{"no practices", func(in *Input) { in.Practices = nil }, "Practices"},
		{"no graph", func(in *Input) { in.Graph = nil }, "Graph"},
		{"graph without plane coordinates", func(in *Input) {
			g := *in.Graph
			g.XY = nil
			in.Graph = &g
		}, "Graph"},
		{"no result", func(in *Input) { in.Result = nil }, "Result"},
		{"short assignment", func(in *Input) {
			r := *in.Result
			r.Assign = [][]int32{r.Assign[0][:3], r.Assign[1]}
			in.Result = &r
		}, "Result.Assign[0]"},
		{"group out of range", func(in *Input) {
			r := *in.Result
			a := append([]int32(nil), r.Assign[0]...)
			a[0] = 99
			r.Assign = [][]int32{a, r.Assign[1]}
			in.Result = &r
		}, "Result.Assign[0][0]"},
		{"fewer practices than sites", func(in *Input) { in.Practices = in.Practices[:10] }, "Graph.Members"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := good
			tc.edit(&in)
			_, err := Build(context.Background(), in)
			if !errors.Is(err, ErrInput) {
				t.Fatalf("err = %v, want ErrInput", err)
			}
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != tc.field {
				t.Fatalf("err = %#v, want InputError on %s", err, tc.field)
			}
		})
	}
}

func TestFinishPolygonsRepairs(t *testing.T) {
	id := func(p orb.Point) orb.Point { return roundPoint(p) }
	cases := []struct {
		name string
		in   orb.MultiPolygon
		want orb.MultiPolygon
	}{
		{
			name: "clockwise outer is reversed, duplicates dropped",
			in:   orb.MultiPolygon{{{{0, 0}, {0, 1}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}}},
			want: orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}},
		},
		{
			name: "spike collapsing under rounding removed",
			in:   orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {1.0000001, 2}, {1.0000004, 1}, {0, 1}, {0, 0}}}},
			want: orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}},
		},
		{
			name: "sliver ring vanishes",
			in:   orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1e-8}, {0, 0}}}},
			want: orb.MultiPolygon{},
		},
		{
			name: "counter-clockwise hole is reversed",
			in: orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}},
				{{1, 1}, {2, 1}, {2, 2}, {1, 2}, {1, 1}}}},
			want: orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}},
				{{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}}}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := finishPolygons(tc.in, id)
			if !orb.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestFan(t *testing.T) {
	for k := 1; k <= 5; k++ {
		t.Run(fmt.Sprint("wedges ", k), func(t *testing.T) {
			s := orb.Point{10, 20}
			perim, wedges := fan(s, 2, k)
			if len(wedges) != k {
				t.Fatalf("%d wedges", len(wedges))
			}
			total := 0.0
			for i, w := range wedges {
				a := ringArea2(w) / 2
				if a <= 0 {
					t.Fatalf("wedge %d area %v, want > 0 (CCW)", i, a)
				}
				total += a
				if k > 1 && w[0] != s {
					t.Errorf("wedge %d does not start at the site", i)
				}
			}
			if got := ringArea2(perim) / 2; got != 16 || total != 16 {
				t.Fatalf("square area %v, wedges sum %v, want 16", got, total)
			}
			if err := polygon.CheckNoOverlap(func() []orb.MultiPolygon {
				var out []orb.MultiPolygon
				for _, w := range wedges {
					out = append(out, orb.MultiPolygon{{w}})
				}
				return out
			}()); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestFeatureCollectionLevels(t *testing.T) {
	base := synthetic(t, false)
	cases := []struct {
		name   string
		levels int
		layers []string
	}{
		{"hubs only", 1, []string{"hub", "practice"}},
		{"hubs, areas and a named top level", 3, []string{"hub", "area", "region", "practice"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := base
			r := *base.Result
			r.Levels = r.Levels[:1]
			r.Groups = r.Groups[:1]
			r.Assign = r.Assign[:1]
			if tc.levels == 3 {
				// One region holding both areas.
				r = *base.Result
				r.Levels = append(append([]partition.Level(nil), r.Levels...), partition.Level{Name: "region"})
				all := make([]int, len(in.Practices))
				for i := range all {
					all[i] = i
				}
				areas := append([]partition.Group(nil), r.Groups[1]...)
				for i := range areas {
					areas[i].Parent = 0
				}
				r.Groups = [][]partition.Group{r.Groups[0], areas, {{ID: 0, Members: all, Children: []int{0, 1}, Parent: -1, HubSite: areas[0].HubSite, Status: partition.StatusOK}}}
				r.Assign = [][]int32{r.Assign[0], r.Assign[1], make([]int32, len(in.Practices))}
			}
			in.Result = &r
			_, fc := buildFC(t, in)
			verify(t, in, fc)
			var seen []string
			for _, f := range fc.Features {
				l := f.Properties["layer"].(string)
				if len(seen) == 0 || seen[len(seen)-1] != l {
					seen = append(seen, l)
				}
			}
			if fmt.Sprint(seen) != fmt.Sprint(tc.layers) {
				t.Fatalf("layers %v, want %v", seen, tc.layers)
			}
			if tc.levels == 1 {
				if _, ok := fc.Features[0].Properties["area"]; ok {
					t.Error("hub has an area property without a level 1")
				}
			} else if fc.Features[4].Properties["region"] != 0 {
				t.Errorf("area's region = %v, want 0", fc.Features[4].Properties["region"])
			}
		})
	}
}
