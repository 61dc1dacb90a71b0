package main

import (
	"flag"
	"fmt"
	"strings"
)

// setUsage makes fs print "Usage: hubpart NAME SYNOPSIS", a short paragraph
// and then the flags, so that every subcommand's -h reads the same way.
func setUsage(fs *flag.FlagSet, synopsis, about string) {
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: hubpart %s %s\n\n%s\n\nFlags:\n", fs.Name(), synopsis, strings.TrimSpace(about))
		fs.PrintDefaults()
	}
}
