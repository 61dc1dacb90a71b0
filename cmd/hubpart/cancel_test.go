package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hubpart/hubpart/internal/fixture"
)

// Ctrl-C stops a run promptly at the highest effort accepted, and leaves no
// output behind (issue #10: at -effort 1000000 it took 8.5 s). The bound
// checked here is loose because the test machine is shared; measured on an
// idle-enough machine the latency is 5–50 ms (README, "Reliability").
func TestInterruptPrompt(t *testing.T) {
	if testing.Short() {
		t.Skip("runs England at -effort 100: skipped in -short mode")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out.csv")
	for _, after := range []time.Duration{200 * time.Millisecond, 1500 * time.Millisecond} {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan int)
		var stdout, stderr bytes.Buffer
		go func() {
			done <- run(ctx, []string{"partition", "-in", fixture.EnglandPractices(), "-effort", "100", "-out-csv", out, "-q"}, &stdout, &stderr)
		}()
		time.Sleep(after)
		cancel()
		start := time.Now()
		code := <-done
		if d := time.Since(start); d > time.Second {
			t.Errorf("cancelled after %v: returned %v later", after, d)
		}
		if code != 1 || !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("exit %d, stderr %q", code, stderr.String())
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("output written by an interrupted run")
		}
	}
}
