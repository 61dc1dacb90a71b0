package input

import (
	"encoding/csv"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestRecordStream reads the same inputs with a csv.Reader directly and
// through a recordStream, and checks that every record, the line of every
// field, the input offset after each record and the final error agree.
func TestRecordStream(t *testing.T) {
	inputs := []string{
		"", "a,b\n", "a,b\n1,2\n3,4", "a,\"two\nlines\",c\nd,e,f\n", "a,\"b\n", "a,b\"c\n",
		strings.Repeat("x,y,z\n", 3*recordsPerBatch+7),
		strings.Repeat("p,\"q\n\nr\",s\n", recordsPerBatch+1) + "t,\"u",
	}
	rng := rand.New(rand.NewPCG(9, 9))
	for range 50 {
		var b strings.Builder
		for range rng.IntN(4 * recordsPerBatch) {
			b.WriteByte("ab,\"\n "[rng.IntN(6)])
			if rng.IntN(8) == 0 {
				b.WriteString("\"x\ny\",")
			}
		}
		inputs = append(inputs, b.String())
	}
	newReader := func(in string) *csv.Reader {
		cr := csv.NewReader(strings.NewReader(in))
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		return cr
	}
	for k, in := range inputs {
		direct := newReader(in)
		rs := newRecordStream(newReader(in))
		for r := 0; ; r++ {
			want, werr := direct.Read()
			got, gerr := rs.Read()
			if (werr == nil) != (gerr == nil) || (werr != nil && werr.Error() != gerr.Error()) {
				t.Fatalf("input %d, record %d: error %v, want %v", k, r, gerr, werr)
			}
			if werr != nil {
				break
			}
			if !slices.Equal(got, want) {
				t.Fatalf("input %d, record %d: %q, want %q", k, r, got, want)
			}
			for col := range want {
				if line, _ := direct.FieldPos(col); rs.FieldLine(col) != line {
					t.Fatalf("input %d, record %d, field %d: line %d, want %d", k, r, col, rs.FieldLine(col), line)
				}
			}
			if rs.InputOffset() != direct.InputOffset() {
				t.Fatalf("input %d, record %d: offset %d, want %d", k, r, rs.InputOffset(), direct.InputOffset())
			}
		}
		rs.Close()
	}
}

// TestRecordStreamClose stops a stream after its first record; Close
// returns once the goroutine has ended.
func TestRecordStreamClose(t *testing.T) {
	cr := csv.NewReader(strings.NewReader(strings.Repeat("a,b\n", 10*recordsPerBatch)))
	rs := newRecordStream(cr)
	if rec, err := rs.Read(); err != nil || !slices.Equal(rec, []string{"a", "b"}) {
		t.Fatalf("first record %q, %v", rec, err)
	}
	rs.Close()
	if _, ok := <-rs.full; ok {
		t.Fatal("a batch is still queued after Close")
	}
}
