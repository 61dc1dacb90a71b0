package input

import (
	"hash/maphash"

	"github.com/hubpart/hubpart/internal/hugepage"
)

// codeSet detects duplicate codes among millions of records faster and
// with less memory than a map[string]int: an open-addressing table of
// (32-bit hash, index) pairs over a slice of the codes seen. The hash seed
// only affects speed, never results.
//
// While the codes arrive in strictly increasing byte order, as they do in
// the published postcode and practice files, none can repeat an earlier
// one, so the table is not built: each code is compared with the previous
// one only. The first code out of order builds the table from the codes
// seen so far, in one tight loop, and the set goes on hashing from there.
// Building as the codes arrive costs a cache miss per code (the table is
// tens of megabytes for millions of codes), a third of the time of reading
// the 1.7 million GB postcodes.
type codeSet struct {
	seed  maphash.Seed
	slots []uint64 // hash<<32 | index+1; 0 is empty; nil while ordered
	// entries in chunks of chunkLen, so growing never copies them
	entries [][]codeEntry
	n       int
	ordered bool // every code so far was above the one before (n > 0)
	want    int  // slots reserve asked for while ordered
}

type codeEntry struct {
	code  string
	where int // line or feature index
}

func (s *codeSet) entry(j int) *codeEntry { return &s.entries[j/chunkLen][j%chunkLen] }

// add records code first seen at where. If code was already present it
// returns the earlier where and true, and records nothing.
func (s *codeSet) add(code string, where int) (first int, dup bool) {
	if s.n == 0 && s.slots == nil {
		s.ordered = true
	}
	if s.ordered {
		if s.n == 0 || code > s.entry(s.n-1).code {
			s.push(code, where)
			return 0, false
		}
		s.ordered = false
		size := max(1024, s.want)
		for 2*(s.n+1) > size {
			size *= 2
		}
		s.seed = maphash.MakeSeed()
		s.grow(size)
	}
	if 2*(s.n+1) > len(s.slots) {
		s.grow(2 * len(s.slots))
	}
	h := maphash.String(s.seed, code)
	mask := uint64(len(s.slots) - 1)
	tag := h >> 32
	for i := h & mask; ; i = (i + 1) & mask {
		v := s.slots[i]
		if v == 0 {
			s.slots[i] = tag<<32 | uint64(s.n+1)
			s.push(code, where)
			return 0, false
		}
		if v>>32 == tag {
			if e := s.entry(int(v&0xFFFFFFFF) - 1); e.code == code {
				return e.where, true
			}
		}
	}
}

// push appends an entry.
func (s *codeSet) push(code string, where int) {
	if s.n%chunkLen == 0 {
		s.entries = append(s.entries, make([]codeEntry, chunkLen))
	}
	*s.entry(s.n) = codeEntry{code, where}
	s.n++
}

// reserve makes room for n codes without further growth.
func (s *codeSet) reserve(n int) {
	size := 1024
	for size < 2*n {
		size *= 2
	}
	if s.ordered || (s.n == 0 && s.slots == nil) {
		s.want = max(s.want, size) // the table, if it is ever built
		return
	}
	if size > len(s.slots) {
		s.grow(size)
	}
}

// grow resizes the table to size slots (a power of two) and reinserts
// every code.
func (s *codeSet) grow(size int) {
	s.slots = make([]uint64, size)
	mask := uint64(len(s.slots) - 1)
	for j := range s.n {
		h := maphash.String(s.seed, s.entry(j).code)
		i := h & mask
		for s.slots[i] != 0 {
			i = (i + 1) & mask
		}
		s.slots[i] = (h>>32)<<32 | uint64(j+1)
	}
}

// practiceBuf collects practices in fixed-size chunks, so reading millions
// of records never copies a growing slice, and returns them as one slice
// of exactly the right length. When the caller can estimate the count
// (reserve), records go into one slice of that capacity, made on another
// goroutine (the runtime clears it, and a fresh heap's pages are faulted
// in, which takes a millisecond per 8 MB or so): until it is ready they go
// on into chunks, which are copied into it once, when it arrives.
type practiceBuf struct {
	direct  []Practice // used while len < cap after reserve
	chunks  [][]Practice
	n       int
	pending chan []Practice // reserve's slice, until it is taken
}

// reserve starts making a single slice with room for n practices; it has
// no effect when that is not more than already read, or once a slice was
// reserved.
func (b *practiceBuf) reserve(n int) {
	if n <= b.n || b.direct != nil || b.pending != nil {
		return
	}
	ch := make(chan []Practice, 1) // the maker never blocks, even if nobody takes it
	b.pending = ch
	go func() { ch <- makeReserved(n) }()
}

// makeReserved makes reserve's slice (a variable so that tests can hold it
// back).
var makeReserved = func(n int) []Practice {
	s := make([]Practice, 0, n)
	hugepage.Populate(s)
	return s
}

// take moves the practices read so far into the reserved slice if it is
// ready (or, with wait, once it is). A slice the records have outgrown
// meanwhile is dropped, and the chunks stay.
func (b *practiceBuf) take(wait bool) {
	var s []Practice
	if wait {
		s = <-b.pending
	} else {
		select {
		case s = <-b.pending:
		default:
			return
		}
	}
	b.pending = nil
	if cap(s) <= b.n {
		return
	}
	for i, c := range b.chunks {
		s = append(s, c...)
		b.chunks[i] = nil
	}
	b.direct, b.chunks = s, nil
}

// Chunks start at firstChunkLen practices and double up to chunkLen, so
// that a file of a few thousand practices does not fill a chunk sized for
// millions (the first one holds the sample that reserve's estimate is made
// from).
const (
	firstChunkLen = 1 << 10
	chunkLen      = 1 << 14
)

func (b *practiceBuf) add(p Practice) {
	full := len(b.chunks) == 0 || len(b.chunks[len(b.chunks)-1]) == cap(b.chunks[len(b.chunks)-1])
	if full && b.pending != nil {
		b.take(false) // a chunk is full: is the reserved slice ready?
	}
	if b.direct != nil && len(b.chunks) == 0 && len(b.direct) < cap(b.direct) {
		b.direct = append(b.direct, p)
		b.n++
		return
	}
	if full {
		b.chunks = append(b.chunks, make([]Practice, 0, min(chunkLen, firstChunkLen<<len(b.chunks))))
	}
	last := &b.chunks[len(b.chunks)-1]
	*last = append(*last, p)
	b.n++
}

// slice returns all practices in order, or nil if there are none.
func (b *practiceBuf) slice() []Practice {
	if b.pending != nil {
		b.take(true)
	}
	if b.n == 0 {
		return nil
	}
	if len(b.chunks) == 0 {
		if cap(b.direct) > b.n+b.n/16 { // the estimate was well off: trim
			return append([]Practice(nil), b.direct...)
		}
		return b.direct
	}
	if b.direct == nil && len(b.chunks) == 1 {
		return b.chunks[0][:b.n:b.n]
	}
	out := make([]Practice, 0, b.n)
	out = append(out, b.direct...)
	b.direct = nil
	for i, c := range b.chunks {
		out = append(out, c...)
		b.chunks[i] = nil // let the chunk go as soon as copied
	}
	return out
}
