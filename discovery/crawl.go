package discovery

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/skop-dev/skop/internal/metrics"
)

// This file is the navigator: walking the site from the start page, level by
// level, and collecting the candidate documents with every link to them.

func siteHost(u *url.URL) string { return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.") }

// sameSite reports whether u is on the start page's site: the same host, `www.`
// or not, on the same port, where http's 80 and https's 443 count as one (a site
// that moves from http to https stays the same site).
func (r *run) sameSite(u *url.URL) bool {
	return siteHost(u) == siteHost(r.start) && sitePort(u) == sitePort(r.start)
}

// sitePort is u's explicit port, or "" for its scheme's default port.
func sitePort(u *url.URL) string {
	if p := u.Port(); p != "" && p != effectivePort(&url.URL{Scheme: strings.ToLower(u.Scheme)}) {
		return p
	}
	return ""
}

func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if u.Scheme == "https" {
		return "443"
	}
	return "80"
}

// canonical is the de-duplication key of a URL: host lower-cased, `www.`, the
// scheme and its default port dropped (http and https of one page are one page),
// no fragment, an empty path as "/".
func canonical(u *url.URL) string {
	c := *u
	c.Fragment, c.RawFragment = "", ""
	c.Scheme = ""
	host := siteHost(u)
	if port := sitePort(u); port != "" {
		host = net.JoinHostPort(host, port)
	}
	c.Host = host
	c.User = nil
	if c.Path == "" {
		c.Path = "/"
	}
	return c.String()
}

// frontier item: a page to crawl.
type pageItem struct {
	url      *url.URL
	depth    int
	priority float64
	via      *link
}

