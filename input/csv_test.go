package input

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/hubpart/hubpart/geo"
	"github.com/paulmach/orb"
)

func TestReadCSVGood(t *testing.T) {
	cases := []struct {
		name string
		in   string
		opts []ReadOption
		want []Practice
	}{
		{
			name: "plain",
			in:   "code,name,lat,lon,patients\nA1,One,51.5,-0.1,100\nA2,Two,52,-1,0\n",
			want: []Practice{
				{Code: "A1", Name: "One", Loc: orb.Point{-0.1, 51.5}, Patients: 100},
				{Code: "A2", Name: "Two", Loc: orb.Point{-1, 52}, Patients: 0},
			},
		},
		{
			name: "aliases, case and column order",
			in:   "Number_Of_Patients,LONGITUDE,Latitude,Practice_Code,PRACTICE_NAME\n5,1.5,-33.25,X,Y\n",
			want: []Practice{{Code: "X", Name: "Y", Loc: orb.Point{1.5, -33.25}, Patients: 5}},
		},
		{
			name: "lng, list_size, id, no name",
			in:   "id,lat,lng,list_size\n7,0,180,1\n8,-90,-180,2\n",
			want: []Practice{
				{Code: "7", Loc: orb.Point{180, 0}, Patients: 1},
				{Code: "8", Loc: orb.Point{-180, -90}, Patients: 2},
			},
		},
		{
			name: "BOM, CRLF, quoted commas and quotes, trailing blank lines",
			in:   "\xEF\xBB\xBFcode,name,lat,lon,patients\r\n\"A,1\",\"The \"\"Surgery\"\", Town\",1,2,3\r\n\r\n  \r\n\r\n",
			want: []Practice{{Code: "A,1", Name: `The "Surgery", Town`, Loc: orb.Point{2, 1}, Patients: 3}},
		},
		{
			name: "quoted newline in name",
			in:   "code,name,lat,lon,patients\nA,\"two\nlines\",1,2,3\nB,b,1,2,3\n",
			want: []Practice{
				{Code: "A", Name: "two\nlines", Loc: orb.Point{2, 1}, Patients: 3},
				{Code: "B", Name: "b", Loc: orb.Point{2, 1}, Patients: 3},
			},
		},
		{
			name: "no final newline, exponent and minus",
			in:   "code,lat,lon,patients\nA,1e1,-0.5E1,7",
			want: []Practice{{Code: "A", Loc: orb.Point{-5, 10}, Patients: 7}},
		},
		{
			name: "postcodes: alias and constant weight",
			in:   "postcode,lat,lon,country\nAB101AA,57.148232,-2.096648,S92000003\n",
			opts: []ReadOption{ColumnAlias("code", "postcode"), ConstantPatients(1)},
			want: []Practice{{Code: "AB101AA", Loc: orb.Point{-2.096648, 57.148232}, Patients: 1}},
		},
		{
			name: "constant weight ignores a patients column",
			in:   "code,lat,lon,patients\nA,1,2,not-a-number\n",
			opts: []ReadOption{ConstantPatients(3)},
			want: []Practice{{Code: "A", Loc: orb.Point{2, 1}, Patients: 3}},
		},
		{
			name: "keep columns by any case",
			in:   "code,lat,lon,patients,PCN_Code,ccg\nA,1,2,3,U1,C1\n",
			opts: []ReadOption{KeepColumns("pcn_code")},
			want: []Practice{{Code: "A", Loc: orb.Point{2, 1}, Patients: 3, Attrs: map[string]string{"pcn_code": "U1"}}},
		},
		{
			name: "keep all columns",
			in:   "code,lat,lon,patients,PCN_Code,ccg\nA,1,2,3,U1,C1\n",
			opts: []ReadOption{KeepAllColumns()},
			want: []Practice{{Code: "A", Loc: orb.Point{2, 1}, Patients: 3, Attrs: map[string]string{"PCN_Code": "U1", "ccg": "C1"}}},
		},
		{
			name: "alias overrides defaults",
			in:   "code,site,lat,lon,patients\nA,S1,1,2,3\n",
			opts: []ReadOption{ColumnAlias("code", "SITE")},
			want: []Practice{{Code: "S1", Loc: orb.Point{2, 1}, Patients: 3}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadCSV(context.Background(), strings.NewReader(tc.in), tc.opts...)
			if err != nil {
				t.Fatalf("ReadCSV: %v", err)
			}
			ioCheckPractices(t, got, tc.want)
		})
	}
}

