package input

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
)

// TestReadAhead: the same bytes as the source, then the same error, for
// sizes around the block size; and Close stops a source that never ends.
func TestReadAhead(t *testing.T) {
	errBroken := errors.New("broken")
	for _, n := range []int{0, 1, readAheadBlock - 1, readAheadBlock, 3*readAheadBlock + 17, 9 * readAheadBlock} {
		data := make([]byte, n)
		r := rand.New(rand.NewPCG(1, uint64(n)))
		for i := range data {
			data[i] = byte(r.IntN(256))
		}
		for _, tail := range []error{nil, errBroken} {
			var src io.Reader = bytes.NewReader(data)
			if tail != nil {
				src = io.MultiReader(src, &failing{tail})
			}
			ra := newReadAhead(src)
			var got bytes.Buffer
			buf := make([]byte, 1000+n%7) // odd sizes, to cut blocks unevenly
			var err error
			for {
				var k int
				k, err = ra.Read(buf)
				got.Write(buf[:k])
				if err != nil {
					break
				}
			}
			ra.Close()
			want := tail
			if want == nil {
				want = io.EOF
			}
			if !errors.Is(err, want) {
				t.Errorf("%d bytes: error %v, want %v", n, err, want)
			}
			if !bytes.Equal(got.Bytes(), data) {
				t.Errorf("%d bytes: read %d bytes, not the source's", n, got.Len())
			}
		}
	}
	ra := newReadAhead(zeros{})
	if _, err := ra.Read(make([]byte, 10)); err != nil {
		t.Fatal(err)
	}
	ra.Close() // must return although the source never ends
	ra.Close()
}

type failing struct{ err error }

func (f *failing) Read([]byte) (int, error) { return 0, f.err }

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