// crawl walks the site breadth-first, level by level with the host's concurrency,
// the most promising links of a level first, and returns the candidate documents in
// the order they were found, each with all the links that point to it.
func (r *run) crawl(ctx context.Context) ([]*candidate, error) {
	cfg := r.e.cfg
	if !r.robots.allowed(ctx, r, r.start) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return nil, &FatalError{Problem{Stage: StageNavigator, Kind: "robots_disallowed", Message: fmt.Sprintf("robots.txt does not allow crawling %s", r.start), PageURL: r.start.String(), At: now()}}
	}
	seen := map[string]bool{canonical(r.start): true}
	byKey := map[string]*candidate{}
	var cands []*candidate
	addCandidate := func(u *url.URL, l *link, docType string, read *inspected) {
		key := canonical(u)
		c := byKey[key]
		if c == nil {
			if len(cands) >= cfg.MaxQueue {
				return // past MaxCandidates, the best by their links are kept (keepBest)
			}
			c = &candidate{url: u, key: key, docType: docType, order: len(cands)}
			byKey[key] = c
			cands = append(cands, c)
		}
		if l != nil {
			c.links = append(c.links, *l)
		}
		if c.docType == "" {
			c.docType = docType
		}
		if c.read == nil && read != nil {
			read.c = c
			c.read = read
		}
	}
	var probes []pageItem
	level := []pageItem{{url: r.start}}
	for depth := 0; len(level) > 0; depth++ {
		sort.SliceStable(level, func(i, j int) bool { return level[i].priority > level[j].priority })
		if room := cfg.MaxPages - r.progress.PagesCrawled; len(level) > room {
			level = level[:max(room, 0)] // the most promising links fill the page budget
		}
		results, err := r.fetchAll(ctx, level)
		if err != nil {
			return nil, err
		}
		r.progress.PagesCrawled = int(r.pagesFetched.Load())
		var next []pageItem
		for i, res := range results {
			item := level[i]
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if res.err != nil {
				if depth == 0 {
					kind := classify(res.err)
					var he *httpStatusError
					if errors.As(res.err, &he) && retryableStatus(he.code) {
						kind = "fetch_failed" // a transient answer, to every try
					}
					return nil, &FatalError{Problem{Stage: StageNavigator, Kind: kind, Message: fmt.Sprintf("cannot fetch the start page %s: %v", item.url, res.err), PageURL: item.url.String(), At: now()}}
				}
				r.problem(StageNavigator, classify(res.err), fmt.Sprintf("cannot fetch %s: %v", item.url, res.err), item.url.String())
				continue
			}
			if !isHTML(res.contentType) {
				// A followed link that turned out to be a document.
				dt := docTypeFromContentType(res.contentType)
				if dt == "" {
					dt = docTypeFromName(res.disposition)
				}
				if dt != "" && item.via != nil {
					addCandidate(item.url, item.via, dt, res.doc)
				} else if depth == 0 {
					return nil, &FatalError{Problem{Stage: StageNavigator, Kind: "not_html", Message: fmt.Sprintf("the start page %s is not an HTML page (%s)", item.url, res.contentType), PageURL: item.url.String(), At: now()}}
				}
				continue
			}
			if r.fyStart == 0 {
				r.fyStart = SiteFiscalStart(visibleText(res.body))
			}
			if depth == 0 {
				r.siteWords = titleWords(res.body)
				if r.sameSite(res.final) {
					// After the start page's redirects (http → https, www → apex),
					// the final URL is the run's start.
					r.start = res.final
				}
			}
			if !r.sameSite(res.final) || depth >= cfg.MaxDepth {
				continue // redirected off the site, or as deep as links are followed
			}
			var trail []string
			if item.via != nil {
				trail = append(slices.Clone(item.via.trail), strings.TrimSpace(item.via.anchor+" "+item.via.title))
			}
			for _, l := range extractLinks(res.body, res.final, depth+1) {
				l.trail = trail
				u := l.url
				if u.Scheme != "http" && u.Scheme != "https" || !r.sameSite(u) {
					continue // mailto:, tel:, javascript: and other hosts are never fetched
				}
				if nonDocument[strings.ToLower(path.Ext(u.Path))] {
					continue
				}
				l := l
				if dt := docTypeFromName(u.Path); dt != "" {
					if r.robots.allowed(ctx, r, u) {
						addCandidate(u, &l, dt, nil)
					}
					continue
				}
				if c := byKey[canonical(u)]; c != nil {
					c.links = append(c.links, l) // another link to a known document
					continue
				}
				key := canonical(u)
				if seen[key] {
					continue
				}
				if !r.robots.allowed(ctx, r, u) {
					metrics.RobotsRefusals.Inc()
					continue
				}
				seen[key] = true
				pi := pageItem{url: u, depth: depth + 1, priority: r.linkPriority(&l), via: &l}
				if r.req.SinglePage {
					if len(probes) < cfg.MaxQueue {
						probes = append(probes, pi) // the best MaxProbes are asked (keepBest)
					}
					continue
				}
				// A page at the deepest level is fetched only to learn whether it is a
				// document: its own links would be one step too far.
				if depth+1 <= cfg.MaxDepth && len(next) < cfg.MaxQueue {
					next = append(next, pi)
				}
			}
		}
		r.progress.Percent = min(39, 10+30*r.progress.PagesCrawled/max(1, min(cfg.MaxPages, r.progress.PagesCrawled+len(next))))
		if err := r.report(ctx); err != nil {
			return nil, err
		}
		if r.req.SinglePage || r.progress.PagesCrawled >= cfg.MaxPages {
			break
		}
		level = next
	}
	if len(probes) > cfg.MaxProbes {
		links := make([][]link, len(probes))
		for i, p := range probes {
			links[i] = []link{*p.via}
		}
		probes = keepBest(r, probes, links, cfg.MaxProbes)
	}
	if err := r.probe(ctx, probes, addCandidate); err != nil {
		return nil, err
	}
	if len(cands) > cfg.MaxCandidates {
		links := make([][]link, len(cands))
		for i, c := range cands {
			links[i] = c.links
		}
		cands = keepBest(r, cands, links, cfg.MaxCandidates)
		for i, c := range cands {
			c.order = i
		}
	}
	return cands, nil
}

