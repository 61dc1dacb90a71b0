package export

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestXMLText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{`a<b>&"c'`, "a&lt;b&gt;&amp;&#34;c&#39;"},
		{"a\x01b", "a\uFFFDb"},
		{"esc\x1b[31m", "esc\uFFFD[31m"},
		{"latin1 caf\xe9", "latin1 caf\uFFFD"},
		{"byte \xff", "byte \uFFFD"},
		{"tab\tnl\ncr\r", "tab\tnl\ncr\r"},
		{"\uFFFE\uFFFF", "\uFFFD\uFFFD"},
		{"Zoë 東京 🙂", "Zoë 東京 🙂"},
	}
	for _, c := range cases {
		got := xmlText(c.in)
		if got != c.want {
			t.Errorf("xmlText(%q) = %q, want %q", c.in, got, c.want)
		}
		doc := "<t a=\"" + got + "\">" + got + "</t>"
		d := xml.NewDecoder(strings.NewReader(doc))
		for {
			if _, err := d.Token(); err != nil {
				if err.Error() != "EOF" {
					t.Errorf("xmlText(%q) is not well-formed XML: %v", c.in, err)
				}
				break
			}
		}
	}
}
