package partition

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// User-facing text (Group.Reason, Result.Notes, Report) speaks the
// planner's words: practices, patients, hubs and areas, never atoms or
// pieces, with thousands separators and correct plurals.

// num formats n with thousands separators: 89786 -> "89,786".
func num(n int64) string {
	if n == math.MaxInt64 {
		return "no maximum"
	}
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// count formats "1 practice", "2 practices", "1,517 hubs": n, then word
// with an "s" unless n is 1.
func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return num(int64(n)) + " " + plural(word)
}

// plural returns the plural of a level or item name.
func plural(word string) string {
	if strings.HasSuffix(word, "s") {
		return word
	}
	return word + "s"
}

// listCodes joins practice codes for a reason: "E85124", "A and B",
// "A, B and C", at most show of them and then "and N more".
func listCodes(codes []string) string {
	const show = 5
	switch n := len(codes); {
	case n == 0:
		return ""
	case n == 1:
		return codes[0]
	case n <= show:
		return strings.Join(codes[:n-1], ", ") + " and " + codes[n-1]
	default:
		return strings.Join(codes[:show], ", ") + " and " + num(int64(n-show)) + " more"
	}
}

// span formats a level's bounds as "30,000–50,000" or "at least 100,000".
func span(b bounds) string {
	if b.max == math.MaxInt64 {
		return "at least " + num(b.min)
	}
	return num(b.min) + "–" + num(b.max)
}

// maxString formats a maximum for problem lists: the number, or "no max".
func maxString(m int64) string {
	if m == math.MaxInt64 {
		return "no max"
	}
	return strconv.FormatInt(m, 10)
}

// pick returns one when n is 1 and many otherwise ("has"/"have").
func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// cutOff is the reason of an undersize group: np practices with W
// patients in all, cut off from every other practice (by sea, a gap in the
// graph or a stratum boundary), below the level's minimum.
func cutOff(np int, W int64, level string, minimum int64) string {
	if np == 1 {
		return fmt.Sprintf("it is cut off from the rest and has %s patients, below the %s minimum %s", num(W), level, num(minimum))
	}
	return fmt.Sprintf("its %s are cut off from the rest and have %s patients in all, below the %s minimum %s", count(np, "practice"), num(W), level, num(minimum))
}
