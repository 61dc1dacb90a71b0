package input

import (
	"context"
	"encoding/binary"
	"fmt"
	"github.com/klauspost/compress/gzip"
	"io"
	"os"
	"strings"

	"github.com/hubpart/hubpart/postcode"
)

// A ReadOption changes how ReadCSV, ReadGeoJSON and ReadFile interpret
// their input.
type ReadOption func(*readOptions)

type readOptions struct {
	allErrors bool
	keep      []string          // KeepColumns names, as given
	keepAll   bool              // KeepAllColumns
	alias     map[string]string // field -> column (lower case)
	constant  bool              // ConstantPatients given
	weight    int64             // its weight
	optErr    *RecordError      // first invalid option
	sizeHint  int64             // expected input bytes, 0 if unknown (set by ReadFile)
	ctx       context.Context   // the read's context (nil: never cancelled)
	progress  func(stage string, done, total int)
	postcodes *postcode.Table // LocateByPostcode; nil: coordinates required
}

// progressEvery is how many records pass between progress reports and
// cancellation checks.
const progressEvery = 1 << 16

// tick reports progress and checks for cancellation; call it every
// progressEvery records and once at the end. total is 0 when unknown.
func (o *readOptions) tick(stage string, done, total int) error {
	if o.progress != nil {
		o.progress(stage, done, total)
	}
	if o.ctx != nil {
		if err := o.ctx.Err(); err != nil {
			return fmt.Errorf("input: %s stopped after %d records: %w", stage, done, err)
		}
	}
	return nil
}

// WithProgress has a read call fn every 65,536 records and once at the end,
// with stage "read csv" or "read geojson", the records read so far and an
// estimate of the total (0 when unknown; ReadFile knows the file size).
// The library never draws progress itself.
func WithProgress(fn func(stage string, done, total int)) ReadOption {
	return func(o *readOptions) { o.progress = fn }
}

// fields are the record fields a reader fills, in Practice order.
var fields = []string{"code", "name", "lat", "lon", "patients"}

// defaultNames lists the accepted column (or property) names per field,
// lower case. The field's own name comes first.
var defaultNames = map[string][]string{
	"code":     {"code", "practice_code", "id"},
	"name":     {"name", "practice_name"},
	"lat":      {"lat", "latitude"},
	"lon":      {"lon", "lng", "longitude", "long"},
	"patients": {"patients", "list_size", "number_of_patients", "patients_registered", "weight"},
}

// AllErrors makes a reader report every problem at once, as an ErrorList
// (capped at 1000 entries plus a count of the rest), instead of stopping at
// the first. Syntax errors, over-long lines and I/O errors still stop the
// read, since nothing after them can be trusted.
func AllErrors() ReadOption {
	return func(o *readOptions) { o.allErrors = true }
}

// KeepColumns copies the named extra columns (CSV) or properties (GeoJSON)
// into Practice.Attrs, keyed by the name as given here. Names match
// case-insensitively. A name the input lacks is an error with Field
// "header" and ErrMissingColumn (CSV; GeoJSON properties may be absent per
// feature and are then simply not set).
func KeepColumns(names ...string) ReadOption {
	return func(o *readOptions) { o.keep = append(o.keep, names...) }
}

// KeepAllColumns copies every column (CSV) or property (GeoJSON) not used
// for code, name, lat, lon or patients into Practice.Attrs, keyed by the
// input's own spelling of the name.
func KeepAllColumns() ReadOption {
	return func(o *readOptions) { o.keepAll = true }
}

// ColumnAlias reads field ("code", "name", "lat", "lon" or "patients") from
// the named column instead of the default names, for example
// ColumnAlias("code", "postcode"). The column must then exist.
func ColumnAlias(field, column string) ReadOption {
	return func(o *readOptions) {
		f := strings.ToLower(strings.TrimSpace(field))
		if _, ok := defaultNames[f]; !ok && f != "postcode" {
			o.setOptErr(newRecordError(0, -1, "", "ColumnAlias", field, ErrOption))
			return
		}
		if o.alias == nil {
			o.alias = make(map[string]string)
		}
		o.alias[f] = strings.ToLower(strings.TrimSpace(column))
	}
}

