package export

import (
	"bytes"
	"fmt"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"
)

// encodePNG's output decodes with image/png to the same pixels, for sizes
// of one strip, several strips and a partial last strip.
func TestEncodePNG(t *testing.T) {
	for _, sz := range [][2]int{{1, 1}, {7, 3}, {300, 64}, {129, 200}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(sz[0]), uint64(sz[1])))
			img := image.NewRGBA(image.Rect(0, 0, sz[0], sz[1]))
			for y := range sz[1] {
				for x := range sz[0] {
					c := color.RGBA{uint8(r.IntN(256)), uint8(x), uint8(y), 0xff}
					if r.IntN(2) == 0 {
						c = color.RGBA{0xfa, 0xfa, 0xf7, 0xff} // runs, as on a map
					}
					img.SetRGBA(x, y, c)
				}
			}
			var buf bytes.Buffer
			if err := encodePNG(&buf, img); err != nil {
				t.Fatal(err)
			}
			back, err := png.Decode(&buf)
			if err != nil {
				t.Fatalf("image/png cannot decode it: %v", err)
			}
			if back.Bounds() != img.Bounds() {
				t.Fatalf("bounds %v, want %v", back.Bounds(), img.Bounds())
			}
			for y := range sz[1] {
				for x := range sz[0] {
					if got := color.RGBAModel.Convert(back.At(x, y)); got != img.At(x, y) {
						t.Fatalf("pixel (%d,%d) = %v, want %v", x, y, got, img.At(x, y))
					}
				}
			}
		})
	}
}

// adler32Combine of the parts' checksums is the checksum of the whole, for
// splits anywhere in strings of every length up to a few times the modulus.
func TestAdler32Combine(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 100, 65520, 65521, 65522, 200000} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.IntN(256))
			if i%7 == 0 {
				b[i] = 0xff // large sums early
			}
		}
		want := adler32.Checksum(b)
		for _, cut := range []int{0, n / 3, n / 2, n - 1, n} {
			if cut < 0 || cut > n {
				continue
			}
			if got := adler32Combine(adler32.Checksum(b[:cut]), adler32.Checksum(b[cut:]), n-cut); got != want {
				t.Errorf("n %d cut %d: %08x, want %08x", n, cut, got, want)
			}
		}
	}
}
