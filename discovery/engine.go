// Package discovery finds the documents on a website that match a plain-language
// prompt. It crawls the site politely (navigator), reads each candidate document
// within a size limit (scraper), and scores it against the prompt's intent
// (coordinator), from the evidence around each link and the document's own words.
//
// A document's confidence is a calibrated probability (model.go): the evidence is
// read into named factor states (score.go, Factors), and a fitted logistic model
// turns their features into the chance the document is relevant. To add a state
// or an evidence source: read it in scorer.factors (or newEvidence), add its
// feature in Factors.features if it is new, give it a prior in priors when the
// corpora may not show it, write a test, and run `make fit`; `make quality` says
// what it did to every corpus at three thresholds.
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
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/skop-dev/skop/internal/metrics"
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
	// MaxPages and MaxDepth, when above zero, replace the engine's budget for
	// this run (the job's max_pages and max_depth; the caller enforces ceilings).
	MaxPages, MaxDepth int
	// IncludePaths and ExcludePaths restrict the pages crawled (PathPattern
	// syntax); the start page is always read, and documents linked from crawled
	// pages count wherever they are.
	IncludePaths, ExcludePaths []string
	// AllowSubdomains also crawls pages on subdomains of the start page's host.
	AllowSubdomains bool
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
	// Factors are the states the score was computed from (see Model).
	Factors Factors
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
	// UpdatedDocuments are documents already sent in NewDocuments (kept while
	// the crawl went on) whose final judgment, with every candidate known, gave
	// them another confidence: the same URLs, to write over the earlier
	// entries. They are not new, and DocumentsMatched does not count them again.
	UpdatedDocuments []Document
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
	// MaxPages bounds the HTML pages fetched per run (DefaultMaxPages). A crawl
	// stops sooner when, past its first 50 pages, no link left promises what
	// the prompt asks for.
	MaxPages int
	// Exhaustive turns the early stop off: the crawl reads every page it can
	// reach within MaxPages and MaxDepth (skop-bench uses it for the unlimited
	// baseline the defaults are measured against).
	Exhaustive bool
	// MaxDepth bounds the links followed from the start page to a document
	// (DefaultMaxDepth); within it, depth is a cost in the frontier's order, not a wall.
	MaxDepth           int
	MaxHTMLBytes       int64         // bytes read of one page (default 5 MiB)
	MaxDocumentBytes   int64         // bytes of one document read to extract its text (default 16 MiB)
	MaxCandidates      int           // documents inspected per run (default 500)
	MaxQueue           int           // links waiting to be crawled (default 10,000)
	MaxProbes          int           // extension-less links probed in single-page mode (default 60)
	MaxRedirects       int           // per request (default 5)
	RequestTimeout     time.Duration // per request (default 30 s)
	PerHostConcurrency int           // requests in flight to one host (default 4)
	PerHostDelay       time.Duration // pause between requests to one host (default 0)
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
	// OCR is OCRAuto (the default: scanned PDFs are read by Tesseract when it
	// and pdftoppm are installed) or OCROff.
	OCR string
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

// The crawl's default budget: serve's --max-pages and --max-depth default to
// these, and skop-bench runs the engine with them. A 300-page site whose
// documents sit six links down is read within them, and an early stop keeps
// most crawls far below the page budget (see crawl).
const (
	DefaultMaxPages = 200
	DefaultMaxDepth = 8
)

// DefaultUserAgent names the crawler to the sites it visits.
const DefaultUserAgent = "SkopBot/1.0 (+https://docs.skop.dev/bot; document discovery)"

func (c Config) withDefaults() Config {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.MaxPages, DefaultMaxPages)
	def(&c.MaxDepth, DefaultMaxDepth)
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
	if c.OCR == "" {
		c.OCR = OCRAuto
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
	// ocrBy, when set, is the scorer that decides, if it turns out to be a
	// scan, whether it is worth OCR's half second (ocrWorthless). A scorer is
	// not changed once built, so a read may use it on its own goroutine.
	ocrBy *scorer
	// streamed is set when it was read during the crawl, and kept when it was
	// also kept then (stream.go): its counters are counted.
	streamed, kept bool
	keptAs         float64 // the confidence it was kept with
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

	maxPages, maxDepth int        // the run's budget: the request's, or the engine's
	paths              pathFilter // the request's include and exclude patterns
	fyStart            int        // the month the site says its fiscal year starts in; 0 if unsaid

	retriesLeft  atomic.Int64 // retries this run may still make
	retried      atomic.Int64 // retries made
	pagesFetched atomic.Int64 // HTML pages read, updated as each arrives
	scans        atomic.Int64 // PDFs read with no text layer
	ocrRead      atomic.Int64 // of them, read by OCR
	ocrFailed    atomic.Int64 // of them, OCR gave up on
	ocrSkipped   atomic.Int64 // of them, not worth reading (skipOCR)
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
	paths, err := newPathFilter(req.IncludePaths, req.ExcludePaths)
	if err != nil {
		return &FatalError{Problem{Stage: StageNavigator, Kind: "invalid_parameters", Message: err.Error(), At: now()}}
	}
	r := &run{e: e, req: req, intent: ParsePrompt(req.Prompt, req.Now), obs: obs, start: start, robots: newRobots(), hosts: map[string]*hostGate{},
		maxPages: e.cfg.MaxPages, maxDepth: e.cfg.MaxDepth, paths: paths}
	if req.MaxPages > 0 {
		r.maxPages = req.MaxPages
	}
	if req.MaxDepth > 0 {
		r.maxDepth = req.MaxDepth
	}
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
	p.UpdatedDocuments = r.pending.UpdatedDocuments
	r.pending = Progress{}
	if r.obs == nil {
		return nil
	}
	return r.obs(ctx, p)
}

func (r *run) problem(stage Stage, kind, msg, page string) {
	if kind == "blocked_address" {
		r.blocked++
		metrics.BlockedAddresses.Inc()
	}
	r.pending.NewProblems = append(r.pending.NewProblems, Problem{Stage: stage, Kind: kind, Message: msg, PageURL: page, Recoverable: true, At: now()})
}
