package input

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/hubpart/hubpart/geo"
	"github.com/paulmach/orb"
)

// ReadBoundary reads a study-area outline from a GeoJSON file (optionally
// gzipped, by a .gz suffix): a Polygon or MultiPolygon geometry, a Feature
// holding one, or a FeatureCollection whose features all hold one, their
// polygons gathered into one MultiPolygon in input order.
//
// Rings are returned as written, closed (first position = last), outer ring
// first; altitudes are ignored. A geometry of another type is ErrNotPolygon;
// a ring with fewer than four positions or not closed is ErrSyntax with
// Field "coordinates"; coordinates out of range are geo.ErrLatRange or
// geo.ErrLonRange; no polygon at all is ErrEmpty. A part given twice is
// kept once; rings that cross, or parts that overlap, are ErrBadBoundary
// (see checkBoundary). The document is read with ReadGeoJSON's limits.
// Problems are *RecordError
// values (Feature set for collections), wrapped with the path.
func ReadBoundary(path string) (orb.MultiPolygon, error) {
	r, _, closeFn, err := openMaybeGzip(path, strings.HasSuffix(strings.ToLower(path), ".gz"))
	if err != nil {
		return nil, err
	}
	defer closeFn()
	mp, err := readBoundary(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return mp, nil
}

// gjObject is any GeoJSON object, decoded just enough to dispatch on type.
type gjObject struct {
	Type        string            `json:"type"`
	Coordinates json.RawMessage   `json:"coordinates"`
	Geometry    json.RawMessage   `json:"geometry"`
	Features    []json.RawMessage `json:"features"`
}

func readBoundary(r io.Reader) (orb.MultiPolygon, error) {
	data, err := io.ReadAll(&jsonLimiter{r: r})
	if err != nil {
		return nil, fmt.Errorf("input: reading boundary: %w", err)
	}
	// Most outlines decode in one pass, geometries and all; anything that
	// does not is decoded piece by piece below, which says which feature
	// and member is wrong.
	if doc, ok := decodeOnePass(data); ok {
		return readDocument(doc)
	}
	return readPiecewise(data)
}

// decodeOnePass decodes a document that is a JSON object in one pass. A
// document that is not an object (null, say) is left to readPiecewise,
// which reports it as it is written.
func decodeOnePass(data []byte) (*gjDocument, bool) {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, false
	}
	var doc gjDocument
	if json.Unmarshal(data, &doc) != nil {
		return nil, false
	}
	return &doc, true
}

// readPiecewise is readBoundary decoding the document member by member.
func readPiecewise(data []byte) (orb.MultiPolygon, error) {
	var err error
	var top gjObject
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, jsonSyntaxError(data, -1, "", err)
	}
	var mp orb.MultiPolygon
	switch top.Type {
	case "FeatureCollection":
		for i, raw := range top.Features {
			var f gjObject
			if err := json.Unmarshal(raw, &f); err != nil {
				return nil, newRecordError(0, i, "", "", err.Error(), ErrSyntax)
			}
			if f.Type != "Feature" {
				return nil, newRecordError(0, i, "", "type", f.Type, ErrSyntax)
			}
			if mp, err = appendPolygons(mp, f.Geometry, i); err != nil {
				return nil, err
			}
		}
	case "Feature":
		if mp, err = appendPolygons(mp, top.Geometry, -1); err != nil {
			return nil, err
		}
	default:
		if mp, err = appendPolygons(mp, data, -1); err != nil {
			return nil, err
		}
	}
	if len(mp) == 0 {
		return nil, newRecordError(0, -1, "", "", "", ErrEmpty)
	}
	return checkBoundary(mp)
}

// gjDocument is a GeoJSON document decoded in one pass: the members of
// gjObject, with the geometries decoded too (as gjObject, which is what
// appendPolygons decodes them into).
type gjDocument struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
	Geometry    *gjObject       `json:"geometry"`
	Features    []gjFeature     `json:"features"`
}

// gjFeature is one member of a collection's features, decoded as the
// piecewise path does: as a gjObject, with its geometry decoded.
type gjFeature struct {
	Type        string            `json:"type"`
	Coordinates json.RawMessage   `json:"coordinates"`
	Geometry    *gjObject         `json:"geometry"`
	Features    []json.RawMessage `json:"features"`
}

