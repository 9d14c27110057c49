package discovery

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skop-dev/skop/internal/testsite"
)

// This file holds the behaviours every real website asks of a crawler: redirects
// between http and https and between www and the apex, robots.txt behind a
// redirect and with a Crawl-delay, rate limits and transient errors, and one
// download per document. Each runs against real servers on loopback.

// named serves names on default ports from loopback listeners: host:80 goes to
// the plain server and host:443 to the TLS one, for every host in names.
func named(t *testing.T, plain, tlsSrv *httptest.Server, names ...string) Config {
	t.Helper()
	addrOf := func(s *httptest.Server) string {
		if s == nil {
			return ""
		}
		return s.Listener.Addr().String()
	}
	routes := map[string]string{}
	for _, n := range names {
		routes[n+":80"] = addrOf(plain)
		routes[n+":443"] = addrOf(tlsSrv)
	}
	var d net.Dialer
	return Config{
		AllowPrivateNetworks: true,
		RetryBaseDelay:       10 * time.Millisecond,
		testTLS:              &tls.Config{InsecureSkipVerify: true}, // httptest's certificate, on loopback only
		testDial: func(ctx context.Context, network, address string) (net.Conn, error) {
			to := routes[address]
			if to == "" {
				return nil, fmt.Errorf("test dialer: no route to %s", address)
			}
			return d.DialContext(ctx, network, to)
		},
	}
}

// upgrader redirects every request to https://target with the same path.
func upgrader(target string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://"+target+r.URL.RequestURI(), http.StatusMovedPermanently)
	}))
}

func minutesSite(robots string) map[string]testsite.Resource {
	res := map[string]testsite.Resource{
		"/": testsite.HTML(`<html><head><title>Testville</title></head><body>
			<a href="/meetings/">Meetings</a>
			<a href="/files/minutes-2025-01-14.pdf">Council minutes January 14, 2025</a></body></html>`),
		"/meetings/": testsite.HTML(`<h2>Council minutes 2025</h2>
			<a href="/files/minutes-2025-02-11.pdf">Council minutes February 11, 2025</a>
			<a href="/private/minutes-2025-03-11.pdf">Council minutes March 11, 2025</a>`),
		"/files/minutes-2025-01-14.pdf":   testsite.PDFFile("Council Minutes 2025-01-14", "MINUTES OF THE CITY COUNCIL\nJanuary 14, 2025"),
		"/files/minutes-2025-02-11.pdf":   testsite.PDFFile("Council Minutes 2025-02-11", "MINUTES OF THE CITY COUNCIL\nFebruary 11, 2025"),
		"/private/minutes-2025-03-11.pdf": testsite.PDFFile("Council Minutes 2025-03-11", "MINUTES OF THE CITY COUNCIL\nMarch 11, 2025"),
	}
	if robots != "" {
		res["/robots.txt"] = testsite.Resource{ContentType: "text/plain", Body: []byte(robots)}
	}
	return res
}

// TestHTTPToHTTPSAndApex: the user gives http://site.test/, which redirects to
// https://www.site.test/; the site's links use the apex over https, and
// robots.txt is itself reached through the upgrade redirect. The job completes
// with every relevant document and honours robots.txt.
func TestHTTPToHTTPSAndApex(t *testing.T) {
	site := testsite.NewTLS(minutesSite("User-agent: *\nDisallow: /private/\n"))
	defer site.Close()
	up := upgrader("www.site.test")
	defer up.Close()
	cfg := named(t, up, site.Server, "site.test", "www.site.test")
	e := New(cfg)
	docs, last, _, err := collect(t, e, Request{StartURL: "http://site.test/", Prompt: "Find all council meeting minutes from 2025", ConfidenceThreshold: 0.4})
	if err != nil {
		t.Fatalf("Run = %v", err)
	}
	want := []string{"/files/minutes-2025-01-14.pdf", "/files/minutes-2025-02-11.pdf"}
	if got := paths(docs); !slices.Equal(got, want) {
		t.Errorf("documents = %v, want %v", got, want)
	}
	for _, d := range docs {
		if !strings.HasPrefix(d.URL, "https://www.site.test/") {
			t.Errorf("document %s: want it resolved against the final start URL https://www.site.test/", d.URL)
		}
	}
	if last.PagesCrawled != 2 {
		t.Errorf("pages crawled = %d, want 2", last.PagesCrawled)
	}
	if n := site.Count(http.MethodGet, "/private/minutes-2025-03-11.pdf"); n != 0 {
		t.Errorf("a robots-disallowed document was fetched %d times", n)
	}
	// Once per origin: http://site.test's (through the upgrade redirect) and
	// https://www.site.test's, where the start redirect and every link lead.
	if n := site.Count(http.MethodGet, "/robots.txt"); n != 2 {
		t.Errorf("robots.txt fetched %d times over https, want 2: once per origin", n)
	}
}

