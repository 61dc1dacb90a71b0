package export

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// ErrUnknownLayer is returned (wrapped, naming the layer) when a layer name
// given to FeatureCollection or WriteGeoJSON is not one of LayerNames.
var ErrUnknownLayer = errors.New("export: unknown layer")

// PracticeLayer is the name of the practices' layer.
const PracticeLayer = "practice"

// LayerNames returns the model's layer names in output order: each level's
// name (hub, area, ...), then PracticeLayer.
func (m *Model) LayerNames() []string {
	out := make([]string, 0, len(m.Levels)+1)
	for _, lv := range m.Levels {
		out = append(out, lv.Name)
	}
	return append(out, PracticeLayer)
}

// layerSel lists, in output order, the layers to write: level indices, and
// len(m.Levels) for the practices.
func (m *Model) layerSel(names []string) ([]int, error) {
	all := m.LayerNames()
	if len(names) == 0 {
		sel := make([]int, len(all))
		for i := range sel {
			sel[i] = i
		}
		return sel, nil
	}
	var sel []int
	for _, n := range names {
		i := slices.Index(all, n)
		if i < 0 {
			return nil, fmt.Errorf("%w %q (the layers are %v)", ErrUnknownLayer, n, all)
		}
		if !slices.Contains(sel, i) {
			sel = append(sel, i)
		}
	}
	slices.Sort(sel)
	return sel, nil
}

// featureRef names one feature: a region of level l (l < len(m.Levels)) or
// practice i (l == len(m.Levels)).
type featureRef struct{ l, i int }

// features lists the features of the selected layers in output order.
func (m *Model) features(sel []int) []featureRef {
	var out []featureRef
	for _, l := range sel {
		n := len(m.Practices)
		if l < len(m.Levels) {
			n = len(m.Levels[l].Regions)
		}
		for i := range n {
			out = append(out, featureRef{l, i})
		}
	}
	return out
}

// FeatureCollection returns the named layers (all when none are named) as
// one GeoJSON FeatureCollection with the same features, IDs and properties
// that WriteGeoJSON writes: regions as MultiPolygons, practices as Points.
func (m *Model) FeatureCollection(layers ...string) (*geojson.FeatureCollection, error) {
	sel, err := m.layerSel(layers)
	if err != nil {
		return nil, err
	}
	fc := geojson.NewFeatureCollection()
	for k, ref := range m.features(sel) {
		var f *geojson.Feature
		var ps []Property
		if ref.l < len(m.Levels) {
			rg := &m.Levels[ref.l].Regions[ref.i]
			f = geojson.NewFeature(rg.Polygon)
			ps = m.regionProps(ref.l, rg)
		} else {
			p := &m.Practices[ref.i]
			f = geojson.NewFeature(p.Loc)
			ps = m.practiceProps(p)
		}
		f.ID = k + 1
		for _, q := range ps {
			f.Properties[q.Key] = q.Value
		}
		fc.Append(f)
	}
	return fc, nil
}

// WriteGeoJSON writes the named layers (all when none are named) to w as
// one compact RFC 7946 FeatureCollection followed by a newline: regions as
// MultiPolygons, then practices as Points, each with an integer "id" that
// numbers the features of the file from 1 (unique, as GIS tools require)
// and the properties listed in the package documentation. Features are
// encoded in parallel and streamed to w in order; the same Model always
// gives the same bytes.
func (m *Model) WriteGeoJSON(w io.Writer, layers ...string) error {
	sel, err := m.layerSel(layers)
	if err != nil {
		return err
	}
	refs := m.features(sel)
	if _, err := io.WriteString(w, `{"type":"FeatureCollection","features":[`); err != nil {
		return fmt.Errorf("export: writing GeoJSON: %w", err)
	}
	// Chunks of features are encoded by workers and written in order; at
	// most 2 × workers chunks are in memory at once.
	const chunk = 256
	nc := (len(refs) + chunk - 1) / chunk
	workers := runtime.GOMAXPROCS(0)
	out := make([]chan []byte, nc)
	for c := range out {
		out[c] = make(chan []byte, 1)
	}
	sem := make(chan struct{}, 2*workers)
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		var wg sync.WaitGroup
		defer close(done)
		defer wg.Wait()
		for c := range nc {
			select {
			case sem <- struct{}{}:
			case <-stop:
				return
			}
			wg.Add(1)
			go func(c int) {
				defer wg.Done()
				lo, hi := c*chunk, min((c+1)*chunk, len(refs))
				var b []byte
				for k := lo; k < hi; k++ {
					if k > 0 {
						b = append(b, ',')
					}
					b = m.appendFeature(b, k+1, refs[k])
				}
				out[c] <- b
			}(c)
		}
	}()
	var werr error
	for c := range nc {
		b := <-out[c]
		<-sem
		if werr == nil {
			if _, err := w.Write(b); err != nil {
				werr = err
				close(stop)
			}
		}
		if werr != nil {
			break
		}
	}
	<-done
	if werr != nil {
		return fmt.Errorf("export: writing GeoJSON: %w", werr)
	}
	if _, err := io.WriteString(w, "]}\n"); err != nil {
		return fmt.Errorf("export: writing GeoJSON: %w", err)
	}
	return nil
}

// appendFeature appends feature ref with the given id as JSON.
func (m *Model) appendFeature(b []byte, id int, ref featureRef) []byte {
	b = append(b, `{"type":"Feature","id":`...)
	b = appendInt(b, int64(id))
	b = append(b, `,"geometry":`...)
	var ps []Property
	if ref.l < len(m.Levels) {
		rg := &m.Levels[ref.l].Regions[ref.i]
		b = appendMultiPolygon(b, rg.Polygon)
		ps = m.regionProps(ref.l, rg)
	} else {
		p := &m.Practices[ref.i]
		b = append(b, `{"type":"Point","coordinates":`...)
		b = appendPosition(b, p.Loc)
		b = append(b, '}')
		ps = m.practiceProps(p)
	}
	b = append(b, `,"properties":{`...)
	for k, q := range ps {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendString(b, q.Key)
		b = append(b, ':')
		b = appendValue(b, q.Value)
	}
	return append(b, "}}"...)
}

func appendMultiPolygon(b []byte, mp orb.MultiPolygon) []byte {
	b = append(b, `{"type":"MultiPolygon","coordinates":[`...)
	for i, poly := range mp {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for j, ring := range poly {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			for k, p := range ring {
				if k > 0 {
					b = append(b, ',')
				}
				b = appendPosition(b, p)
			}
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

func appendPosition(b []byte, p orb.Point) []byte {
	b = append(b, '[')
	b = appendFloat(b, p[0])
	b = append(b, ',')
	b = appendFloat(b, p[1])
	return append(b, ']')
}