// readDocument is readBoundary on a document decoded in one pass.
func readDocument(doc *gjDocument) (orb.MultiPolygon, error) {
	var mp orb.MultiPolygon
	var err error
	switch doc.Type {
	case "FeatureCollection":
		for i := range doc.Features {
			f := &doc.Features[i]
			if f.Type != "Feature" {
				return nil, newRecordError(0, i, "", "type", f.Type, ErrSyntax)
			}
			if mp, err = appendGeometry(mp, f.Geometry, i); err != nil {
				return nil, err
			}
		}
	case "Feature":
		if mp, err = appendGeometry(mp, doc.Geometry, -1); err != nil {
			return nil, err
		}
	default:
		if mp, err = appendGeometry(mp, &gjObject{Type: doc.Type, Coordinates: doc.Coordinates}, -1); err != nil {
			return nil, err
		}
	}
	if len(mp) == 0 {
		return nil, newRecordError(0, -1, "", "", "", ErrEmpty)
	}
	return checkBoundary(mp)
}

// appendPolygons decodes a Polygon or MultiPolygon geometry and appends its
// polygons to mp, checking every ring.
func appendPolygons(mp orb.MultiPolygon, geom json.RawMessage, feature int) (orb.MultiPolygon, error) {
	var g gjObject
	if len(geom) == 0 || string(geom) == "null" {
		return nil, newRecordError(0, feature, "", "geometry", "null", ErrNotPolygon)
	}
	if err := json.Unmarshal(geom, &g); err != nil {
		return nil, newRecordError(0, feature, "", "geometry", err.Error(), ErrSyntax)
	}
	return appendGeometry(mp, &g, feature)
}

// appendGeometry is appendPolygons on a decoded geometry (nil: null).
func appendGeometry(mp orb.MultiPolygon, g *gjObject, feature int) (orb.MultiPolygon, error) {
	if g == nil {
		return nil, newRecordError(0, feature, "", "geometry", "null", ErrNotPolygon)
	}
	var polys [][][][]float64
	switch g.Type {
	case "Polygon":
		p, err := decodePolygonCoords(g.Coordinates)
		if err != nil {
			return nil, newRecordError(0, feature, "", "coordinates", err.Error(), ErrSyntax)
		}
		polys = [][][][]float64{p}
	case "MultiPolygon":
		var err error
		if polys, err = decodeMultiPolygonCoords(g.Coordinates); err != nil {
			return nil, newRecordError(0, feature, "", "coordinates", err.Error(), ErrSyntax)
		}
	default:
		return nil, newRecordError(0, feature, "", "geometry", g.Type, ErrNotPolygon)
	}
	for pi, p := range polys {
		if len(p) == 0 {
			return nil, newRecordError(0, feature, "", "coordinates", fmt.Sprintf("polygon %d has no rings", pi), ErrSyntax)
		}
		poly := make(orb.Polygon, len(p))
		for ri, ring := range p {
			where := fmt.Sprintf("polygon %d ring %d", pi, ri)
			if len(ring) < 4 {
				return nil, newRecordError(0, feature, "", "coordinates", fmt.Sprintf("%s: %d positions", where, len(ring)), ErrSyntax)
			}
			out := make(orb.Ring, len(ring))
			for k, pos := range ring {
				if len(pos) < 2 {
					return nil, newRecordError(0, feature, "", "coordinates", fmt.Sprintf("%s position %d: %d values", where, k, len(pos)), ErrSyntax)
				}
				if err := geo.CheckLon(pos[0]); err != nil {
					return nil, newRecordError(0, feature, "", "lon", fmt.Sprint(pos[0]), err)
				}
				if err := geo.CheckLat(pos[1]); err != nil {
					return nil, newRecordError(0, feature, "", "lat", fmt.Sprint(pos[1]), err)
				}
				out[k] = orb.Point{pos[0], pos[1]}
			}
			if out[0] != out[len(out)-1] {
				return nil, newRecordError(0, feature, "", "coordinates", where+": not closed", ErrSyntax)
			}
			poly[ri] = out
		}
		mp = append(mp, poly)
	}
	return mp, nil
}
