package discovery

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"

	"github.com/temoto/robotstxt"
)

// robotsAgent is the product token matched against robots.txt groups; a site with
// no group for it is read through its `User-agent: *` group.
const robotsAgent = "SkopBot"

// robots holds each origin's robots.txt rules for one run. Each origin's file is
// fetched once: concurrent first asks wait for the one fetch in flight.
type robots struct {
	mu      sync.Mutex
	origins map[string]*robotsEntry
}

type robotsEntry struct {
	ready chan struct{} // closed once the fields below are set
	group *robotstxt.Group
	all   bool // allow everything (no usable file)
	none  bool // allow nothing (the server failed: RFC 9309 §2.3.1.4)
	// sitemaps are the file's Sitemap: lines, as written (they may be relative).
	sitemaps []string
}

func newRobots() *robots { return &robots{origins: map[string]*robotsEntry{}} }

// allowed reports whether u may be fetched under its origin's robots.txt. A file
// that is missing or refused (4xx), unreachable, or redirected off the site or
// more than MaxRedirects times allows everything; a server error (5xx, after
// retries) allows nothing for the rest of the run.
func (rb *robots) allowed(ctx context.Context, r *run, u *url.URL) bool {
	origin := u.Scheme + "://" + u.Host
	rb.mu.Lock()
	e, ok := rb.origins[origin]
	if !ok {
		e = &robotsEntry{ready: make(chan struct{})}
		rb.origins[origin] = e
	}
	rb.mu.Unlock()
	if !ok {
		rb.load(ctx, r, origin, e)
		close(e.ready)
	}
	select {
	case <-e.ready:
	case <-ctx.Done():
		return false
	}
	switch {
	case e.none:
		return false
	case e.all || e.group == nil:
		return true
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return e.group.Test(p)
}

// load fetches origin's robots.txt. It runs outside the site's request gate (it is
// one small request per origin, and a page request waiting on its redirect's
// robots.txt must not wait for a slot it holds itself), follows its own redirects
// within the site without consulting robots.txt again, and retries like any other
// request. A Crawl-delay slows the site's gate, up to MaxCrawlDelay.
func (rb *robots) load(ctx context.Context, r *run, origin string, e *robotsEntry) {
	u, err := url.Parse(origin + "/robots.txt")
	if err != nil {
		e.all = true
		return
	}
	resp, err := r.retrying(ctx, func() (*http.Response, error) { return r.send(ctx, http.MethodGet, u, robotsKey{}) })
	if err != nil {
		e.all = true
		return
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 500:
		e.none = true
		r.warnOnce("robots5xx:"+origin, fmt.Sprintf("%s answered HTTP %d: nothing on %s is crawled, as the robots.txt standard asks", u, resp.StatusCode, origin))
		return
	case resp.StatusCode >= 300:
		e.all = true
		return
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
	if err != nil {
		e.all = true
		return
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		e.all = true
		return
	}
	e.sitemaps = data.Sitemaps
	e.group = data.FindGroup(robotsAgent)
	if e.group == nil || e.group.CrawlDelay <= 0 {
		return
	}
	d := e.group.CrawlDelay
	if max := r.e.cfg.MaxCrawlDelay; d > max {
		r.warnOnce("crawldelay:"+origin, fmt.Sprintf("robots.txt of %s asks for a Crawl-delay of %s; requests were spaced by %s, the most this server waits", origin, d, max))
		d = max
	}
	r.setCrawlDelay(u, d)
}

// sitemapsOf returns the Sitemap: lines of u's origin's robots.txt, once it was
// read (allowed reads it).
func (rb *robots) sitemapsOf(u *url.URL) []string {
	rb.mu.Lock()
	e := rb.origins[u.Scheme+"://"+u.Host]
	rb.mu.Unlock()
	if e == nil {
		return nil
	}
	select {
	case <-e.ready:
		return e.sitemaps
	default:
		return nil
	}
}

// robotsKey marks a robots.txt request's context for the redirect policy.
type robotsKey struct{}
