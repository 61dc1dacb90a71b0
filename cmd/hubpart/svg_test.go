package main

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// The SVG map is well-formed XML 1.0 whatever the names and the file name
// hold (issue #10: a name with \x01, a byte 0xff, a Latin-1 name or an
// input file name with ESC gave an invalid SVG).
func TestSVGWellFormed(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in\x1b[1mput.csv")
	data := "code,lat,lon,patients,name\n" +
		"A,51.50,-0.10,100,a\x01b\n" +
		"B,51.51,-0.11,100,\"caf\xe9 <&> \"\"q\"\"\"\n" +
		"C,51.52,-0.10,100,x\xffy\n"
	if err := os.WriteFile(in, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "m.svg")
	if code, _, stderr := runCLI("partition", "-in", in, "-hub-min", "1", "-hub-max", "1000", "-no-areas", "-map", out, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("m.svg is not well-formed: %v", err)
		}
	}
}
