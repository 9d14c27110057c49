// Package discovery finds the documents on a website that match a plain-language
// prompt. It crawls the site politely (navigator), reads each candidate document
// within a size limit (scraper), and scores it against the prompt's intent
// (coordinator), from the evidence around each link and the document's own words.
//
// It knows nothing of HTTP handlers, job storage or SQL: the caller passes a
// context, which stops everything at once when cancelled, and an Observer that
// receives progress and each document as soon as it is kept.
package discovery

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Stage names a part of the work, as the Skop API reports it in current_agent.
type Stage string

// The stages, in the order they run.
const (
	StageNavigator   Stage = "navigator"   // crawling pages
	StageScraper     Stage = "scraper"     // fetching and reading documents
	StageCoordinator Stage = "coordinator" // scoring and finishing
)

// Request is one discovery run.
type Request struct {
	StartURL            string
	Prompt              string
	SinglePage          bool
	MaxFileSizeBytes    int64
	ConfidenceThreshold float64
	// Now anchors relative dates in the prompt ("last year"); the job's creation
	// time. Zero means the time of the run.
	Now time.Time
	// Known holds the URLs of documents an earlier attempt of the same job already
	// kept: a resumed run counts them as kept and does not fetch them again.
	Known map[string]bool
}

// Document is a kept result.
type Document struct {
	URL        string
	Name       string
	SourcePage string
	Type       string // pdf, docx, …
	Confidence float64
	SizeBytes  int64 // -1 when unknown
	FoundAt    time.Time
	Why        string // how the score came about
	// Order is the document's place in the order the crawl met it: documents are
	// read concurrently and kept as they finish, Order restores the site's order.
	Order int
}

// Problem is a failure met on the way. A recoverable one did not stop the run.
type Problem struct {
	Stage       Stage
	Kind        string // timeout, fetch_failed, http_error, blocked_address, invalid_document, …
	Message     string
	PageURL     string
	Recoverable bool
	At          time.Time
}

// Progress is sent to the Observer after every step. Counters are running totals;
// NewDocuments, NewProblems and NewWarnings hold only what is new since the last call.
type Progress struct {
	Stage               Stage
	StagesDone          []Stage
	Percent             int
	PagesCrawled        int
	DocumentsFound      int // candidate documents discovered
	DocumentsInspected  int // candidates dealt with so far: read, skipped or lost
	DocumentsDownloaded int // candidates fetched and read
	DocumentsMatched    int // documents kept: at or above the confidence threshold
	LLMTokens           int // tokens the language-model stage used
	NewDocuments        []Document
	NewProblems         []Problem
	NewWarnings         []string
}

// Observer receives progress. When it returns an error the run stops at once and Run
// returns that error: this is how a job that was cancelled elsewhere stops its engine.
type Observer func(ctx context.Context, p Progress) error

// FatalError ends a run that could not do its work, for example because the start
// page could not be fetched.
type FatalError struct {
	Problem
}

func (e *FatalError) Error() string { return e.Message }

