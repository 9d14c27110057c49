package discovery

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/skop-dev/skop/internal/testsite"
)

func TestParseSitemap(t *testing.T) {
	base, _ := url.Parse("https://example.gov/sitemaps/pages.xml")
	entries, children, err := parseSitemap(strings.NewReader(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://example.gov/boards/</loc><lastmod>2025-03-01</lastmod></url>
  <url><loc>/boards/planning/2025/</loc><lastmod>2025-11-02T10:00:00+00:00</lastmod></url>
  <url><loc> minutes/2024.pdf </loc></url>
  <url><loc>javascript:alert(1)</loc></url>
  <url><lastmod>2025-01-01</lastmod></url>
</urlset>`), base, 100)
	if err != nil || len(children) != 0 {
		t.Fatalf("err = %v, children = %v", err, children)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.loc.String()+" "+e.lastmod.Format("2006-01-02"))
	}
	want := []string{
		"https://example.gov/boards/ 2025-03-01",
		"https://example.gov/boards/planning/2025/ 2025-11-02",
		"https://example.gov/sitemaps/minutes/2024.pdf 0001-01-01", // relative to the sitemap's own URL
	}
	if !slices.Equal(got, want) {
		t.Errorf("entries = %q, want %q", got, want)
	}

	_, children, err = parseSitemap(strings.NewReader(`<sitemapindex><sitemap><loc>/a.xml</loc></sitemap><sitemap><loc>b.xml.gz</loc></sitemap></sitemapindex>`), base, 100)
	if err != nil || len(children) != 2 || children[0].String() != "https://example.gov/a.xml" || children[1].String() != "https://example.gov/sitemaps/b.xml.gz" {
		t.Errorf("index children = %v, %v", children, err)
	}

	// Bounds: room caps the entries; an HTML answer is no sitemap.
	var big strings.Builder
	big.WriteString("<urlset>")
	for i := range 50 {
		fmt.Fprintf(&big, "<url><loc>/p%d/</loc></url>", i)
	}
	big.WriteString("</urlset>")
	if entries, _, _ := parseSitemap(strings.NewReader(big.String()), base, 7); len(entries) != 7 {
		t.Errorf("room 7 gave %d entries", len(entries))
	}
	if _, _, err := parseSitemap(strings.NewReader("<!doctype html><html><body>Not found</body></html>"), base, 10); err != errNoSitemap {
		t.Errorf("an HTML page read as a sitemap: %v", err)
	}
}

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return b.Bytes()
}

// TestSitemapFindsUnlinkedPages serves a site whose menus do not reach last
// year's meeting page and whose robots.txt names a gzip sitemap index with
// relative locations; the page, its minutes, and a PDF listed only in the
// sitemap are found, and a sitemap on another host is never asked for.
func TestSitemapFindsUnlinkedPages(t *testing.T) {
	other := testsite.New(map[string]testsite.Resource{
		"/sitemap.xml": {ContentType: "application/xml", Body: []byte(`<urlset><url><loc>/x/</loc></url></urlset>`)},
	})
	defer other.Close()
	site := testsite.New(map[string]testsite.Resource{
		"/robots.txt":           {ContentType: "text/plain", Body: []byte("User-agent: *\nDisallow: /private/\nSitemap: /sitemap_index.xml.gz\nSitemap: " + other.URL + "/sitemap.xml\n")},
		"/sitemap_index.xml.gz": {ContentType: "application/gzip", Body: gz(`<sitemapindex><sitemap><loc>/maps/pages.xml</loc></sitemap></sitemapindex>`)},
		"/maps/pages.xml": {ContentType: "application/xml", Body: []byte(`<urlset>
<url><loc>/</loc></url>
<url><loc>/boards/planning/2024/march/</loc></url>
<url><loc>../files/pc-minutes-2024-06.pdf</loc></url>
<url><loc>/private/secret/</loc></url>
</urlset>`)},
		"/":                             testsite.HTML(`<h1>Town of Orrin</h1><a href="/about/">About</a>`),
		"/about/":                       testsite.HTML(`<p>About the town.</p>`),
		"/boards/planning/2024/march/":  testsite.HTML(`<h1>Planning Board meeting, March 12, 2024</h1><p>Minutes: <a href="/files/pc-minutes-2024-03.pdf">Download</a></p>`),
		"/files/pc-minutes-2024-03.pdf": testsite.PDFFile("Planning Board Minutes March 12, 2024", "PLANNING BOARD\nMinutes of the meeting of March 12, 2024"),
		"/files/pc-minutes-2024-06.pdf": testsite.PDFFile("Planning Board Minutes June 11, 2024", "PLANNING BOARD\nMinutes of the meeting of June 11, 2024"),
		"/private/secret/":              testsite.HTML(`<a href="/files/secret.pdf">Planning Board minutes 2024</a>`),
	})
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true})
	docs, _, _, err := collect(t, e, Request{StartURL: site.URL + "/", Prompt: "Planning Board minutes 2024", ConfidenceThreshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := paths(docs), []string{"/files/pc-minutes-2024-03.pdf", "/files/pc-minutes-2024-06.pdf"}; !slices.Equal(got, want) {
		t.Errorf("documents = %v, want %v", got, want)
	}
	if n := len(other.Requests()); n != 0 {
		t.Errorf("another host's sitemap was asked for (%d requests)", n)
	}
	if n := site.Count("GET", "/private/secret/"); n != 0 {
		t.Errorf("a sitemap entry robots.txt disallows was fetched %d times", n)
	}
}

// TestNoSitemapIsQuiet: a site without one answers 404 for /sitemap.xml, and
// nothing is said.
func TestNoSitemapIsQuiet(t *testing.T) {
	site := testsite.New(map[string]testsite.Resource{
		"/":      testsite.HTML(`<a href="/m.pdf">Minutes 2025</a>`),
		"/m.pdf": testsite.PDFFile("Minutes 2025", "MINUTES 2025"),
	})
	defer site.Close()
	_, _, warnings, err := collect(t, New(Config{AllowPrivateNetworks: true}), Request{StartURL: site.URL + "/", Prompt: "minutes 2025", ConfidenceThreshold: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if site.Count("GET", "/sitemap.xml") != 1 {
		t.Errorf("/sitemap.xml asked %d times, want once", site.Count("GET", "/sitemap.xml"))
	}
	if len(warnings) != 0 {
		t.Errorf("warnings = %q, want none", warnings)
	}
}
