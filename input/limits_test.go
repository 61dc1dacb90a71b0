package input

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Blank lines, however many, and files whose lines end in CR alone read
// like any other (issue #10: more than 1 MiB of blank lines was "line
// longer than 1 MiB", CR-only files were "no records").
func TestReadCSVLineEnds(t *testing.T) {
	rows := "A,51.5,-0.1,100\nB,51.6,-0.2,200\n"
	cases := []struct{ name, text string }{
		{"LF", "code,lat,lon,patients\n" + rows},
		{"CRLF", strings.ReplaceAll("code,lat,lon,patients\n"+rows, "\n", "\r\n")},
		{"CR only", strings.ReplaceAll("code,lat,lon,patients\n"+rows, "\n", "\r")},
		{"2 MiB of blank lines (LF)", "code,lat,lon,patients\n" + strings.Repeat("\n", 2<<20) + rows},
		{"2 MiB of blank lines (CRLF)", "code,lat,lon,patients\r\n" + strings.Repeat("\r\n", 1<<20) + strings.ReplaceAll(rows, "\n", "\r\n")},
		{"2 MiB of blank lines (CR)", "code,lat,lon,patients\r" + strings.Repeat("\r", 2<<20) + strings.ReplaceAll(rows, "\n", "\r")},
		{"quoted field with a line break, CR only", "code,name,lat,lon,patients\rA,\"two\rlines\",51.5,-0.1,100\rB,x,51.6,-0.2,200\r"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps, err := ReadCSV(context.Background(), strings.NewReader(c.text))
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != 2 || ps[0].Code != "A" || ps[1].Code != "B" || ps[1].Patients != 200 {
				t.Errorf("got %+v", ps)
			}
		})
	}
	// A quoted field may not grow past the limit by holding blank lines.
	_, err := ReadCSV(context.Background(), strings.NewReader("code,name,lat,lon,patients\nA,\""+strings.Repeat("\n", 2<<20)+"\",51.5,-0.1,100\n"))
	if !errors.Is(err, ErrLineTooLong) {
		t.Errorf("a 2 MiB quoted field of line breaks: %v, want ErrLineTooLong", err)
	}
}

// Numbers are as documented: coordinates are decimal numbers (an optional
// minus, digits, an optional fraction and exponent); patients are digits
// only (issue #10: +5, -0, 0x1p5 and 5_1.5 were read).
func TestReadCSVStrictNumbers(t *testing.T) {
	cases := []struct {
		lat, lon, patients string
		field              string // "" when valid
	}{
		{"51.5", "-0.1", "100", ""},
		{"51.5", "-0", "0", ""},
		{"5.15e1", "-1e-1", "7", ""},
		{"+51.5", "-0.1", "100", "lat"},
		{"0x1p5", "-0.1", "100", "lat"},
		{"5_1.5", "-0.1", "100", "lat"},
		{"51.5", "-0.1", "+5", "patients"},
		{"51.5", "-0.1", "-0", "patients"},
		{"51.5", "-0.1", "0x10", "patients"},
		{"51.5", "-0.1", "1_000", "patients"},
		{"51.5", "-0.1", "1e3", "patients"},
		{"Inf", "-0.1", "1", "lat"},
		{"51.5", ".", "1", "lon"},
		{"51.5", "1.", "1", ""},
		{"51.5", ".5", "1", ""},
	}
	for _, c := range cases {
		text := "code,lat,lon,patients\nA," + c.lat + "," + c.lon + "," + c.patients + "\n"
		_, err := ReadCSV(context.Background(), strings.NewReader(text))
		var re *RecordError
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%q: %v", text, err)
		case c.field != "" && (!errors.As(err, &re) || re.Field != c.field || re.Line != 2):
			t.Errorf("%q: %v, want an error in field %s on line 2", text, err, c.field)
		}
	}
}

