package postcode

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"github.com/klauspost/compress/gzip"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/hubpart/hubpart/geo/osgb"
)

// A Format is a kind of postcode file.
type Format uint8

// The formats Read recognises.
const (
	Simple    Format = iota + 1 // postcode,lat,lon
	ONSPD                       // ONS Postcode Directory: pcds, lat, long
	CodePoint                   // OS Code-Point Open: eastings and northings
)

func (f Format) String() string {
	switch f {
	case Simple:
		return "postcode,lat,lon"
	case ONSPD:
		return "ONS Postcode Directory"
	case CodePoint:
		return "OS Code-Point Open"
	}
	return fmt.Sprintf("Format(%d)", uint8(f))
}

// Accepted header names, lower case, by preference.
var (
	postcodeNames = []string{"pcds", "pcd", "pcd2", "pcd7", "pcd8", "postcode", "pc"}
	latNames      = []string{"lat", "latitude"}
	lonNames      = []string{"long", "lon", "lng", "longitude"}
	eastNames     = []string{"eastings", "easting", "oseast1m", "ea"}
	northNames    = []string{"northings", "northing", "osnrth1m", "no"}
)

// onspdNoGrid is the latitude the ONS Postcode Directory gives postcodes
// without a grid reference.
const onspdNoGrid = 99.999999

// onspdNoGridMicro is onspdNoGrid in millionths of a degree.
const onspdNoGridMicro = 99999999

// parseMicro reads a plain decimal with at most six decimal places
// ("-2.096648", "57", "+0.5") as an exact number of millionths. It reports
// false for anything else (exponents, more places, over 12 digits), which
// the caller then reads with strconv.
func parseMicro(b []byte) (int64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	neg := false
	switch b[0] {
	case '-':
		neg, b = true, b[1:]
	case '+':
		b = b[1:]
	}
	var v int64
	digits, places := 0, -1
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			v = v*10 + int64(c-'0')
			digits++
			if places >= 0 {
				places++
			}
		case c == '.' && places < 0:
			places = 0
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 12 || places > 6 {
		return 0, false
	}
	if places < 0 {
		places = 0
	}
	for ; places < 6; places++ {
		v *= 10
	}
	if neg {
		v = -v
	}
	return v, true
}

// layout says which columns hold what.
type layout struct {
	format    Format
	pc, a, b  int  // postcode; lat and lon, or easting and northing
	grid      bool // a, b are National Grid eastings and northings
	fields    int  // fields per row (0: at least minFields)
	minFields int
	names     [3]string // column names for errors
}

// maxLine is the longest line accepted, in bytes.
const maxLine = 64 << 10

// chunkSize is how much text one parsing task gets.
const chunkSize = 1 << 20

// ReadFile reads a postcode file, gzip-compressed when its name ends in
// .gz (see Read). Errors are prefixed with the path.
func ReadFile(ctx context.Context, path string) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("postcode: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: postcode: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	t, err := Read(ctx, r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// Read reads a postcode file in one of the formats of the package doc,
// recognised from its first line. Fields may be quoted but may not span
// lines; a UTF-8 byte-order mark, CRLF line ends and blank lines are
// accepted. Text is parsed on all processors while it is read; the result
// does not depend on their number. Read stops with ctx's error when ctx is
// cancelled.
func Read(ctx context.Context, r io.Reader) (*Table, error) {
	br := bufio.NewReaderSize(r, chunkSize)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
	}
	// The first non-blank line decides the layout.
	line := 0
	var first []byte
	for {
		l, err := readLine(br, line+1)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		if l != nil {
			line++
		}
		if len(bytes.TrimSpace(l)) > 0 {
			first = l
			break
		}
		if err != nil {
			return nil, ErrEmpty
		}
	}
	lay, isHeader, err := detect(first, line)
	if err != nil {
		return nil, err
	}
	var pending []byte
	if !isHeader {
		pending = append(append(pending, first...), '\n')
		line--
	}
	t, err := parseAll(ctx, br, lay, pending, line+1)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// readLine reads one line without its end, failing on a line over maxLine.
// It returns io.EOF with the last line when that has no end.
func readLine(br *bufio.Reader, n int) ([]byte, error) {
	var out []byte
	for {
		b, err := br.ReadSlice('\n')
		out = append(out, b...)
		if len(out) > maxLine {
			return nil, &RecordError{Line: n, Err: fmt.Errorf("%w: line longer than %d bytes", ErrSyntax, maxLine)}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			if len(out) == 0 {
				return nil, err
			}
			return bytes.TrimRight(out, "\r\n"), err
		}
		return bytes.TrimRight(out, "\r\n"), nil
	}
}

// detect works out the layout from the first line, which is either a
// header or (Code-Point Open as published) the first record.
func detect(first []byte, line int) (layout, bool, error) {
	f, ok := splitLine(first, nil)
	if !ok {
		return layout{}, false, &RecordError{Line: line, Err: ErrSyntax}
	}
	if len(f) >= 4 {
		if _, ok := parseKey(f[0]); ok && isNumber(f[2]) && isNumber(f[3]) {
			return layout{format: CodePoint, pc: 0, a: 2, b: 3, grid: true, minFields: 4,
				names: [3]string{"postcode", "eastings", "northings"}}, false, nil
		}
	}
	names := make([]string, len(f))
	for i, b := range f {
		names[i] = strings.ToLower(strings.TrimSpace(string(b)))
	}
	col := func(want []string) int {
		for _, w := range want {
			if i := slices.Index(names, w); i >= 0 {
				return i
			}
		}
		return -1
	}
	lay := layout{pc: col(postcodeNames), fields: len(f)}
	if lay.pc < 0 {
		return layout{}, false, &RecordError{Line: line, Field: "header", Err: ErrFormat}
	}
	lay.format = Simple
	if strings.HasPrefix(names[lay.pc], "pcd") {
		lay.format = ONSPD
	}
	if la, lo := col(latNames), col(lonNames); la >= 0 && lo >= 0 {
		lay.a, lay.b = la, lo
	} else if e, n := col(eastNames), col(northNames); e >= 0 && n >= 0 {
		lay.a, lay.b, lay.grid = e, n, true
		if lay.format == Simple {
			lay.format = CodePoint
		}
	} else {
		return layout{}, false, &RecordError{Line: line, Field: "header", Err: ErrFormat}
	}
	lay.names = [3]string{names[lay.pc], names[lay.a], names[lay.b]}
	return lay, true, nil
}

func isNumber(b []byte) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(string(b)), 64)
	return err == nil
}

