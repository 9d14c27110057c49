package discovery

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/skop-dev/skop/internal/metrics"
)

// This file is the navigator: walking the site from the start page, best link
// first, and collecting the candidate documents with every link to them.

func siteHost(u *url.URL) string { return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.") }

// sameSite reports whether u is on the start page's site: the same host, `www.`
// or not, on the same port, where http's 80 and https's 443 count as one (a site
// that moves from http to https stays the same site).
func (r *run) sameSite(u *url.URL) bool {
	if sitePort(u) != sitePort(r.start) {
		return false
	}
	h, start := siteHost(u), siteHost(r.start)
	return h == start || (r.req.AllowSubdomains && strings.HasSuffix(h, "."+start))
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

// pageItem is a page to crawl, with the priority the frontier orders it by.
type pageItem struct {
	url   *url.URL
	depth int
	// promise is what the link and the trail to it say of what lies behind it
	// (navScore, plus a share of the promise of the page it is on); priority is
	// promise less the cost of its depth.
	promise, priority float64
	via               *link
	seq               int // the order it was queued in: ties go to the first queued
	idx               int // its place in the frontier's heap
}

// frontier is the crawl's one priority queue across depths: the most promising
// link first, whatever its depth; among equals, the one queued first (so a site
// with no evidence either way is walked breadth-first).
type frontier []*pageItem

func (f frontier) Len() int { return len(f) }
func (f frontier) Less(i, j int) bool {
	if f[i].priority != f[j].priority {
		return f[i].priority > f[j].priority
	}
	return f[i].seq < f[j].seq
}
func (f frontier) Swap(i, j int) {
	f[i], f[j] = f[j], f[i]
	f[i].idx, f[j].idx = i, j
}
func (f *frontier) Push(x any) {
	it := x.(*pageItem)
	it.idx = len(*f)
	*f = append(*f, it)
}
func (f *frontier) Pop() any {
	old := *f
	it := old[len(old)-1]
	*f = old[:len(old)-1]
	return it
}

// Crawl costs, in navScore's units.
const (
	// depthCost is what one more click costs a link: depth is a cost, not a
	// wall, so a well-evidenced link five clicks down comes before an
	// unpromising one at the top.
	depthCost = 0.5
	// pagerCost is what continuing a list costs: "Next", "2" and "Older" links
	// say nothing of their own, and take the priority of the page they continue.
	pagerCost = 0.25
	// promisingScore is the promise above which a link left unfollowed is
	// worth naming in the warning: it carries a kind or body asked for, or most
	// of the topic.
	promisingScore = 1.5
	// exploreBudget is how many pages any crawl may fetch whatever their
	// promise (a small site is read whole, as it always was); past it, the
	// crawl stops when no link left is promising.
	exploreBudget = 50
)

// crawl walks the site best-first from the start page: one frontier across
// depths, ordered by what each link's evidence says for the prompt (linkLogits)
// less its depth's cost, fetched with the host's concurrency, until the frontier
// is empty or the page budget is spent. It returns the candidate documents in
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
	st := r.newStream(ctx)
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
			st.link(*l)
		}
		if c.docType == "" {
			c.docType = docType
		}
		if c.read == nil && read != nil {
			read.c = c
			c.read = read
			st.judge(cands, c)
		} else if c.read == nil && l != nil && len(c.links) == 1 {
			st.add(cands, c) // a new candidate: read it while the crawl goes on
		}
	}
	var probes []*pageItem
	fr := &frontier{{url: r.start, priority: math.Inf(1)}} // the start page first, whatever else is queued
	waiting := map[string]*pageItem{}                      // the frontier's items by canonical URL
	seq := 1
	// queue adds a page to the frontier, or, when it is already waiting there,
	// raises its priority to what its best link promises. The link that stays
	// its evidence (and its trail) is the first one found with words: choosing
	// the one that best matches the prompt would make every document behind it
	// look relevant. A sitemap's entry has no words, so the first link that
	// names the page replaces it.
	queue := func(q *pageItem) {
		key := canonical(q.url)
		if w := waiting[key]; w != nil {
			if w.via.anchor == "" && w.via.title == "" && (q.via.anchor != "" || q.via.title != "") {
				w.via = q.via
			}
			if q.promise > w.promise || q.depth < w.depth {
				w.depth = min(w.depth, q.depth)
				w.promise = max(w.promise, q.promise)
				w.priority = max(w.priority, q.priority)
				heap.Fix(fr, w.idx)
			}
			return
		}
		if fr.Len() >= cfg.MaxQueue {
			return
		}
		q.seq = seq
		seq++
		waiting[key] = q
		heap.Push(fr, q)
	}
	// promise is what link l, on a page of promise from, says of the page it leads to.
	promise := func(l *link, from float64) float64 {
		if pagerLink(l) {
			return from - pagerCost // a list's next page promises what the list did
		}
		return r.navScore(l, from) + navInherit*from
	}
	deepLeft := 0   // links not queued because they lie past MaxDepth
	docAnswers := 0 // fetched links that answered with a document: not pages of the budget

	// handle reads one fetched page: a document is a candidate, an HTML page's
	// links join the frontier or the candidates.
	handle := func(item *pageItem, res page) error {
		depth := item.depth
		if res.err != nil {
			if depth == 0 {
				kind := classify(res.err)
				var he *httpStatusError
				if errors.As(res.err, &he) && retryableStatus(he.code) {
					kind = "fetch_failed" // a transient answer, to every try
				}
				return &FatalError{Problem{Stage: StageNavigator, Kind: kind, Message: fmt.Sprintf("cannot fetch the start page %s: %v", item.url, res.err), PageURL: item.url.String(), At: now()}}
			}
			if ctx.Err() == nil {
				r.problem(StageNavigator, classify(res.err), fmt.Sprintf("cannot fetch %s: %v", item.url, res.err), item.url.String())
			}
			return nil
		}
		if !isHTML(res.contentType) {
			// A followed link that turned out to be a document.
			dt := docTypeFromContentType(res.contentType)
			if dt == "" {
				dt = docTypeFromName(res.disposition)
			}
			if dt != "" && item.via != nil {
				docAnswers++
				addCandidate(item.url, item.via, dt, res.doc)
			} else if depth == 0 {
				return &FatalError{Problem{Stage: StageNavigator, Kind: "not_html", Message: fmt.Sprintf("the start page %s is not an HTML page (%s)", item.url, res.contentType), PageURL: item.url.String(), At: now()}}
			}
			return nil
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
		if !r.sameSite(res.final) {
			return nil // redirected off the site
		}
		if depth >= r.maxDepth {
			deepLeft++ // as deep as links are followed: this page's links are not
			return nil
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
				st.link(l)
				continue
			}
			key := canonical(u)
			if !r.paths.allows(u.Path) {
				continue // outside the job's include_paths, or in its exclude_paths
			}
			if seen[key] {
				if waiting[key] != nil {
					// Met again: its own words may say more than where it was
					// first met (a sitemap, a footer), but the page it is met on
					// lends it nothing: a menu repeated on a promising page is
					// still the menu.
					p := r.navScore(&l, 0)
					queue(&pageItem{url: u, depth: depth + 1, via: &l, promise: p, priority: p - depthCost*float64(depth+1)})
				}
				continue
			}
			if !r.robots.allowed(ctx, r, u) {
				metrics.RobotsRefusals.Inc()
				continue
			}
			seen[key] = true
			p := promise(&l, item.promise)
			q := &pageItem{url: u, depth: depth + 1, via: &l, promise: p, priority: p - depthCost*float64(depth+1)}
			if docLike(&l) {
				// A "Download" link or a document route is probably a file: a
				// leaf, the crawl's goal rather than a way on, so its depth
				// costs nothing.
				q.priority = p
			}
			if r.req.SinglePage {
				probes = append(probes, q) // the best MaxProbes are asked (keepBest)
				continue
			}
			queue(q)
		}
		return nil
	}

	// Pages are fetched concurrently but handled in the order they were
	// launched, and a slot frees only when its page is handled: the frontier
	// grows the same way whatever order the answers arrive in, so a run is
	// reproducible (and a benchmark comparable) on the same site.
	type fetched struct {
		n    int
		item *pageItem
		res  page
	}
	done := make(chan fetched, max(cfg.PerHostConcurrency, 1))
	arrived := map[int]fetched{}
	inflight, launched, handled := 0, 0, 0
	exhausted := false // the promising links ran out
	bestPromise := 0.0 // the highest promise of a page fetched
	tick := time.NewTicker(cfg.ReportEvery)
	defer tick.Stop()
	lastReport := time.Now()
	// launch fills the free slots from the frontier, best first.
	launch := func() {
		for inflight < max(cfg.PerHostConcurrency, 1) && fr.Len() > 0 && launched-docAnswers < r.maxPages && !exhausted {
			it := heap.Pop(fr).(*pageItem)
			if !cfg.Exhaustive && launched-docAnswers >= exploreBudget && it.promise < max(promisingScore, bestPromise/2) {
				// Past the pages every crawl may spend, the best link left carries
				// nothing the prompt asks for, or far less than the best links did
				// (another board's meetings, once this board's were read): the
				// rest of the site is menus, services and news, and the budget is
				// kept.
				heap.Push(fr, it)
				exhausted = true
				break
			}
			delete(waiting, canonical(it.url))
			n := launched
			launched++
			inflight++
			bestPromise = max(bestPromise, it.promise)
			go func() { done <- fetched{n, it, r.fetchPage(ctx, it.url)} }()
		}
	}
	if !r.req.SinglePage {
		// The sitemap's pages join the frontier as if the start page linked
		// them, with only their URL's words and dates (and lastmod) to go on;
		// its documents are candidates.
		for _, e := range r.readSitemaps(ctx) {
			u := e.loc
			if nonDocument[strings.ToLower(path.Ext(u.Path))] {
				continue
			}
			l := link{url: u, source: e.from.String(), depth: 1}
			key := canonical(u)
			if dt := docTypeFromName(u.Path); dt != "" {
				if byKey[key] == nil && r.robots.allowed(ctx, r, u) {
					addCandidate(u, &l, dt, nil)
				}
				continue
			}
			if seen[key] || !r.paths.allows(u.Path) || !r.robots.allowed(ctx, r, u) {
				continue
			}
			seen[key] = true
			// No link says how far down the page is: its path's depth stands in
			// for the clicks (/boards/planning/2025/ is three), so a sitemap
			// does not jump its whole list ahead of the home page's menu.
			d := max(1, min(urlDepth(u), r.maxDepth))
			l.depth = d
			p := r.navScore(&l, 0) + r.lastmodScore(e.lastmod)
			queue(&pageItem{url: u, depth: d, via: &l, promise: p, priority: p - depthCost*float64(d)})
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	launch()
	for inflight > 0 {
		select {
		case f := <-done:
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			arrived[f.n] = f
			for {
				next, ok := arrived[handled]
				if !ok {
					break
				}
				delete(arrived, handled)
				handled++
				inflight--
				if err := handle(next.item, next.res); err != nil {
					return nil, err
				}
				launch()
			}
			r.progress.PagesCrawled = int(r.pagesFetched.Load())
			r.progress.DocumentsFound = max(r.progress.DocumentsFound, min(len(cands), cfg.MaxCandidates))
			r.progress.Percent = crawlPercent(launched, min(r.maxPages, launched+fr.Len()), r.progress.DocumentsInspected, r.progress.DocumentsFound)
			if time.Since(lastReport) >= cfg.ReportEvery/10 {
				// The pages read so far reach the job soon, not only on the tick;
				// at most ten reports a ReportEvery.
				lastReport = time.Now()
				if err := r.report(ctx); err != nil {
					return nil, err
				}
			}
		case d := <-st.done:
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			st.finished(cands, d)
			// Each document read is reported, as the scraper reports each: the
			// counters and any document kept reach the job at once.
			r.progress.PagesCrawled = int(r.pagesFetched.Load())
			r.progress.Percent = crawlPercent(launched, min(r.maxPages, launched+fr.Len()), r.progress.DocumentsInspected, r.progress.DocumentsFound)
			st.kept = 0
			if err := r.report(ctx); err != nil {
				return nil, err
			}
		case <-tick.C:
			r.progress.PagesCrawled = int(r.pagesFetched.Load())
			if err := r.report(ctx); err != nil {
				return nil, err // the report's error cancelled ctx: the fetches end at once
			}
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	// The pages are read; documents still being read finish here, the rest
	// are read by the scraper.
	if err := st.drain(cands); err != nil {
		return nil, err
	}
	r.progress.PagesCrawled = int(r.pagesFetched.Load())
	if !exhausted {
		r.warnLimits(*fr, deepLeft)
	}
	if err := r.report(ctx); err != nil {
		return nil, err
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

// crawlPercent is the progress of a crawl that has requested pages of about
// pageGoal pages and read docs of the found documents: from 10 (started) to
// at most 94, the rest being the documents left and the end.
func crawlPercent(pages, pageGoal, docs, found int) int {
	work := max(1, pageGoal) + found
	return min(94, 10+84*(pages+docs)/work)
}

// docLike reports whether a link without a document extension probably leads
// to a file: its words say only "Download", "PDF" or "View", or its path is a
// download route (/DocumentCenter/View/12, /download.php, /files/get/8).
func docLike(l *link) bool {
	if strings.TrimSpace(l.anchor) != "" && genericAnchor(l.anchor) {
		return true
	}
	return docRouteRE.MatchString(l.url.Path)
}

var docRouteRE = regexp.MustCompile(`(?i)(?:^|/)(?:download|downloads|documentcenter|getfile|get|file|files|attachment|attachments|blob|view)(?:/|\.(?:php|aspx?|cfm)|$)`)

// urlDepth is the number of segments in u's path: "/a/b/" is 2.
func urlDepth(u *url.URL) int {
	n := 0
	for _, seg := range strings.Split(u.Path, "/") {
		if seg != "" {
			n++
		}
	}
	return n
}

// warnLimits tells the job when the crawl stopped on its page budget or depth
// with links left that the evidence pointed to, naming the limit and how many
// links were not followed: a result cut short must say so.
func (r *run) warnLimits(left frontier, deepLeft int) {
	if r.req.SinglePage {
		return
	}
	promising := 0
	for _, it := range left {
		if it.promise >= promisingScore {
			promising++
		}
	}
	if len(left) > 0 {
		msg := fmt.Sprintf("stopped at %s; %s not followed", plural(r.maxPages, "page"), plural(len(left), "link"))
		if promising > 0 {
			msg += fmt.Sprintf(" (%d of them promising)", promising)
		}
		r.pending.NewWarnings = append(r.pending.NewWarnings, msg+"; raise max_pages to crawl further")
	}
	if deepLeft > 0 {
		r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("stopped at depth %d: the links of %s at that depth were not followed; raise max_depth to crawl deeper", r.maxDepth, plural(deepLeft, "page")))
	}
}

// pagerLink reports whether l continues a list rather than naming a page of
// its own: "Next", "Older", "2", "»", or a URL that differs from its page's
// only by a page number (?page=2, /page/2/, /page-2/).
func pagerLink(l *link) bool {
	a := strings.ToLower(strings.Join(splitWords(l.anchor+" "+l.title), " "))
	switch a {
	case "next", "next page", "previous", "prev", "older", "newer", "older news", "older posts", "newer posts", "more", "view all", "show all", "see all", "last", "first":
		return true
	}
	if isDigits(a) && len(a) <= 3 {
		return true
	}
	if a == "" && strings.ContainsAny(l.anchor, "»«›‹>") {
		return true
	}
	q := l.url.Query()
	for _, k := range []string{"page", "p", "pg", "start", "offset"} {
		if v := q.Get(k); v != "" && isDigits(v) {
			return true
		}
	}
	return pagePathRE.MatchString(l.url.Path)
}

var pagePathRE = regexp.MustCompile(`(?i)/page[-/]?\d{1,3}/?$`)

// keepBest keeps the n items whose links say most for the prompt, in their
// order: a page with more documents (or extension-less links) than the budget
// spends it on those its own words point to, not on the first ones it lists.
func keepBest[T any](r *run, items []T, links [][]link, n int) []T {
	var flat []link
	for _, ls := range links {
		flat = append(flat, ls...)
	}
	logits := r.linkLogits(flat)
	score := make([]float64, len(items))
	k := 0
	for i, ls := range links {
		score[i] = math.Inf(-1)
		for range ls {
			score[i] = max(score[i], logits[k])
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

// linkLogits is the model's judgment of each link on its own evidence (its
// words, the row and headings around it, the page it is on and the trail that
// led there), before anything it points to is fetched: the one score that orders
// the frontier and spends the candidate and probe budgets.
func (r *run) linkLogits(ls []link) []float64 {
	evs := make([]*evidence, len(ls))
	for i, l := range ls {
		evs[i] = newEvidence(l, "", content{})
	}
	sc := newScorer(r.intent, evs, r.siteWords)
	out := make([]float64, len(ls))
	for i, e := range evs {
		out[i] = fitted.Logit(sc.factors(e))
	}
	return out
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
func (r *run) probe(ctx context.Context, probes []*pageItem, add func(*url.URL, *link, string, *inspected)) error {
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