// Config sets the engine's limits. Zero values take the defaults below.
type Config struct {
	// AllowPrivateNetworks lets the crawler reach loopback and private addresses
	// (for tests and intranet deployments). Off by default.
	AllowPrivateNetworks bool
	MaxPages             int           // HTML pages fetched per run (default 50)
	MaxDepth             int           // links followed from the start page to a document (default 3)
	MaxHTMLBytes         int64         // bytes read of one page (default 5 MiB)
	MaxDocumentBytes     int64         // bytes of one document read to extract its text (default 16 MiB)
	MaxCandidates        int           // documents inspected per run (default 500)
	MaxQueue             int           // links waiting to be crawled (default 10,000)
	MaxProbes            int           // extension-less links probed in single-page mode (default 60)
	MaxRedirects         int           // per request (default 5)
	RequestTimeout       time.Duration // per request (default 30 s)
	PerHostConcurrency   int           // requests in flight to one host (default 4)
	PerHostDelay         time.Duration // pause between requests to one host (default 0)
	// MaxCrawlDelay caps the Crawl-delay a robots.txt may ask for (default 10 s);
	// a larger one is capped and reported in the job's warnings.
	MaxCrawlDelay time.Duration
	// MaxRetries is how often one request is tried again after a transient failure
	// (429, 502, 503, 504, a reset connection, a timeout); default 3, negative for
	// none. MaxRetriesPerRun bounds the retries of a whole run (default 50).
	MaxRetries       int
	MaxRetriesPerRun int
	// RetryBaseDelay is the first backoff (default 500 ms), doubled each retry;
	// MaxRetryWait caps a backoff and the Retry-After a server may ask for (default
	// 30 s; a server asking for longer is not retried).
	RetryBaseDelay time.Duration
	MaxRetryWait   time.Duration
	// ReportEvery is how often a run reports progress while requests are in flight
	// (default 500 ms), so counters move while a level of pages is fetched.
	ReportEvery time.Duration
	UserAgent   string
	// LLM turns on the optional language-model stage (off when LLM.URL is empty).
	LLM LLMConfig
	// Resolver, when set, resolves host names (tests use it to stub DNS).
	Resolver *net.Resolver

	// exemptDial lets tests reach chosen loopback addresses through the guard.
	exemptDial func(address string) bool
	// testDial and testTLS let tests serve sites under fixed names and default
	// ports (http on :80 and https on :443 of one name) from loopback listeners.
	testDial func(ctx context.Context, network, address string) (net.Conn, error)
	testTLS  *tls.Config
}

// DefaultUserAgent names the crawler to the sites it visits.
const DefaultUserAgent = "SkopBot/1.0 (+https://docs.skop.dev/bot; document discovery)"

func (c Config) withDefaults() Config {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.MaxPages, 50)
	def(&c.MaxDepth, 3)
	def(&c.MaxCandidates, 500)
	def(&c.MaxQueue, 10000)
	def(&c.MaxProbes, 60)
	def(&c.MaxRedirects, 5)
	def(&c.PerHostConcurrency, 4)
	if c.MaxHTMLBytes <= 0 {
		c.MaxHTMLBytes = 5 << 20
	}
	if c.MaxDocumentBytes <= 0 {
		c.MaxDocumentBytes = 16 << 20
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = 30 * time.Second
	}
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.MaxCrawlDelay <= 0 {
		c.MaxCrawlDelay = 10 * time.Second
	}
	switch {
	case c.MaxRetries == 0:
		c.MaxRetries = 3
	case c.MaxRetries < 0:
		c.MaxRetries = 0
	}
	def(&c.MaxRetriesPerRun, 50)
	if c.RetryBaseDelay <= 0 {
		c.RetryBaseDelay = 500 * time.Millisecond
	}
	if c.MaxRetryWait <= 0 {
		c.MaxRetryWait = 30 * time.Second
	}
	if c.ReportEvery <= 0 {
		c.ReportEvery = 500 * time.Millisecond
	}
	return c
}

// runKey carries a request's run in its context, for the redirect policy.
type runKey struct{}

var (
	errOffSite = errors.New("redirect leaves the site")
	errRobots  = errors.New("robots.txt disallows the redirect target")
)

// Engine runs discovery. One Engine serves many concurrent runs.
type Engine struct {
	cfg       Config
	client    *http.Client
	llmClient *http.Client // the operator's language model: not a crawl, not guarded
}

