// Command gen writes one of Skop's held-out discovery corpora (sets a to h) into a
// folder; `make heldout` writes and scores them all:
//
//	go run ./internal/heldout/gen -set g -out /tmp/skop-heldout-g
//	go run ./cmd/skop-bench discovery -corpus /tmp/skop-heldout-g -by-case
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/skop-dev/skop/internal/heldout"
)

func main() {
	out := flag.String("out", "", "folder to write the corpus into")
	set := flag.String("set", "a", "which held-out set: a to h (see docs/BENCHMARKS.md)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: gen -out DIR")
		os.Exit(2)
	}
	if err := heldout.Write(*set, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
