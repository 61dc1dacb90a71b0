package main

import (
	"context"

	"github.com/paulmach/orb"

	"github.com/hubpart/hubpart/export"
	"github.com/hubpart/hubpart/graph"
)

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
