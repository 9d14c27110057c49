package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/internal/testsite"
)

// runCrawl generates an N-page site on loopback (a home page, sections, and leaf
// pages that each link two PDFs) and crawls it with one discovery run, reporting
// pages per second and peak memory. The baseline, measured in the same run, is a
// plain loop that GETs the same pages and documents with the same concurrency and
// parses nothing: the ratio is what crawling, reading and scoring cost on top of the
// bare transfers.
func runCrawl(args []string) error {
	fs := flag.NewFlagSet("crawl", flag.ContinueOnError)
	pages := fs.Int("pages", 2000, "pages in the generated site")
	concurrency := fs.Int("concurrency", 4, "requests in flight to the site")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the discovery run to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *pages < 3 {
		return fmt.Errorf("crawl: -pages must be at least 3")
	}
	site, pageURLs, docURLs := generateSite(*pages)
	defer site.Close()
	docs := len(docURLs)

	// Baseline: the same pages and documents fetched by a bare concurrent loop.
	t0 := time.Now()
	if err := fetchAll(site.URL, append(slices.Clone(pageURLs), docURLs...), *concurrency); err != nil {
		return err
	}
	baseline := time.Since(t0)

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peakHeap atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // sample the heap while the run goes
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peakHeap.Load() {
					peakHeap.Store(m.HeapInuse)
				}
			}
		}
	}()
	engine := discovery.New(discovery.Config{AllowPrivateNetworks: true, MaxPages: *pages, MaxDepth: *pages, Exhaustive: true, MaxCandidates: docs + 10, PerHostConcurrency: *concurrency})
	var last discovery.Progress
	kept, found := 0, 0
	// The prompt asks for 2024's budget reports: the generator gives every
	// sixth leaf page's budget report that year.
	relevant := map[string]bool{}
	for _, d := range docURLs {
		if strings.HasSuffix(d, "-budget.pdf") {
			if leaf, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(d, "/d/"), "-budget.pdf")); err == nil && 2020+leaf%6 == 2024 {
				relevant[d] = true
			}
		}
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	t1 := time.Now()
	err := engine.Run(context.Background(), discovery.Request{
		StartURL: site.URL + "/", Prompt: "Find the annual budget reports from 2024", ConfidenceThreshold: 0.5,
	}, func(_ context.Context, p discovery.Progress) error {
		last = p
		kept += len(p.NewDocuments)
		for _, d := range p.NewDocuments {
			if u, err := url.Parse(d.URL); err == nil && relevant[u.Path] {
				found++
			}
		}
		return nil
	})
	elapsed := time.Since(t1)
	close(stop)
	wg.Wait()
	if err != nil {
		return err
	}
	pps := float64(last.PagesCrawled) / elapsed.Seconds()
	rps := float64(last.PagesCrawled+last.DocumentsDownloaded) / elapsed.Seconds()
	baseRPS := float64(len(pageURLs)+docs) / baseline.Seconds()
	fmt.Printf("site: %d pages, %d documents\n", len(pageURLs), docs)
	fmt.Printf("baseline (bare GETs of every page and document, %d in flight): %.0f requests/s in %.2fs\n", *concurrency, baseRPS, baseline.Seconds())
	fmt.Printf("discovery run: %d pages crawled, %d documents read, %d kept in %.2fs: %.0f pages/s, %.0f requests/s (%.2f× baseline)\n",
		last.PagesCrawled, last.DocumentsDownloaded, kept, elapsed.Seconds(), pps, rps, rps/baseRPS)
	fmt.Printf("relevant documents found: %d of %d, %.1f pages fetched per relevant document found\n", found, len(relevant), float64(last.PagesCrawled)/float64(max(found, 1)))
	fmt.Printf("peak Go heap in use during the run: %.1f MiB (%.1f MiB before); peak RSS of the process: %s\n",
		float64(peakHeap.Load())/(1<<20), float64(before.HeapInuse)/(1<<20), peakRSS())
	return nil
}

// generateSite builds a site of n pages: the home page links every section, each
// section links its leaf pages, and each leaf links two PDFs, one of them a 2024
// budget report.
func generateSite(n int) (*testsite.Site, []string, []string) {
	res := map[string]testsite.Resource{}
	sections := max(1, n/50)
	leaves := n - 1 - sections
	var home strings.Builder
	home.WriteString("<html><head><title>Generated town</title></head><body><h1>Departments</h1><ul>")
	urls := []string{"/"}
	var docs []string
	per := (leaves + sections - 1) / sections
	leaf := 0
	for s := range sections {
		sp := "/s" + strconv.Itoa(s) + "/"
		urls = append(urls, sp)
		fmt.Fprintf(&home, `<li><a href="%s">Department %d</a></li>`, sp, s)
		var sec strings.Builder
		fmt.Fprintf(&sec, "<html><head><title>Department %d</title></head><body><h1>Department %d</h1><ul>", s, s)
		for i := 0; i < per && leaf < leaves; i++ {
			lp := fmt.Sprintf("/s%d/p%d.html", s, leaf)
			urls = append(urls, lp)
			fmt.Fprintf(&sec, `<li><a href="%s">Page %d</a></li>`, lp, leaf)
			year := 2020 + leaf%6
			res[lp] = testsite.HTML(fmt.Sprintf(`<html><head><title>Page %d</title></head><body><h1>Reports %d</h1>
				<table><tr><th>Year</th><th>Document</th></tr>
				<tr><td>%d</td><td><a href="/d/%d-budget.pdf">Annual budget report %d</a></td></tr>
				<tr><td>%d</td><td><a href="/d/%d-notes.pdf">Meeting notes</a></td></tr></table></body></html>`, leaf, year, year, leaf, year, year, leaf))
			res[fmt.Sprintf("/d/%d-budget.pdf", leaf)] = testsite.PDFFile(fmt.Sprintf("Annual Budget Report %d", year), fmt.Sprintf("ANNUAL BUDGET REPORT\nFiscal year %d", year))
			res[fmt.Sprintf("/d/%d-notes.pdf", leaf)] = testsite.PDFFile("Meeting notes", "NOTES")
			docs = append(docs, fmt.Sprintf("/d/%d-budget.pdf", leaf), fmt.Sprintf("/d/%d-notes.pdf", leaf))
			leaf++
		}
		sec.WriteString("</ul></body></html>")
		res[sp] = testsite.HTML(sec.String())
	}
	home.WriteString("</ul></body></html>")
	res["/"] = testsite.HTML(home.String())
	return testsite.New(res), urls, docs
}

func fetchAll(base string, paths []string, concurrency int) error {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: concurrency}}
	work := make(chan string)
	errc := make(chan error, concurrency)
	var wg sync.WaitGroup
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				resp, err := client.Get(base + p)
				if err != nil {
					errc <- err
					return
				}
				buf := make([]byte, 32<<10)
				for {
					if _, err := resp.Body.Read(buf); err != nil {
						break
					}
				}
				resp.Body.Close()
			}
		}()
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

// peakRSS reads the process's high-water resident set size (Linux).
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:"))
		}
	}
	return "unknown"
}
