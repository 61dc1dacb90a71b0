package epcn

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Header names (lower case, spacing collapsed) per field, by preference.
var (
	practiceNames = []string{"partner organisation code", "practice code"}
	pcnNames      = []string{"pcn code"}
	nameNames     = []string{"pcn name"}
	partnerNames  = []string{"partner name", "practice name"}
	startNames    = []string{"practice to pcn relationship start date", "start date"}
	endNames      = []string{"practice to pcn relationship end date", "end date"}
)

// canon collapses white space (the published headers break lines inside
// names) and lowers case.
func canon(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// A rowSource yields the header, then rows, each with the line where it
// starts; it returns io.EOF at the end.
type rowSource interface {
	next() (row []string, line int, err error)
}

// ReadFile reads the PCN Core Partner Details of an ePCN file: the .xlsx
// workbook as published, or a .csv export of that sheet. Errors are
// prefixed with the path.
func ReadFile(path string) ([]Membership, error) {
	var (
		ms  []Membership
		err error
	)
	switch low := strings.ToLower(path); {
	case strings.HasSuffix(low, ".csv"):
		var f *os.File
		if f, err = os.Open(path); err != nil {
			return nil, fmt.Errorf("epcn: %w", err)
		}
		defer f.Close()
		ms, err = ReadCSV(f)
	case strings.HasSuffix(low, ".xlsx"):
		ms, err = readXLSXFile(path)
	default:
		return nil, fmt.Errorf("%s: %w", path, ErrFormat)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ms, nil
}

// ReadCSV reads the PCN Core Partner Details sheet exported as CSV
// (RFC 4180: quoted fields may hold line breaks, as its header does).
func ReadCSV(r io.Reader) ([]Membership, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	return read(&csvSource{cr: cr})
}

type csvSource struct{ cr *csv.Reader }

func (s *csvSource) next() ([]string, int, error) {
	row, err := s.cr.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, pe.StartLine, &RecordError{Line: pe.StartLine, Value: pe.Err.Error(), Err: fmt.Errorf("epcn: CSV syntax error")}
		}
		return nil, 0, err
	}
	line, _ := s.cr.FieldPos(0)
	return row, line, nil
}

// read turns header and rows into memberships, checking every row.
func read(src rowSource) ([]Membership, error) {
	var (
		header []string
		hline  int
		err    error
	)
	for {
		header, hline, err = src.next()
		if err == io.EOF {
			return nil, ErrEmpty
		}
		if err != nil {
			return nil, err
		}
		if !blankRow(header) {
			break
		}
	}
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = canon(h)
	}
	col := func(want []string, required bool) (int, error) {
		for _, w := range want {
			for i, n := range names {
				if n == w {
					return i, nil
				}
			}
		}
		if required {
			return -1, &RecordError{Line: hline, Column: want[0], Err: ErrMissingColumn}
		}
		return -1, nil
	}
	var c [6]int
	for i, f := range []struct {
		names    []string
		required bool
	}{{practiceNames, true}, {pcnNames, true}, {nameNames, false}, {startNames, true}, {endNames, false}, {partnerNames, false}} {
		if c[i], err = col(f.names, f.required); err != nil {
			return nil, err
		}
	}
	cPractice, cPCN, cName, cStart, cEnd, cPartner := c[0], c[1], c[2], c[3], c[4], c[5]
	var out []Membership
	for {
		row, line, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if blankRow(row) {
			continue
		}
		field := func(i int) string {
			if i < 0 || i >= len(row) {
				return ""
			}
			return strings.TrimSpace(row[i])
		}
		if len(row) < len(header) && !xlsxShortRowOK(src, row, c[:]) {
			return nil, &RecordError{Line: line, Value: fmt.Sprintf("%d fields, header has %d", len(row), len(header)), Err: ErrRagged}
		}
		bad := func(i int, v string, e error) error {
			return &RecordError{Line: line, Column: canon(header[i]), Value: v, Err: e}
		}
		m := Membership{Practice: field(cPractice), Name: field(cPartner), PCN: field(cPCN), PCNName: field(cName), Line: line}
		if m.Practice == "" {
			return nil, bad(cPractice, "", ErrBlank)
		}
		if m.PCN == "" {
			return nil, bad(cPCN, "", ErrBlank)
		}
		if m.Start, err = ParseDate(field(cStart)); err != nil {
			return nil, bad(cStart, field(cStart), ErrDate)
		}
		if v := field(cEnd); v != "" {
			if m.End, err = ParseDate(v); err != nil {
				return nil, bad(cEnd, v, ErrDate)
			}
			if m.End.Before(m.Start) {
				return nil, bad(cEnd, v, ErrEndBeforeStart)
			}
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		return nil, ErrEmpty
	}
	return out, nil
}

func blankRow(row []string) bool {
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// xlsxShortRowOK allows a workbook row to stop early (spreadsheets do not
// store trailing empty cells) as long as it holds the required columns.
func xlsxShortRowOK(src rowSource, row []string, cols []int) bool {
	if _, ok := src.(*xlsxSource); !ok {
		return false
	}
	for _, i := range []int{cols[0], cols[1], cols[3]} {
		if i >= len(row) {
			return false
		}
	}
	return true
}
