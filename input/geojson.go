package input

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/hubpart/hubpart/geo"
	"github.com/paulmach/orb"
)

// ReadGeoJSON reads practices from a GeoJSON FeatureCollection (or a
// single Feature) of Point features.
//
// Each feature's geometry must be a Point [lon, lat] (an altitude, if
// present, is ignored); anything else is ErrNotPoint. Properties are
// matched case-insensitively with the same names and aliases as ReadCSV:
// code (a string, or a number kept as written), patients (a whole number,
// written as a JSON number such as 120 or 120.0, or a string of digits),
// optional name. The same checks apply as for CSV, and a problem comes back
// as a *RecordError with Feature set to the 0-based feature index and Field
// to the property ("code", "patients", "geometry", "coordinates", ...), or
// with AllErrors as an ErrorList. Syntax errors carry the line of the
// document. On any error the returned slice is nil.
//
// The document is held in memory, so its reading is bounded: it must start
// with '{' (a file of zeros stops at once), may hold no run of more than
// 1 MiB of white space (padding, or a gzip bomb of blanks, stops within a
// megabyte) and no more than 1 GiB in all (ErrTooLarge). ReadFile also
// stops a .gz input that decompresses more than 200 times its size beyond
// 64 MiB (ErrGzipBomb).
func ReadGeoJSON(ctx context.Context, r io.Reader, opts ...ReadOption) ([]Practice, error) {
	o := buildOptions(ctx, opts)
	if o.optErr != nil {
		return nil, o.optErr
	}
	data, err := io.ReadAll(&jsonLimiter{r: r})
	if err != nil {
		var re *RecordError
		if errors.As(err, &re) || errors.Is(err, ErrTooLarge) || errors.Is(err, ErrGzipBomb) {
			return nil, err
		}
		return nil, fmt.Errorf("input: reading GeoJSON: %w", err)
	}
	p := &problems{all: o.allErrors}
	var top struct {
		Type     string            `json:"type"`
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(data, &top); err != nil {
		p.add(jsonSyntaxError(data, -1, "", err))
		return nil, p.err()
	}
	switch top.Type {
	case "FeatureCollection":
	case "Feature":
		top.Features = []json.RawMessage{data}
	default:
		p.add(newRecordError(0, -1, "", "type", top.Type, ErrSyntax))
		return nil, p.err()
	}
	if len(top.Features) == 0 {
		p.add(newRecordError(0, -1, "", "features", "", ErrEmpty))
		return nil, p.err()
	}
	out := make([]Practice, 0, len(top.Features))
	var codes codeSet
	var total patientTotal
	for i, raw := range top.Features {
		if p.stopped {
			break
		}
		pr, ok := readFeature(raw, i, o, &codes, p)
		if ok && total.add(pr.Patients) {
			p.add(newRecordError(0, i, pr.Code, "patients", fmt.Sprint(pr.Patients), ErrTotalTooLarge))
			ok = false
		}
		if ok && len(p.list) == 0 {
			out = append(out, pr)
		}
		if (i+1)%progressEvery == 0 {
			if err := o.tick("read geojson", i+1, len(top.Features)); err != nil {
				return nil, err
			}
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if err := o.tick("read geojson", len(top.Features), len(top.Features)); err != nil {
		return nil, err
	}
	return out, nil
}

// readFeature decodes and checks feature i, adding problems to p.
func readFeature(raw json.RawMessage, i int, o *readOptions, codes *codeSet, p *problems) (Practice, bool) {
	var f struct {
		Type       string          `json:"type"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		p.add(newRecordError(0, i, "", "", err.Error(), ErrSyntax))
		return Practice{}, false
	}
	if f.Type != "Feature" {
		p.add(newRecordError(0, i, "", "type", f.Type, ErrSyntax))
		return Practice{}, false
	}
	var props map[string]json.RawMessage
	if err := json.Unmarshal(f.Properties, &props); len(f.Properties) > 0 && err != nil {
		p.add(newRecordError(0, i, "", "properties", string(f.Properties), ErrSyntax))
		return Practice{}, false
	}
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	slices.Sort(keys) // deterministic order for errors and KeepAllColumns

	ok := true
	var code string
	fail := func(field, value string, err error) {
		ok = false
		p.add(newRecordError(0, i, code, field, value, err))
	}
	used := make(map[string]bool)
	// prop finds the property for field; has is false when absent or
	// ambiguous, and reported is true when the ambiguity was reported.
	prop := func(field string) (v json.RawMessage, has, reported bool) {
		names := defaultNames[field]
		if a, isAlias := o.alias[field]; isAlias {
			names = []string{a}
		}
		var found []string
		for _, k := range keys {
			if slices.Contains(names, strings.ToLower(strings.TrimSpace(k))) {
				found = append(found, k)
			}
		}
		switch len(found) {
		case 0:
			return nil, false, false
		case 1:
			used[found[0]] = true
			return props[found[0]], true, false
		}
		fail(field, strings.Join(found, ","), ErrAmbiguousColumn)
		return nil, false, true
	}

	// code
	if v, has, reported := prop("code"); has {
		s, kind := jsonScalar(v)
		switch {
		case kind == jsonNull || (kind == jsonString && isBlank(s)):
			fail("code", s, ErrEmptyCode)
		case kind == jsonString && hasControl(s):
			fail("code", s, ErrControlCode)
		case kind == jsonString || kind == jsonNumber:
			code = s
		default:
			fail("code", s, ErrSyntax)
		}
	} else if !reported {
		fail("code", "", ErrMissingColumn)
	}

	// geometry
	var loc orb.Point
	var g struct {
		Type        string            `json:"type"`
		Coordinates []json.RawMessage `json:"coordinates"`
	}
	switch err := json.Unmarshal(f.Geometry, &g); {
	case len(f.Geometry) == 0 || string(f.Geometry) == "null":
		fail("geometry", "null", ErrNotPoint)
	case err != nil && g.Type == "Point":
		fail("coordinates", err.Error(), ErrSyntax)
	case g.Type != "Point":
		fail("geometry", g.Type, ErrNotPoint)
	case len(g.Coordinates) < 2:
		fail("coordinates", fmt.Sprintf("%d values", len(g.Coordinates)), ErrSyntax)
	default:
		for axis, field := range []string{"lon", "lat"} {
			s, kind := jsonScalar(g.Coordinates[axis])
			if kind != jsonNumber {
				fail(field, s, ErrNotNumber)
				continue
			}
			x, err := parseFloat(s)
			if err == nil {
				if axis == 0 {
					err = geo.CheckLon(x)
				} else {
					err = geo.CheckLat(x)
				}
			}
			if err != nil {
				fail(field, s, err)
				continue
			}
			loc[axis] = x
		}
	}

	// patients
	n := o.weight
	if !o.constant {
		if v, has, reported := prop("patients"); has {
			var err error
			s, kind := jsonScalar(v)
			switch kind {
			case jsonString:
				n, err = parseCount(s)
			case jsonNumber:
				n, err = jsonCount(s)
			default:
				err = ErrNotNumber
			}
			if err != nil {
				fail("patients", s, err)
			}
		} else if !reported {
			fail("patients", "", ErrMissingColumn)
		}
	}

	// name
	var name string
	if v, has, _ := prop("name"); has {
		name, _ = jsonScalar(v)
	}

	// duplicates
	if code != "" {
		if first, dup := codes.add(code, i); dup {
			e := newRecordError(0, i, code, "code", code, ErrDuplicateCode)
			e.Dup = first
			ok = false
			p.add(e)
		}
	}

	// attributes
	var attrs map[string]string
	for _, k := range o.keep {
		lk := strings.ToLower(strings.TrimSpace(k))
		for _, key := range keys {
			if strings.ToLower(strings.TrimSpace(key)) == lk {
				if attrs == nil {
					attrs = make(map[string]string)
				}
				attrs[k], _ = jsonScalar(props[key])
				used[key] = true
			}
		}
	}
	if o.keepAll {
		for _, key := range keys {
			if !used[key] {
				if attrs == nil {
					attrs = make(map[string]string)
				}
				attrs[key], _ = jsonScalar(props[key])
			}
		}
	}
	if !ok {
		return Practice{}, false
	}
	return Practice{Code: code, Name: name, Loc: loc, Patients: n, Attrs: attrs}, true
}

type jsonKind int

const (
	jsonNull jsonKind = iota
	jsonString
	jsonNumber
	jsonOther // bool, array, object
)

// jsonScalar classifies a raw JSON value and returns its text: a string's
// content, a number's literal, or the raw JSON of anything else ("" for
// null).
func jsonScalar(v json.RawMessage) (string, jsonKind) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || string(v) == "null" {
		return "", jsonNull
	}
	switch c := v[0]; {
	case c == '"':
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s, jsonString
		}
	case c == '-' || c >= '0' && c <= '9':
		return string(v), jsonNumber
	}
	return string(v), jsonOther
}

// jsonCount parses a JSON number as a patient count. JSON has no integer
// type, so integral values written as 120.0 or 1.2e2 are accepted.
func jsonCount(s string) (int64, error) {
	if isIntegerLiteral(s) {
		return parseCount(s)
	}
	f, err := parseFloat(s)
	switch {
	case err != nil:
		return 0, err
	case f != math.Trunc(f):
		return 0, ErrNotInteger
	case f < 0:
		return 0, ErrNegativePatients
	case f >= 1<<53:
		return 0, ErrNotNumber
	}
	return int64(f), nil
}

// jsonSyntaxError converts a decoding error into a RecordError with the
// line of the document where it occurred, when known.
func jsonSyntaxError(data []byte, feature int, field string, err error) *RecordError {
	line := 0
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line = 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
	case errors.As(err, &te):
		line = 1 + bytes.Count(data[:min(int(te.Offset), len(data))], []byte("\n"))
		if field == "" {
			field = te.Field
		}
	}
	return newRecordError(line, feature, "", field, err.Error(), ErrSyntax)
}