// A chunk is a run of whole lines and the number of its first line.
type chunk struct {
	idx  int
	data []byte
	line int
}

// A result is what parsing one chunk produced.
type result struct {
	e       []entry
	skipped int
	err     error
}

// parseAll parses the rest of br (after pending, which starts at line
// line) on GOMAXPROCS workers while a producer cuts it into chunks.
func parseAll(ctx context.Context, br *bufio.Reader, lay layout, pending []byte, line int) (*Table, error) {
	workers := runtime.GOMAXPROCS(0)
	tasks := make(chan chunk, workers)
	var (
		mu      sync.Mutex
		results []result
		wg      sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			for c := range tasks {
				res := parseChunk(c, lay)
				mu.Lock()
				if len(results) <= c.idx {
					results = append(results, make([]result, c.idx+1-len(results))...)
				}
				results[c.idx] = res
				mu.Unlock()
			}
		})
	}
	readErr := produce(ctx, br, pending, line, tasks)
	close(tasks)
	wg.Wait()
	if readErr != nil {
		return nil, readErr
	}
	n, skipped := 0, 0
	for _, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		n += len(r.e)
		skipped += r.skipped
	}
	all := make([]entry, 0, n)
	for _, r := range results {
		all = append(all, r.e...)
	}
	if len(all) == 0 {
		return nil, ErrEmpty
	}
	slices.SortFunc(all, func(x, y entry) int { return cmp.Compare(x.k, y.k) })
	out := all[:1]
	for _, e := range all[1:] {
		last := out[len(out)-1]
		if e.k != last.k {
			out = append(out, e)
			continue
		}
		if e.lat != last.lat || e.lon != last.lon {
			return nil, fmt.Errorf("%w: %s at %v and at %v", ErrDuplicate, e.k, last.point(), e.point())
		}
	}
	return &Table{e: slices.Clip(out), skipped: skipped, format: lay.format}, nil
}

// produce cuts br into chunks of whole lines and sends them to tasks.
func produce(ctx context.Context, br *bufio.Reader, pending []byte, line int, tasks chan<- chunk) error {
	idx := 0
	carry := pending
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("postcode: reading stopped: %w", err)
		}
		buf := make([]byte, len(carry), chunkSize+len(carry))
		copy(buf, carry)
		n, err := io.ReadFull(br, buf[len(carry):cap(buf)])
		buf = buf[:len(carry)+n]
		eof := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !eof {
			return fmt.Errorf("postcode: reading: %w", err)
		}
		cut := len(buf)
		if !eof {
			cut = bytes.LastIndexByte(buf, '\n') + 1
			if cut == 0 {
				if len(buf) > maxLine {
					return &RecordError{Line: line, Err: fmt.Errorf("%w: line longer than %d bytes", ErrSyntax, maxLine)}
				}
				carry = buf
				continue
			}
		}
		if cut > 0 {
			tasks <- chunk{idx: idx, data: buf[:cut], line: line}
			idx++
			line += bytes.Count(buf[:cut], []byte{'\n'})
		}
		if eof {
			return nil
		}
		carry = buf[cut:]
	}
}

