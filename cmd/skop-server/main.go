// Command skop-server runs the Skop API and its workers, and manages API keys.
//
//	skop-server serve  [--addr 127.0.0.1:8080] [--db ./skop.db | postgres://…] [--workers 4] [--allow-private-networks]
//	skop-server worker [--db postgres://…] [--workers 4]
//	skop-server keys create --db PATH --name NAME [--scopes scrape:create,scrape:read,scrape:cancel]
//	skop-server keys list   --db PATH
//	skop-server keys revoke --db PATH NAME
package main

import (
	"fmt"
	"os"
)

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
	case "-h", "--help", "help":
		usage()
		return
	default:
		usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "skop-server:", err)
		os.Exit(1)
	}
}
