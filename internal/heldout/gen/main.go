// Command gen writes Skop's held-out discovery corpus into a folder:
//
//	go run ./internal/heldout/gen -out /tmp/skop-heldout          (set A)
//	go run ./internal/heldout/gen -set b -out /tmp/skop-heldout-b (set B)
//	go run ./internal/heldout/gen -set c -out /tmp/skop-heldout-c (set C)
//	go run ./internal/heldout/gen -set d -out /tmp/skop-heldout-d (set D)
//	go run ./internal/heldout/gen -set e -out /tmp/skop-heldout-e (set E)
//	go run ./internal/heldout/gen -set f -out /tmp/skop-heldout-f (set F)
//	go run ./internal/heldout/gen -set g -out /tmp/skop-heldout-g (set G)
//	go run ./cmd/skop-bench discovery -corpus /tmp/skop-heldout -by-case
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/skop-dev/skop/internal/heldout"
)

func main() {
	out := flag.String("out", "", "folder to write the corpus into")
	set := flag.String("set", "a", "which held-out set: a to g")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: gen -out DIR")
		os.Exit(2)
	}
	write := heldout.Write
	switch *set {
	case "a":
	case "b":
		write = heldout.WriteB
	case "c":
		write = heldout.WriteC
	case "d":
		write = heldout.WriteD
	case "e":
		write = heldout.WriteE
	case "f":
		write = heldout.WriteF
	case "g":
		write = heldout.WriteG
	default:
		fmt.Fprintln(os.Stderr, "gen: -set must be one of a to g")
		os.Exit(2)
	}
	if err := write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
