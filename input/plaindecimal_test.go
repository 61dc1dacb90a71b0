package input

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestPlainDecimal checks the fast coordinate parser against
// strconv.ParseFloat, bit for bit, on the forms it takes and that it
// leaves the others to the general path.
func TestPlainDecimal(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"57.148232", true}, {"-2.096648", true}, {"0", true}, {"-0", true}, {"-0.0", true},
		{"5.", true}, {".5", true}, {"-.5", true}, {"007.50", true}, {"123456789012345", true},
		{"0.00000000000001", true}, {"0.000000000000001", false}, {"1234567890123456", false}, {"", false}, {"-", false},
		{".", false}, {"1.2.3", false}, {"+1", false}, {"1e5", false}, {" 1", false}, {"1_0", false},
		{"NaN", false}, {"--1", false}, {"1-", false},
	} {
		got, ok := plainDecimal(tc.in)
		if ok != tc.ok {
			t.Errorf("plainDecimal(%q) ok = %v, want %v", tc.in, ok, tc.ok)
			continue
		}
		if ok {
			want, err := strconv.ParseFloat(tc.in, 64)
			if err != nil || math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("plainDecimal(%q) = %v, strconv gives %v (%v)", tc.in, got, want, err)
			}
		}
	}
	// Random coordinates with 1 to 15 digits, as files write them.
	rng := rand.New(rand.NewPCG(5, 5))
	for range 200_000 {
		prec := rng.IntN(15)
		s := strconv.FormatFloat((rng.Float64()*2-1)*math.Pow(10, float64(rng.IntN(4))), 'f', prec, 64)
		got, ok := plainDecimal(s)
		want, err := strconv.ParseFloat(s, 64)
		if ok && (err != nil || math.Float64bits(got) != math.Float64bits(want)) {
			t.Fatalf("plainDecimal(%q) = %v, strconv gives %v (%v)", s, got, want, err)
		}
	}
}

// FuzzPlainDecimal: whatever plainDecimal accepts, strconv.ParseFloat
// reads to the very same float64.
func FuzzPlainDecimal(f *testing.F) {
	for _, s := range []string{"57.148232", "-2.096648", "5.", "-.5", "999999999999999", "0.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := plainDecimal(s)
		if !ok {
			return
		}
		want, err := strconv.ParseFloat(s, 64)
		if err != nil || math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("plainDecimal(%q) = %v, strconv gives %v (%v)", s, got, want, err)
		}
	})
}
