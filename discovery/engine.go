// Package discovery finds the documents on a website that match a plain-language
// prompt: it crawls (navigator), inspects candidate documents (scraper) and scores
// them (coordinator). It knows nothing of HTTP handlers, job storage or SQL: the
// caller passes a context, which stops everything at once when cancelled, and an
// Observer that receives progress and each document as soon as it is kept.
package discovery

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
)

// Stage names a part of the work, as the Skop API reports it in current_agent.
type Stage string

// The stages, in the order they run.
const (
	StageNavigator   Stage = "navigator"   // crawling pages
	StageScraper     Stage = "scraper"     // inspecting documents
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
}

// Document is a kept result.
type Document struct {
	URL        string
	Name       string
	SourcePage string
	Type       string // pdf, docx, …
	Confidence float64
	SizeBytes  int64 // -1 when the server did not tell
	FoundAt    time.Time
}

// Problem is a failure met on the way. A recoverable one did not stop the run.
type Problem struct {
	Stage       Stage
	Kind        string // timeout, fetch_failed, http_error, blocked_address, …
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
	DocumentsFound      int
	DocumentsDownloaded int
	PagesWithResults    int
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
	MaxPages             int           // pages fetched per run (default 50)
	MaxDepth             int           // links followed from the start page (default 3)
	MaxHTMLBytes         int64         // bytes read of one page (default 5 MiB)
	MaxCandidates        int           // documents inspected per run (default 500)
	MaxProbes            int           // extension-less links probed in single-page mode (default 50)
	MaxRedirects         int           // per request (default 5)
	RequestTimeout       time.Duration // per request (default 30 s)
	UserAgent            string
	// Resolver, when set, resolves host names (tests use it to stub DNS).
	Resolver *net.Resolver

	// exemptDial lets tests reach chosen loopback addresses through the guard.
	exemptDial func(address string) bool
}

// DefaultUserAgent names the crawler to the sites it visits.
const DefaultUserAgent = "SkopBot/1.0 (+https://docs.skop.dev/bot; document discovery)"

func (c Config) withDefaults() Config {
	if c.MaxPages <= 0 {
		c.MaxPages = 50
	}
	if c.MaxDepth <= 0 {
		c.MaxDepth = 3
	}
	if c.MaxHTMLBytes <= 0 {
		c.MaxHTMLBytes = 5 << 20
	}
	if c.MaxCandidates <= 0 {
		c.MaxCandidates = 500
	}
	if c.MaxProbes <= 0 {
		c.MaxProbes = 50
	}
	if c.MaxRedirects <= 0 {
		c.MaxRedirects = 5
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = 30 * time.Second
	}
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	return c
}

// Engine runs discovery. One Engine serves many concurrent runs.
type Engine struct {
	cfg    Config
	client *http.Client
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
		MaxIdleConnsPerHost:   8,
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: cfg.RequestTimeout,
		ExpectContinueTimeout: time.Second,
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
			return nil
		},
	}
	return &Engine{cfg: cfg, client: client}
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

func docTypeFromURL(u *url.URL) string {
	return docTypes[strings.ToLower(path.Ext(u.Path))]
}

func docTypeFromContentType(ct string) string {
	mt := strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	return mimeTypes[mt]
}

func isHTML(ct string) bool {
	mt := strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// candidate is a link that may be a document, with the evidence around it.
type candidate struct {
	url      *url.URL
	evidence link
	source   string
	docType  string // known from the extension, or "" until probed
}

// run is the state of one Run.
type run struct {
	e        *Engine
	req      Request
	intent   Intent
	obs      Observer
	start    *url.URL
	progress Progress
	pending  Progress // what is new since the last report
}

// Run discovers documents for req, reporting to obs. It returns nil when the work is
// done, a *FatalError when it could not be done, ctx.Err() (possibly wrapped) when the
// context ended, or the Observer's error when the Observer stopped it.
func (e *Engine) Run(ctx context.Context, req Request, obs Observer) error {
	start, err := url.Parse(strings.TrimSpace(req.StartURL))
	if err != nil || (start.Scheme != "http" && start.Scheme != "https") || start.Host == "" {
		return &FatalError{Problem{Stage: StageNavigator, Kind: "invalid_url", Message: fmt.Sprintf("cannot crawl %q: not an http(s) URL", req.StartURL), PageURL: req.StartURL, At: time.Now().UTC()}}
	}
	start.Fragment = ""
	r := &run{e: e, req: req, intent: ParsePrompt(req.Prompt), obs: obs, start: start}
	r.progress.Stage = StageNavigator
	if err := r.report(ctx); err != nil {
		return err
	}
	cands, err := r.crawl(ctx)
	if err != nil {
		return err
	}
	r.stageDone(StageNavigator, StageScraper)
	r.progress.Percent = 50
	if err := r.report(ctx); err != nil {
		return err
	}
	if err := r.inspect(ctx, cands); err != nil {
		return err
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

func (r *run) stageDone(done, next Stage) {
	r.progress.StagesDone = append(r.progress.StagesDone, done)
	r.progress.Stage = next
}

// report sends the running totals plus what is new to the Observer.
func (r *run) report(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	p := r.progress
	p.StagesDone = append([]Stage(nil), r.progress.StagesDone...)
	p.NewDocuments, p.NewProblems, p.NewWarnings = r.pending.NewDocuments, r.pending.NewProblems, r.pending.NewWarnings
	r.pending = Progress{}
	if r.obs == nil {
		return nil
	}
	return r.obs(ctx, p)
}

func (r *run) problem(stage Stage, kind, msg, page string) {
	r.pending.NewProblems = append(r.pending.NewProblems, Problem{Stage: stage, Kind: kind, Message: msg, PageURL: page, Recoverable: true, At: time.Now().UTC()})
}

// sameSite reports whether u is on the start page's site; `www.` is ignored.
func (r *run) sameSite(u *url.URL) bool {
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.") == strings.TrimPrefix(strings.ToLower(r.start.Hostname()), "www.") &&
		u.Port() == r.start.Port()
}

// do sends one request with the run's context. It never starts a request once the
// context has ended.
func (r *run) do(ctx context.Context, method string, u *url.URL) (*http.Response, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", r.e.cfg.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/pdf,application/octet-stream;q=0.9,*/*;q=0.8")
	return r.e.client.Do(req)
}

// classify turns a request error into a problem kind.
func classify(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, ErrBlockedAddress):
		return "blocked_address"
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		return "timeout"
	default:
		return "fetch_failed"
	}
}

