package input

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/postcode"
)

// maxLine is the longest physical line (and, give or take the read buffer,
// the largest record) ReadCSV accepts, in bytes.
const maxLine = 1 << 20

// csvBuffer is the read buffer size; it is also the slack on the record
// limit, since the buffer may run ahead of the parser by this much.
const csvBuffer = 64 << 10

// ReadCSV reads practices from comma-separated text with a header row.
//
// The header decides which column is which, case-insensitively and
// ignoring surrounding spaces: code (or practice_code, id), optional name
// (practice_name), lat (latitude), lon (lng, longitude, long) and patients
// (list_size, number_of_patients, patients_registered, weight). Other
// columns are ignored unless KeepColumns or KeepAllColumns ask for them;
// ColumnAlias and ConstantPatients change the mapping. Two columns for
// one field are an error (ErrAmbiguousColumn). With LocateByPostcode, lat
// and lon may be absent (as in NHS Digital's list-size file: CODE,
// POSTCODE, NUMBER_OF_PATIENTS) or blank, and practices are then located
// by their postcode; without it, a file that has a postcode column but no
// coordinates fails with ErrNoCoordinates.
//
// The format is RFC 4180 as read by encoding/csv: quoted fields may hold
// commas, quotes ("") and newlines; a UTF-8 byte-order mark, CRLF line
// ends, CR-only line ends (when the first line ends in a lone CR) and
// blank lines (empty or white space only, any number) are accepted.
//
// Every record is checked and nothing is dropped or altered: the code must
// not be blank, hold no control character and be unique, lat and lon must
// be finite numbers in plain decimal notation (an optional minus, digits,
// an optional fraction and exponent: "+5", "0x1p5" and "5_1.5" are errors)
// within [-90, 90] and [-180, 180], patients a non-negative whole number
// written with digits only ("12.5", "1,234", "+5", "-0" and " 12" are
// errors) whose running total stays within int64 (ErrTotalTooLarge names
// the line where it would not),
// and every row must have as many fields as the header. A physical line
// longer than 1 MiB stops the read with ErrLineTooLong without buffering
// it. Problems come back as a *RecordError (Field is the canonical field
// name: "code", "lat", ... or "header"), or with AllErrors as an ErrorList.
// On any error the returned slice is nil.
//
// Memory and speed: besides the result (whose capacity is sized from the
// input length when known, as from ReadFile, a strings.Reader or a
// bytes.Reader), ReadCSV holds one entry (the code and its line) per code
// for the duplicate check while reading, and a hash slot per code once a
// code comes out of increasing order (codeSet). Codes and names are packed
// into shared 64 KiB blocks, so a row costs one allocation (encoding/csv's
// record); Attrs is nil unless columns are kept. Records are split on a
// goroutine of their own, a batch ahead (recordStream). It stops early with an error wrapping
// ctx.Err() when ctx is cancelled (checked every 65,536 records);
// WithProgress applies.
func ReadCSV(ctx context.Context, r io.Reader, opts ...ReadOption) ([]Practice, error) {
	o := buildOptions(ctx, opts)
	if o.optErr != nil {
		return nil, o.optErr
	}
	src := bufio.NewReaderSize(r, csvBuffer)
	lim := &lineLimiter{r: src, line: 1, crOnly: crOnly(src)}
	br := bufio.NewReaderSize(lim, csvBuffer)
	var base int64 // bytes skipped before the csv reader (BOM)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
		base = 3
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	p := &problems{all: o.allErrors}
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			p.add(newRecordError(1, -1, "", "header", "", ErrEmpty))
			return nil, p.err()
		}
		return nil, csvReadError(err, p)
	}
	header = append([]string(nil), header...)
	headerLine, _ := cr.FieldPos(0)
	cols, ok := resolveColumns(header, headerLine, o, p.add)
	if !ok {
		return nil, p.err()
	}

	var (
		out   practiceBuf
		total patientTotal
		codes codeSet
		ar    arena
		last  = headerLine
		start = base + cr.InputOffset() // where data rows begin
		hint  = o.sizeHint
		est   int // estimated data rows, 0 until known
		rows  int // data rows read

		unlocated []Unlocated // LocateByPostcode's failures, in file order
	)
	if hint == 0 {
		if l, ok := r.(interface{ Len() int }); ok {
			hint = int64(l.Len())
		}
	}
	rs := newRecordStream(cr) // cr is read on its own goroutine from here
	defer rs.Close()
	for !p.stopped {
		rec, err := rs.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvReadError(err, p)
		}
		line := rs.FieldLine(0)
		last = line
		if rows++; rows%progressEvery == 0 {
			if err := o.tick("read csv", rows, max(est, rows)); err != nil {
				return nil, err
			}
		}
		if len(rec) == 1 && isBlank(rec[0]) {
			continue // a line of spaces
		}
		if len(rec) != cols.n {
			p.add(newRecordError(line, -1, "", "", fmt.Sprintf("%d fields, header has %d", len(rec), cols.n), ErrRagged))
			continue
		}
		code := rec[cols.code]
		bad := false
		check := func(col int, field, value string, err error) {
			if err != nil {
				bad = true
				l := rs.FieldLine(col)
				p.add(newRecordError(l, -1, code, field, value, err))
			}
		}
		if isBlank(code) {
			check(cols.code, "code", code, ErrEmptyCode)
		} else if hasControl(code) {
			check(cols.code, "code", code, ErrControlCode)
		}
		var (
			lat, lon float64
			located  Located
			pc       string
		)
		if cols.postcode >= 0 {
			pc = rec[cols.postcode]
		}
		if cols.postcode >= 0 && (cols.lat < 0 || (isBlank(rec[cols.lat]) && isBlank(rec[cols.lon]))) {
			if at, err := o.locate(pc); err != nil {
				bad = true
				unlocated = append(unlocated, Unlocated{Line: line, Code: code, Postcode: pc, Err: err})
			} else {
				lat, lon, located = at.Loc.Lat(), at.Loc.Lon(), at.Located
			}
		} else {
			lat, err = parseLat(rec[cols.lat])
			check(cols.lat, "lat", rec[cols.lat], err)
			lon, err = parseLon(rec[cols.lon])
			check(cols.lon, "lon", rec[cols.lon], err)
		}
		n := o.weight
		if !o.constant {
			n, err = parseCount(rec[cols.patients])
			check(cols.patients, "patients", rec[cols.patients], err)
		}
		if !isBlank(code) {
			stored := ar.str(code)
			if first, dup := codes.add(stored, line); dup {
				e := newRecordError(line, -1, code, "code", code, ErrDuplicateCode)
				e.Dup = first
				bad = true
				p.add(e)
			}
			code = stored
		}
		if !bad && total.add(n) {
			col := cols.patients
			if o.constant {
				col = cols.code
			}
			check(col, "patients", fmt.Sprint(n), ErrTotalTooLarge)
		}
		if bad || len(p.list) > 0 {
			continue // keep checking, but build nothing
		}
		pr := Practice{Code: code, Loc: orb.Point{lon, lat}, Patients: n, Located: located}
		if cols.postcode >= 0 {
			if canon, err := postcode.Normalize(pc); err == nil {
				pc = canon
			}
			pr.Postcode = ar.str(pc)
		}
		if cols.name >= 0 {
			pr.Name = ar.str(rec[cols.name])
		}
		if len(cols.keep) > 0 {
			pr.Attrs = make(map[string]string, len(cols.keep))
			for _, k := range cols.keep {
				pr.Attrs[k.key] = ar.str(rec[k.col])
			}
		}
		out.add(pr)
		if out.n == sampleRows && hint > 0 {
			est = estimateRows(hint, start, base+rs.InputOffset(), sampleRows)
			out.reserve(est)
			codes.reserve(est)
		}
	}
	if err := p.err(); err != nil {
		if len(unlocated) > 0 {
			return nil, errors.Join(err, &UnlocatedError{Practices: unlocated})
		}
		return nil, err
	}
	if len(unlocated) > 0 {
		return nil, &UnlocatedError{Practices: unlocated}
	}
	if err := o.tick("read csv", rows, rows); err != nil {
		return nil, err
	}
	if out.n == 0 {
		return nil, newRecordError(last+1, -1, "", "", "", ErrEmpty)
	}
	return out.slice(), nil
}