func ioCheckPractices(t *testing.T, got, want []Practice) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d practices, want %d: %+v", len(got), len(want), got)
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Code != w.Code || g.Name != w.Name || g.Loc != w.Loc || g.Patients != w.Patients || !ioEqualAttrs(g.Attrs, w.Attrs) {
			t.Errorf("practice %d = %+v, want %+v", i, g, w)
		}
	}
}

func ioEqualAttrs(a, b map[string]string) bool {
	if (a == nil) != (b == nil) || len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if bv, ok := b[k]; !ok || bv != v {
			return false
		}
	}
	return true
}

const ioHdr = "code,name,lat,lon,patients\n"

func TestReadCSVBad(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		opts  []ReadOption
		err   error
		line  int
		field string
		value string
		code  string
	}{
		{name: "empty file", in: "", err: ErrEmpty, line: 1, field: "header"},
		{name: "only blank lines", in: "\n\n", err: ErrEmpty, line: 1, field: "header"},
		{name: "header only", in: ioHdr, err: ErrEmpty, line: 2},
		{name: "header and blank lines", in: ioHdr + "\n \n", err: ErrEmpty},
		{name: "missing lat", in: "code,lon,patients\nA,1,2\n", err: ErrMissingColumn, line: 1, field: "header", value: "lat"},
		{name: "missing patients", in: "code,lat,lon\nA,1,2\n", err: ErrMissingColumn, line: 1, field: "header", value: "patients"},
		{name: "missing code", in: "lat,lon,patients\n1,2,3\n", err: ErrMissingColumn, line: 1, field: "header", value: "code"},
		{name: "alias column missing", in: ioHdr + "A,a,1,2,3\n", opts: []ReadOption{ColumnAlias("code", "postcode")}, err: ErrMissingColumn, field: "header", value: "postcode"},
		{name: "aliased name column missing", in: ioHdr + "A,a,1,2,3\n", opts: []ReadOption{ColumnAlias("name", "surgery")}, err: ErrMissingColumn, line: 1, field: "header", value: "surgery"},
		{name: "two lat columns", in: "code,lat,latitude,lon,patients\nA,1,1,2,3\n", err: ErrAmbiguousColumn, line: 1, field: "header", value: "lat,latitude"},
		{name: "unknown kept column", in: ioHdr + "A,a,1,2,3\n", opts: []ReadOption{KeepColumns("ccg")}, err: ErrMissingColumn, field: "header", value: "ccg"},
		{name: "bad alias field", in: ioHdr + "A,a,1,2,3\n", opts: []ReadOption{ColumnAlias("colour", "x")}, err: ErrOption},
		{name: "negative constant", in: ioHdr + "A,a,1,2,3\n", opts: []ReadOption{ConstantPatients(-1)}, err: ErrNegativePatients},
		{name: "lat not a number", in: ioHdr + "A,a,abc,2,3\n", err: ErrNotNumber, line: 2, field: "lat", value: "abc", code: "A"},
		{name: "lat with spaces", in: ioHdr + "A,a, 1,2,3\n", err: ErrNotNumber, line: 2, field: "lat", value: " 1", code: "A"},
		{name: "lon empty", in: ioHdr + "A,a,1,,3\n", err: ErrNotNumber, line: 2, field: "lon", value: "", code: "A"},
		{name: "lat NaN", in: ioHdr + "A,a,NaN,2,3\n", err: geo.ErrNonFinite, line: 2, field: "lat", value: "NaN"},
		{name: "lon Inf", in: ioHdr + "A,a,1,-Inf,3\n", err: geo.ErrNonFinite, line: 2, field: "lon", value: "-Inf"},
		{name: "lat overflow", in: ioHdr + "A,a,1e999,2,3\n", err: geo.ErrNonFinite, line: 2, field: "lat"},
		{name: "lat above 90", in: ioHdr + "A,a,90.0001,2,3\n", err: geo.ErrLatRange, line: 2, field: "lat", value: "90.0001"},
		{name: "lat below -90", in: ioHdr + "A,a,-91,2,3\n", err: geo.ErrLatRange, line: 2, field: "lat"},
		{name: "lon above 180", in: ioHdr + "A,a,1,180.5,3\n", err: geo.ErrLonRange, line: 2, field: "lon"},
		{name: "lon below -180", in: ioHdr + "A,a,1,-181,3\n", err: geo.ErrLonRange, line: 2, field: "lon"},
		{name: "negative patients", in: ioHdr + "A,a,1,2,-3\n", err: ErrNegativePatients, line: 2, field: "patients", value: "-3"},
		{name: "fractional patients", in: ioHdr + "A,a,1,2,12.5\n", err: ErrNotInteger, line: 2, field: "patients", value: "12.5"},
		{name: "fractional patients is not a number", in: ioHdr + "A,a,1,2,12.5\n", err: ErrNotNumber, line: 2, field: "patients"},
		{name: "thousands separator", in: ioHdr + "A,a,1,2,\"1,234\"\n", err: ErrNotNumber, line: 2, field: "patients", value: "1,234"},
		{name: "huge patients", in: ioHdr + "A,a,1,2,99999999999999999999999\n", err: ErrNotNumber, line: 2, field: "patients"},
		{name: "empty code", in: ioHdr + ",a,1,2,3\n", err: ErrEmptyCode, line: 2, field: "code"},
		{name: "blank code", in: ioHdr + "  ,a,1,2,3\n", err: ErrEmptyCode, line: 2, field: "code"},
		{name: "duplicate code", in: ioHdr + "A,a,1,2,3\nB,b,1,2,3\nA,c,1,2,3\n", err: ErrDuplicateCode, line: 4, field: "code", value: "A", code: "A"},
		{name: "too few fields", in: ioHdr + "A,a,1,2\n", err: ErrRagged, line: 2},
		{name: "too many fields", in: ioHdr + "A,a,1,2,3,4\n", err: ErrRagged, line: 2},
		{name: "unterminated quote", in: ioHdr + "A,a,1,2,3\n\"B,b,1,2,3\nC,c,1,2,3\n", err: ErrSyntax, line: 3},
		{name: "bare quote", in: ioHdr + "A,a\"b,1,2,3\n", err: ErrSyntax, line: 2},
		{name: "text after closing quote", in: ioHdr + "\"A\"x,a,1,2,3\n", err: ErrSyntax, line: 2},
		{name: "line too long", in: ioHdr + "A,a,1,2,3\n" + strings.Repeat("x", maxLine+10) + "\n", err: ErrLineTooLong, line: 3},
		{name: "line too long without newline", in: ioHdr + strings.Repeat("x", 3*maxLine), err: ErrLineTooLong, line: 2},
		{name: "record too long over many lines", in: ioHdr + "A,\"" + strings.Repeat("xxxxxxxxx\n", maxLine/5) + "\",1,2,3\n", err: ErrLineTooLong},
		{name: "header too long", in: strings.Repeat("c", maxLine+1), err: ErrLineTooLong, line: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := ReadCSV(context.Background(), strings.NewReader(tc.in), tc.opts...)
			if err == nil {
				t.Fatalf("no error; got %d practices", len(ps))
			}
			if ps != nil {
				t.Errorf("got %d practices with the error, want nil", len(ps))
			}
			ioCheckRecordError(t, err, tc.err, tc.line, -1, tc.field, tc.value, tc.code)
		})
	}
}