// TestRobotsRedirectDoesNotHang: robots.txt redirects (within the site) through
// several hops while the crawl runs at full concurrency. Before, each hop's
// robots check took another slot of the host's gate and the run hung until its
// timeout; now robots.txt is fetched outside the gate, once per origin.
func TestRobotsRedirectDoesNotHang(t *testing.T) {
	site := testsite.New(minutesSite(""))
	defer site.Close()
	site.Set("/robots.txt", testsite.Resource{Status: http.StatusFound, Header: map[string]string{"Location": "/r1"}})
	site.Set("/r1", testsite.Resource{Status: http.StatusFound, Header: map[string]string{"Location": "/r2"}})
	site.Set("/r2", testsite.Resource{ContentType: "text/plain", Body: []byte("User-agent: *\nDisallow: /private/\n")})
	// The start page itself redirects, so its redirect's robots.txt is asked for
	// while the page request holds a slot.
	site.Set("/start", testsite.Resource{Status: http.StatusFound, Header: map[string]string{"Location": "/"}})
	e := New(Config{AllowPrivateNetworks: true, PerHostConcurrency: 1})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var docs []Document
	err := e.Run(ctx, Request{StartURL: site.URL + "/start", Prompt: "Find all council meeting minutes from 2025", ConfidenceThreshold: 0.4},
		func(_ context.Context, p Progress) error { docs = append(docs, p.NewDocuments...); return nil })
	if err != nil {
		t.Fatalf("Run = %v", err)
	}
	if got := paths(docs); len(got) != 2 || slices.Contains(got, "/private/minutes-2025-03-11.pdf") {
		t.Errorf("documents = %v, want the two public minutes (robots.txt read through its redirects)", got)
	}
	if n := site.Count(http.MethodGet, "/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once", n)
	}
}

