package discovery

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"sync"

	"github.com/temoto/robotstxt"
)

// robotsAgent is the product token matched against robots.txt groups; a site with
// no group for it is read through its `User-agent: *` group.
const robotsAgent = "SkopBot"

// robots caches each origin's robots.txt rules for one run.
type robots struct {
	mu     sync.Mutex
	groups map[string]*robotstxt.Group // origin → group; nil means allow all
}

func newRobots() *robots { return &robots{groups: map[string]*robotstxt.Group{}} }

// allowed reports whether u may be fetched. robots.txt is fetched once per origin;
// when it cannot be read (404, network error) everything is allowed, and when the
// server errors (5xx) nothing is, as the robots.txt standard (RFC 9309) asks.
func (rb *robots) allowed(ctx context.Context, r *run, u *url.URL) bool {
	origin := u.Scheme + "://" + u.Host
	rb.mu.Lock()
	g, ok := rb.groups[origin]
	rb.mu.Unlock()
	if !ok {
		g = rb.fetch(ctx, r, origin)
		rb.mu.Lock()
		rb.groups[origin] = g
		rb.mu.Unlock()
	}
	if g == nil {
		return true
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return g.Test(p)
}

func (rb *robots) fetch(ctx context.Context, r *run, origin string) *robotstxt.Group {
	u, err := url.Parse(origin + "/robots.txt")
	if err != nil {
		return nil
	}
	resp, err := r.do(ctx, http.MethodGet, u)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
	if err != nil {
		return nil
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		return nil
	}
	return data.FindGroup(robotsAgent)
}
