package export

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAppendValue(t *testing.T) {
	cases := []struct {
		name string
		v    any
		want string
	}{
		{"string with quotes and controls", "a\"b\\c\n\t\x01", `"a\"b\\c\n\t\u0001"`},
		{"invalid UTF-8", "a\xffb", `"a\ufffdb"`},
		{"line separator", "a\u2028b", `"a\u2028b"`},
		{"html stays", "<b>&", `"<b>&"`},
		{"int", 42, "42"},
		{"int64", int64(-60606345), "-60606345"},
		{"float", 1.5, "1.5"},
		{"tiny float", 1e-9, "1e-09"},
		{"NaN", math.NaN(), "null"},
		{"bool", true, "true"},
		{"nil", nil, "null"},
		{"other type", []int{1, 2}, "[1,2]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(appendValue(nil, tc.v)); got != tc.want {
				t.Fatalf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// Any string is written as valid JSON that reads back as the same text
// (invalid UTF-8 as U+FFFD, as encoding/json does).
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "quote\"", "back\\slash", "\x00\x1f", "\xff\xfe", "é ü ☃", "\u2028\u2029", "</script>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := appendString(nil, s)
		var back string
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%q wrote %s, not JSON: %v", s, b, err)
		}
		want := strings.ToValidUTF8(s, "\ufffd")
		if !utf8.ValidString(s) {
			// encoding/json replaces each invalid byte; compare with it.
			j, _ := json.Marshal(s)
			json.Unmarshal(j, &want)
		}
		if back != want {
			t.Fatalf("%q read back as %q, want %q", s, back, want)
		}
	})
}

// appendFloat writes exactly what strconv's shortest representation gives:
// numbers on the 1e-6 grid (the fast path) and off it, of every size and
// sign, near the grid's limits.
func TestAppendFloatShortest(t *testing.T) {
	want := func(v float64) string {
		if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
			return strconv.FormatFloat(v, 'g', -1, 64)
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	r := rand.New(rand.NewPCG(9, 9))
	var vs []float64
	for range 200000 {
		k := r.Int64N(1<<40) - 1<<39 // millionths up to about 550,000
		vs = append(vs, float64(k)/1e6, round6(r.NormFloat64()*180), r.NormFloat64()*1e3)
	}
	vs = append(vs, 0, math.Copysign(0, -1), 1e-6, -1e-6, 2e-6, 0.1, 0.5, 1, 52, -1.5, 1<<30, 1<<30-1e-6, (1<<30)+0.5, 1e9+0.000001, 123456.654321, 9.999999, 1e21, 5e-7)
	for _, v := range vs {
		if got := string(appendFloat(nil, v)); got != want(v) {
			t.Fatalf("%v (%b): %q, want %q", v, math.Float64bits(v), got, want(v))
		}
	}
}

func FuzzAppendFloat(f *testing.F) {
	f.Add(int64(-1234567), 1.5)
	f.Fuzz(func(t *testing.T, millionths int64, x float64) {
		for _, v := range []float64{float64(millionths) / 1e6, x} {
			want := strconv.FormatFloat(v, 'f', -1, 64)
			if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
				want = strconv.FormatFloat(v, 'g', -1, 64)
			}
			if math.IsNaN(v) || math.IsInf(v, 0) {
				want = "null"
			}
			if got := string(appendFloat(nil, v)); got != want {
				t.Fatalf("%v: %q, want %q", v, got, want)
			}
		}
	})
}
