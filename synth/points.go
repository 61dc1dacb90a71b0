package synth

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/input"
)

// Bounds of the point generator.
const (
	MinPoints = MinPractices
	MaxPoints = 20_000_000
)

// ErrPointCount is returned (wrapped) when PointsOptions.Points is outside
// [MinPoints, MaxPoints].
var ErrPointCount = errors.New("synth: number of points out of range")

// PointsOptions says what GeneratePoints builds.
type PointsOptions struct {
	Points int    // number of points, MinPoints..MaxPoints
	Seed   uint64 // the same seed and size give identical points
}

// Points is a large clustered point set of weight 1 each (address points,
// postcodes, census blocks) on the same fictional country as Generate, held
// compactly: two int32 coordinates per point and nothing else. Codes are not
// stored; point i is coded "P" followed by i+1 zero-padded to at least eight
// digits, made on demand by AppendCode, WriteCSV and Practices.
type Points struct {
	Lon, Lat []int32 // micro-degrees
	// Boundary is the land, as in Country.Boundary.
	Boundary orb.MultiPolygon
}

// GeneratePoints scatters opts.Points points over the country with the
// layout of Generate (Zipf cities, near-Gaussian cores and suburbs, 18%
// rural, 8.5% at the exact point of an earlier one, an island and a
// one-point islet) but with no list sizes: so it is clustered like a real
// country rather than uniform. Time and memory are O(n): 8 bytes a point
// plus the cities; 10,000,000 points take a few seconds.
func GeneratePoints(opts PointsOptions) (*Points, error) {
	n := opts.Points
	if n < MinPoints || n > MaxPoints {
		return nil, fmt.Errorf("%w: %d (want %d to %d)", ErrPointCount, n, MinPoints, MaxPoints)
	}
	l := newLand(opts.Seed)
	cities := placeCities(l, opts.Seed, max(minCities, n/practicesPerCity))
	nIsland := max(minIsland, (n*islandPer10k+5000)/10000)
	p := &Points{Lon: make([]int32, n), Lat: make([]int32, n), Boundary: l.multiPolygon()}
	scatter(l, cities, opts.Seed, p.Lon, p.Lat, nil, nIsland, 0)
	return p, nil
}

// Len is the number of points.
func (p *Points) Len() int { return len(p.Lon) }

// codeDigits is the minimum width of the number in a point's code.
const codeDigits = 8

// AppendCode appends the code of point i ("P00000001" for i = 0) to dst.
func (p *Points) AppendCode(dst []byte, i int) []byte {
	dst = append(dst, 'P')
	var num [20]byte
	d := strconv.AppendInt(num[:0], int64(i+1), 10)
	for range codeDigits - len(d) {
		dst = append(dst, '0')
	}
	return append(dst, d...)
}

// Loc is the location of point i as [lon, lat] degrees.
func (p *Points) Loc(i int) orb.Point {
	return orb.Point{float64(p.Lon[i]) / 1e6, float64(p.Lat[i]) / 1e6}
}

// Practices returns the points as sites of weight 1 for the partitioner,
// in order, with their codes and no names. All codes share one backing
// string, so the strings cost one allocation.
func (p *Points) Practices() []input.Practice {
	n := p.Len()
	var b strings.Builder
	b.Grow(n * (codeDigits + 2))
	end := make([]int32, n)
	var buf []byte
	for i := range n {
		buf = p.AppendCode(buf[:0], i)
		b.Write(buf)
		end[i] = int32(b.Len())
	}
	s := b.String()
	ps := make([]input.Practice, n)
	prev := int32(0)
	for i := range ps {
		ps[i] = input.Practice{Code: s[prev:end[i]], Loc: p.Loc(i), Patients: 1}
		prev = end[i]
	}
	return ps
}

// WriteCSV writes the points as CSV with the header code,lat,lon,patients,
// six decimals (exactly the generated micro-degrees) and patients 1, the
// codes made as they are written. It returns the first write error.
func (p *Points) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("code,lat,lon,patients\n")
	var line []byte
	for i := range p.Len() {
		line = p.AppendCode(line[:0], i)
		line = append(line, ',')
		line = appendMicro(line, p.Lat[i])
		line = append(line, ',')
		line = appendMicro(line, p.Lon[i])
		line = append(line, ",1\n"...)
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// appendMicro appends v micro-degrees as degrees with six decimals, exactly.
func appendMicro(dst []byte, v int32) []byte {
	u := int64(v)
	if u < 0 {
		dst = append(dst, '-')
		u = -u
	}
	dst = strconv.AppendInt(dst, u/1_000_000, 10)
	dst = append(dst, '.')
	var f [8]byte
	frac := strconv.AppendInt(f[:0], 1_000_000+u%1_000_000, 10)
	return append(dst, frac[1:]...)
}