type pageItem struct {
	url   *url.URL
	depth int
	via   *candidate // the link that led here, for pages that turn out to be documents
}

// crawl walks the site breadth-first (or only the start page) and returns the
// candidate documents in the order they were found, without duplicates.
func (r *run) crawl(ctx context.Context) ([]*candidate, error) {
	cfg := r.e.cfg
	seenPages := map[string]bool{canonical(r.start): true}
	seenDocs := map[string]bool{}
	var cands []*candidate
	var probes []*candidate
	queue := []pageItem{{url: r.start}}
	for len(queue) > 0 && r.progress.PagesCrawled < cfg.MaxPages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		item := queue[0]
		queue = queue[1:]
		isStart := item.depth == 0
		body, ct, final, err := r.fetchPage(ctx, item.url)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if isStart {
				kind := classify(err)
				if he, ok := err.(*httpStatusError); ok {
					kind, err = "http_error", he
				}
				return nil, &FatalError{Problem{Stage: StageNavigator, Kind: kind, Message: fmt.Sprintf("cannot fetch the start page %s: %v", item.url, err), PageURL: item.url.String(), At: time.Now().UTC()}}
			}
			kind := classify(err)
			if _, ok := err.(*httpStatusError); ok {
				kind = "http_error"
			}
			r.problem(StageNavigator, kind, fmt.Sprintf("cannot fetch %s: %v", item.url, err), item.url.String())
			if err := r.report(ctx); err != nil {
				return nil, err
			}
			continue
		}
		r.progress.PagesCrawled++
		if !isHTML(ct) {
			// A followed link that turned out to be a document.
			if dt := docTypeFromContentType(ct); dt != "" && item.via != nil && !seenDocs[canonical(item.url)] {
				seenDocs[canonical(item.url)] = true
				item.via.docType = dt
				cands = append(cands, item.via)
			}
			if err := r.report(ctx); err != nil {
				return nil, err
			}
			continue
		}
		links := extractLinks(body, final)
		for i := range links {
			l := &links[i]
			u := l.url
			if u.Scheme != "http" && u.Scheme != "https" {
				continue
			}
			if !r.sameSite(u) {
				continue // other hosts' pages and files are never fetched
			}
			key := canonical(u)
			c := &candidate{url: u, evidence: *l, source: final.String(), docType: docTypeFromURL(u)}
			if c.docType != "" {
				if !seenDocs[key] && len(cands) < cfg.MaxCandidates {
					seenDocs[key] = true
					cands = append(cands, c)
				}
				continue
			}
			if seenPages[key] || looksLikeNonDocument(u) {
				continue
			}
			seenPages[key] = true
			if r.req.SinglePage {
				if len(probes) < cfg.MaxProbes {
					probes = append(probes, c)
				}
				continue
			}
			if item.depth+1 <= cfg.MaxDepth {
				queue = append(queue, pageItem{url: u, depth: item.depth + 1, via: c})
			}
		}
		if r.req.SinglePage {
			r.progress.Percent = 25
		} else {
			r.progress.Percent = min(49, 50*r.progress.PagesCrawled/max(1, min(cfg.MaxPages, r.progress.PagesCrawled+len(queue))))
		}
		if err := r.report(ctx); err != nil {
			return nil, err
		}
		if r.req.SinglePage {
			break
		}
	}
	// In single-page mode, extension-less links on the start page may still be
	// documents (download.php?id=17): ask the server what they are.
	for _, c := range probes {
		if len(cands) >= cfg.MaxCandidates {
			break
		}
		resp, err := r.do(ctx, http.MethodHead, c.url)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			continue
		}
		resp.Body.Close()
		if dt := docTypeFromContentType(resp.Header.Get("Content-Type")); dt != "" && resp.StatusCode < 400 && !seenDocs[canonical(c.url)] {
			seenDocs[canonical(c.url)] = true
			c.docType = dt
			cands = append(cands, c)
		}
	}
	r.progress.DocumentsFound = len(cands)
	return cands, nil
}

