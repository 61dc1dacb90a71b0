package input

import (
	"errors"
	"io"
)

// readAheadBlock and readAheadBlocks size the read-ahead: four blocks of
// 1 MiB in flight at most.
const (
	readAheadBlock  = 1 << 20
	readAheadBlocks = 4
)

// readAhead reads its source on a goroutine of its own, up to
// readAheadBlocks blocks ahead of its reader, so that decompressing a
// .gz overlaps parsing. The reader sees the same bytes and then the same
// error as from the source itself. Close stops the goroutine and waits for
// it, so the source can be closed safely afterwards.
type readAhead struct {
	full     chan []byte   // blocks read, in order; closed after the last
	free     chan []byte   // blocks consumed, for reuse
	stop     chan struct{} // closed by Close
	finished chan struct{} // closed when the goroutine has returned
	err      error         // the source's error (io.EOF at the end); read after full closes
	cur      []byte        // what is left of the block being consumed
	block    []byte        // that block, whole, to give back
	closed   bool
}

func newReadAhead(src io.Reader) *readAhead {
	r := &readAhead{
		full:     make(chan []byte, readAheadBlocks),
		free:     make(chan []byte, readAheadBlocks+1),
		stop:     make(chan struct{}),
		finished: make(chan struct{}),
	}
	go r.fill(src)
	return r
}

// fill reads blocks from src until an error or Close.
func (r *readAhead) fill(src io.Reader) {
	defer close(r.finished)
	defer close(r.full)
	for {
		var buf []byte
		select {
		case buf = <-r.free:
		default:
			buf = make([]byte, readAheadBlock)
		}
		n, err := io.ReadFull(src, buf[:readAheadBlock])
		if n > 0 {
			select {
			case r.full <- buf[:n]:
			case <-r.stop:
				return
			}
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				err = io.EOF // a short last block
			}
			r.err = err
			return
		}
	}
}

func (r *readAhead) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for len(r.cur) == 0 {
		if r.block != nil {
			select {
			case r.free <- r.block[:cap(r.block)]:
			default:
			}
			r.block = nil
		}
		b, ok := <-r.full
		if !ok {
			return 0, r.err // set before full was closed
		}
		r.block, r.cur = b, b
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	return n, nil
}

// Close stops reading ahead and waits for the goroutine to return.
func (r *readAhead) Close() {
	if r.closed {
		return
	}
	r.closed = true
	close(r.stop)
	<-r.finished
}
