package input

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/hubpart/hubpart/geo"
)

// ioSentinels are the errors a reader may report for bad input.
var ioSentinels = []error{ErrEmpty, ErrMissingColumn, ErrAmbiguousColumn, ErrNotNumber, geo.ErrNonFinite,
	geo.ErrLatRange, geo.ErrLonRange, ErrNegativePatients, ErrDuplicateCode, ErrEmptyCode, ErrRagged,
	ErrSyntax, ErrLineTooLong, ErrNotPoint, ErrControlCode, ErrTotalTooLarge, ErrTooLarge}

// ioCheckReadResult checks the fuzz invariant: either a located error
// naming one of the sentinels, or rows valid records.
func ioCheckReadResult(t *testing.T, ps []Practice, err error, rows int) {
	t.Helper()
	if err != nil {
		var re *RecordError
		if !errors.As(err, &re) {
			t.Fatalf("error %v (%T) carries no *RecordError", err, err)
		}
		for _, s := range ioSentinels {
			if errors.Is(err, s) {
				if ps != nil {
					t.Fatalf("practices returned with error %v", err)
				}
				_ = err.Error()
				return
			}
		}
		t.Fatalf("error %v matches no sentinel", err)
	}
	if len(ps) != rows {
		t.Fatalf("read %d practices from %d data rows", len(ps), rows)
	}
	codes := make(map[string]bool)
	for _, p := range ps {
		if isBlank(p.Code) || codes[p.Code] {
			t.Fatalf("bad or repeated code %q", p.Code)
		}
		codes[p.Code] = true
		lon, lat := p.Loc[0], p.Loc[1]
		if math.IsNaN(lon) || math.IsNaN(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90 {
			t.Fatalf("practice %q at %v", p.Code, p.Loc)
		}
		if p.Patients < 0 {
			t.Fatalf("practice %q has %d patients", p.Code, p.Patients)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	seeds := []string{
		"code,name,lat,lon,patients\nA,a,1,2,3\nB,b,4,5,6\n",
		"\xEF\xBB\xBFcode,lat,lon,patients\r\nA,1,2,3\r\n\r\n",
		"code,name,lat,lon,patients\n\"A,1\",\"x\"\"y\nz\",1,2,3\n",
		"id,latitude,lng,list_size\n1,-90,180,0\n2,90,-180,0\n",
		"code,lat,lon,patients\nA,NaN,2,3\n",
		"code,lat,lon,patients\nA,1,2,12.5\n",
		"code,lat,lon,patients\nA,1,2,3\nA,1,2,3\n",
		"code,lat,lon,patients\n\"A,1,2,3\n",
		"code,lat,lon,patients\nA,1,2\n",
		"code,lat,lon,patients,lat\nA,1,2,3,4\n",
		"code,lat,lon,patients\n  \n A ,1e-400,0x1p-2,007\n",
		"",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := ReadCSV(context.Background(), bytes.NewReader(data))
		ioCheckReadResult(t, ps, err, ioCountCSVRows(data))
		// AllErrors agrees on success and failure.
		ps2, err2 := ReadCSV(context.Background(), bytes.NewReader(data), AllErrors())
		if (err == nil) != (err2 == nil) || len(ps) != len(ps2) {
			t.Fatalf("AllErrors disagrees: %v vs %v", err, err2)
		}
	})
}

// ioCountCSVRows counts data rows the way the format defines them, with
// encoding/csv directly: records after the header, less white-space-only
// lines. It returns -1 if encoding/csv fails (ReadCSV must then fail too).
func ioCountCSVRows(data []byte) int {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	// A file whose first line break is a lone CR has CR line breaks.
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 && data[i] == '\r' && (i+1 == len(data) || data[i+1] != '\n') {
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	n := -1 // the header
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return n
		}
		if err != nil {
			return -1
		}
		if len(rec) == 1 && isBlank(rec[0]) {
			continue
		}
		n++
	}
}

func FuzzReadGeoJSON(f *testing.F) {
	seeds := []string{
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[2,1]},"properties":{"code":"A","patients":3}}]}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[-180,-90,5]},"properties":{"id":7,"weight":1.0,"name":null}}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[]},"properties":{}}]}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"code":"A","Code":"B"}}]}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1e999,0]},"properties":{"code":"A","patients":"12"}}]}`,
		`{"type":"FeatureCollection","features":[]}`,
		`[1,2,3]`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]},"properties":{"code":"A","patients":2}},{"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]},"properties":{"code":"A","patients":-2.5}}]}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := ReadGeoJSON(context.Background(), bytes.NewReader(data))
		rows := -1
		var top struct {
			Type     string            `json:"type"`
			Features []json.RawMessage `json:"features"`
		}
		if json.Unmarshal(data, &top) == nil {
			switch top.Type {
			case "FeatureCollection":
				rows = len(top.Features)
			case "Feature":
				rows = 1
			}
		}
		ioCheckReadResult(t, ps, err, rows)
		ps2, err2 := ReadGeoJSON(context.Background(), bytes.NewReader(data), AllErrors())
		if (err == nil) != (err2 == nil) || len(ps) != len(ps2) {
			t.Fatalf("AllErrors disagrees: %v vs %v", err, err2)
		}
	})
}

// FuzzReadCSVLocate reads arbitrary CSV with a postcode lookup: no panic,
// and every practice placed by postcode carries its postcode.
func FuzzReadCSVLocate(f *testing.F) {
	f.Add("CODE,POSTCODE,NUMBER_OF_PATIENTS\nA,NE65 7UW,10\nB,FY1 9NP,5\nC,MK8 1EQ,1\n")
	f.Add("code,lat,lon,postcode,patients\nA,55.0,-1.5,NE65 7UW,10\nB,,,ne657uw,20\n")
	f.Add("code,pcds,patients\nA,ZZ1 1ZZ,10\n")
	pcs := testPostcodes(f)
	f.Fuzz(func(t *testing.T, in string) {
		ps, err := ReadCSV(context.Background(), strings.NewReader(in), LocateByPostcode(pcs))
		if err != nil {
			return
		}
		for _, p := range ps {
			if p.Located > ByDistrict || (p.Located != ByCoordinates && p.Postcode == "") {
				t.Fatalf("practice %+v: located %v without a postcode", p, p.Located)
			}
		}
	})
}