// looksLikeNonDocument skips links to images, styles and scripts, which are never
// pages or documents.
func looksLikeNonDocument(u *url.URL) bool {
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".ico", ".css", ".js", ".mp4", ".mp3", ".zip", ".woff", ".woff2":
		return true
	}
	return false
}

type httpStatusError struct{ code int }

func (e *httpStatusError) Error() string { return "HTTP " + strconv.Itoa(e.code) }

// fetchPage GETs u and returns up to MaxHTMLBytes of an HTML body. For a non-HTML
// answer it returns no body, only the Content-Type, so a document is never read here.
func (r *run) fetchPage(ctx context.Context, u *url.URL) ([]byte, string, *url.URL, error) {
	resp, err := r.do(ctx, http.MethodGet, u)
	if err != nil {
		return nil, "", nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		return nil, "", nil, &httpStatusError{resp.StatusCode}
	}
	ct := resp.Header.Get("Content-Type")
	if !isHTML(ct) {
		return nil, ct, resp.Request.URL, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, r.e.cfg.MaxHTMLBytes))
	if err != nil {
		return nil, "", nil, err
	}
	return body, ct, resp.Request.URL, nil
}

// inspect asks the server for each candidate's size and type, scores it, and reports
// each kept document at once, so a run that is stopped keeps what it found.
func (r *run) inspect(ctx context.Context, cands []*candidate) error {
	tooLarge := 0
	for i, c := range cands {
		if err := ctx.Err(); err != nil {
			return err
		}
		size := int64(-1)
		docType := c.docType
		resp, err := r.do(ctx, http.MethodHead, c.url)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			r.problem(StageScraper, classify(err), fmt.Sprintf("cannot inspect %s: %v", c.url, err), c.source)
		} else {
			resp.Body.Close()
			if resp.StatusCode >= 400 && resp.StatusCode != http.StatusMethodNotAllowed {
				r.problem(StageScraper, "http_error", fmt.Sprintf("cannot inspect %s: HTTP %d", c.url, resp.StatusCode), c.source)
				r.progress.Percent = 50 + 45*(i+1)/len(cands)
				if err := r.report(ctx); err != nil {
					return err
				}
				continue
			}
			r.progress.DocumentsDownloaded++
			size = resp.ContentLength
			if dt := docTypeFromContentType(resp.Header.Get("Content-Type")); dt != "" && docType == "" {
				docType = dt
			}
			if isHTML(resp.Header.Get("Content-Type")) {
				docType = ""
			}
		}
		if docType == "" {
			continue
		}
		if size >= 0 && r.req.MaxFileSizeBytes > 0 && size > r.req.MaxFileSizeBytes {
			tooLarge++
		} else if score := r.intent.Score(c.evidence.primary(), c.evidence.context()); score >= r.req.ConfidenceThreshold {
			r.pending.NewDocuments = append(r.pending.NewDocuments, Document{
				URL:        c.url.String(),
				Name:       c.evidence.name(c.url),
				SourcePage: c.source,
				Type:       docType,
				Confidence: round3(score),
				SizeBytes:  size,
				FoundAt:    time.Now().UTC(),
			})
		}
		r.progress.Percent = 50 + 45*(i+1)/len(cands)
		if err := r.report(ctx); err != nil {
			return err
		}
	}
	if tooLarge > 0 {
		noun := "documents"
		if tooLarge == 1 {
			noun = "document"
		}
		r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("%d %s exceeded max_file_size_mb (%d MiB) and were skipped", tooLarge, noun, r.req.MaxFileSizeBytes>>20))
	}
	return nil
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// canonical is the de-duplication key of a URL: scheme and host lower-cased, default
// port and fragment dropped, `www.` ignored.
func canonical(u *url.URL) string {
	c := *u
	c.Fragment = ""
	c.Scheme = strings.ToLower(c.Scheme)
	host := strings.ToLower(c.Hostname())
	host = strings.TrimPrefix(host, "www.")
	port := c.Port()
	if (c.Scheme == "http" && port == "80") || (c.Scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	}
	c.Host = host
	if c.Path == "" {
		c.Path = "/"
	}
	return c.String()
}
