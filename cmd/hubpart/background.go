package main

import (
	"context"
	"sync"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/export"
	"github.com/hubpart/hubpart/geo/delaunay"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
)

// Work the partition command does in the background, beside what it waits
// for: the outline while the practices are read, the export's cells while
// the partition runs.

// cellsAhead computes the export's Voronoi cells (export.NewCells) in the
// background: they depend only on the sites and the boundary. They are
// started when the partition first leaves a CPU idle (partition.WithIdle):
// started with the partition, they would take CPU time from its regions
// and leave the seam's idle CPU unused (England with every output: about
// 8 ms of 228 slower, BENCHMARKS.md).
type cellsAhead struct {
	ctx      context.Context
	g        *graph.Graph
	tri      *delaunay.Triangulation // graph.Build's, reused
	boundary orb.MultiPolygon
	once     sync.Once
	done     chan struct{}
	cancel   context.CancelFunc
	cells    *export.Cells
	err      error
}

// newCellsAhead prepares to compute the cells of g, whose sites graph.Build
// triangulated as tri, clipped to boundary.
func newCellsAhead(ctx context.Context, g *graph.Graph, tri *delaunay.Triangulation, boundary orb.MultiPolygon) *cellsAhead {
	ctx, cancel := context.WithCancel(ctx)
	return &cellsAhead{ctx: ctx, g: g, tri: tri, boundary: boundary, done: make(chan struct{}), cancel: cancel}
}

// start starts computing the cells, on a goroutine of their own, unless it
// has started already.
func (c *cellsAhead) start() {
	c.once.Do(func() {
		go func() {
			defer close(c.done)
			c.cells, c.err = export.NewCellsOf(c.ctx, c.g, c.tri, c.boundary)
		}()
	})
}

// wait returns the cells once they are made; start must have been called.
func (c *cellsAhead) wait() (*export.Cells, error) {
	<-c.done
	return c.cells, c.err
}

// stop cancels the work if it is running and waits for it to end.
func (c *cellsAhead) stop() {
	c.cancel()
	c.once.Do(func() { close(c.done) }) // never started: nothing to wait for
	<-c.done
}

// boundaryRead is an outline being read in the background.
type boundaryRead struct {
	done chan struct{}
	b    orb.MultiPolygon
	err  error
}

// readBoundaryAsync starts reading the -boundary file at path ("" for
// none: an empty outline).
func readBoundaryAsync(path string) *boundaryRead {
	r := &boundaryRead{done: make(chan struct{})}
	go func() {
		defer close(r.done)
		if path != "" {
			r.b, r.err = input.ReadBoundary(path)
		}
	}()
	return r
}

// wait returns the outline once it is read; it may be called again.
func (r *boundaryRead) wait() (orb.MultiPolygon, error) {
	<-r.done
	return r.b, r.err
}
