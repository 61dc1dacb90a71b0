package input

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hubpart/hubpart/internal/fixture"
)

var (
	ioEnglandCSV      = fixture.EnglandPractices()
	ioEnglandBoundary = fixture.EnglandBoundary()
)

// ioNeedFile fails the test with a clear message when a fixture is absent.
func ioNeedFile(t testing.TB, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("test fixture missing: %v", err)
	}
}

func TestReadFileEngland(t *testing.T) {
	ioNeedFile(t, ioEnglandCSV)
	ps, err := ReadFile(context.Background(), ioEnglandCSV, KeepColumns("pcn_code"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 6658 {
		t.Errorf("got %d practices, want 6658", len(ps))
	}
	if got := TotalPatients(ps); got != 60606345 {
		t.Errorf("total patients %d, want 60606345", got)
	}
	seen := make(map[string]bool, len(ps))
	points := make(map[[2]float64]bool)
	noPCN := 0
	for _, p := range ps {
		if seen[p.Code] {
			t.Errorf("duplicate code %s", p.Code)
		}
		seen[p.Code] = true
		points[p.Loc] = true
		if p.Attrs["pcn_code"] == "" {
			noPCN++
		}
		if p.Loc[0] < -7 || p.Loc[0] > 2 || p.Loc[1] < 49 || p.Loc[1] > 56 {
			t.Errorf("%s at %v is not in England", p.Code, p.Loc)
		}
	}
	// The data README says 6,063; the file has 6,054 distinct (lat, lon)
	// pairs, both as text and as numbers (checked independently).
	if len(points) != 6054 {
		t.Errorf("%d distinct points, want 6054", len(points))
	}
	if noPCN != 105 {
		t.Errorf("%d practices without a PCN, want 105", noPCN)
	}
	first := ps[0]
	if first.Code != "A81001" || first.Name != "The Densham Surgery" || first.Patients != 4100 ||
		first.Loc[0] != -1.318938 || first.Loc[1] != 54.561687 {
		t.Errorf("first practice %+v", first)
	}
}

func TestReadFileFormats(t *testing.T) {
	dir := t.TempDir()
	csv := "code,lat,lon,patients\nA,1,2,3\n"
	gj := `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[2,1]},"properties":{"code":"A","patients":3}}]}`
	files := map[string]string{"a.CSV": csv, "b.geojson": gj, "c.json": gj}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ioWriteGzip(t, filepath.Join(dir, "d.csv.gz"), csv)
	ioWriteGzip(t, filepath.Join(dir, "e.geojson.gz"), gj)
	for _, name := range []string{"a.CSV", "b.geojson", "c.json", "d.csv.gz", "e.geojson.gz"} {
		t.Run(name, func(t *testing.T) {
			ps, err := ReadFile(context.Background(), filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != 1 || ps[0].Code != "A" || ps[0].Patients != 3 || ps[0].Loc[0] != 2 || ps[0].Loc[1] != 1 {
				t.Errorf("got %+v", ps)
			}
		})
	}
	t.Run("unknown extension", func(t *testing.T) {
		if _, err := ReadFile(context.Background(), filepath.Join(dir, "x.txt")); !errors.Is(err, ErrUnknownFormat) {
			t.Errorf("got %v, want ErrUnknownFormat", err)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		if _, err := ReadFile(context.Background(), filepath.Join(dir, "none.csv")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("got %v, want ErrNotExist", err)
		}
	})
	t.Run("error names the path", func(t *testing.T) {
		p := filepath.Join(dir, "bad.csv")
		os.WriteFile(p, []byte("code,lat,lon,patients\nA,x,2,3\n"), 0o644)
		_, err := ReadFile(context.Background(), p)
		var re *RecordError
		if !errors.As(err, &re) || re.Line != 2 || re.Field != "lat" {
			t.Fatalf("got %v", err)
		}
		if want := p + `: input: line 2 (code A): field "lat": "x": not a number`; err.Error() != want {
			t.Errorf("message %q, want %q", err, want)
		}
	})
}

func TestReadProgressAndCancel(t *testing.T) {
	var b strings.Builder
	b.WriteString("code,lat,lon,patients\n")
	const n = progressEvery*2 + 10
	for i := range n {
		fmt.Fprintf(&b, "C%07d,1,2,3\n", i)
	}
	data := b.String()

	t.Run("progress", func(t *testing.T) {
		var calls [][2]int
		ps, err := ReadCSV(context.Background(), strings.NewReader(data), WithProgress(func(stage string, done, total int) {
			if stage != "read csv" {
				t.Errorf("stage %q", stage)
			}
			calls = append(calls, [2]int{done, total})
		}))
		if err != nil || len(ps) != n {
			t.Fatalf("got %d, %v", len(ps), err)
		}
		if len(calls) != 3 || calls[0][0] != progressEvery || calls[1][0] != 2*progressEvery || calls[2] != [2]int{n, n} {
			t.Errorf("progress calls %v", calls)
		}
		// The size hint from strings.Reader gives a total estimate close to n.
		if est := calls[0][1]; est < n*9/10 || est > n*11/10 {
			t.Errorf("estimated total %d, want about %d", est, n)
		}
		if cap(ps) > n+n/16 {
			t.Errorf("result has capacity %d for %d practices", cap(ps), n)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		ps, err := ReadCSV(ctx, strings.NewReader(data))
		if !errors.Is(err, context.Canceled) || ps != nil {
			t.Fatalf("got %d practices, %v; want context.Canceled", len(ps), err)
		}
	})
	t.Run("not cancelled", func(t *testing.T) {
		ps, err := ReadCSV(context.Background(), strings.NewReader(data))
		if err != nil || len(ps) != n {
			t.Fatalf("got %d, %v", len(ps), err)
		}
	})
	t.Run("geojson", func(t *testing.T) {
		var last [2]int
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		ps, err := ReadFile(ctx, "testdata/io_practices.geojson", WithProgress(func(stage string, done, total int) {
			if stage != "read geojson" {
				t.Errorf("stage %q", stage)
			}
			last = [2]int{done, total}
		}))
		if err != nil || len(ps) != 11 || last != [2]int{11, 11} {
			t.Errorf("got %d, %v, last progress %v", len(ps), err, last)
		}
	})
}