// ioCheckRecordError checks err is a *RecordError for sentinel; line,
// feature, field, value and code are checked unless zero ("" or 0; -1 for
// feature means "not applicable" and is checked).
func ioCheckRecordError(t *testing.T, err, sentinel error, line, feature int, field, value, code string) {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("error %q is not %q", err, sentinel)
	}
	var re *RecordError
	if !errors.As(err, &re) {
		t.Fatalf("error %q (%T) is not a *RecordError", err, err)
	}
	if line != 0 && re.Line != line {
		t.Errorf("Line = %d, want %d (%v)", re.Line, line, err)
	}
	if feature != 0 && re.Feature != feature {
		t.Errorf("Feature = %d, want %d (%v)", re.Feature, feature, err)
	}
	if field != "" && re.Field != field {
		t.Errorf("Field = %q, want %q (%v)", re.Field, field, err)
	}
	if value != "" && re.Value != value {
		t.Errorf("Value = %q, want %q (%v)", re.Value, value, err)
	}
	if code != "" && re.Code != code {
		t.Errorf("Code = %q, want %q (%v)", re.Code, code, err)
	}
	if !strings.HasPrefix(err.Error(), "input: ") {
		t.Errorf("message %q lacks the input: prefix", err)
	}
}

func TestReadCSVDuplicateNamesBothLines(t *testing.T) {
	_, err := ReadCSV(context.Background(), strings.NewReader(ioHdr+"A,a,1,2,3\nB,b,1,2,3\nA,c,1,2,3\n"))
	var re *RecordError
	if !errors.As(err, &re) || re.Line != 4 || re.Dup != 2 {
		t.Fatalf("got %v, want duplicate at line 4 of line 2", err)
	}
	const want = `input: line 4 (code A): field "code": "A": duplicate code (first at line 2)`
	if err.Error() != want {
		t.Errorf("message\n%s\nwant\n%s", err, want)
	}
}

