package discovery

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// This file reads a site's sitemaps (sitemaps.org protocol): the files robots.txt
// names on Sitemap: lines, or /sitemap.xml when it names none. A sitemap lists
// pages the menus hide (an archive's last page, a meeting page no list links any
// more) and documents no page links at all; the crawl adds them to its frontier
// with a promise from their URL words and dates.

// Sitemap bounds: a hostile or huge sitemap costs at most this much.
const (
	maxSitemapFiles   = 10       // files read per run, indexes included
	maxSitemapEntries = 50_000   // URLs taken per run (the protocol's limit for one file)
	maxSitemapBytes   = 10 << 20 // bytes of one file after decompression
)

// sitemapEntry is one <url> of a sitemap.
type sitemapEntry struct {
	loc     *url.URL
	lastmod time.Time // zero when absent or unreadable
	from    *url.URL  // the sitemap that listed it
}

// readSitemaps returns the site's sitemap entries on the start page's site, in
// the order listed, following sitemap indexes; other hosts' sitemaps and entries
// are skipped (the crawl never leaves the site). Failures are quiet: a sitemap
// is a hint, and most sites have none.
func (r *run) readSitemaps(ctx context.Context) []sitemapEntry {
	var queue []*url.URL
	for _, s := range r.robots.sitemapsOf(r.start) {
		if u, err := r.start.Parse(s); err == nil {
			queue = append(queue, u)
		}
	}
	if len(queue) == 0 {
		u, _ := r.start.Parse("/sitemap.xml")
		queue = append(queue, u)
	}
	seen := map[string]bool{}
	var out []sitemapEntry
	for files := 0; len(queue) > 0 && files < maxSitemapFiles && len(out) < maxSitemapEntries; {
		u := queue[0]
		queue = queue[1:]
		if seen[canonical(u)] || !r.sameSite(u) || !r.robots.allowed(ctx, r, u) {
			continue
		}
		seen[canonical(u)] = true
		files++
		urls, children, err := r.readSitemap(ctx, u, maxSitemapEntries-len(out))
		if ctx.Err() != nil {
			return nil
		}
		if err != nil && !errors.Is(err, errNoSitemap) {
			r.warnOnce("sitemap:"+u.String(), fmt.Sprintf("the sitemap %s could not be read whole (%v); the URLs before the fault were used", u, err))
		}
		for _, e := range urls {
			if r.sameSite(e.loc) {
				out = append(out, e)
			}
		}
		queue = append(queue, children...)
	}
	if len(out) >= maxSitemapEntries {
		r.warnOnce("sitemap-size", fmt.Sprintf("the site's sitemaps list more than %d URLs; the first %d were used", maxSitemapEntries, maxSitemapEntries))
	}
	return out
}

var errNoSitemap = errors.New("no sitemap")

// readSitemap reads one sitemap file: a <urlset> gives entries, a
// <sitemapindex> gives further sitemaps. Relative <loc>s, which real sites
// publish though the protocol asks for absolute ones, are resolved against the
// file's own URL. A gzip file (by its magic bytes) is decompressed, within
// maxSitemapBytes.
func (r *run) readSitemap(ctx context.Context, u *url.URL, room int) ([]sitemapEntry, []*url.URL, error) {
	resp, err := r.fetch(ctx, http.MethodGet, u)
	if err != nil {
		return nil, nil, errNoSitemap
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return nil, nil, errNoSitemap
	}
	br := bufio.NewReader(io.LimitReader(resp.Body, maxSitemapBytes))
	var body io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, err
		}
		defer zr.Close()
		body = io.LimitReader(zr, maxSitemapBytes)
	}
	return parseSitemap(body, resp.Request.URL, room)
}

// parseSitemap reads sitemap XML from body, taking at most room entries.
func parseSitemap(body io.Reader, base *url.URL, room int) ([]sitemapEntry, []*url.URL, error) {
	dec := xml.NewDecoder(body)
	dec.Strict = false
	var (
		entries  []sitemapEntry
		children []*url.URL
		root     string
		in       string // the element whose text is being read: loc or lastmod
		loc, mod string
		text     strings.Builder
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if root == "" {
				return nil, nil, errNoSitemap // not XML at all (an HTML 200 for a missing file)
			}
			return entries, children, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			switch {
			case root == "":
				if name != "urlset" && name != "sitemapindex" {
					return nil, nil, errNoSitemap
				}
				root = name
			case name == "url" || name == "sitemap":
				loc, mod = "", ""
			case name == "loc" || name == "lastmod":
				in = name
				text.Reset()
			}
		case xml.CharData:
			if in != "" && text.Len() < 4096 {
				text.Write(t)
			}
		case xml.EndElement:
			name := strings.ToLower(t.Name.Local)
			switch {
			case name == in:
				if in == "loc" {
					loc = strings.TrimSpace(text.String())
				} else {
					mod = strings.TrimSpace(text.String())
				}
				in = ""
			case name == "url" && root == "urlset" && loc != "":
				if u, err := base.Parse(loc); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
					u.Fragment, u.RawFragment = "", ""
					entries = append(entries, sitemapEntry{loc: u, lastmod: parseLastmod(mod), from: base})
					if len(entries) >= room {
						return entries, children, nil
					}
				}
			case name == "sitemap" && root == "sitemapindex" && loc != "":
				if u, err := base.Parse(loc); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
					children = append(children, u)
				}
			}
		}
	}
	return entries, children, nil
}

// parseLastmod reads a W3C datetime: a date, or a date and time.
func parseLastmod(s string) time.Time {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
