package export

import (
	"encoding/json"
	"math"
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