func TestReadCSVMessage(t *testing.T) {
	_, err := ReadCSV(context.Background(), strings.NewReader(ioHdr+"A81001,x,abc,2,3\n"))
	const want = `input: line 2 (code A81001): field "lat": "abc": not a number`
	if err == nil || err.Error() != want {
		t.Errorf("message\n%v\nwant\n%s", err, want)
	}
}

func TestReadCSVQuotedLineNumbers(t *testing.T) {
	// The record on line 4 follows a record spanning lines 2-3.
	_, err := ReadCSV(context.Background(), strings.NewReader(ioHdr+"A,\"two\nlines\",1,2,3\nB,b,1,2,x\n"))
	ioCheckRecordError(t, err, ErrNotNumber, 4, -1, "patients", "x", "B")
}

func TestReadCSVAllErrors(t *testing.T) {
	in := ioHdr +
		"A,a,1,2,3\n" + // 2 fine
		"B,b,x,2,3\n" + // 3 lat
		"C,c,1,200,-1\n" + // 4 lon and patients
		"A,d,1,2,3\n" + // 5 duplicate
		"E,e,1\n" // 6 ragged
	_, err := ReadCSV(context.Background(), strings.NewReader(in), AllErrors())
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %v (%T) is not an ErrorList", err, err)
	}
	want := []struct {
		line  int
		field string
		err   error
	}{
		{3, "lat", ErrNotNumber},
		{4, "lon", geo.ErrLonRange},
		{4, "patients", ErrNegativePatients},
		{5, "code", ErrDuplicateCode},
		{6, "", ErrRagged},
	}
	if len(list) != len(want) {
		t.Fatalf("got %d problems, want %d: %v", len(list), len(want), err)
	}
	for i, w := range want {
		if list[i].Line != w.line || list[i].Field != w.field || !errors.Is(list[i], w.err) {
			t.Errorf("problem %d = %v, want line %d field %q %v", i, list[i], w.line, w.field, w.err)
		}
	}
	for _, s := range []error{ErrNotNumber, geo.ErrLonRange, ErrNegativePatients, ErrDuplicateCode, ErrRagged} {
		if !errors.Is(err, s) {
			t.Errorf("errors.Is(list, %v) = false", s)
		}
	}
	if !strings.HasPrefix(err.Error(), "input: 5 problems: line 3") {
		t.Errorf("summary %q", err)
	}
}

func TestReadCSVAllErrorsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(ioHdr)
	const bad = maxProblems + 234
	for range bad {
		b.WriteString(",a,1,2,3\n") // empty code
	}
	_, err := ReadCSV(context.Background(), strings.NewReader(b.String()), AllErrors())
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %T is not an ErrorList", err)
	}
	if len(list) != maxProblems+1 {
		t.Fatalf("list has %d entries, want %d", len(list), maxProblems+1)
	}
	last := list[len(list)-1]
	if !errors.Is(last, ErrTooManyProblems) || last.Value != "234" || last.Line != maxProblems+2 {
		t.Errorf("last entry %+v, want 234 more from line %d", last, maxProblems+2)
	}
	if !strings.HasPrefix(err.Error(), "input: 1234 problems: ") {
		t.Errorf("summary %q", err.Error()[:60])
	}
}

