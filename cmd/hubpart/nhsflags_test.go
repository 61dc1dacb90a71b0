package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hubpart/hubpart/internal/fixture"
	"github.com/xuri/excelize/v2"
)

// Small published-format fixtures that ship with the repository: six rows
// of the NHS list-size file (no coordinates), the 2014 postcodes covering
// them, and ePCN rows in the published CSV layout (multi-line headers).
var (
	listSizeCSV  = filepath.Join(fixture.Root, "input", "testdata", "list_size.csv")
	postcodesCSV = filepath.Join(fixture.Root, "input", "testdata", "postcodes.csv")
	partnersCSV  = filepath.Join(fixture.Root, "epcn", "testdata", "partners.csv")
)

// readCSVFile reads a whole CSV file into a header index and rows.
func readCSVFile(t *testing.T, path string) (map[string]int, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := make(map[string]int)
	for i, h := range rows[0] {
		col[h] = i
	}
	return col, rows[1:]
}

// The list-size file as published, located by postcode and joined to its
// PCNs, partitioned from them: every practice in the CSV with how it was
// located, the fallbacks listed, no patient lost.
func TestPartitionListSizeFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "a.csv")
	code, stdout, stderr := runCLI("partition", "-q", "-in", listSizeCSV, "-postcodes", postcodesCSV,
		"-pcns", partnersCSV, "-as-at", "2021-01-01", "-from", "pcn_code",
		"-hub-min", "1000", "-hub-max", "20000", "-no-areas", "-out-csv", out, "-out-geojson", dir+"/")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, s := range []string{
		"located 6 practices: 3 by their postcode, 2 at their sector's centre, 1 at their district's centre",
		"Y05788 FY1 9NP: sector FY1 9",
		"N81119 WA8 4NJ: sector WA8 4",
		"Y06810 MK8 1EQ: district MK8",
		"1 practice in 1 PCN; 5 practices (27,249 patients) in none",
		"patients 32,297 in, 32,297 out",
	} {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout)
		}
	}
	col, rows := readCSVFile(t, out)
	want := map[string][2]string{ // code -> located, from
		"A84002": {"postcode", ""}, "A84003": {"postcode", ""}, "Y05788": {"sector", ""},
		"N81119": {"sector", ""}, "C85026": {"postcode", "U16464"}, "Y06810": {"district", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for _, r := range rows {
		w := want[r[col["code"]]]
		if r[col["located"]] != w[0] || r[col["from"]] != w[1] {
			t.Errorf("%s: located %q from %q, want %q from %q", r[col["code"]], r[col["located"]], r[col["from"]], w[0], w[1])
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "practices.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"located":"district"`, `"postcode":"MK8 1EQ"`, `"pcn_code":"U16464"`} {
		if !strings.Contains(string(b), s) {
			t.Errorf("practices.geojson lacks %s", s)
		}
	}
}

func TestNHSFlagErrors(t *testing.T) {
	dir := t.TempDir()
	unknown := filepath.Join(dir, "unknown.csv")
	if err := os.WriteFile(unknown, []byte("CODE,POSTCODE,NUMBER_OF_PATIENTS\nA1,NE65 7UW,100\nB2,ZZ9 9ZZ,200\nC3,,300\nD4,XX1 1XX,400\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"list-size file without a lookup", []string{"-in", listSizeCSV},
			[]string{"no lat and lon columns", "postcode lookup"}},
		{"pcns without a date", []string{"-in", listSizeCSV, "-postcodes", postcodesCSV, "-pcns", partnersCSV},
			[]string{"-pcns and -as-at go together"}},
		{"bad date", []string{"-in", listSizeCSV, "-postcodes", postcodesCSV, "-pcns", partnersCSV, "-as-at", "1/1/2021"},
			[]string{"-as-at 1/1/2021", "2021-01-01"}},
		{"every unlocated practice listed", []string{"-in", unknown, "-postcodes", postcodesCSV},
			[]string{"3 practices cannot be located", "B2 (line 3, ZZ9 9ZZ)", "C3 (line 4, no postcode)", "D4 (line 5, XX1 1XX)"}},
		{"output over the postcode lookup", []string{"-in", listSizeCSV, "-postcodes", postcodesCSV, "-out-csv", postcodesCSV},
			[]string{"-postcodes file", "refusing to overwrite"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCLI(append([]string{"partition", "-q", "-no-areas", "-hub-min", "100", "-hub-max", "20000"}, c.args...)...)
			if code == 0 {
				t.Fatal("exit 0, want an error")
			}
			for _, s := range c.want {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr %q lacks %q", stderr, s)
				}
			}
		})
	}
}

// compare takes the same flags, so the PCNs of a date can be scored
// straight from the published files.
func TestCompareListSizeFile(t *testing.T) {
	code, stdout, stderr := runCLI("compare", "-q", "-in", listSizeCSV, "-postcodes", postcodesCSV,
		"-pcns", partnersCSV, "-as-at", "2021-01-01", "-a", ":pcn_code", "-b", ":pcn_code", "-min", "1000", "-max", "20000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "located 6 practices") || compareMeasure(t, stdout, "adjusted Rand index (A, B)") != 1 {
		t.Errorf("unexpected compare output:\n%s", stdout)
	}
}

func TestGraphListSizeFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "edges.csv")
	code, stdout, stderr := runCLI("graph", "-q", "-in", listSizeCSV, "-postcodes", postcodesCSV, "-out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "located 6 practices") || !strings.Contains(stdout, "6 practices at") {
		t.Errorf("unexpected graph output:\n%s", stdout)
	}
}

