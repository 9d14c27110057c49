// Command skop-server runs the Skop API and its workers, and manages API keys.
//
//	skop-server serve  [--addr 127.0.0.1:8080] [--db ./skop.db | postgres://…] [--workers 4] [--allow-private-networks]
//	skop-server worker [--db postgres://…] [--workers 4]
//	skop-server keys create --db PATH --name NAME [--scopes scrape:create,scrape:read,scrape:cancel]
//	skop-server keys list   --db PATH
//	skop-server keys revoke --db PATH NAME
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
)

// usageError is a command line that cannot be run: exit status 2.
type usageError string

func (e usageError) Error() string { return string(e) }

func usage() {
	fmt.Fprint(os.Stderr, `usage:
  skop-server serve [flags]          run the API and the workers (see: skop-server serve -h)
  skop-server worker [flags]         run workers only, no HTTP (see: skop-server worker -h)
  skop-server keys create --db PATH --name NAME [--scopes a,b]
  skop-server keys list --db PATH
  skop-server keys revoke --db PATH NAME
`)
}

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "serve":
		err = serve(os.Args[2:])
	case "worker":
		err = worker(os.Args[2:])
	case "keys":
		err = keys(os.Args[2:])
	case "-h", "-help", "--help", "help":
		usage()
		return
	default:
		fmt.Fprintf(os.Stderr, "skop-server: unknown command %q\n", os.Args[1])
		usage()
		os.Exit(2)
	}
	var ue usageError
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		// -h on a command: the flag package printed its usage.
	case errors.As(err, &ue):
		fmt.Fprintln(os.Stderr, "skop-server:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "skop-server:", err)
		os.Exit(1)
	}
}
