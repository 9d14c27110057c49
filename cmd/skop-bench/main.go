// Command skop-bench measures Skop.
//
//	skop-bench discovery -corpus DIR [-json] [-v] [-case ID]
//	    runs every case of a discovery corpus through the engine the server runs and
//	    prints per-case and micro-averaged precision, recall and F1.
//	skop-bench fit -corpora DIR,DIR,… -out discovery/model.json
//	    fits and calibrates the discovery model on labelled corpora, cross-validated
//	    by leaving one corpus out.
//	skop-bench crawl -pages N
//	    crawls a generated N-page local site and reports pages/s and peak memory.
//	skop-bench api [-duration 3s] [-connections 64] [-rounds 3] [-json]
//	    drives the real server's reads (status, results of 50 documents, list,
//	    health, repeat cancel) and a bare Echo handler returning the same bytes,
//	    alternating, and prints req/s, p50, p99, allocations and the ratios.
//	skop-bench throughput -db DSN -replicas N [-jobs M]
//	    starts N skop-server replicas on one database and reports jobs/s created
//	    and completed.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: skop-bench discovery -corpus DIR [-json] | skop-bench crawl -pages N")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "discovery":
		err = runDiscovery(os.Args[2:])
	case "fit":
		err = runFit(os.Args[2:])
	case "crawl":
		err = runCrawl(os.Args[2:])
	case "throughput":
		err = runThroughput(os.Args[2:])
	case "api":
		err = runAPI(os.Args[2:])
	default:
		err = fmt.Errorf("unknown benchmark %q (want discovery, fit, crawl, api or throughput)", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "skop-bench:", err)
		os.Exit(1)
	}
}