// sampleRows is how many rows ReadCSV reads before it estimates the total
// from the input size, to allocate the result once.
const sampleRows = 512

// estimateRows predicts the number of data rows in an input of size bytes
// whose data starts at byte start, given that the first rows rows end at
// byte at. It errs a little high, never above one row per 8 bytes.
func estimateRows(size, start, at int64, rows int) int {
	per := float64(at-start) / float64(rows)
	if per < 8 {
		per = 8
	}
	est := float64(rows) + float64(size-at)/per*1.02 + 64
	if est > float64(size)/8+float64(rows) {
		est = float64(size)/8 + float64(rows)
	}
	if est < float64(rows) {
		est = float64(rows)
	}
	return int(est)
}

// csvReadError turns an error from csv.Reader into a RecordError (syntax,
// over-long line) added to p, or wraps an I/O error; it returns the error
// ReadCSV should return.
func csvReadError(err error, p *problems) error {
	var re *RecordError
	var pe *csv.ParseError
	switch {
	case errors.As(err, &re):
		p.add(re)
	case errors.As(err, &pe):
		p.add(newRecordError(pe.StartLine, -1, "", "", pe.Err.Error(), ErrSyntax))
	default:
		ioErr := fmt.Errorf("input: reading CSV: %w", err)
		if len(p.list) > 0 {
			return errors.Join(p.err(), ioErr)
		}
		return ioErr
	}
	return p.err()
}

