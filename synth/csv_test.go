package synth

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/hubpart/hubpart/input"
	"github.com/paulmach/orb"
)

func TestWriteCSVRoundTrip(t *testing.T) {
	c := mustGenerate(t, 2000, 4)
	var b bytes.Buffer
	if err := c.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "code,name,lat,lon,patients" {
		t.Fatalf("header %q", got)
	}
	if len(rows) != len(c.Practices)+1 {
		t.Fatalf("%d rows for %d practices", len(rows)-1, len(c.Practices))
	}
	commas := 0
	for i, row := range rows[1:] {
		p := c.Practices[i]
		lat, err1 := strconv.ParseFloat(row[2], 64)
		lon, err2 := strconv.ParseFloat(row[3], 64)
		pat, err3 := strconv.Atoi(row[4])
		if err := errors.Join(err1, err2, err3); err != nil {
			t.Fatalf("row %d: %v", i+1, err)
		}
		if row[0] != p.Code || row[1] != p.Name || (orb.Point{lon, lat}) != p.Loc || int64(pat) != p.Patients {
			t.Fatalf("row %d = %q, practice %+v", i+1, row, p)
		}
		if len(row[2]) < 8 || row[2][len(row[2])-7] != '.' {
			t.Fatalf("row %d: latitude %q not at six decimals", i+1, row[2])
		}
		if strings.Contains(p.Name, ",") {
			commas++
		}
	}
	if commas == 0 {
		t.Error("no name with a comma: quoting is not exercised")
	}
}

func TestWriteCSVQuoting(t *testing.T) {
	c := &Country{Practices: []input.Practice{
		{Code: "A1", Name: `Dr "Who", Partners`, Loc: orb.Point{-1.5, 52.25}, Patients: 10},
		{Code: "A2", Name: " Leading space", Loc: orb.Point{0.000001, -0.000001}, Patients: 0},
		{Code: "A3", Name: "", Loc: orb.Point{2, 50}, Patients: 1},
	}}
	var b bytes.Buffer
	if err := c.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "code,name,lat,lon,patients\n" +
		`A1,"Dr ""Who"", Partners",52.250000,-1.500000,10` + "\n" +
		`A2," Leading space",-0.000001,0.000001,0` + "\n" +
		"A3,,50.000000,2.000000,1\n"
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}
}

type failWriter struct{}

var errDisk = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errDisk }

func TestWriteCSVError(t *testing.T) {
	if err := mustGenerate(t, 100, 1).WriteCSV(failWriter{}); !errors.Is(err, errDisk) {
		t.Fatalf("WriteCSV to a failing writer: %v", err)
	}
}

// The project's own reader reads the file back unchanged.
func TestWriteCSVReadBack(t *testing.T) {
	c := mustGenerate(t, 3000, 8)
	var b bytes.Buffer
	if err := c.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	ps, err := input.ReadCSV(context.Background(), &b)
	if err != nil {
		t.Fatalf("input.ReadCSV: %v", err)
	}
	if len(ps) != len(c.Practices) {
		t.Fatalf("read %d practices, wrote %d", len(ps), len(c.Practices))
	}
	for i, p := range ps {
		q := c.Practices[i]
		if p.Code != q.Code || p.Name != q.Name || p.Loc != q.Loc || p.Patients != q.Patients {
			t.Fatalf("practice %d read back as %+v, wrote %+v", i, p, q)
		}
	}
}