// parseChunk parses every line of c.
func parseChunk(c chunk, lay layout) result {
	var res result
	res.e = make([]entry, 0, len(c.data)/24)
	var f [][]byte
	data := c.data
	for line := c.line; len(data) > 0; line++ {
		l := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if len(l) > 0 && l[len(l)-1] == '\r' {
			l = l[:len(l)-1]
		}
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		var ok bool
		if f, ok = splitLine(l, f[:0]); !ok {
			res.err = &RecordError{Line: line, Err: fmt.Errorf("%w: unbalanced quotes", ErrSyntax)}
			return res
		}
		if (lay.fields > 0 && len(f) != lay.fields) || len(f) < lay.minFields {
			want := lay.fields
			if want == 0 {
				want = lay.minFields
			}
			res.err = &RecordError{Line: line, Value: fmt.Sprintf("%d fields, want %d", len(f), want), Err: ErrRagged}
			return res
		}
		e, skip, err := parseRow(f, lay, line)
		if err != nil {
			res.err = err
			return res
		}
		if skip {
			res.skipped++
			continue
		}
		res.e = append(res.e, e)
	}
	return res
}

// parseRow reads one row; skip is true for a row without coordinates.
func parseRow(f [][]byte, lay layout, line int) (e entry, skip bool, err error) {
	k, ok := parseKey(f[lay.pc])
	if !ok {
		return e, false, &RecordError{Line: line, Field: lay.names[0], Value: string(f[lay.pc]), Err: ErrInvalid}
	}
	as, bs := bytes.TrimSpace(f[lay.a]), bytes.TrimSpace(f[lay.b])
	if len(as) == 0 && len(bs) == 0 {
		return e, true, nil
	}
	bad := func(i int, s []byte) error {
		return &RecordError{Line: line, Field: lay.names[i], Value: string(s), Err: ErrCoordinate}
	}
	if !lay.grid {
		// Fast path: plain decimals with at most six places, read exactly.
		if la, ok := parseMicro(as); ok {
			if lo, ok := parseMicro(bs); ok {
				switch {
				case la == onspdNoGridMicro:
					return e, true, nil
				case la < -90e6 || la > 90e6:
					return e, false, bad(1, as)
				case lo < -180e6 || lo > 180e6:
					return e, false, bad(2, bs)
				}
				return entry{k: k, lat: int32(la), lon: int32(lo)}, false, nil
			}
		}
	}
	a, err := strconv.ParseFloat(string(as), 64)
	if err != nil || math.IsNaN(a) || math.IsInf(a, 0) {
		return e, false, bad(1, as)
	}
	b, err := strconv.ParseFloat(string(bs), 64)
	if err != nil || math.IsNaN(b) || math.IsInf(b, 0) {
		return e, false, bad(2, bs)
	}
	var lat, lon float64
	if lay.grid {
		if a == 0 && b == 0 {
			return e, true, nil
		}
		if !osgb.InBounds(a, b) {
			return e, false, bad(1, []byte(fmt.Sprintf("%s, %s: outside the National Grid", as, bs)))
		}
		p := osgb.ToWGS84(a, b)
		lat, lon = p.Lat(), p.Lon()
	} else {
		lat, lon = a, b
		if lat == onspdNoGrid {
			return e, true, nil
		}
		if lat < -90 || lat > 90 {
			return e, false, bad(1, as)
		}
		if lon < -180 || lon > 180 {
			return e, false, bad(2, bs)
		}
	}
	return entry{k: k, lat: int32(math.Round(lat * 1e6)), lon: int32(math.Round(lon * 1e6))}, false, nil
}

// splitLine splits one CSV line into dst. A field may be quoted ("..."
// with "" for a quote, kept doubled: no value read here contains one); ok
// is false when a quote is unbalanced.
func splitLine(l []byte, dst [][]byte) ([][]byte, bool) {
	for {
		if len(l) > 0 && l[0] == '"' {
			i := 1
			for {
				j := bytes.IndexByte(l[i:], '"')
				if j < 0 {
					return dst, false
				}
				i += j + 1
				if i < len(l) && l[i] == '"' {
					i++
					continue
				}
				break
			}
			dst = append(dst, l[1:i-1])
			l = l[i:]
			if len(l) == 0 {
				return dst, true
			}
			if l[0] != ',' {
				return dst, false
			}
			l = l[1:]
			continue
		}
		i := bytes.IndexByte(l, ',')
		if i < 0 {
			return append(dst, l), true
		}
		dst = append(dst, l[:i])
		l = l[i+1:]
	}
}