// Patients that add up beyond int64 are an error naming the line where the
// total would wrap (issue #10: two rows of 9e18 gave a negative total).
func TestReadTotalOverflow(t *testing.T) {
	_, err := ReadCSV(context.Background(), strings.NewReader("code,lat,lon,patients\nA,51.5,-0.1,9000000000000000000\nB,51.6,-0.1,9000000000000000000\n"))
	var re *RecordError
	if !errors.Is(err, ErrTotalTooLarge) || !errors.As(err, &re) || re.Line != 3 || re.Code != "B" {
		t.Errorf("got %v, want ErrTotalTooLarge on line 3 (B)", err)
	}
	_, err = ReadCSV(context.Background(), strings.NewReader("postcode,lat,lon\nA,51.5,-0.1\nB,51.6,-0.1\n"), ColumnAlias("code", "postcode"), ConstantPatients(1<<62))
	if !errors.Is(err, ErrTotalTooLarge) || !errors.As(err, &re) || re.Line != 3 {
		t.Errorf("constant weight 2^62: got %v, want ErrTotalTooLarge on line 3", err)
	}
	gj := `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[-0.1,51.5]},"properties":{"code":"A","patients":9000000000000000000}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[-0.1,51.6]},"properties":{"code":"B","patients":"9000000000000000000"}}]}`
	_, err = ReadGeoJSON(context.Background(), strings.NewReader(gj))
	if !errors.Is(err, ErrTotalTooLarge) || !errors.As(err, &re) || re.Feature != 1 {
		t.Errorf("GeoJSON: got %v, want ErrTotalTooLarge at feature 1", err)
	}
}

// A code may not hold control characters; it would break every output
// that shows it (CSV, terminal).
func TestReadControlCode(t *testing.T) {
	_, err := ReadCSV(context.Background(), strings.NewReader("code,lat,lon,patients\n\"A\x1b[31m\",51.5,-0.1,1\n"))
	var re *RecordError
	if !errors.Is(err, ErrControlCode) || !errors.As(err, &re) || re.Field != "code" {
		t.Errorf("got %v, want ErrControlCode in field code", err)
	}
	_, err = ReadCSV(context.Background(), strings.NewReader("code,lat,lon,patients\n\"A\r\nB\",51.5,-0.1,1\n"))
	if !errors.Is(err, ErrControlCode) {
		t.Errorf("code with a line break: got %v, want ErrControlCode", err)
	}
}

// GeoJSON reading is bounded: a document of blanks or of zeros stops
// within a megabyte, and a gzip bomb stops early (issue #10: 14 MB of
// gzipped spaces took 6.8 GB and 44 s, a link to /dev/zero ran out of
// memory).
func TestReadGeoJSONBounded(t *testing.T) {
	big := io_repeat(' ', 3<<20)
	if _, err := ReadGeoJSON(context.Background(), bytes.NewReader(big)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("3 MiB of spaces: %v, want ErrTooLarge", err)
	}
	if _, err := ReadGeoJSON(context.Background(), bytes.NewReader(make([]byte, 3<<20))); !errors.Is(err, ErrSyntax) {
		t.Errorf("zeros: %v, want ErrSyntax", err)
	}
	padded := append([]byte(`{"type":"FeatureCollection","features":[`), io_repeat(' ', 2<<20)...)
	if _, err := ReadGeoJSON(context.Background(), bytes.NewReader(padded)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("2 MiB of padding inside: %v, want ErrTooLarge", err)
	}
	if _, err := ReadBoundary(writeTemp(t, "b.geojson", big)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("boundary of spaces: %v, want ErrTooLarge", err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	line := io_repeat(' ', 1<<20)
	for range 300 {
		zw.Write(line)
	}
	zw.Close()
	path := writeTemp(t, "bomb.geojson.gz", gz.Bytes())
	if _, err := ReadFile(context.Background(), path); !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrGzipBomb) {
		t.Errorf("gzip bomb: %v, want ErrTooLarge or ErrGzipBomb", err)
	}
	csvBomb := writeTemp(t, "bomb.csv.gz", gzipOf(t, append([]byte("code,lat,lon,patients\n"), io_repeat('\n', 300<<20)...)))
	if _, err := ReadFile(context.Background(), csvBomb); !errors.Is(err, ErrGzipBomb) {
		t.Errorf("gzip bomb of blank lines: %v, want ErrGzipBomb", err)
	}
}

func io_repeat(c byte, n int) []byte { return bytes.Repeat([]byte{c}, n) }

func gzipOf(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return buf.Bytes()
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
