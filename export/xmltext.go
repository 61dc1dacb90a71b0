package export

import (
	"strings"
	"unicode/utf8"
)

// xmlText escapes s for SVG text and attribute values and makes it a
// well-formed XML 1.0 character sequence: & < > " ' become entities;
// bytes that are not UTF-8 become U+FFFD; and characters XML 1.0 forbids
// (C0 controls other than tab, newline and carriage return, the surrogates,
// U+FFFE and U+FFFF) become U+FFFD too, so a practice name with a stray
// control byte, a Latin-1 file or a file name holding ESC still gives a
// document every XML parser accepts.
func xmlText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&#34;")
		case r == '\'':
			b.WriteString("&#39;")
		case !xmlChar(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlChar reports whether r is a Char of XML 1.0 (fifth edition, §2.2).
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return r <= 0x10FFFF
}