// New returns an engine with its own HTTP client, whose dialer refuses non-public
// addresses unless cfg.AllowPrivateNetworks is set.
func New(cfg Config) *Engine {
	cfg = cfg.withDefaults()
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Resolver: cfg.Resolver}
	if !cfg.AllowPrivateNetworks {
		dialer.Control = guardedControl(cfg.exemptDial)
	}
	transport := &http.Transport{
		Proxy:                 nil, // never send crawl traffic through an environment proxy
		DialContext:           dialer.DialContext,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   cfg.PerHostConcurrency,
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: cfg.RequestTimeout,
		ExpectContinueTimeout: time.Second,
	}
	if cfg.testDial != nil {
		transport.DialContext = cfg.testDial
		transport.TLSClientConfig = cfg.testTLS
	}
	e := &Engine{cfg: cfg, llmClient: &http.Client{}}
	if cfg.LLM.URL != "" {
		e.cfg.LLM = cfg.LLM.withDefaults()
	}
	client := &http.Client{
		Transport: transport,
		Timeout:   cfg.RequestTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > cfg.MaxRedirects {
				return fmt.Errorf("stopped after %d redirects", cfg.MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
			}
			if e.refused(req.URL) {
				return fmt.Errorf("%w: redirect to %s", ErrBlockedAddress, req.URL.Hostname())
			}
			// A redirect stays on the site and within robots.txt, like a link; an
			// upgrade to https and a move between `www.` and the apex stay on it.
			// robots.txt's own redirects are not checked against robots.txt.
			if r, ok := req.Context().Value(robotsKey{}).(*run); ok && !r.sameSite(req.URL) {
				return fmt.Errorf("%w: %s", errOffSite, req.URL)
			}
			if r, ok := req.Context().Value(runKey{}).(*run); ok {
				if !r.sameSite(req.URL) {
					return fmt.Errorf("%w: %s", errOffSite, req.URL)
				}
				if !r.robots.allowed(req.Context(), r, req.URL) {
					return fmt.Errorf("%w: %s", errRobots, req.URL)
				}
			}
			return nil
		},
	}
	e.client = client
	return e
}

// refused reports whether u names a non-public IP address that this engine may not
// reach.
func (e *Engine) refused(u *url.URL) bool {
	if e.cfg.AllowPrivateNetworks || (e.cfg.exemptDial != nil && e.cfg.exemptDial(u.Host)) {
		return false
	}
	return refusedHost(u.Hostname())
}

// docTypes maps file extensions to the document types the engine looks for.
var docTypes = map[string]string{
	".pdf": "pdf", ".doc": "doc", ".docx": "docx", ".xls": "xls", ".xlsx": "xlsx",
	".ppt": "ppt", ".pptx": "pptx", ".odt": "odt", ".rtf": "rtf", ".txt": "txt", ".csv": "csv",
}

// mimeTypes maps Content-Types to document types, for links without an extension.
var mimeTypes = map[string]string{
	"application/pdf":    "pdf",
	"application/x-pdf":  "pdf",
	"application/msword": "doc",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
	"application/vnd.ms-excel": "xls",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         "xlsx",
	"application/vnd.ms-powerpoint":                                             "ppt",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
	"application/vnd.oasis.opendocument.text":                                   "odt",
	"application/rtf": "rtf",
	"text/rtf":        "rtf",
	"text/plain":      "txt",
	"text/csv":        "csv",
}

func docTypeFromName(name string) string { return docTypes[strings.ToLower(path.Ext(name))] }

func docTypeFromContentType(ct string) string {
	mt, _, _ := mime.ParseMediaType(ct)
	return mimeTypes[strings.ToLower(mt)]
}

