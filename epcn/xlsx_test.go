package epcn

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// workbook builds an ePCN-like workbook: a PCNDetails sheet first, then the
// partner sheet with multi-line headers, dates stored as YYYYMMDD numbers,
// as text, and as a formatted spreadsheet date.
func workbook(t *testing.T, sheet string) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", "PCNDetails"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet(sheet); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Partner\nOrganisation\nCode", "Partner\nName", "PCN Code", "PCN Name", "Practice to PCN\nRelationship\nStart Date", "Practice to PCN\nRelationship\nEnd Date"},
		{"C85628", "CAXTON HOUSE SURGERY", "U16464", "BARNSLEY PCN", 20191001, 20200831},
		{"C85628", "CAXTON HOUSE SURGERY", "U99999", "NORTH BARNSLEY PCN", "20200901"},
		{"C85026", "APOLLO COURT", "U16464", "BARNSLEY PCN", time.Date(2019, 10, 1, 0, 0, 0, 0, time.UTC), nil},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func TestReadXLSX(t *testing.T) {
	f := workbook(t, "PCN Core Partner Details")
	path := filepath.Join(t.TempDir(), "ePCN.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	ms, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []Membership{
		{Practice: "C85628", Name: "CAXTON HOUSE SURGERY", PCN: "U16464", PCNName: "BARNSLEY PCN", Start: day("20191001"), End: day("20200831"), Line: 2},
		{Practice: "C85628", Name: "CAXTON HOUSE SURGERY", PCN: "U99999", PCNName: "NORTH BARNSLEY PCN", Start: day("20200901"), Line: 3},
		{Practice: "C85026", Name: "APOLLO COURT", PCN: "U16464", PCNName: "BARNSLEY PCN", Start: day("20191001"), Line: 4},
	}
	if len(ms) != len(want) {
		t.Fatalf("got %d relationships, want %d: %+v", len(ms), len(want), ms)
	}
	for i := range want {
		if ms[i] != want[i] {
			t.Errorf("row %d = %+v\nwant     %+v", i, ms[i], want[i])
		}
	}
}

func TestReadXLSXNoSheet(t *testing.T) {
	f := workbook(t, "Something Else")
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadXLSX(&buf); !errors.Is(err, ErrSheet) {
		t.Fatalf("err = %v; want ErrSheet", err)
	}
}

func TestReadXLSXNotAWorkbook(t *testing.T) {
	if _, err := ReadXLSX(bytes.NewReader([]byte("not a zip"))); err == nil {
		t.Fatal("no error for a file that is not a workbook")
	}
}
