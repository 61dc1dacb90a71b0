package input

import (
	"encoding/csv"
	"io"
)

// recordStream runs a csv.Reader on its own goroutine, a batch of records
// ahead of the caller, so that splitting fields overlaps with turning them
// into practices. It gives the same records, field lines, input offsets
// and error, in the same order, as the csv.Reader read directly; the
// reader must not be used by anyone else until Close returns.
type recordStream struct {
	full chan *recordBatch
	free chan *recordBatch
	stop chan struct{}
	cur  *recordBatch
	next int // record of cur to give next
	at   int // record of cur given last
}

// recordBatch holds consecutive records: fields[ends[i-1]:ends[i]] is
// record i, lines[i] the line of its first field and offsets[i] the
// reader's InputOffset after it. A record whose fields do not all start
// on its first line (a quoted line break) has every field's line in
// spread. err ends the stream after the batch's records (io.EOF at the
// end of the input).
type recordBatch struct {
	fields  []string
	ends    []int
	lines   []int
	offsets []int64
	spread  map[int][]int
	err     error
}

// recordsPerBatch is how many records a batch holds.
const recordsPerBatch = 512

func newRecordStream(cr *csv.Reader) *recordStream {
	s := &recordStream{full: make(chan *recordBatch, 4), free: make(chan *recordBatch, 6), stop: make(chan struct{})}
	go s.fill(cr)
	return s
}

// fill reads records into batches until an error or Close.
func (s *recordStream) fill(cr *csv.Reader) {
	defer close(s.full)
	for {
		var b *recordBatch
		select {
		case b = <-s.free:
			b.fields, b.ends, b.lines, b.offsets, b.spread = b.fields[:0], b.ends[:0], b.lines[:0], b.offsets[:0], nil
		default:
			b = &recordBatch{}
		}
		for len(b.ends) < recordsPerBatch && b.err == nil {
			if len(b.ends)%64 == 63 {
				select {
				case <-s.stop:
					return
				default:
				}
			}
			rec, err := cr.Read()
			if err != nil {
				b.err = err
				break
			}
			line, _ := cr.FieldPos(0)
			if last, _ := cr.FieldPos(len(rec) - 1); last != line {
				if b.spread == nil {
					b.spread = map[int][]int{}
				}
				ls := make([]int, len(rec))
				for i := range rec {
					ls[i], _ = cr.FieldPos(i)
				}
				b.spread[len(b.ends)] = ls
			}
			b.fields = append(b.fields, rec...)
			b.ends = append(b.ends, len(b.fields))
			b.lines = append(b.lines, line)
			b.offsets = append(b.offsets, cr.InputOffset())
		}
		select {
		case s.full <- b:
		case <-s.stop:
			return
		}
		if b.err != nil {
			return
		}
	}
}

// Read returns the next record, or the reader's error once the records
// before it are given. The record is valid until the next Read.
func (s *recordStream) Read() ([]string, error) {
	for s.cur == nil || s.next == len(s.cur.ends) {
		if s.cur != nil {
			if s.cur.err != nil {
				return nil, s.cur.err
			}
			select {
			case s.free <- s.cur:
			default:
			}
		}
		b, ok := <-s.full
		if !ok {
			return nil, io.ErrUnexpectedEOF // not reached: the last batch holds an error
		}
		s.cur, s.next = b, 0
	}
	b, i := s.cur, s.next
	s.at, s.next = i, i+1
	from := 0
	if i > 0 {
		from = b.ends[i-1]
	}
	return b.fields[from:b.ends[i]], nil
}

// FieldLine is the line of field col of the record Read gave last, as
// csv.Reader.FieldPos gives it.
func (s *recordStream) FieldLine(col int) int {
	if ls, ok := s.cur.spread[s.at]; ok {
		return ls[col]
	}
	return s.cur.lines[s.at]
}

// InputOffset is the reader's offset after the record Read gave last.
func (s *recordStream) InputOffset() int64 { return s.cur.offsets[s.at] }

// Close stops the goroutine and waits for it to end (after the read it
// may be in), so that the reader and what it reads from are free again;
// the stream must not be used afterwards.
func (s *recordStream) Close() {
	close(s.stop)
	for range s.full {
	}
}
