package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every subcommand's -h starts with "Usage: hubpart X", then a paragraph,
// then the flags; it exits 0.
func TestUsageEveryCommand(t *testing.T) {
	for _, cmd := range []string{"demo", "partition", "graph", "compare"} {
		t.Run(cmd, func(t *testing.T) {
			code, _, stderr := runCLI(cmd, "-h")
			if code != 0 {
				t.Errorf("exit %d", code)
			}
			if !strings.HasPrefix(stderr, "Usage: hubpart "+cmd+" ") {
				t.Errorf("help starts %q", firstLine(stderr))
			}
			parts := strings.SplitN(stderr, "\n\n", 3)
			if len(parts) < 3 || len(parts[1]) < 40 || !strings.Contains(parts[2], "  -") {
				t.Errorf("want usage line, a paragraph, then the flags:\n%s", stderr)
			}
			if strings.Contains(stderr, "Usage of") {
				t.Errorf("Go's bare usage line:\n%s", stderr)
			}
		})
	}
	code, stdout, _ := runCLI("help")
	if code != 0 || !strings.HasPrefix(stdout, "Usage: hubpart COMMAND") {
		t.Errorf("hubpart help: exit %d, %q", code, firstLine(stdout))
	}
}

func firstLine(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }

// Negative and absurd flag values are errors naming the flag (issue #10:
// -hubs -1, -target -5 and -effort -1 fell back to defaults, and -effort
// 9223372036854775807 overflowed).
func TestFlagValues(t *testing.T) {
	dir := t.TempDir()
	in, _ := smallInput(t, dir)
	cases := []struct {
		args   []string
		errHas string
	}{
		{[]string{"-hubs", "-1"}, "-hubs -1"},
		{[]string{"-target", "-5"}, "-target -5"},
		{[]string{"-effort", "-1"}, "-effort -1"},
		{[]string{"-effort", "9223372036854775807"}, "-effort 9223372036854775807"},
		{[]string{"-effort", "101"}, "0 (the default) to 100"},
		{[]string{"-hub-min", "-3"}, "-hub-min -3"},
		{[]string{"-area-max", "-3"}, "-area-max -3"},
		{[]string{"-hub-min", "500", "-hub-max", "100"}, "below"},
		{[]string{"-hubs", "31"}, "only 30 practices"},
		{[]string{"-hubs", "3", "-target", "40000"}, "exclude each other"},
		{[]string{"-weight", "-1"}, "-weight -1"},
		{[]string{"-seed", "-1"}, "-seed"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out := filepath.Join(dir, "out.csv")
			code, _, stderr := runCLI(append([]string{"partition", "-in", in, "-out-csv", out, "-q"}, c.args...)...)
			if code == 0 || !strings.Contains(stderr, c.errHas) {
				t.Errorf("exit %d, stderr %q: want an error mentioning %q", code, stderr, c.errHas)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("output written")
			}
		})
	}
	for _, c := range []struct {
		args   []string
		errHas string
	}{
		{[]string{"demo", "-n", "-5", "-q"}, "practices"},
		{[]string{"demo", "-n", "100", "-effort", "-2", "-q", "-out-dir", dir}, "-effort -2"},
		{[]string{"demo", "-n", "100", "-q", "-out-dir", filepath.Join(dir, "nope")}, "not a directory"},
		{[]string{"compare", "-in", in, "-a", ":x", "-b", ":y", "-min", "-1"}, "negative"},
		{[]string{"graph", "-in", in, "-out", filepath.Join(dir, "g.txt"), "-format", "dot"}, "csv or metis"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, _, stderr := runCLI(c.args...)
			if code == 0 || !strings.Contains(stderr, c.errHas) {
				t.Errorf("exit %d, stderr %q: want an error mentioning %q", code, stderr, c.errHas)
			}
		})
	}
}

// -hubs K that the bounds cannot give says so honestly: the note names the
// count asked for and the count made.
func TestHubsNote(t *testing.T) {
	dir := t.TempDir()
	in, _ := smallInput(t, dir)
	code, stdout, stderr := runCLI("partition", "-in", in, "-hubs", "25", "-hub-min", "20000", "-hub-max", "60000", "-no-areas", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "asked for 25 hubs; made ") {
		t.Errorf("no honest note about -hubs 25:\n%s", stdout)
	}
}

// Codes that a spreadsheet would read as a formula are written with a
// leading quote, and compare reads them back as the same practices.
func TestFormulaNeutralised(t *testing.T) {
	dir := t.TempDir()
	codes := []string{"=1+1", "+A", "-B", "@C", "'D", "E"}
	var b strings.Builder
	b.WriteString("code,lat,lon,patients\n")
	for i, c := range codes {
		b.WriteString(c + "," + []string{"51.50", "51.51", "51.52", "51.53", "51.54", "51.55"}[i] + ",-0.1" + string(rune('0'+i)) + ",100\n")
	}
	in := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.csv")
	if code, _, stderr := runCLI("partition", "-in", in, "-out-csv", out, "-hub-min", "1", "-hub-max", "1000", "-no-areas", "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"'=1+1": true, "'+A": true, "'-B": true, "'@C": true, "''D": true, "E": true}
	for _, r := range rows[1:] {
		if !want[r[0]] {
			t.Errorf("code cell %q: not neutralised as documented", r[0])
		}
		if unneutralise(r[0]) == r[0] && r[0] != "E" {
			t.Errorf("unneutralise(%q) does not undo it", r[0])
		}
	}
	if code, _, stderr := runCLI("compare", "-in", in, "-a", out, "-b", out+":hub", "-q"); code != 0 {
		t.Errorf("compare reading the neutralised codes back: exit %d: %s", code, stderr)
	}
}

// Error messages reach the terminal as one line with control characters and
// invalid UTF-8 escaped (issue #10: raw terminal escapes in messages).
func TestMessagesEscaped(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "in\x1b[31mred\nline\xff.csv")
	code, _, stderr := runCLI("partition", "-in", name, "-q")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	if line := stderr[:len(stderr)-1]; strings.ContainsAny(line, "\x1b\n") || strings.IndexByte(line, 0xff) >= 0 || !strings.Contains(stderr, `\x1b[31mred\nline\xff.csv`) {
		t.Errorf("stderr %q: want one line with the escapes written out", stderr)
	}
	for s, want := range map[string]string{
		"plain":             "plain",
		"tab\tok":           "tab\tok",
		"bell\a":            `bell\a`,
		"rtl\u202eoverride": `rtl\u202eoverride`,
		"é ü 東京":            "é ü 東京",
		"bad\xc3":           `bad\xc3`,
	} {
		if got := safeText(s); got != want {
			t.Errorf("safeText(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", -1000: "-1,000", 123456: "123,456",
		1234567: "1,234,567", -9223372036854775808: "-9,223,372,036,854,775,808",
		9223372036854775807: "9,223,372,036,854,775,807",
	} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