// ConstantPatients gives every record the weight w and makes the patients
// column unnecessary; a patients column present in the input is ignored.
// Use it for units without a list size, such as postcodes (w = 1).
// A negative w is an error.
func ConstantPatients(w int64) ReadOption {
	return func(o *readOptions) {
		if w < 0 {
			o.setOptErr(newRecordError(0, -1, "", "ConstantPatients", fmt.Sprint(w), ErrNegativePatients))
			return
		}
		o.constant, o.weight = true, w
	}
}

func (o *readOptions) setOptErr(e *RecordError) {
	if o.optErr == nil {
		o.optErr = e
	}
}

func buildOptions(ctx context.Context, opts []ReadOption) *readOptions {
	o := &readOptions{ctx: ctx}
	for _, f := range opts {
		if f != nil {
			f(o)
		}
	}
	return o
}

// ReadFile reads practices from path, choosing the reader by extension
// (case-insensitive): .csv and .csv.gz with ReadCSV; .geojson, .json and
// their .gz forms with ReadGeoJSON. Other extensions give ErrUnknownFormat.
// Errors are prefixed with the path and wrap the reader's errors.
// Like the readers, it stops early with an error wrapping ctx.Err() when
// ctx is cancelled (checked every 65,536 records).
func ReadFile(ctx context.Context, path string, opts ...ReadOption) ([]Practice, error) {
	name := strings.ToLower(path)
	gz := strings.HasSuffix(name, ".gz")
	name = strings.TrimSuffix(name, ".gz")
	var read func(context.Context, io.Reader, ...ReadOption) ([]Practice, error)
	switch {
	case strings.HasSuffix(name, ".csv"):
		read = ReadCSV
	case strings.HasSuffix(name, ".geojson"), strings.HasSuffix(name, ".json"):
		read = ReadGeoJSON
	default:
		return nil, fmt.Errorf("%s: %w (want .csv, .csv.gz, .geojson or .json)", path, ErrUnknownFormat)
	}
	r, size, closeFn, err := openMaybeGzip(path, gz)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	opts = append(opts[:len(opts):len(opts)], func(o *readOptions) { o.sizeHint = size })
	ps, err := read(ctx, r, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ps, nil
}

// openMaybeGzip opens path, decompressing when gz is set. It also returns
// the expected number of bytes the reader will deliver (0 if unknown),
// which only serves to size buffers.
func openMaybeGzip(path string, gz bool) (io.Reader, int64, func(), error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("input: %w", err)
	}
	var size int64
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	if !gz {
		return f, size, func() { f.Close() }, nil
	}
	size = gzipSize(f, size)
	in := &countReader{r: f}
	zr, err := gzip.NewReader(in)
	if err != nil {
		f.Close()
		return nil, 0, nil, fmt.Errorf("input: %s: %w", path, err)
	}
	ra := newReadAhead(&ratioLimiter{r: zr, in: in}) // decompress while the caller parses
	return ra, size, func() { ra.Close(); zr.Close(); f.Close() }, nil
}

// gzipSize reads the uncompressed size (modulo 2^32) from the trailer of a
// gzip file of n bytes. It returns 0 when that is implausible (multi-member
// files and files over 4 GiB can mislead it; the value is only a hint).
func gzipSize(f *os.File, n int64) int64 {
	var b [4]byte
	if n < 18 {
		return 0
	}
	if _, err := f.ReadAt(b[:], n-4); err != nil {
		return 0
	}
	size := int64(binary.LittleEndian.Uint32(b[:]))
	if size < n {
		return 0
	}
	return size
}
