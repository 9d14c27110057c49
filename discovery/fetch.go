package discovery

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/skop-dev/skop/internal/metrics"
)

// This file is the run's side of HTTP: the per-site gate (concurrency, delay,
// Crawl-delay), retries of transient failures, and the shapes of answers.

// gateKey names the site a URL's requests are gated under: http and https, and
// `www.` and the apex, of one host share one gate, as they share one server.
func gateKey(u *url.URL) string { return siteHost(u) + ":" + sitePort(u) }

// gate returns the request gate of u's site.
func (r *run) gate(u *url.URL) *hostGate {
	r.hostMu.Lock()
	defer r.hostMu.Unlock()
	k := gateKey(u)
	g := r.hosts[k]
	if g == nil {
		g = &hostGate{slots: make(chan struct{}, r.e.cfg.PerHostConcurrency)}
		r.hosts[k] = g
	}
	return g
}

// setCrawlDelay makes the gate of u's site space requests by d (robots.txt's
// Crawl-delay), on top of the configured per-host delay.
func (r *run) setCrawlDelay(u *url.URL, d time.Duration) {
	g := r.gate(u)
	g.mu.Lock()
	g.crawlDelay = d
	g.mu.Unlock()
}

// do sends one request with the run's context, within the site's concurrency and
// delay. It never starts a request once the context has ended. The caller closes
// the body, which frees the site's slot.
func (r *run) do(ctx context.Context, method string, u *url.URL) (*http.Response, error) {
	g := r.gate(u)
	select {
	case g.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release := sync.OnceFunc(func() { <-g.slots })
	g.mu.Lock()
	d := max(r.e.cfg.PerHostDelay, g.crawlDelay)
	var wait time.Duration
	if d > 0 {
		wait = time.Until(g.next)
		g.next = time.Now().Add(max(wait, 0) + d)
	}
	g.mu.Unlock()
	if wait > 0 {
		if err := sleep(ctx, wait); err != nil {
			release()
			return nil, err
		}
	}
	resp, err := r.send(ctx, method, u, runKey{})
	if err != nil {
		release()
		return nil, err
	}
	resp.Body = &releasingBody{ReadCloser: resp.Body, release: release}
	return resp, nil
}

// send sends one request outside any gate. key marks the request's context for the
// redirect policy: runKey{} for pages and documents, robotsKey{} for robots.txt.
func (r *run) send(ctx context.Context, method string, u *url.URL, key any) (*http.Response, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if r.e.refused(u) {
		metrics.BlockedAddresses.Inc()
		return nil, fmt.Errorf("%w: %s", ErrBlockedAddress, u.Hostname())
	}
	req, err := http.NewRequestWithContext(context.WithValue(ctx, key, r), method, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", r.e.cfg.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/pdf,application/octet-stream;q=0.9,*/*;q=0.8")
	return r.e.client.Do(req)
}

// fetch is do with retries: an answer of 429, 502, 503 or 504, a connection reset
// or a request timeout is tried again, up to MaxRetries times for this request and
// MaxRetriesPerRun times for the run, after an exponential backoff with jitter or
// the server's Retry-After when it asks for longer (up to MaxRetryWait; a server
// that asks for more is not retried). The wait ends at once when ctx does. After
// the last try, the last answer or error is returned as it is.
func (r *run) fetch(ctx context.Context, method string, u *url.URL) (*http.Response, error) {
	return r.retrying(ctx, func() (*http.Response, error) { return r.do(ctx, method, u) })
}

func (r *run) retrying(ctx context.Context, try func() (*http.Response, error)) (*http.Response, error) {
	cfg := r.e.cfg
	for attempt := 0; ; attempt++ {
		resp, err := try()
		if attempt >= cfg.MaxRetries || ctx.Err() != nil {
			return resp, err
		}
		wait, ok := r.retryWait(resp, err, attempt)
		if !ok || r.retriesLeft.Add(-1) < 0 {
			return resp, err
		}
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // reuse the connection
			resp.Body.Close()
		}
		r.retried.Add(1)
		if err := sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// retryWait reports whether an answer is worth trying again, and after how long.
func (r *run) retryWait(resp *http.Response, err error, attempt int) (time.Duration, bool) {
	cfg := r.e.cfg
	delay := backoff(cfg.RetryBaseDelay, attempt)
	if err != nil {
		if !transient(err) {
			return 0, false
		}
		return min(delay, cfg.MaxRetryWait), true
	}
	if !retryableStatus(resp.StatusCode) {
		return 0, false
	}
	if ra, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		if ra > cfg.MaxRetryWait {
			return 0, false // the server asks for longer than a job should wait
		}
		return max(ra, delay), true
	}
	return min(delay, cfg.MaxRetryWait), true
}

// backoff is the wait before retry n+1 (n from 0): base doubled n times, with
// "equal jitter" (a random point in its upper half) so that many clients that
// failed together do not come back together.
func backoff(base time.Duration, n int) time.Duration {
	d := base << n
	return d/2 + rand.N(d/2+1)
}

// retryableStatus reports whether an HTTP status is worth trying again later.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// transient reports whether a request error may pass if tried again: a reset or
// refused connection, a connection closed mid-answer, or a request timeout. A
// refused address or redirect, and the run's own end, are final.
func transient(err error) bool {
	var ne net.Error
	switch {
	case errors.Is(err, ErrBlockedAddress), errors.Is(err, errOffSite), errors.Is(err, errRobots),
		errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded) && !(errors.As(err, &ne) && ne.Timeout()):
		return false
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return true
	case errors.As(err, &ne) && ne.Timeout():
		return true
	}
	return false
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP date.
func retryAfter(h string, now time.Time) (time.Duration, bool) {
	if h == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(h); err == nil {
		if n < 0 {
			return 0, false
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// sleep waits d, or less when ctx ends first (returning its error).
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

type releasingBody struct {
	io.ReadCloser
	release func()
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}

// classify turns a request error into a problem kind.
func classify(err error) string {
	var ne net.Error
	var he *httpStatusError
	switch {
	case errors.Is(err, ErrBlockedAddress):
		return "blocked_address"
	case errors.As(err, &he):
		return "http_error"
	case errors.Is(err, errOffSite) || errors.Is(err, errRobots):
		return "redirect_refused"
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		return "timeout"
	default:
		return "fetch_failed"
	}
}

type httpStatusError struct{ code int }

func (e *httpStatusError) Error() string {
	return "HTTP " + strconv.Itoa(e.code) + " " + http.StatusText(e.code)
}

// page is the answer to a page request.
type page struct {
	body        []byte
	contentType string
	final       *url.URL
	disposition string
	// doc is the document a followed link turned out to be, read from this same
	// answer, so that it is never downloaded twice.
	doc *inspected
	err error
}

// fetchPage GETs u and returns up to MaxHTMLBytes of an HTML body. A link that
// turns out to be a document (by Content-Type or Content-Disposition) is read here,
// within the document limits, and kept in page.doc for the scraper.
func (r *run) fetchPage(ctx context.Context, u *url.URL) page {
	resp, err := r.fetch(ctx, http.MethodGet, u)
	if err != nil {
		return page{err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		return page{err: &httpStatusError{resp.StatusCode}}
	}
	p := page{contentType: resp.Header.Get("Content-Type"), final: resp.Request.URL, disposition: dispositionName(resp.Header.Get("Content-Disposition"))}
	if !isHTML(p.contentType) {
		if dt := docTypeFromContentType(p.contentType); dt != "" || docTypeFromName(p.disposition) != "" {
			c := &candidate{url: u, docType: dt}
			doc := r.readResponse(ctx, c, resp)
			p.doc = &doc
		}
		return p
	}
	p.body, p.err = io.ReadAll(io.LimitReader(resp.Body, r.e.cfg.MaxHTMLBytes))
	if p.err == nil {
		r.pagesFetched.Add(1)
		metrics.PagesFetched.Inc()
		metrics.BytesFetched.Add(float64(len(p.body)))
	}
	return p
}
