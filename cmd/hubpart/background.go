package main

import (
	"context"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/export"
	"github.com/hubpart/hubpart/graph"
	"github.com/hubpart/hubpart/input"
)

// Work the partition command does in the background, beside what it waits
// for: the outline while the practices are read, the export's cells while
// the partition runs.

// cellsAhead computes the export's Voronoi cells (export.NewCells) in the
// background while the partition runs: they depend only on the sites and
// the boundary, and the partition leaves a CPU idle most of the time.
type cellsAhead struct {
	done   chan struct{}
	cancel context.CancelFunc
	cells  *export.Cells
	err    error
}

// startCells starts computing the cells of g clipped to boundary.
func startCells(ctx context.Context, g *graph.Graph, boundary orb.MultiPolygon) *cellsAhead {
	ctx, cancel := context.WithCancel(ctx)
	c := &cellsAhead{done: make(chan struct{}), cancel: cancel}
	go func() {
		defer close(c.done)
		c.cells, c.err = export.NewCells(ctx, g, boundary)
	}()
	return c
}

// wait returns the cells once they are made.
func (c *cellsAhead) wait() (*export.Cells, error) {
	<-c.done
	return c.cells, c.err
}

// stop cancels the work if it is still running and waits for it to end.
func (c *cellsAhead) stop() {
	c.cancel()
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
