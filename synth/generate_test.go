package synth

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// goldenN1000Seed1 is the SHA-256 of fingerprint(Generate(1000, seed 1)).
// It changes only when the generator changes on purpose; a change on another
// platform means determinism is broken.
const goldenN1000Seed1 = "26c44998df433fadccc1488954440c07ff8aff8e1a2d5b74c72655491cbcf4d2"

// fingerprint is the CSV output followed by the boundary at six decimals.
func fingerprint(t testing.TB, c *Country) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := c.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	for _, poly := range c.Boundary {
		for _, ring := range poly {
			for _, p := range ring {
				fmt.Fprintf(&b, "%.6f %.6f\n", p[0], p[1])
			}
			b.WriteString("--\n")
		}
	}
	return b.Bytes()
}

func mustGenerate(t testing.TB, n int, seed uint64) *Country {
	t.Helper()
	c, err := Generate(Options{Practices: n, Seed: seed})
	if err != nil {
		t.Fatalf("Generate(%d, %d): %v", n, seed, err)
	}
	if len(c.Practices) != n {
		t.Fatalf("Generate(%d, %d): %d practices", n, seed, len(c.Practices))
	}
	return c
}

func TestGenerateSizeBounds(t *testing.T) {
	cases := []struct {
		name string
		n    int
		ok   bool
	}{
		{"negative", -5, false},
		{"zero", 0, false},
		{"one below minimum", 99, false},
		{"minimum", 100, true},
		{"small", 101, true},
		{"one above maximum", 2_000_001, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Generate(Options{Practices: tc.n, Seed: 7})
			if tc.ok {
				if err != nil || len(c.Practices) != tc.n {
					t.Fatalf("Generate(%d) = %v, %v; want %d practices", tc.n, c, err, tc.n)
				}
				return
			}
			if !errors.Is(err, ErrPracticeCount) || c != nil {
				t.Fatalf("Generate(%d) = %v, %v; want ErrPracticeCount", tc.n, c, err)
			}
		})
	}
}

func TestGenerateDeterministic(t *testing.T) {
	a := fingerprint(t, mustGenerate(t, 1000, 1))
	b := fingerprint(t, mustGenerate(t, 1000, 1))
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same options differ")
	}
	if got := fmt.Sprintf("%x", sha256.Sum256(a)); got != goldenN1000Seed1 {
		t.Errorf("fingerprint of n=1000 seed=1 is %s, golden %s", got, goldenN1000Seed1)
	}
	if bytes.Equal(a, fingerprint(t, mustGenerate(t, 1000, 2))) {
		t.Error("seeds 1 and 2 give the same country")
	}
	// The land depends on the seed only, not on the number of practices.
	if !boundaryEqual(mustGenerate(t, 100, 1).Boundary, mustGenerate(t, 1000, 1).Boundary) {
		t.Error("the boundary changes with the number of practices")
	}
}

func boundaryEqual(a, b orb.MultiPolygon) bool {
	return slices.EqualFunc(a, b, func(p, q orb.Polygon) bool {
		return slices.EqualFunc(p, q, func(r, s orb.Ring) bool { return slices.Equal(r, s) })
	})
}