// crOnly reports whether the first line break of the buffered input is a
// carriage return not followed by a line feed (old Mac files).
func crOnly(br *bufio.Reader) bool {
	b, _ := br.Peek(csvBuffer)
	i := bytes.IndexAny(b, "\r\n")
	return i >= 0 && b[i] == '\r' && (i+1 == len(b) && len(b) < csvBuffer || i+1 < len(b) && b[i+1] != '\n')
}

// lineLimiter passes bytes through, counting lines, and fails with a
// *RecordError (ErrLineTooLong) as soon as a physical line exceeds maxLine
// bytes or a record exceeds maxLine plus the read-ahead buffer. Records are
// told apart by their line breaks outside quotes (it follows the quotes as
// RFC 4180 writes them), so blank lines between records, however many,
// never count against a record, while a quoted field stays bounded
// whatever it holds. A file whose first line break is a carriage return
// alone has its line breaks read as such: each CR becomes a line feed. It
// never holds more than the caller's buffer.
type lineLimiter struct {
	r        io.Reader
	cur      int   // bytes in the current physical line so far
	line     int   // 1-based number of the current physical line
	off      int64 // bytes delivered
	recStart int64 // offset where the current record begins
	quoted   bool  // inside a quoted field
	crOnly   bool  // line breaks are lone carriage returns
	err      error // sticky
}

func (l *lineLimiter) Read(b []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(b)
	data := b[:n]
	if l.crOnly {
		for i := bytes.IndexByte(data, '\r'); i >= 0; {
			data[i] = '\n'
			k := bytes.IndexByte(data[i+1:], '\r')
			if k < 0 {
				break
			}
			i += 1 + k
		}
	}
	// From one quote or line break to the next (found by the vectorised
	// IndexByte): the bytes between them only lengthen the line and the
	// record, by one each, so the limits are checked once at the last of
	// them; a quote or a line break is then taken on its own.
	quote := -1 // position of the next quote at or after i, once searched
	for i := 0; i < len(data); {
		if quote < i {
			quote = len(data)
			if q := bytes.IndexByte(data[i:], '"'); q >= 0 {
				quote = i + q
			}
		}
		j := quote
		if k := bytes.IndexByte(data[i:j], '\n'); k >= 0 {
			j = i + k
		}
		if run := j - i; run > 0 {
			l.cur += run
			if l.cur > maxLine || l.off+int64(j-1)-l.recStart > maxLine+csvBuffer {
				l.err = newRecordError(l.line, -1, "", "", "", ErrLineTooLong)
				return 0, l.err
			}
		}
		if j == len(data) {
			break
		}
		if data[j] == '\n' { // l.cur <= maxLine here, or Read had failed
			l.cur = 0
			l.line++
			if !l.quoted {
				l.recStart = l.off + int64(j) + 1
			}
			i = j + 1
			continue
		}
		if data[j] == '"' {
			l.quoted = !l.quoted
		}
		l.cur++
		if l.cur > maxLine || l.off+int64(j)-l.recStart > maxLine+csvBuffer {
			l.err = newRecordError(l.line, -1, "", "", "", ErrLineTooLong)
			return 0, l.err
		}
		i = j + 1
	}
	l.off += int64(n)
	return n, err
}