// keepBest keeps the n items whose links say most for the prompt, in their
// order: a page with more documents (or extension-less links) than the budget
// spends it on those its own words point to, not on the first ones it lists.
// The judgment is the scorer's on the links alone, before any is fetched.
func keepBest[T any](r *run, items []T, links [][]link, n int) []T {
	var evs []*evidence
	for _, ls := range links {
		for _, l := range ls {
			evs = append(evs, newEvidence(l, "", content{}))
		}
	}
	sc := newScorer(r.intent, evs, r.siteWords)
	score := make([]float64, len(items))
	k := 0
	for i, ls := range links {
		for range ls {
			score[i] = max(score[i], fitted.Logit(sc.factors(evs[k])))
			k++
		}
	}
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return score[idx[a]] > score[idx[b]] })
	idx = idx[:n]
	sort.Ints(idx)
	out := make([]T, n)
	for i, j := range idx {
		out[i] = items[j]
	}
	return out
}

// linkPriority orders a level's links: those whose words match the prompt first.
func (r *run) linkPriority(l *link) float64 {
	toks := tokens(l.anchor + " " + l.title + " " + l.url.Path)
	p := 0.0
	for _, g := range r.intent.Core {
		for _, alt := range g.Alts {
			if has(toks, alt) {
				p++
				break
			}
		}
	}
	for _, m := range kindTable.find(toks) {
		if slices.Contains(r.intent.Kinds, m.value) {
			p += 2
		}
	}
	return p
}

// fetchAll fetches pages concurrently (the host gate bounds it) and returns the
// answers in the order of items. While they are in flight it reports the pages
// read so far every ReportEvery, so a person watching sees the crawl move.
func (r *run) fetchAll(ctx context.Context, items []pageItem) ([]page, error) {
	out := make([]page, len(items))
	started := make([]bool, len(items))
	done := make(chan struct{})
	go func() {
		defer close(done)
		fanOut(ctx, len(items), r.e.cfg.PerHostConcurrency, func(i int) {
			started[i] = true
			out[i] = r.fetchPage(ctx, items[i].url)
		})
		for i := range out {
			if !started[i] {
				out[i] = page{err: ctx.Err()} // the run ended before it started
			}
		}
	}()
	tick := time.NewTicker(r.e.cfg.ReportEvery)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return out, nil
		case <-tick.C:
			if n := int(r.pagesFetched.Load()); n != r.progress.PagesCrawled {
				r.progress.PagesCrawled = n
				if err := r.report(ctx); err != nil {
					<-done // the report's error cancelled ctx: the fetches end at once
					return nil, err
				}
			}
		}
	}
}

// fanOut calls fn(i) for each i in [0, n), in order, at most limit at a time, and
// starts no more once ctx ended. It returns when every call it started returned:
// the one bounded fan-out of the navigator and the scraper.
func fanOut(ctx context.Context, n, limit int, fn func(i int)) {
	sem := make(chan struct{}, max(limit, 1))
	var wg sync.WaitGroup
	defer wg.Wait()
	for i := range n {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return
		}
		wg.Go(func() {
			defer func() { <-sem }()
			fn(i)
		})
	}
}

// probe asks the server, in single-page mode, what the start page's extension-less
// links are (download.php?id=17 may be a PDF), with HEAD requests.
func (r *run) probe(ctx context.Context, probes []pageItem, add func(*url.URL, *link, string, *inspected)) error {
	type answer struct {
		ct, disposition string
		ok              bool
	}
	answers := make([]answer, len(probes))
	fanOut(ctx, len(probes), r.e.cfg.PerHostConcurrency, func(i int) {
		resp, err := r.fetch(ctx, http.MethodHead, probes[i].url)
		if err != nil {
			return
		}
		resp.Body.Close()
		answers[i] = answer{resp.Header.Get("Content-Type"), dispositionName(resp.Header.Get("Content-Disposition")), resp.StatusCode < 400}
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, a := range answers {
		if !a.ok {
			continue
		}
		dt := docTypeFromContentType(a.ct)
		if dt == "" && !isHTML(a.ct) {
			dt = docTypeFromName(a.disposition)
		}
		if dt != "" {
			add(probes[i].url, probes[i].via, dt, nil)
		}
	}
	return nil
}
