package main

import (
	"os"
	"testing"

	"github.com/hubpart/hubpart/internal/hugepage"
)

// TestMain starts the test binary as main starts the command, so that the
// benchmarks measure what a run of the command does.
func TestMain(m *testing.M) {
	hugepage.Reserve(memFloor)
	os.Exit(m.Run())
}