func isHTML(ct string) bool {
	mt, _, _ := mime.ParseMediaType(ct)
	mt = strings.ToLower(mt)
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// dispositionName is the file name a Content-Disposition header gives, if any.
func dispositionName(h string) string {
	if h == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(h)
	if err != nil {
		return ""
	}
	return path.Base(strings.ReplaceAll(params["filename"], `\`, "/"))
}

// nonDocument extensions are never pages or documents.
var nonDocument = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".svg": true, ".webp": true, ".ico": true,
	".css": true, ".js": true, ".mp4": true, ".mp3": true, ".zip": true, ".woff": true, ".woff2": true,
	".xml": true, ".json": true, ".rss": true, ".atom": true, ".mov": true, ".avi": true, ".gz": true,
}

// candidate is a URL that is, or may be, a document, with every link to it.
type candidate struct {
	url     *url.URL
	key     string
	order   int
	links   []link
	docType string // from the extension or a probe; "" until known
	// read is the document already read by the navigator (a link without a
	// document extension that answered with a document), so the scraper does not
	// download it again.
	read *inspected
}

// run is the state of one Run.
type run struct {
	e        *Engine
	req      Request
	intent   Intent
	obs      Observer
	start    *url.URL
	robots   *robots
	progress Progress
	pending  Progress // what is new since the last report

	hostMu sync.Mutex
	hosts  map[string]*hostGate

	blocked int // links refused because they reach non-public addresses

	siteWords map[string]bool // the words of the start page's title: the site's own name
	fyStart   int             // the month the site says its fiscal year starts in; 0 if unsaid

	retriesLeft  atomic.Int64 // retries this run may still make
	retried      atomic.Int64 // retries made
	pagesFetched atomic.Int64 // HTML pages read, updated as each arrives
	lastPercent  int          // the highest Percent reported: progress never goes back

	// Warnings raised on request goroutines (robots.txt), drained by report.
	asyncMu       sync.Mutex
	asyncWarnings []string
	warned        map[string]bool
}

// hostGate bounds the requests in flight to one site and spaces them out.
type hostGate struct {
	slots      chan struct{}
	mu         sync.Mutex
	next       time.Time
	crawlDelay time.Duration // from robots.txt, capped
}

// warnOnce records a warning for the job, once per key, from any goroutine.
func (r *run) warnOnce(key, msg string) {
	r.asyncMu.Lock()
	defer r.asyncMu.Unlock()
	if r.warned[key] {
		return
	}
	if r.warned == nil {
		r.warned = map[string]bool{}
	}
	r.warned[key] = true
	r.asyncWarnings = append(r.asyncWarnings, msg)
}

// Run discovers documents for req, reporting to obs. It returns nil when the work is
// done, a *FatalError when it could not be done, ctx.Err() (possibly wrapped) when the
// context ended, or the Observer's error when the Observer stopped it.
func (e *Engine) Run(ctx context.Context, req Request, obs Observer) error {
	start, err := url.Parse(strings.TrimSpace(req.StartURL))
	if err != nil || (start.Scheme != "http" && start.Scheme != "https") || start.Host == "" {
		return &FatalError{Problem{Stage: StageNavigator, Kind: "invalid_url", Message: fmt.Sprintf("cannot crawl %q: not an http(s) URL", req.StartURL), PageURL: req.StartURL, At: now()}}
	}
	start.Fragment, start.RawFragment = "", ""
	r := &run{e: e, req: req, intent: ParsePrompt(req.Prompt, req.Now), obs: obs, start: start, robots: newRobots(), hosts: map[string]*hostGate{}}
	r.retriesLeft.Store(int64(e.cfg.MaxRetriesPerRun))
	r.progress.Stage = StageNavigator
	if err := r.report(ctx); err != nil {
		return err
	}
	// The language model reads the prompt while the crawl runs; scoring waits for it.
	type llmAnswer struct {
		in     *llmIntent
		tokens int
		err    error
	}
	var llmDone chan llmAnswer
	if e.cfg.LLM.URL != "" {
		llmDone = make(chan llmAnswer, 1)
		lctx, cancelLLM := context.WithCancel(ctx)
		defer cancelLLM()
		go func() {
			in, tokens, err := e.askLLM(lctx, req.Prompt, nowOr(req.Now))
			llmDone <- llmAnswer{in, tokens, err}
		}()
	}
	cands, err := r.crawl(ctx)
	if err != nil {
		return err
	}
	if llmDone != nil {
		var a llmAnswer
		select {
		case a = <-llmDone:
		case <-ctx.Done():
			return ctx.Err()
		}
		r.progress.LLMTokens = a.tokens
		switch {
		case a.err != nil && ctx.Err() != nil:
			return ctx.Err()
		case a.err != nil:
			r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("the language model could not read the prompt (%v); the rules read it alone", a.err))
		default:
			r.intent = r.intent.merge(a.in)
		}
	}
	r.progress.DocumentsFound = len(cands)
	if r.fyStart > 0 {
		// "fiscal year 2024" on a site whose fiscal year starts in October.
		r.intent = r.intent.WithFiscalStart(req.Prompt, req.Now, r.fyStart)
	}
	r.stageDone(StageNavigator, StageScraper)
	r.progress.Percent = 40
	if err := r.report(ctx); err != nil {
		return err
	}
	if err := r.inspect(ctx, cands); err != nil {
		return err
	}
	if r.blocked > 0 {
		r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("%s skipped: %s to a non-public network address",
			plural(r.blocked, "link"), map[bool]string{true: "it leads", false: "they lead"}[r.blocked == 1]))
	}
	if n := r.retried.Load(); n > 0 {
		r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("the site answered with a transient error or rate limit %s; those requests were retried", plural(int(n), "time")))
	}
	r.stageDone(StageScraper, StageCoordinator)
	r.progress.Percent = 99
	if err := r.report(ctx); err != nil {
		return err
	}
	r.stageDone(StageCoordinator, "")
	r.progress.Percent = 100
	return r.report(ctx)
}

func now() time.Time { return time.Now().UTC() }

func nowOr(t time.Time) time.Time {
	if t.IsZero() {
		return now()
	}
	return t.UTC()
}

func (r *run) stageDone(done, next Stage) {
	r.progress.StagesDone = append(r.progress.StagesDone, done)
	r.progress.Stage = next
}

// report sends the running totals plus what is new to the Observer.
func (r *run) report(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r.asyncMu.Lock()
	r.pending.NewWarnings = append(r.pending.NewWarnings, r.asyncWarnings...)
	r.asyncWarnings = nil
	r.asyncMu.Unlock()
	r.progress.Percent = max(r.progress.Percent, r.lastPercent)
	r.lastPercent = r.progress.Percent
	p := r.progress
	p.StagesDone = slices.Clone(r.progress.StagesDone)
	p.NewDocuments, p.NewProblems, p.NewWarnings = r.pending.NewDocuments, r.pending.NewProblems, r.pending.NewWarnings
	r.pending = Progress{}
	if r.obs == nil {
		return nil
	}
	return r.obs(ctx, p)
}

func (r *run) problem(stage Stage, kind, msg, page string) {
	if kind == "blocked_address" {
		r.blocked++
	}
	r.pending.NewProblems = append(r.pending.NewProblems, Problem{Stage: stage, Kind: kind, Message: msg, PageURL: page, Recoverable: true, At: now()})
}

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
			if len(cands) >= cfg.MaxCandidates {
				return
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
				if seen[key] || !r.robots.allowed(ctx, r, u) {
					continue
				}
				seen[key] = true
				pi := pageItem{url: u, depth: depth + 1, priority: r.linkPriority(&l), via: &l}
				if r.req.SinglePage {
					if len(probes) < cfg.MaxProbes {
						probes = append(probes, pi)
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
	if err := r.probe(ctx, probes, addCandidate); err != nil {
		return nil, err
	}
	return cands, nil
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
	done := make(chan struct{})
	go func() {
		defer close(done)
		var wg sync.WaitGroup
		defer wg.Wait()
		sem := make(chan struct{}, r.e.cfg.PerHostConcurrency)
		for i, it := range items {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				for j := i; j < len(items); j++ {
					out[j] = page{err: ctx.Err()}
				}
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				out[i] = r.fetchPage(ctx, it.url)
			}()
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

// probe asks the server, in single-page mode, what the start page's extension-less
// links are (download.php?id=17 may be a PDF), with HEAD requests.
func (r *run) probe(ctx context.Context, probes []pageItem, add func(*url.URL, *link, string, *inspected)) error {
	type answer struct {
		ct, disposition string
		ok              bool
	}
	answers := make([]answer, len(probes))
	var wg sync.WaitGroup
	sem := make(chan struct{}, r.e.cfg.PerHostConcurrency)
	for i, p := range probes {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return ctx.Err()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			resp, err := r.fetch(ctx, http.MethodHead, p.url)
			if err != nil {
				return
			}
			resp.Body.Close()
			answers[i] = answer{resp.Header.Get("Content-Type"), dispositionName(resp.Header.Get("Content-Disposition")), resp.StatusCode < 400}
		}()
	}
	wg.Wait()
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

// inspected is the outcome of reading one candidate.
type inspected struct {
	c           *candidate
	size        int64
	docType     string
	disposition string
	content     content
	tooLarge    bool
	notDocument bool
	known       bool // kept by an earlier attempt: not fetched again
	abandoned   bool // its text could not be read in time: scored on its links alone
	err         error
}

// inspect downloads and reads the candidates concurrently, scores each as soon as it
// is read, and reports each kept document at once, so a run that is stopped keeps
// what it found.
func (r *run) inspect(ctx context.Context, cands []*candidate) error {
	evidences := make([]*evidence, 0, len(cands))
	for _, c := range cands {
		for _, l := range c.links {
			evidences = append(evidences, newEvidence(l, "", content{}))
		}
	}
	sc := newScorer(r.intent, evidences, r.siteWords)

	results := make(chan inspected)
	ictx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	go func() {
		sem := make(chan struct{}, r.e.cfg.PerHostConcurrency)
		for _, c := range cands {
			select {
			case sem <- struct{}{}:
			case <-ictx.Done():
				wg.Wait()
				close(results)
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				res := r.read(ictx, c)
				select {
				case results <- res:
				case <-ictx.Done():
				}
			}()
		}
		wg.Wait()
		close(results)
	}()

	tooLarge, invalid, lost, done, abandoned := 0, 0, 0, 0, 0
	const lostNamed = 10 // lost documents named one by one; the rest are counted
	for res := range results {
		done++
		r.progress.DocumentsInspected = done
		if err := ctx.Err(); err != nil {
			return err
		}
		switch {
		case res.known:
			r.progress.DocumentsDownloaded++
			r.progress.DocumentsMatched++
		case res.err != nil && classify(res.err) == "blocked_address":
			r.problem(StageScraper, "blocked_address", fmt.Sprintf("cannot fetch %s: %v", res.c.url, res.err), res.c.links[0].source)
		case res.err != nil:
			// A document lost (after retries) is a warning: the job goes on and
			// its other documents stand.
			lost++
			if lost <= lostNamed {
				r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("could not fetch %s (linked from %s): %v", res.c.url, res.c.links[0].source, res.err))
			}
		case res.tooLarge:
			tooLarge++
		case res.notDocument:
			invalid++
		default:
			r.progress.DocumentsDownloaded++
			if res.abandoned {
				abandoned++
			}
			if d, ok := r.judge(sc, res); ok {
				r.progress.DocumentsMatched++
				r.pending.NewDocuments = append(r.pending.NewDocuments, d)
			}
		}
		r.progress.Percent = 40 + 55*done/max(1, len(cands))
		if err := r.report(ctx); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if abandoned > 0 {
		r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("the text of %s could not be read within %s and %s judged on %s links alone",
			plural(abandoned, "document"), extractTimeout, map[bool]string{true: "was", false: "were"}[abandoned == 1], map[bool]string{true: "its", false: "their"}[abandoned == 1]))
	}
	if lost > lostNamed {
		r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("%s more could not be fetched", plural(lost-lostNamed, "document")))
	}
	if tooLarge > 0 {
		r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("%s exceeded max_file_size_mb (%d MiB) and %s skipped",
			plural(tooLarge, "document"), r.req.MaxFileSizeBytes>>20, map[bool]string{true: "was", false: "were"}[tooLarge == 1]))
	}
	if invalid > 0 {
		r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("%s did not contain the document type their link or server declared and %s skipped",
			plural(invalid, "link"), map[bool]string{true: "was", false: "were"}[invalid == 1]))
	}
	return nil
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// read fetches one candidate within the size limit and extracts its text; a
// candidate the navigator already read, or an earlier attempt kept, is not
// fetched again.
func (r *run) read(ctx context.Context, c *candidate) inspected {
	if r.req.Known[c.url.String()] {
		return inspected{c: c, known: true}
	}
	if c.read != nil {
		return *c.read
	}
	resp, err := r.fetch(ctx, http.MethodGet, c.url)
	if err != nil {
		return inspected{c: c, size: -1, docType: c.docType, err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		return inspected{c: c, size: -1, docType: c.docType, err: &httpStatusError{resp.StatusCode}}
	}
	return r.readResponse(ctx, c, resp)
}

// readResponse reads a document from an answer, within the size limit, and
// extracts its text. The caller closes the body.
func (r *run) readResponse(ctx context.Context, c *candidate, resp *http.Response) inspected {
	res := inspected{c: c, size: -1, docType: c.docType}
	limit := r.req.MaxFileSizeBytes
	if resp.ContentLength >= 0 {
		res.size = resp.ContentLength
		if limit > 0 && res.size > limit {
			res.tooLarge = true
			return res
		}
	}
	res.disposition = dispositionName(resp.Header.Get("Content-Disposition"))
	ct := resp.Header.Get("Content-Type")
	if isHTML(ct) {
		res.notDocument = true
		return res
	}
	if dt := docTypeFromContentType(ct); dt != "" && dt != "txt" {
		res.docType = dt
	} else if dt := docTypeFromName(res.disposition); dt != "" {
		res.docType = dt
	}
	readCap := r.e.cfg.MaxDocumentBytes
	if limit > 0 && limit < readCap {
		readCap = limit
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, readCap+1))
	if err != nil {
		res.err = err
		return res
	}
	if int64(len(data)) > readCap {
		// Larger than what is read for text: learn its size without keeping it.
		rest, err := io.Copy(io.Discard, io.LimitReader(resp.Body, max(limit, readCap)))
		if err != nil {
			res.err = err
			return res
		}
		total := int64(len(data)) + rest
		if limit > 0 && total > limit {
			res.tooLarge = true
			return res
		}
		res.size = total
		data = data[:readCap]
	} else if res.size < 0 {
		res.size = int64(len(data))
	}
	kind := sniff(data, res.docType)
	if kind == "" {
		res.notDocument = true
		return res
	}
	if res.docType == "" || (kind != res.docType && !(kind == "txt" && res.docType == "csv")) {
		res.docType = kind
	}
	res.content, res.abandoned = extractWithin(ctx, data, res.docType, extractTimeout)
	return res
}

// extractTimeout bounds the time spent reading one document's text.
var extractTimeout = 5 * time.Second

// parseText is extract; tests replace it with a parser that spins.
var parseText = extract

// extractSlots bounds the parsers running in the whole process: every run's
// documents share them, so many jobs at once cannot start more parsers than the
// machine has cores for (an abandoned, spinning parser keeps its slot until it
// returns).
var extractSlots = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))

// AbandonedParsers counts, process-wide, the parsers given up on after
// extractTimeout: a hostile file that made one spin. Each run reports its own in
// its warnings.
var AbandonedParsers atomic.Int64

// extractWithin extracts a document's text, giving up after d or when ctx ends: a
// hostile file may make a parser spin, and the run must go on (or stop) regardless.
// An abandoned parser finishes in the background and its result is dropped. It
// reports whether the parser was abandoned on its timeout.
func extractWithin(ctx context.Context, data []byte, kind string, d time.Duration) (content, bool) {
	select {
	case extractSlots <- struct{}{}:
	case <-ctx.Done():
		return content{}, false
	}
	done := make(chan content, 1)
	go func() {
		defer func() { <-extractSlots }()
		c, _ := parseText(data, kind)
		done <- c
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case c := <-done:
		return c, false
	case <-t.C:
		AbandonedParsers.Add(1)
		return content{}, true
	case <-ctx.Done():
		return content{}, false
	}
}

// judge scores every link context of a read document and keeps the best.
func (r *run) judge(sc *scorer, res inspected) (Document, bool) {
	best, bestWhy := -1.0, ""
	var bestEv *evidence
	for _, l := range res.c.links {
		ev := newEvidence(l, res.disposition, res.content)
		s, why := sc.score(ev)
		if s > best {
			best, bestWhy, bestEv = s, why, ev
		}
	}
	if bestEv == nil || best < r.req.ConfidenceThreshold {
		return Document{}, false
	}
	return Document{
		URL:        res.c.url.String(),
		Name:       bestEv.name(),
		SourcePage: bestEv.link.source,
		Type:       res.docType,
		Confidence: float64(int(best*1000+0.5)) / 1000,
		SizeBytes:  res.size,
		FoundAt:    now(),
		Why:        bestWhy,
		Order:      res.c.order,
	}, true
}
