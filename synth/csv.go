package synth

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// WriteCSV writes the practices as CSV with the header
// code,name,lat,lon,patients, coordinates with six decimals (exactly the
// generated micro-degrees), and names quoted per RFC 4180 when they contain
// a comma, a quote or a line break. It returns the first write error.
func (c *Country) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("code,name,lat,lon,patients\n")
	var line []byte
	for i := range c.Practices {
		p := &c.Practices[i]
		line = appendField(line[:0], p.Code)
		line = append(line, ',')
		line = appendField(line, p.Name)
		line = append(line, ',')
		line = strconv.AppendFloat(line, p.Loc[1], 'f', 6, 64)
		line = append(line, ',')
		line = strconv.AppendFloat(line, p.Loc[0], 'f', 6, 64)
		line = append(line, ',')
		line = strconv.AppendInt(line, p.Patients, 10)
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// appendField appends s as a CSV field, quoted (with inner quotes doubled)
// when it needs to be, following the rules of encoding/csv.
func appendField(dst []byte, s string) []byte {
	if s == "" || !(strings.ContainsAny(s, ",\"\r\n") || s[0] == ' ' || s[0] == '\t') {
		return append(dst, s...)
	}
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			dst = append(dst, '"')
		}
		dst = append(dst, s[i])
	}
	return append(dst, '"')
}