func TestReadCSVFirstErrorOnly(t *testing.T) {
	_, err := ReadCSV(context.Background(), strings.NewReader(ioHdr+"A,a,x,2,3\nB,b,y,2,3\n"))
	var list ErrorList
	if errors.As(err, &list) {
		t.Fatalf("without AllErrors got an ErrorList: %v", err)
	}
	ioCheckRecordError(t, err, ErrNotNumber, 2, -1, "lat", "x", "A")
}

func TestReadCSVIOError(t *testing.T) {
	boom := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader(ioHdr+"A,a,1,2,3\n"), iotest.ErrReader(boom))
	_, err := ReadCSV(context.Background(), r)
	if !errors.Is(err, boom) {
		t.Fatalf("error %v does not wrap the I/O error", err)
	}
}

func TestReadCSVOneByteReads(t *testing.T) {
	in := "\xEF\xBB\xBFcode,name,lat,lon,patients\r\nA,\"x,y\",1,2,3\r\nB,b,4,5,6\r\n"
	got, err := ReadCSV(context.Background(), iotest.OneByteReader(strings.NewReader(in)))
	if err != nil {
		t.Fatal(err)
	}
	ioCheckPractices(t, got, []Practice{
		{Code: "A", Name: "x,y", Loc: orb.Point{2, 1}, Patients: 3},
		{Code: "B", Name: "b", Loc: orb.Point{5, 4}, Patients: 6},
	})
}

func TestReadCSVManyRows(t *testing.T) {
	// Enough rows to pass the size estimate and several chunks, read both
	// with a size hint (strings.Reader has Len) and without.
	var b bytes.Buffer
	b.WriteString(ioHdr)
	const n = 2*chunkLen + 17
	for i := range n {
		b.WriteString("C")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(ioItoa(i))
		b.WriteString(",n,1,2,")
		b.WriteString(ioItoa(i))
		b.WriteString("\n")
	}
	for _, r := range []io.Reader{strings.NewReader(b.String()), iotest.HalfReader(bytes.NewReader(b.Bytes()))} {
		got, err := ReadCSV(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != n {
			t.Fatalf("got %d rows, want %d", len(got), n)
		}
		for i, p := range got {
			if p.Patients != int64(i) || p.Code != "C"+strings.Repeat("x", i%7)+ioItoa(i) {
				t.Fatalf("row %d = %+v", i, p)
			}
		}
	}
}

func ioItoa(i int) string {
	var buf [20]byte
	n := len(buf)
	for {
		n--
		buf[n] = byte('0' + i%10)
		i /= 10
		if i == 0 {
			return string(buf[n:])
		}
	}
}

// TestReadCSVEstimate reads inputs whose first rows mislead the
// size-based row estimate: too high (short rows first; the result must be
// trimmed) and too low (long rows first; the reserved slice overflows into
// chunks).
func TestReadCSVEstimate(t *testing.T) {
	for _, shortFirst := range []bool{true, false} {
		var b strings.Builder
		b.WriteString(ioHdr)
		const n = 4000
		for i := range n {
			name := strings.Repeat("n", 20)
			if (i < 1000) == shortFirst {
				name = ""
			}
			b.WriteString("C" + ioItoa(i) + "," + name + ",1,2," + ioItoa(i) + "\n")
		}
		ps, err := ReadCSV(context.Background(), strings.NewReader(b.String()))
		if err != nil || len(ps) != n {
			t.Fatalf("got %d, %v", len(ps), err)
		}
		if cap(ps) > n+n/16 {
			t.Errorf("capacity %d for %d practices", cap(ps), n)
		}
		for i, p := range ps {
			if p.Patients != int64(i) || p.Code != "C"+ioItoa(i) {
				t.Fatalf("row %d = %+v", i, p)
			}
		}
	}
}
