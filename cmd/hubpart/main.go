// Command hubpart groups GP practices into contiguous neighbourhood hubs of
// 30,000–50,000 patients and hubs into areas of 100,000 or more.
//
// Usage:
//
//	hubpart demo      [flags]   run the whole pipeline on a built-in synthetic country
//	hubpart partition [flags]   partition a practices file (CSV or GeoJSON)
//	hubpart graph     [flags]   write the contiguity graph (edge list or METIS)
//	hubpart compare   [flags]   compare two configurations of the same practices
//
// Run "hubpart COMMAND -h" for a command's flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
)

const usage = `Usage: hubpart COMMAND [flags]

hubpart groups GP practices into contiguous hubs within list-size bounds,
and hubs into areas. Commands:

  hubpart demo      [flags]   run the whole pipeline on a built-in synthetic country
  hubpart partition [flags]   partition a practices file (CSV or GeoJSON)
  hubpart graph     [flags]   write the contiguity graph (edge list or METIS)
  hubpart compare   [flags]   compare two configurations of the same practices

Run "hubpart COMMAND -h" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand and turns its error into one line on stderr
// and a non-zero exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var cmd func(context.Context, []string, io.Writer, io.Writer) error
	switch args[0] {
	case "demo":
		cmd = runDemo
	case "partition":
		cmd = runPartition
	case "graph":
		cmd = runGraph
	case "compare":
		cmd = runCompare
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "hubpart: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if err := cmd(ctx, args[1:], safeWriter{stdout}, stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		if errors.Is(err, context.Canceled) {
			err = errors.New("interrupted; no output written")
		}
		// one line, whatever the message holds (a file name or practice
		// code with a newline or a terminal escape)
		msg := strings.ReplaceAll(safeText(err.Error()), "\n", `\n`)
		fmt.Fprintf(stderr, "hubpart %s: %s\n", args[0], msg)
		return 1
	}
	return 0
}
