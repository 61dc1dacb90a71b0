package partition

import (
	"context"

	"github.com/hubpart/hubpart/internal/parallel"
)

// hilbertOrder returns the positions 0..len(atoms)-1 of atoms sorted along
// a Hilbert curve over their bounding box (ties: position), so that atoms
// close in the plane get close local indices. The keys are computed on up
// to workers goroutines (each position's key alone, so the order does not
// depend on them). It returns nil when ctx is cancelled (checked every
// 64Ki atoms and before the sort).
func hilbertOrder(ctx context.Context, ag *pgraph, atoms []int32, workers int) []int32 {
	n := len(atoms)
	perm := make([]int32, n)
	for i := range perm {
		perm[i] = int32(i)
	}
	if n < 3 {
		return perm
	}
	x0, y0 := ag.x[atoms[0]], ag.y[atoms[0]]
	x1, y1 := x0, y0
	for _, a := range atoms {
		x0, x1 = min(x0, ag.x[a]), max(x1, ag.x[a])
		y0, y1 = min(y0, ag.y[a]), max(y1, ag.y[a])
	}
	span := max(x1-x0, y1-y0)
	if !(span > 0) {
		return perm
	}
	const side = 1 << 16
	scale := (side - 1) / span
	// Positions by key, ties in position order (the sort is stable).
	keyed := make([]tedge, n)
	parallel.Ranges(n, workersUpTo(n, workers), func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			if i&0xffff == 0xffff && ctx.Err() != nil {
				return
			}
			a := atoms[i]
			hx := uint32((ag.x[a] - x0) * scale)
			hy := uint32((ag.y[a] - y0) * scale)
			keyed[i] = tedge{key: uint32(hilbertD(min(hx, side-1), min(hy, side-1), side)), u: int32(i)}
		}
	})
	if ctx.Err() != nil {
		return nil
	}
	radixByKey(keyed, nil)
	for i, e := range keyed {
		perm[i] = e.u
	}
	return perm
}

// hilbertD is the distance of cell (x, y) along the Hilbert curve filling
// a side×side grid (side a power of two).
func hilbertD(x, y, side uint32) uint64 {
	var d uint64
	for s := side / 2; s > 0; s /= 2 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		d += uint64(s) * uint64(s) * uint64((3*rx)^ry)
		if ry == 0 {
			if rx == 1 {
				x = s - 1 - x
				y = s - 1 - y
			}
			x, y = y, x
		}
	}
	return d
}