// The command of issue 12 on the files as published (skips without
// ../shared): all 6,658 practices located, 46 of them by fallback and
// marked, patients in = patients out = 60,606,345.
func TestPartitionPublishedEngland(t *testing.T) {
	list := fixture.Shared(t, "england-2021/raw/gp-reg-pat-prac-all_2021-01-01.csv")
	pcns := fixture.Shared(t, "england-2021/raw/ePCN_2022-04-27_csv/PCN_Core_Partner_Details.csv")
	pcs := fixture.Postcodes(t)
	if testing.Short() {
		t.Skip("England end to end: skipped with -short")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "a.csv")
	code, stdout, stderr := runCLI("partition", "-q", "-in", list, "-postcodes", pcs, "-pcns", pcns, "-as-at", "2021-01-01",
		"-from", "pcn_code", "-boundary", fixture.EnglandBoundary(), "-out-csv", out, "-out-geojson", filepath.Join(dir, "h.geojson"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, s := range []string{
		"located 6,658 practices: 6,612 by their postcode, 45 at their sector's centre, 1 at their district's centre",
		"postcodes not in the lookup (46 practices, 475,814 patients",
		"practices 6,658 in, 6,658 out; patients 60,606,345 in, 60,606,345 out",
	} {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q", s)
		}
	}
	col, rows := readCSVFile(t, out)
	n := map[string]int{}
	for _, r := range rows {
		n[r[col["located"]]]++
	}
	if len(rows) != 6658 || n["sector"]+n["district"] != 46 || n["postcode"] != 6612 {
		t.Errorf("%d rows, located %v; want 6,658 with 46 by sector or district", len(rows), n)
	}
}

// The ePCN workbook is read as published (.xlsx), its sheet found by name.
func TestPartitionPCNsFromWorkbook(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "ePCN.xlsx")
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", "PCNDetails"); err != nil {
		t.Fatal(err)
	}
	const sheet = "PCN Core Partner Details"
	if _, err := f.NewSheet(sheet); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Partner\nOrganisation\nCode", "Partner\nName", "PCN Code", "PCN Name", "Practice to PCN\nRelationship\nStart Date", "Practice to PCN\nRelationship\nEnd Date"},
		{"A84002", "WIDDRINGTON SURGERY", "U11111", "NORTH PCN", 20191001, nil},
		{"A84003", "GAS HOUSE LANE", "U11111", "NORTH PCN", 20191001, 20201231},
		{"C85026", "APOLLO COURT", "U16464", "BARNSLEY PCN", 20191001, nil},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "a.csv")
	code, stdout, stderr := runCLI("partition", "-q", "-in", listSizeCSV, "-postcodes", postcodesCSV,
		"-pcns", book, "-as-at", "2021-01-01", "-strata", "pcn_code",
		"-hub-min", "1000", "-hub-max", "20000", "-no-areas", "-out-csv", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "2 practices in 2 PCNs; 4 practices") {
		t.Errorf("stdout:\n%s", stdout)
	}
}