// insideRing is an independent float even–odd test (the generator keeps
// points off the coastline, so float rounding cannot matter here).
func insideRing(r orb.Ring, p orb.Point) bool {
	in := false
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		a, b := r[i], r[j]
		if (a[1] > p[1]) != (b[1] > p[1]) &&
			p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

// texture summarises a country the way the tests check it.
type texture struct {
	median, over50k, under500 int
	sharedShare               float64
	perPolygon                []int // practices inside each polygon
	patientsPerPolygon        []int
	outside                   []string
	total                     int64
}

func measure(c *Country) texture {
	var tx texture
	sizes := make([]int, len(c.Practices))
	at := make(map[orb.Point]int, len(c.Practices))
	tx.perPolygon = make([]int, len(c.Boundary))
	tx.patientsPerPolygon = make([]int, len(c.Boundary))
	for i, p := range c.Practices {
		sizes[i] = int(p.Patients)
		tx.total += p.Patients
		at[p.Loc]++
		if p.Patients > 50_000 {
			tx.over50k++
		}
		if p.Patients < 500 {
			tx.under500++
		}
		found := false
		for k, poly := range c.Boundary {
			if insideRing(poly[0], p.Loc) {
				tx.perPolygon[k]++
				tx.patientsPerPolygon[k] += int(p.Patients)
				found = true
			}
		}
		if !found {
			tx.outside = append(tx.outside, p.Code)
		}
	}
	shared := 0
	for _, p := range c.Practices {
		if at[p.Loc] > 1 {
			shared++
		}
	}
	tx.sharedShare = float64(shared) / float64(len(c.Practices))
	slices.Sort(sizes)
	tx.median = sizes[len(sizes)/2]
	return tx
}

func TestGenerateTexture(t *testing.T) {
	cases := []struct {
		name      string
		n         int
		seed      uint64
		minIsland int // patients on the island
	}{
		{"default size seed 1", DefaultPractices, 1, 100_000},
		{"default size seed 2", DefaultPractices, 2, 100_000},
		{"default size seed 99", DefaultPractices, 99, 100_000},
		{"1000 seed 1", 1000, 1, 10_000},
		{"20000 seed 3", 20_000, 3, 350_000},
	}
	code := regexp.MustCompile(`^S\d{6,7}$`)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := mustGenerate(t, tc.n, tc.seed)
			tx := measure(c)
			if len(tx.outside) > 0 {
				t.Errorf("%d practices outside the land, e.g. %s", len(tx.outside), tx.outside[0])
			}
			if tx.median < 7000 || tx.median > 9000 {
				t.Errorf("median list %d, want 7,000–9,000", tx.median)
			}
			if tx.sharedShare < 0.10 || tx.sharedShare > 0.20 {
				t.Errorf("share of practices sharing their point %.3f, want 0.10–0.20", tx.sharedShare)
			}
			if want := tc.n / superEvery; tx.over50k != want || tx.over50k < 1 {
				t.Errorf("%d practices over 50,000, want %d (>= 1)", tx.over50k, want)
			}
			if tx.under500 == 0 {
				t.Error("no practice under 500 patients")
			}
			if mean := tx.total / int64(tc.n); mean < 8000 || mean > 10_500 {
				t.Errorf("mean list %d, want England-like 8,000–10,500", mean)
			}
			if len(c.Boundary) != 3 {
				t.Fatalf("%d polygons, want mainland, island, islet", len(c.Boundary))
			}
			if tx.perPolygon[1] < 2 || tx.patientsPerPolygon[1] < tc.minIsland {
				t.Errorf("island has %d practices, %d patients; want >= 2 and >= %d",
					tx.perPolygon[1], tx.patientsPerPolygon[1], tc.minIsland)
			}
			if tx.perPolygon[2] != 1 {
				t.Errorf("islet has %d practices, want 1", tx.perPolygon[2])
			}
			seen := make(map[string]bool, tc.n)
			for i, p := range c.Practices {
				if !code.MatchString(p.Code) || seen[p.Code] || p.Name == "" || p.Patients < 1 {
					t.Fatalf("practice %d: bad record %+v", i, p)
				}
				seen[p.Code] = true
			}
		})
	}
}

func TestGenerateMinimum(t *testing.T) {
	c := mustGenerate(t, MinPractices, 5)
	tx := measure(c)
	if len(tx.outside) > 0 || tx.perPolygon[1] < 2 || tx.perPolygon[2] != 1 {
		t.Fatalf("n=100: outside %v, per polygon %v", tx.outside, tx.perPolygon)
	}
	if tx.over50k != 0 {
		t.Errorf("n=100: %d practices over 50,000, want none below 600", tx.over50k)
	}
}
