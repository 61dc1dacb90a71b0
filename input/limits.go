package input

import (
	"errors"
	"fmt"
	"io"
	"math"
)

// Limits on what a reader takes in, so that no input, however large or
// malicious, makes a read use unbounded memory or time before it fails.
const (
	// maxGeoJSON is the largest GeoJSON document ReadGeoJSON and the
	// boundary reader accept (the whole document is held in memory).
	maxGeoJSON = 1 << 30
	// maxBlankRun is the longest run of white space a GeoJSON document may
	// hold; longer runs are padding, not data.
	maxBlankRun = 1 << 20
	// maxGzipRatio is the largest ratio of decompressed to compressed
	// bytes accepted once more than gzipFree bytes came out: practice
	// files compress 5 to 20 times; a file of blanks compresses 1,000
	// times.
	maxGzipRatio = 200
	gzipFree     = 64 << 20
)

var (
	// ErrTooLarge is returned when an input passes a reader's size limit.
	ErrTooLarge = errors.New("input: input too large")
	// ErrGzipBomb is returned when a .gz file decompresses far more than
	// data of this kind does.
	ErrGzipBomb = errors.New("input: decompresses to implausibly much data")
	// ErrTotalTooLarge is returned (in a *RecordError naming the line or
	// feature) when the patients of the records read so far add up beyond
	// the largest int64.
	ErrTotalTooLarge = errors.New("input: patients add up beyond 9,223,372,036,854,775,807")
	// ErrControlCode is returned for a code holding a control character.
	ErrControlCode = errors.New("input: control character in code")
)

// jsonLimiter passes a JSON document through, failing with ErrTooLarge or
// ErrSyntax as soon as it passes maxGeoJSON bytes, holds a run of more
// than maxBlankRun blanks, or starts with anything but '{' (after blanks):
// a file of zeros or of spaces stops within a megabyte.
type jsonLimiter struct {
	r       io.Reader
	n       int64 // bytes delivered
	blank   int   // current run of blanks
	line    int   // line of the current byte, from 1
	started bool  // first non-blank byte seen
	err     error
}

func (l *jsonLimiter) Read(b []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(b)
	for _, c := range b[:n] {
		switch c {
		case ' ', '\t', '\n', '\r':
			if c == '\n' {
				l.line++
			}
			l.blank++
			if l.blank > maxBlankRun {
				l.err = newRecordError(l.line+1, -1, "", "", "", fmt.Errorf("%w: more than 1 MiB of white space", ErrTooLarge))
				return 0, l.err
			}
			continue
		}
		l.blank = 0
		if !l.started {
			l.started = true
			if c != '{' {
				l.err = newRecordError(l.line+1, -1, "", "", "", fmt.Errorf("%w: starts with %q, not a JSON object", ErrSyntax, c))
				return 0, l.err
			}
		}
	}
	l.n += int64(n)
	if l.n > maxGeoJSON {
		l.err = newRecordError(l.line+1, -1, "", "", "", fmt.Errorf("%w: GeoJSON over %d MiB", ErrTooLarge, maxGeoJSON>>20))
		return 0, l.err
	}
	return n, err
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	return n, err
}

// ratioLimiter fails with ErrGzipBomb once more than gzipFree bytes came
// out of a decompressor and they exceed maxGzipRatio times the compressed
// bytes read.
type ratioLimiter struct {
	r   io.Reader
	in  *countReader
	out int64
}

func (l *ratioLimiter) Read(b []byte) (int, error) {
	n, err := l.r.Read(b)
	l.out += int64(n)
	if l.out > gzipFree && l.out > maxGzipRatio*l.in.n {
		return 0, fmt.Errorf("%w: %d MiB from %d KiB compressed", ErrGzipBomb, l.out>>20, l.in.n>>10)
	}
	return n, err
}

// patientTotal adds up patients exactly.
type patientTotal struct{ n int64 }

// add adds w and reports whether the total would pass the largest int64
// (then it is left unchanged).
func (t *patientTotal) add(w int64) (overflow bool) {
	if w > 0 && t.n > math.MaxInt64-w {
		return true
	}
	t.n += w
	return false
}

// hasControl reports whether s holds a control character (C0, DEL or C1),
// which would break a CSV row or a terminal line that shows it.
func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r >= 0x7f && r < 0xa0 {
			return true
		}
	}
	return false
}
