package input

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// byteLimiter is lineLimiter's Read as first written, a byte at a time:
// the reference the vectorised Read must match.
type byteLimiter lineLimiter

func (l *byteLimiter) Read(b []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(b)
	data := b[:n]
	for i, c := range data {
		if l.crOnly && c == '\r' {
			c = '\n'
			data[i] = c
		}
		switch c {
		case '"':
			l.quoted = !l.quoted
		case '\n':
			if l.cur > maxLine {
				break
			}
			l.cur = 0
			l.line++
			if !l.quoted {
				l.recStart = l.off + int64(i) + 1
			}
			continue
		}
		l.cur++
		if l.cur > maxLine || l.off+int64(i)-l.recStart > maxLine+csvBuffer {
			l.err = newRecordError(l.line, -1, "", "", "", ErrLineTooLong)
			return 0, l.err
		}
	}
	l.off += int64(n)
	return n, err
}

// chunks reads from data in pieces of the given sizes, cycling.
type chunks struct {
	data  []byte
	sizes []int
	k     int
}

func (c *chunks) Read(b []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := min(len(b), len(c.data), c.sizes[c.k%len(c.sizes)])
	c.k++
	copy(b, c.data[:n])
	c.data = c.data[n:]
	return n, nil
}

// TestLineLimiterMatchesByteLoop feeds the same inputs, cut into the same
// pieces, through lineLimiter and the byte-at-a-time reference, and checks
// that every Read returns the same bytes, counts and error (naming the
// same line) and that the line and record positions agree until then.
func TestLineLimiterMatchesByteLoop(t *testing.T) {
	long := strings.Repeat("x", maxLine)
	inputs := map[string]string{
		"plain":                 "code,lat,lon\nA,1,2\nB,3,4\n",
		"quotes":                "code,name\nA,\"x, \"\"y\"\"\"\nB,\"two\nlines\"\n\"C\",z\n",
		"blank lines":           "a,b\n\n\n\n1,2\n\n",
		"CR only":               "a,b\r1,2\r\"x\ry\",3\r",
		"CRLF":                  "a,b\r\n1,2\r\n",
		"line of maxLine":       "a\n" + long + "\nb\n",
		"line over maxLine":     "a\n" + long + "x\nb\n",
		"long line at the end":  "a\n" + long + "xy",
		"quoted record too big": "a\n\"" + strings.Repeat(strings.Repeat("y", 1000)+"\n", maxLine/1000+csvBuffer/1000+2) + "\"\n",
		"quoted record fits":    "a\n\"" + strings.Repeat(strings.Repeat("y", 1000)+"\n", maxLine/1000) + "\"\nb\n",
		"unbalanced quote":      "a,\"b\n" + strings.Repeat("c\n", 1000),
	}
	// A quoted record whose bytes up to the end of a run of ordinary
	// bytes reach the record limit exactly, and one byte beyond it.
	record := func(size int) string {
		var b strings.Builder
		b.WriteString("a\n\"")
		for b.Len()-2 < size-1000 {
			b.WriteString(strings.Repeat("y", 999) + "\n")
		}
		b.WriteString(strings.Repeat("y", size-(b.Len()-2)))
		b.WriteString("\n\"\nb\n")
		return b.String()
	}
	inputs["record at the limit"] = record(maxLine + csvBuffer + 1)
	inputs["record one over"] = record(maxLine + csvBuffer + 2)
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 200_000)
	for i := range random {
		random[i] = "ab,\"\n\r "[rng.IntN(7)]
	}
	inputs["random"] = string(random)
	for name, in := range inputs {
		for _, sizes := range [][]int{{1}, {7, 1, 300}, {4096}, {65536}, {1 << 21}} {
			for _, cr := range []bool{false, true} {
				got := &lineLimiter{r: &chunks{data: []byte(in), sizes: sizes}, line: 1, crOnly: cr}
				want := &byteLimiter{r: &chunks{data: []byte(in), sizes: sizes}, line: 1, crOnly: cr}
				bg, bw := make([]byte, 1<<16), make([]byte, 1<<16)
				for call := 0; ; call++ {
					ng, eg := got.Read(bg)
					nw, ew := want.Read(bw)
					if ng != nw || !bytes.Equal(bg[:ng], bw[:nw]) || !sameErr(eg, ew) ||
						got.line != want.line || (eg == nil && (got.cur != want.cur || got.recStart != want.recStart || got.quoted != want.quoted)) {
						t.Fatalf("%s, pieces %v, crOnly %v, read %d: got %d bytes, %v, line %d, cur %d, record at %d; want %d bytes, %v, line %d, cur %d, record at %d",
							name, sizes, cr, call, ng, eg, got.line, got.cur, got.recStart, nw, ew, want.line, want.cur, want.recStart)
					}
					if eg != nil {
						break
					}
				}
			}
		}
	}
}

func sameErr(a, b error) bool {
	if a == nil || b == nil {
		return a == b
	}
	var ra, rb *RecordError
	if errors.As(a, &ra) && errors.As(b, &rb) {
		return ra.Line == rb.Line && errors.Is(a, ErrLineTooLong) == errors.Is(b, ErrLineTooLong)
	}
	return a.Error() == b.Error()
}
