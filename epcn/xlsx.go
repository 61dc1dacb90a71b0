package epcn

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// SheetName is the workbook sheet ReadXLSX reads (matched ignoring case
// and spacing).
const SheetName = "PCN Core Partner Details"

// ReadXLSX reads the PCN Core Partner Details sheet of the ePCN workbook
// as published (.xlsx). Cells are read as stored, not as displayed; dates
// may be YYYYMMDD numbers or text, or spreadsheet dates.
func ReadXLSX(r io.Reader) ([]Membership, error) {
	f, err := excelize.OpenReader(r, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("epcn: reading workbook: %w", err)
	}
	defer f.Close()
	return readWorkbook(f)
}

func readXLSXFile(path string) ([]Membership, error) {
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("epcn: reading workbook: %w", err)
	}
	defer f.Close()
	return readWorkbook(f)
}

func readWorkbook(f *excelize.File) ([]Membership, error) {
	sheet := ""
	for _, s := range f.GetSheetList() {
		if canon(s) == canon(SheetName) {
			sheet = s
			break
		}
	}
	if sheet == "" {
		return nil, fmt.Errorf("%w (sheets: %q)", ErrSheet, f.GetSheetList())
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("epcn: sheet %q: %w", sheet, err)
	}
	defer rows.Close()
	return read(&xlsxSource{rows: rows})
}

// xlsxSource yields the rows of one sheet, numbered as the spreadsheet
// numbers them.
type xlsxSource struct {
	rows *excelize.Rows
	n    int
}

func (s *xlsxSource) next() ([]string, int, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, s.n, fmt.Errorf("epcn: sheet row %d: %w", s.n+1, err)
		}
		return nil, s.n, io.EOF
	}
	s.n++
	row, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, s.n, fmt.Errorf("epcn: sheet row %d: %w", s.n, err)
	}
	return row, s.n, nil
}
