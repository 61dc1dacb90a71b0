package input

import (
	"errors"
	"fmt"
	"strconv"
)

// coordScanner decodes the "coordinates" member of a Polygon or
// MultiPolygon, arrays of arrays of numbers, into nested float64 slices
// exactly as encoding/json would, but without reflection: an outline of
// tens of thousands of positions is read several times faster. The input
// is a value encoding/json has already checked to be valid JSON, so only
// the shape is checked here: an array where an array belongs (null gives
// a nil slice, as in encoding/json), a number where a number belongs (null
// gives 0) and numbers float64 can hold.
type coordScanner struct {
	b []byte
	i int
}

var errCoordShape = errors.New("coordinates are not nested arrays of numbers")

// decodePolygonCoords decodes a Polygon's coordinates (rings of positions).
func decodePolygonCoords(raw []byte) ([][][]float64, error) {
	s := &coordScanner{b: raw}
	return s.rings()
}

// decodeMultiPolygonCoords decodes a MultiPolygon's coordinates.
func decodeMultiPolygonCoords(raw []byte) ([][][][]float64, error) {
	s := &coordScanner{b: raw}
	var out [][][][]float64
	err := s.array(func() error {
		p, err := s.rings()
		out = append(out, p)
		return err
	}, func() { out = [][][][]float64{} })
	return out, err
}

func (s *coordScanner) rings() ([][][]float64, error) {
	var out [][][]float64
	err := s.array(func() error {
		r, err := s.positions()
		out = append(out, r)
		return err
	}, func() { out = [][][]float64{} })
	return out, err
}

func (s *coordScanner) positions() ([][]float64, error) {
	var out [][]float64
	err := s.array(func() error {
		var pos []float64
		err := s.array(func() error {
			v, err := s.number()
			pos = append(pos, v)
			return err
		}, func() { pos = []float64{} })
		out = append(out, pos)
		return err
	}, func() { out = [][]float64{} })
	return out, err
}

// array reads an array, calling elem at each element, or null (leaving
// the slice nil); empty is called at "[" so that an empty array gives an
// empty slice rather than nil, as in encoding/json.
func (s *coordScanner) array(elem func() error, empty func()) error {
	s.space()
	if s.null() {
		return nil
	}
	if s.i >= len(s.b) || s.b[s.i] != '[' {
		return s.shapeError()
	}
	s.i++
	empty()
	s.space()
	if s.i < len(s.b) && s.b[s.i] == ']' {
		s.i++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		s.space()
		if s.i >= len(s.b) {
			return s.shapeError()
		}
		switch s.b[s.i] {
		case ',':
			s.i++
		case ']':
			s.i++
			return nil
		default:
			return s.shapeError()
		}
	}
}

// number reads a number (null: 0).
func (s *coordScanner) number() (float64, error) {
	s.space()
	if s.null() {
		return 0, nil
	}
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		if c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			s.i++
			continue
		}
		break
	}
	if s.i == start {
		return 0, s.shapeError()
	}
	v, err := strconv.ParseFloat(string(s.b[start:s.i]), 64)
	if err != nil {
		return 0, fmt.Errorf("number %s: %w", s.b[start:s.i], err)
	}
	return v, nil
}

func (s *coordScanner) null() bool {
	if len(s.b)-s.i >= 4 && string(s.b[s.i:s.i+4]) == "null" {
		s.i += 4
		return true
	}
	return false
}

func (s *coordScanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *coordScanner) shapeError() error {
	return fmt.Errorf("%w (at byte %d)", errCoordShape, s.i)
}
