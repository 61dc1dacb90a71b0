package export

import (
	"bytes"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"

	"github.com/hubpart/hubpart/internal/parallel"
)

// encodePNG writes img, which must be opaque, as an 8-bit RGB PNG. Rows use
// the Sub filter (cheap, and the map's flat fills become runs of zeros) and
// are deflated in strips on all CPUs, each strip a fresh deflate stream
// ended by a sync flush, as pigz does; the strips concatenate into one
// zlib stream. image/png spends most of its time choosing a filter per row
// and compresses on one CPU. The deflater is github.com/klauspost/compress
// at level 2: on the England map it packs about as tightly as
// compress/flate's BestSpeed in much less time (BenchmarkPNGEncodeEngland).
func encodePNG(w io.Writer, img *image.RGBA) error {
	b := img.Bounds()
	wd, ht := b.Dx(), b.Dy()
	const stripRows = 64
	strips := (ht + stripRows - 1) / stripRows
	sums := make([]uint32, strips) // Adler-32 of each strip's filtered rows
	lens := make([]int, strips)
	packed := make([][]byte, strips)
	errs := make([]error, strips)
	parallel.Each(strips, func(s int) {
		y0, y1 := s*stripRows, min((s+1)*stripRows, ht)
		rowLen := 1 + 3*wd
		bp := stripBufs.Get().(*[]byte)
		defer stripBufs.Put(bp)
		if n := (y1 - y0) * rowLen; cap(*bp) < n {
			*bp = make([]byte, n)
		}
		data := (*bp)[:(y1-y0)*rowLen] // every byte is written below
		for y := y0; y < y1; y++ {
			src := img.Pix[y*img.Stride : y*img.Stride+4*wd]
			row := data[(y-y0)*rowLen : (y-y0+1)*rowLen]
			row[0] = 1 // filter type Sub
			var pr, pg, pb byte
			for x := 0; x < wd; x++ {
				px, out := src[4*x:4*x+3:4*x+3], row[1+3*x:4+3*x:4+3*x]
				r, g, bl := px[0], px[1], px[2]
				out[0], out[1], out[2] = r-pr, g-pg, bl-pb
				pr, pg, pb = r, g, bl
			}
		}
		sums[s], lens[s] = adler32.Checksum(data), len(data)
		var buf bytes.Buffer
		buf.Grow(len(data) / 4)
		fw := deflaters.Get().(*flate.Writer)
		defer deflaters.Put(fw)
		fw.Reset(&buf) // a fresh stream: no history from another strip
		_, err := fw.Write(data)
		if err == nil {
			if s == strips-1 {
				err = fw.Close()
			} else {
				err = fw.Flush()
			}
		}
		packed[s], errs[s] = buf.Bytes(), err
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	sum := sums[0]
	for s := 1; s < strips; s++ {
		sum = adler32Combine(sum, sums[s], lens[s])
	}

	var hdr [13]byte
	binary.BigEndian.PutUint32(hdr[0:], uint32(wd))
	binary.BigEndian.PutUint32(hdr[4:], uint32(ht))
	hdr[8], hdr[9] = 8, 2 // 8-bit RGB; compression, filter, interlace 0
	bw := &chunkWriter{w: w}
	bw.raw([]byte("\x89PNG\r\n\x1a\n"))
	bw.chunk("IHDR", hdr[:])
	bw.chunk("IDAT", []byte{0x78, 0x01}) // zlib header: deflate, fastest
	for _, p := range packed {
		bw.chunk("IDAT", p)
	}
	bw.chunk("IDAT", binary.BigEndian.AppendUint32(nil, sum))
	bw.chunk("IEND", nil)
	return bw.err
}

// adler32Combine returns the Adler-32 checksum of the concatenation of two
// byte strings whose checksums are a1 and a2, the second n2 bytes long (as
// zlib's adler32_combine): with A = 1 + the sum of the bytes and B = the
// sum of the running values of A, A(xy) = A(x) + A(y) - 1 and
// B(xy) = B(x) + B(y) + n2 (A(x) - 1), modulo 65521.
func adler32Combine(a1, a2 uint32, n2 int) uint32 {
	const base = 65521
	rem := uint64(n2 % base)
	s1a, s2a := uint64(a1&0xffff), uint64(a1>>16)
	s1b, s2b := uint64(a2&0xffff), uint64(a2>>16)
	s1 := (s1a + s1b + base - 1) % base
	s2 := (s2a + s2b + rem*s1a + base - rem) % base
	return uint32(s2<<16 | s1)
}

// stripBufs recycles the strips' filtered rows.
var stripBufs = sync.Pool{New: func() any { return new([]byte) }}

// deflaters recycles the deflate writers (about 1 MB of state each).
var deflaters = sync.Pool{New: func() any {
	w, err := flate.NewWriter(nil, deflateLevel)
	if err != nil {
		panic(err) // deflateLevel is a valid level
	}
	return w
}}

// deflateLevel is the compression level of the map's strips.
const deflateLevel = 2

// chunkWriter writes PNG chunks, keeping the first error.
type chunkWriter struct {
	w   io.Writer
	err error
}

func (c *chunkWriter) raw(b []byte) {
	if c.err == nil {
		_, c.err = c.w.Write(b)
	}
}

func (c *chunkWriter) chunk(kind string, data []byte) {
	var n [8]byte
	binary.BigEndian.PutUint32(n[:4], uint32(len(data)))
	copy(n[4:], kind)
	crc := crc32.NewIEEE()
	crc.Write(n[4:])
	crc.Write(data)
	c.raw(n[:])
	c.raw(data)
	c.raw(binary.BigEndian.AppendUint32(nil, crc.Sum32()))
}
