package synth

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/hubpart/hubpart/input"
)

// goldenPoints1000Seed1 is the SHA-256 of the CSV of GeneratePoints(1000,
// seed 1). It changes only when the generator changes on purpose.
const goldenPoints1000Seed1 = "ec710893c83afe1b0ecabf07bb23375adf69cfd7b3c026e78b4ef68b76cc1d4e"

func mustPoints(t testing.TB, n int, seed uint64) *Points {
	t.Helper()
	p, err := GeneratePoints(PointsOptions{Points: n, Seed: seed})
	if err != nil {
		t.Fatalf("GeneratePoints(%d, %d): %v", n, seed, err)
	}
	if p.Len() != n || len(p.Lat) != n {
		t.Fatalf("GeneratePoints(%d, %d): %d points", n, seed, p.Len())
	}
	return p
}

func TestGeneratePointsSizeBounds(t *testing.T) {
	cases := []struct {
		name string
		n    int
		ok   bool
	}{
		{"zero", 0, false},
		{"one below minimum", MinPoints - 1, false},
		{"minimum", MinPoints, true},
		{"above the practice cap", MaxPractices + 1, true},
		{"one above maximum", MaxPoints + 1, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.n > 1_000_000 && testing.Short() {
				t.Skip("large")
			}
			_, err := GeneratePoints(PointsOptions{Points: tc.n, Seed: 1})
			if tc.ok && err != nil {
				t.Fatalf("GeneratePoints(%d) = %v, want success", tc.n, err)
			}
			if !tc.ok && !errors.Is(err, ErrPointCount) {
				t.Fatalf("GeneratePoints(%d) = %v, want ErrPointCount", tc.n, err)
			}
		})
	}
}

func TestGeneratePointsDeterministic(t *testing.T) {
	csv := func(p *Points) []byte {
		var b bytes.Buffer
		if err := p.WriteCSV(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := csv(mustPoints(t, 1000, 1)), csv(mustPoints(t, 1000, 1))
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with seed 1 differ")
	}
	if bytes.Equal(a, csv(mustPoints(t, 1000, 2))) {
		t.Fatal("seeds 1 and 2 give the same points")
	}
	if got := fmt.Sprintf("%x", sha256.Sum256(a)); got != goldenPoints1000Seed1 {
		t.Fatalf("CSV of 1000 points, seed 1: SHA-256 %s, want %s", got, goldenPoints1000Seed1)
	}
}

// TestGeneratePointsInside: every point lies strictly inside the land, the
// islet holds exactly one point and the island its share.
func TestGeneratePointsInside(t *testing.T) {
	const n = 50_000
	p := mustPoints(t, n, 3)
	l := newLand(3)
	var per [3]int
	for i := range n {
		x, y := int64(p.Lon[i]), int64(p.Lat[i])
		k := slices.IndexFunc(l.rings, func(r *ringIndex) bool { return r.contains(x, y) })
		if k < 0 {
			t.Fatalf("point %d at (%d, %d) is in the sea", i, x, y)
		}
		per[k]++
	}
	if want := (n*islandPer10k + 5000) / 10000; per[1] != want || per[2] != 1 {
		t.Fatalf("island %d, islet %d points; want %d and 1", per[1], per[2], want)
	}
}

// TestGeneratePointsClustered: the points are clustered like a country, not
// uniform. On a 100 × 100 grid over the mainland's bounding box, the densest
// 5% of cells hold at least 40% of the points (46% for seed 1), where a
// uniform spread over the land would put about 7% there.
func TestGeneratePointsClustered(t *testing.T) {
	const n, side = 200_000, 100
	p := mustPoints(t, n, 1)
	m := newLand(1).rings[0]
	counts := make([]int, side*side)
	for i := range n {
		x, y := int64(p.Lon[i]), int64(p.Lat[i])
		if x < m.minX || x > m.maxX || y < m.minY || y > m.maxY {
			continue
		}
		cx := int((x - m.minX) * side / (m.maxX - m.minX + 1))
		cy := int((y - m.minY) * side / (m.maxY - m.minY + 1))
		counts[cy*side+cx]++
	}
	slices.Sort(counts)
	slices.Reverse(counts)
	top := 0
	for _, c := range counts[:side*side/20] {
		top += c
	}
	if share := float64(top) / n; share < 0.4 {
		t.Fatalf("densest 5%% of cells hold %.0f%% of the points; want a clustered country (>= 40%%)", 100*share)
	}
}

// TestPointsReadBack: the CSV reads back through the input package as the
// same points, codes and weights as Practices.
func TestPointsReadBack(t *testing.T) {
	p := mustPoints(t, 2000, 5)
	var b bytes.Buffer
	if err := p.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	got, err := input.ReadCSV(context.Background(), &b)
	if err != nil {
		t.Fatal(err)
	}
	want := p.Practices()
	if len(got) != len(want) {
		t.Fatalf("read %d practices, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Code != w.Code || g.Loc != w.Loc || g.Patients != 1 || w.Patients != 1 {
			t.Fatalf("row %d: read %s %v %d, want %s %v 1", i, g.Code, g.Loc, g.Patients, w.Code, w.Loc)
		}
	}
	if want[0].Code != "P00000001" || want[1999].Code != "P00002000" {
		t.Fatalf("codes %s ... %s", want[0].Code, want[1999].Code)
	}
}

func TestAppendMicro(t *testing.T) {
	cases := []struct {
		v    int32
		want string
	}{
		{0, "0.000000"},
		{1, "0.000001"},
		{-1, "-0.000001"},
		{52_500_000, "52.500000"},
		{-1_500_123, "-1.500123"},
		{-180_000_000, "-180.000000"},
	}
	for _, tc := range cases {
		if got := string(appendMicro(nil, tc.v)); got != tc.want {
			t.Errorf("appendMicro(%d) = %s, want %s", tc.v, got, tc.want)
		}
	}
}

func TestPointsWriteCSVError(t *testing.T) {
	p := mustPoints(t, 100_000, 1)
	if err := p.WriteCSV(failWriter{}); !errors.Is(err, errDisk) {
		t.Fatalf("WriteCSV = %v, want %v", err, errDisk)
	}
}

func BenchmarkGeneratePoints(b *testing.B) {
	for _, n := range []int{1_000_000, 10_000_000} {
		b.Run(fmt.Sprintf("%dM", n/1_000_000), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := GeneratePoints(PointsOptions{Points: n, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPointsWriteCSV(b *testing.B) {
	p := mustPoints(b, 1_000_000, 1)
	b.ReportAllocs()
	for b.Loop() {
		if err := p.WriteCSV(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