// TestRobotsStatusAndCrawlDelay: 5xx on robots.txt disallows everything (RFC 9309),
// 4xx allows everything, and a Crawl-delay spaces requests out, capped by
// MaxCrawlDelay with a warning.
func TestRobotsStatusAndCrawlDelay(t *testing.T) {
	prompt := "Find all council meeting minutes from 2025"
	t.Run("5xx disallows all", func(t *testing.T) {
		site := testsite.New(minutesSite(""))
		defer site.Close()
		site.Set("/robots.txt", testsite.Resource{Status: http.StatusInternalServerError})
		e := New(Config{AllowPrivateNetworks: true, RetryBaseDelay: time.Millisecond})
		_, _, _, err := collect(t, e, Request{StartURL: site.URL + "/", Prompt: prompt})
		var fe *FatalError
		if !errors.As(err, &fe) || fe.Kind != "robots_disallowed" {
			t.Errorf("Run = %v, want FatalError robots_disallowed", err)
		}
		if n := site.Count(http.MethodGet, "/"); n != 0 {
			t.Errorf("the start page was fetched %d times", n)
		}
	})
	t.Run("4xx allows all", func(t *testing.T) {
		site := testsite.New(minutesSite(""))
		defer site.Close()
		site.Set("/robots.txt", testsite.Resource{Status: http.StatusForbidden})
		docs, _, _, err := collect(t, New(Config{AllowPrivateNetworks: true}), Request{StartURL: site.URL + "/", Prompt: prompt, ConfidenceThreshold: 0.4})
		if err != nil || len(docs) != 3 {
			t.Errorf("Run = %v with %d documents, want 3", err, len(docs))
		}
	})
	t.Run("Crawl-delay", func(t *testing.T) {
		site := testsite.New(minutesSite("User-agent: *\nCrawl-delay: 0.2\n"))
		defer site.Close()
		_, _, warnings, err := collect(t, New(Config{AllowPrivateNetworks: true}), Request{StartURL: site.URL + "/", Prompt: prompt, ConfidenceThreshold: 0.4})
		if err != nil {
			t.Fatal(err)
		}
		var at []time.Time
		for _, r := range site.Requests() {
			if r.Path != "/robots.txt" {
				at = append(at, r.At)
			}
		}
		for i := 1; i < len(at); i++ {
			if gap := at[i].Sub(at[i-1]); gap < 190*time.Millisecond {
				t.Errorf("requests %d and %d were %s apart, want at least the Crawl-delay of 200ms", i-1, i, gap)
			}
		}
		if len(warnings) != 0 {
			t.Errorf("warnings = %q, want none for an honoured delay", warnings)
		}
	})
	t.Run("Crawl-delay capped", func(t *testing.T) {
		site := testsite.New(minutesSite("User-agent: *\nCrawl-delay: 120\n"))
		defer site.Close()
		e := New(Config{AllowPrivateNetworks: true, MaxCrawlDelay: 50 * time.Millisecond})
		_, _, warnings, err := collect(t, e, Request{StartURL: site.URL + "/", Prompt: prompt, SinglePage: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(warnings) != 1 || !strings.Contains(warnings[0], "Crawl-delay of 2m0s") || !strings.Contains(warnings[0], "50ms") {
			t.Errorf("warnings = %q, want one saying the delay was capped", warnings)
		}
	})
}

// flaky answers path with failures first: codes[i] for the i-th request (0 means
// serve the resource), with Retry-After when retryAfter is set.
type flaky struct {
	mu         sync.Mutex
	seen       map[string]int
	codes      map[string][]int
	retryAfter string
	next       http.Handler
}

func (f *flaky) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	n := f.seen[r.URL.Path]
	f.seen[r.URL.Path]++
	codes := f.codes[r.URL.Path]
	f.mu.Unlock()
	if n < len(codes) && codes[n] != 0 {
		if codes[n] == -1 { // reset the connection
			if hj, ok := w.(http.Hijacker); ok {
				c, _, _ := hj.Hijack()
				if tc, ok := c.(*net.TCPConn); ok {
					_ = tc.SetLinger(0)
				}
				c.Close()
				return
			}
		}
		if f.retryAfter != "" {
			w.Header().Set("Retry-After", f.retryAfter)
		}
		http.Error(w, "try later", codes[n])
		return
	}
	f.next.ServeHTTP(w, r)
}

// TestRetriesTransientErrors: the start page answers 429 with Retry-After, a
// document 503 then a reset connection, another 502 and 504: every document is
// found, the Retry-After is honoured, and the retries are reported as a warning.
func TestRetriesTransientErrors(t *testing.T) {
	site := testsite.New(minutesSite(""))
	defer site.Close()
	f := &flaky{seen: map[string]int{}, retryAfter: "1", next: site.Handler(), codes: map[string][]int{
		"/":                               {429},
		"/files/minutes-2025-01-14.pdf":   {503, -1},
		"/files/minutes-2025-02-11.pdf":   {502, 504},
		"/private/minutes-2025-03-11.pdf": {429, 429},
	}}
	site.Config.Handler = f
	e := New(Config{AllowPrivateNetworks: true, RetryBaseDelay: 10 * time.Millisecond})
	start := time.Now()
	docs, _, warnings, err := collect(t, e, Request{StartURL: site.URL + "/", Prompt: "Find all council meeting minutes from 2025", ConfidenceThreshold: 0.4})
	if err != nil {
		t.Fatalf("Run = %v", err)
	}
	if got := paths(docs); len(got) != 3 {
		t.Errorf("documents = %v, want all three minutes", got)
	}
	if el := time.Since(start); el < time.Second {
		t.Errorf("the run took %s: the start page's Retry-After of 1 s was not honoured", el)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "retried") {
		t.Errorf("warnings = %q, want one about retries", warnings)
	}
}

// TestRetriesGiveUp: a start page that answers 503 to every try fails the run as
// fetch_failed with the last status; a document that does is a warning; a
// Retry-After longer than MaxRetryWait is not waited for; a 404 is not retried.
func TestRetriesGiveUp(t *testing.T) {
	site := testsite.New(minutesSite(""))
	defer site.Close()
	site.Set("/files/minutes-2025-01-14.pdf", testsite.Resource{Status: http.StatusServiceUnavailable})
	site.Set("/files/minutes-2025-02-11.pdf", testsite.Resource{Status: http.StatusTooManyRequests, Header: map[string]string{"Retry-After": "3600"}})
	site.Set("/gone", testsite.Resource{Status: http.StatusNotFound})
	e := New(Config{AllowPrivateNetworks: true, RetryBaseDelay: time.Millisecond, MaxRetries: 2})
	docs, _, warnings, err := collect(t, e, Request{StartURL: site.URL + "/", Prompt: "Find all council meeting minutes from 2025", ConfidenceThreshold: 0.4})
	if err != nil {
		t.Fatalf("Run = %v", err)
	}
	if got := paths(docs); !slices.Equal(got, []string{"/private/minutes-2025-03-11.pdf"}) {
		t.Errorf("documents = %v", got)
	}
	if n := site.Count(http.MethodGet, "/files/minutes-2025-01-14.pdf"); n != 3 {
		t.Errorf("the 503 document was tried %d times, want 3 (1 + MaxRetries)", n)
	}
	if n := site.Count(http.MethodGet, "/files/minutes-2025-02-11.pdf"); n != 1 {
		t.Errorf("the document asking for an hour's wait was tried %d times, want 1", n)
	}
	joined := strings.Join(warnings, "\n")
	if !strings.Contains(joined, "could not fetch "+site.URL+"/files/minutes-2025-01-14.pdf") || !strings.Contains(joined, "HTTP 503") {
		t.Errorf("warnings = %q, want the lost document named with its status", warnings)
	}

	site.Set("/", testsite.Resource{Status: http.StatusServiceUnavailable})
	_, _, _, err = collect(t, e, Request{StartURL: site.URL + "/", Prompt: "minutes"})
	var fe *FatalError
	if !errors.As(err, &fe) || fe.Kind != "fetch_failed" || !strings.Contains(fe.Message, "HTTP 503") {
		t.Errorf("Run on a start page that always answers 503 = %v, want FatalError fetch_failed naming HTTP 503", err)
	}
	before := site.Count(http.MethodGet, "/gone")
	_, _, _, err = collect(t, e, Request{StartURL: site.URL + "/gone", Prompt: "minutes"})
	if !errors.As(err, &fe) || fe.Kind != "http_error" || site.Count(http.MethodGet, "/gone")-before != 1 {
		t.Errorf("Run on a 404 start page = %v after %d tries, want http_error after 1", err, site.Count(http.MethodGet, "/gone")-before)
	}
}

// TestCancelInterruptsRetryWait: a cancel during a long Retry-After wait stops the
// run at once.
func TestCancelInterruptsRetryWait(t *testing.T) {
	site := testsite.New(map[string]testsite.Resource{
		"/": {Status: http.StatusTooManyRequests, Header: map[string]string{"Retry-After": "25"}},
	})
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for site.Count(http.MethodGet, "/") == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	start := time.Now()
	err := e.Run(ctx, Request{StartURL: site.URL + "/", Prompt: "minutes"}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("the run stopped %s after the cancel, inside a 25 s Retry-After", el)
	}
	if n := site.Count(http.MethodGet, "/"); n != 1 {
		t.Errorf("start page requested %d times, want 1", n)
	}
}

// TestOneDownloadPerDocument: a link without a document extension that answers
// with a document is read from the navigator's answer, not downloaded again.
func TestOneDownloadPerDocument(t *testing.T) {
	site := testsite.New(map[string]testsite.Resource{
		"/": testsite.HTML(`<h2>Council minutes 2025</h2>
			<a href="/download?id=1">Council minutes January 14, 2025</a>
			<a href="/download?id=2">Council minutes February 11, 2025</a>
			<a href="/files/minutes-2025-03-11.pdf">Council minutes March 11, 2025</a>`),
		"/download?id=1": testsite.PDFFile("Council Minutes 2025-01-14", "MINUTES OF THE CITY COUNCIL\nJanuary 14, 2025"),
		"/download?id=2": {ContentType: "application/octet-stream", Body: testsite.PDF("", "MINUTES OF THE CITY COUNCIL\nFebruary 11, 2025", 0),
			Header: map[string]string{"Content-Disposition": `attachment; filename="minutes-2025-02-11.pdf"`}},
		"/files/minutes-2025-03-11.pdf": testsite.PDFFile("Council Minutes 2025-03-11", "MINUTES OF THE CITY COUNCIL\nMarch 11, 2025"),
	})
	defer site.Close()
	docs, last, _, err := collect(t, New(Config{AllowPrivateNetworks: true}), Request{StartURL: site.URL + "/", Prompt: "Find all council meeting minutes from 2025", ConfidenceThreshold: 0.4})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 || last.DocumentsDownloaded != 3 || last.DocumentsMatched != 3 {
		t.Errorf("documents = %v, downloaded %d, matched %d; want 3 each", paths(docs), last.DocumentsDownloaded, last.DocumentsMatched)
	}
	for _, p := range []string{"/download?id=1", "/download?id=2", "/files/minutes-2025-03-11.pdf"} {
		if n := site.Count(http.MethodGet, p); n != 1 {
			t.Errorf("%s fetched %d times, want once", p, n)
		}
	}
}

// TestRedirectPolicy checks each redirect rule on real redirects.
func TestRedirectPolicy(t *testing.T) {
	other := testsite.New(map[string]testsite.Resource{"/x": testsite.HTML("elsewhere")})
	defer other.Close()
	site := testsite.New(map[string]testsite.Resource{
		"/robots.txt": {ContentType: "text/plain", Body: []byte("User-agent: *\nDisallow: /private/\n")},
		"/page":       testsite.HTML("<title>target</title>"),
		"/private/p":  testsite.HTML("secret"),
	})
	defer site.Close()
	chain := func(n int) string { // /hop/n → /hop/n-1 → … → /page
		for i := 1; i <= n; i++ {
			to := fmt.Sprintf("/hop/%d", i-1)
			if i == 1 {
				to = "/page"
			}
			site.Set(fmt.Sprintf("/hop/%d", i), testsite.Resource{Status: http.StatusFound, Header: map[string]string{"Location": to}})
		}
		return fmt.Sprintf("/hop/%d", n)
	}
	redirect := func(path, to string) string {
		site.Set(path, testsite.Resource{Status: http.StatusFound, Header: map[string]string{"Location": to}})
		return path
	}
	_, port, _ := net.SplitHostPort(site.Listener.Addr().String())
	tests := []struct {
		name, path string
		wantKind   string // "" = fetched
	}{
		{"same site", redirect("/same", "/page"), ""},
		{"localhost spelling of the same site", redirect("/alias", "http://127.0.0.1:"+port+"/page"), ""},
		{"off-site", redirect("/off", other.URL+"/x"), "redirect_refused"},
		{"into a robots-disallowed path", redirect("/to-private", "/private/p"), "redirect_refused"},
		{"to an unsupported scheme", redirect("/ftp", "ftp://127.0.0.1/x"), "fetch_failed"},
		{"five hops", chain(5), ""},
		{"six hops", chain(6), "fetch_failed"},
	}
	e := New(Config{AllowPrivateNetworks: true, MaxRetries: -1})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := e.Run(context.Background(), Request{StartURL: site.URL + tt.path, Prompt: "minutes", SinglePage: true}, nil)
			var fe *FatalError
			switch {
			case tt.wantKind == "" && err != nil:
				t.Errorf("Run = %v, want success", err)
			case tt.wantKind != "" && (!errors.As(err, &fe) || fe.Kind != tt.wantKind):
				t.Errorf("Run = %v, want FatalError %s", err, tt.wantKind)
			}
		})
	}
	if n := site.Count(http.MethodGet, "/private/p"); n != 0 {
		t.Errorf("the disallowed target was fetched %d times", n)
	}
	if n := len(other.Requests()); n != 0 {
		t.Errorf("the off-site target received %d requests", n)
	}

	// A blocked address: without the private-network allowance, a redirect from a
	// let-through server to another loopback address is refused at dial time.
	redirAddr := site.Listener.Addr().String()
	guarded := New(Config{exemptDial: func(a string) bool { return a == redirAddr }, MaxRetries: -1})
	site.Set("/robots.txt", testsite.Resource{Status: http.StatusNotFound})
	err := guarded.Run(context.Background(), Request{StartURL: site.URL + redirect("/to-other", other.URL+"/x"), Prompt: "minutes", SinglePage: true}, nil)
	var fe *FatalError
	if !errors.As(err, &fe) || fe.Kind != "blocked_address" {
		t.Errorf("redirect to another loopback server without the allowance = %v, want blocked_address", err)
	}
}

func TestSameSite(t *testing.T) {
	mk := func(s string) *url.URL { u, _ := url.Parse(s); return u }
	r := &run{start: mk("http://example.com/")}
	for s, want := range map[string]bool{
		"https://example.com/a":      true,  // upgrade
		"https://www.example.com/a":  true,  // upgrade to www
		"http://WWW.EXAMPLE.COM:80/": true,  // default port spelled out
		"https://example.com:443/":   true,  // default https port spelled out
		"http://example.com:8080/":   false, // another port is another server
		"https://example.org/":       false,
		"http://sub.example.com/":    false,
		"http://example.com.evil/":   false,
	} {
		if got := r.sameSite(mk(s)); got != want {
			t.Errorf("sameSite(%s) from http://example.com/ = %v, want %v", s, got, want)
		}
	}
}

// TestProgressMovesAndNeverGoesBack: with slow pages, the pages counter moves
// while a level is still being fetched, and Percent never decreases.
func TestProgressMovesAndNeverGoesBack(t *testing.T) {
	res := map[string]testsite.Resource{}
	var links strings.Builder
	for i := range 8 {
		fmt.Fprintf(&links, `<a href="/p%d">Minutes page %d</a>`, i, i)
		res[fmt.Sprintf("/p%d", i)] = testsite.Resource{ContentType: "text/html", Delay: 150 * time.Millisecond,
			Body: []byte(fmt.Sprintf(`<a href="/p%d/a.pdf">Council minutes %d</a><a href="/p%d/more">More</a>`, i, i, i))}
		res[fmt.Sprintf("/p%d/more", i)] = testsite.HTML(`<p>nothing</p>`)
		res[fmt.Sprintf("/p%d/a.pdf", i)] = testsite.PDFFile("Council Minutes", "MINUTES OF THE CITY COUNCIL")
	}
	res["/"] = testsite.HTML(links.String())
	site := testsite.New(res)
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true, PerHostConcurrency: 1, ReportEvery: 20 * time.Millisecond})
	var (
		percents   []int
		midLevel   atomic.Bool
		lastPages  int
		lastReport Progress
	)
	err := e.Run(context.Background(), Request{StartURL: site.URL + "/", Prompt: "council minutes"}, func(_ context.Context, p Progress) error {
		percents = append(percents, p.Percent)
		if p.Stage == StageNavigator && p.PagesCrawled > 1 && p.PagesCrawled < 9 && p.PagesCrawled != lastPages {
			midLevel.Store(true) // a count between the start page and the end of level 1
		}
		lastPages = p.PagesCrawled
		lastReport = p
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(percents) {
		t.Errorf("Percent went back: %v", percents)
	}
	if !midLevel.Load() {
		t.Error("the pages counter did not move while the first level was fetched")
	}
	if lastReport.DocumentsInspected != lastReport.DocumentsFound || lastReport.DocumentsFound != 8 {
		t.Errorf("inspected %d of %d, want 8 of 8", lastReport.DocumentsInspected, lastReport.DocumentsFound)
	}
}

// TestRealWebsiteAllAtOnce is the acceptance case in one run: the start URL
// is http:// and redirects to https://www., robots.txt comes through that redirect,
// and the site rate-limits with 429 and Retry-After — the job completes with every
// relevant document and nothing robots.txt disallows.
func TestRealWebsiteAllAtOnce(t *testing.T) {
	site := testsite.NewTLS(minutesSite("User-agent: *\nDisallow: /private/\n"))
	defer site.Close()
	f := &flaky{seen: map[string]int{}, retryAfter: "1", next: site.Handler(), codes: map[string][]int{
		"/":                             {429},
		"/meetings/":                    {429, 503},
		"/files/minutes-2025-02-11.pdf": {429},
	}}
	site.Config.Handler = f
	up := upgrader("www.site.test")
	defer up.Close()
	e := New(named(t, up, site.Server, "site.test", "www.site.test"))
	docs, _, warnings, err := collect(t, e, Request{StartURL: "http://site.test/", Prompt: "Find all council meeting minutes from 2025", ConfidenceThreshold: 0.4})
	if err != nil {
		t.Fatalf("Run = %v", err)
	}
	want := []string{"/files/minutes-2025-01-14.pdf", "/files/minutes-2025-02-11.pdf"}
	if got := paths(docs); !slices.Equal(got, want) {
		t.Errorf("documents = %v, want %v", got, want)
	}
	if n := site.Count(http.MethodGet, "/private/minutes-2025-03-11.pdf"); n != 0 {
		t.Errorf("a disallowed document was fetched %d times", n)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "retried") {
		t.Errorf("warnings = %q", warnings)
	}
}
