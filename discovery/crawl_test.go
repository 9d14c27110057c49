package discovery

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/skop-dev/skop/internal/testsite"
)

// deepSite is a municipal site in the shape the best-first frontier is for: a
// mega-menu of 60 service pages on every page, and the Planning Board's minutes
// six links down (home → Government → Boards → Planning Board → 2025 → meeting
// page → a "Download" link), beside other boards and years.
func deepSite() (map[string]testsite.Resource, []string) {
	var menu strings.Builder
	menu.WriteString(`<nav><a href="/government/">Government</a>`)
	for i := range 60 {
		fmt.Fprintf(&menu, `<a href="/services/s%d/">Service %d</a>`, i, i)
	}
	menu.WriteString(`</nav>`)
	page := func(body string) testsite.Resource { return testsite.HTML(menu.String() + body) }
	res := map[string]testsite.Resource{
		"/":                   page(`<h1>City of Arden</h1>`),
		"/government/":        page(`<a href="/government/boards/">Boards and Commissions</a>`),
		"/government/boards/": page(`<a href="/boards/planning/">Planning Board</a><a href="/boards/arts/">Arts Council</a><a href="/boards/zoning/">Zoning Board of Appeals</a>`),
	}
	for i := range 60 {
		res[fmt.Sprintf("/services/s%d/", i)] = page(fmt.Sprintf(`<p>Service %d</p>`, i))
	}
	var want []string
	for _, b := range []struct{ slug, name string }{{"planning", "Planning Board"}, {"arts", "Arts Council"}, {"zoning", "Zoning Board of Appeals"}} {
		var years strings.Builder
		for _, y := range []int{2023, 2024, 2025} {
			fmt.Fprintf(&years, `<a href="/boards/%s/%d/">%d</a>`, b.slug, y, y)
			var items strings.Builder
			for m := 1; m <= 12; m += 3 {
				d := time.Date(y, time.Month(m), 10, 0, 0, 0, 0, time.UTC)
				item := fmt.Sprintf("/boards/%s/%d/%02d/", b.slug, y, m)
				fmt.Fprintf(&items, `<a href="%s">%s Meeting – %s</a>`, item, b.name, d.Format("January 2, 2006"))
				doc := fmt.Sprintf("/files/%s-%s.pdf", b.slug, d.Format("20060102"))
				res[item] = page(fmt.Sprintf(`<h1>%s Meeting – %s</h1><ul><li>Minutes <a href="%s">Download</a></li></ul>`, b.name, d.Format("January 2, 2006"), doc))
				res[doc] = testsite.PDFFile("", "") // a scan: the page around the link is all there is
				if b.slug == "planning" && y == 2025 {
					want = append(want, doc)
				}
			}
			res[fmt.Sprintf("/boards/%s/%d/", b.slug, y)] = page(`<h1>` + b.name + ` meetings ` + fmt.Sprint(y) + `</h1>` + items.String())
		}
		res["/boards/"+b.slug+"/"] = page(`<h1>` + b.name + `</h1><h2>Agendas and minutes</h2>` + years.String())
	}
	slices.Sort(want)
	return res, want
}

func TestBestFirstReachesDeepDocuments(t *testing.T) {
	res, want := deepSite()
	site := testsite.New(res)
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true})
	docs, _, warnings, err := collect(t, e, Request{StartURL: site.URL + "/", Prompt: "Planning Board minutes from 2025", ConfidenceThreshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(docs); !slices.Equal(got, want) {
		t.Errorf("documents = %v, want %v", got, want)
	}
	// The way to them was taken before the menu: the last of the four meeting
	// pages was asked for before half the service pages were.
	var order []string
	for _, r := range site.Requests() {
		if r.Method == "GET" && !strings.HasSuffix(r.Path, ".pdf") && r.Path != "/robots.txt" {
			order = append(order, r.Path)
		}
	}
	last := slices.Index(order, "/boards/planning/2025/10/")
	services := 0
	for _, p := range order[:max(last, 0)] {
		if strings.HasPrefix(p, "/services/") {
			services++
		}
	}
	if last < 0 || services > 30 {
		t.Errorf("the last 2025 meeting page came %d-th, after %d service pages: %v", last, services, order)
	}
	// Past the first 50 pages nothing else is promising: the crawl stops short
	// of the site's 103 pages, and says nothing of limits it did not hit.
	if len(order) >= 100 {
		t.Errorf("fetched %d pages of 103; want an early stop", len(order))
	}
	for _, w := range warnings {
		if strings.Contains(w, "stopped at") {
			t.Errorf("unexpected limit warning %q", w)
		}
	}
}

func TestCrawlIsReproducible(t *testing.T) {
	res, _ := deepSite()
	site := testsite.New(res)
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true})
	var runs [][]string
	for range 3 {
		before := len(site.Requests())
		if _, _, _, err := collect(t, e, Request{StartURL: site.URL + "/", Prompt: "arts council minutes 2024", ConfidenceThreshold: 0.5}); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range site.Requests()[before:] {
			got = append(got, r.Method+" "+r.Path)
		}
		slices.Sort(got)
		runs = append(runs, got)
	}
	for i := 1; i < len(runs); i++ {
		if !slices.Equal(runs[i], runs[0]) {
			t.Errorf("run %d fetched %d requests, run 0 %d: the frontier must grow the same way whatever order answers arrive in", i, len(runs[i]), len(runs[0]))
		}
	}
}

func TestPageBudgetIsReported(t *testing.T) {
	res, _ := deepSite()
	site := testsite.New(res)
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true, MaxPages: 10})
	_, last, warnings, err := collect(t, e, Request{StartURL: site.URL + "/", Prompt: "Planning Board minutes from 2025", ConfidenceThreshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if last.PagesCrawled != 10 {
		t.Errorf("pages crawled = %d, want the budget of 10", last.PagesCrawled)
	}
	if !slices.ContainsFunc(warnings, func(w string) bool {
		return strings.HasPrefix(w, "stopped at 10 pages; ") && strings.Contains(w, "links not followed") && strings.Contains(w, "promising") && strings.Contains(w, "max_pages")
	}) {
		t.Errorf("warnings = %q, want one naming the page budget and the links left", warnings)
	}
}

func TestPagerLink(t *testing.T) {
	for _, tc := range []struct {
		anchor, href string
		want         bool
	}{
		{"Next ›", "/news/page-2/", true},
		{"2", "/meetings/?page=2", true},
		{"Older news", "/news/older/", true},
		{"»", "/list?start=20", true},
		{"", "/minutes/page/3/", true},
		{"View all", "/minutes/all/", true},
		{"2025", "/minutes/2025/", false},
		{"Planning Board", "/boards/planning/", false},
		{"Minutes", "/minutes/", false},
	} {
		u, _ := url.Parse("https://example.gov" + tc.href)
		if got := pagerLink(&link{url: u, anchor: tc.anchor}); got != tc.want {
			t.Errorf("pagerLink(%q, %q) = %v, want %v", tc.anchor, tc.href, got, tc.want)
		}
	}
}

// TestNavScoreOrder checks the frontier's judgment of links against one
// prompt: the way to the records first, other bodies' and other years' last.
func TestNavScoreOrder(t *testing.T) {
	r := &run{intent: ParsePrompt("Planning Board minutes from 2025", time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC))}
	score := func(anchor, href string) float64 {
		u, _ := url.Parse("https://example.gov" + href)
		return r.navScore(&link{url: u, anchor: anchor}, 0)
	}
	order := []struct{ anchor, href string }{
		{"Planning Board Meeting – March 4, 2025", "/boards/planning/2025/03/"},
		{"Planning Board", "/boards/planning/"},
		{"Agendas & Minutes", "/agendas-minutes/"},
		{"Boards and Commissions", "/government/boards/"},
		{"Pay a Utility Bill", "/services/pay-a-bill/"},
		{"Zoning Board of Appeals", "/boards/zba/"},
	}
	for i := 1; i < len(order); i++ {
		a, b := score(order[i-1].anchor, order[i-1].href), score(order[i].anchor, order[i].href)
		if a <= b {
			t.Errorf("navScore(%q) = %.2f, not above navScore(%q) = %.2f", order[i-1].anchor, a, order[i].anchor, b)
		}
	}
	if a, b := score("Planning Board Meeting – March 4, 2023", "/boards/planning/2023/03/"), score("Planning Board", "/boards/planning/"); a >= b-2 {
		t.Errorf("another year's meeting page scores %.2f, not well below its board's page (%.2f)", a, b)
	}
}

func TestCrawlControls(t *testing.T) {
	res := map[string]testsite.Resource{
		"/":                     testsite.HTML(`<a href="/boards/">Boards</a><a href="/news/">News</a><a href="/boards/old/">Archive</a>`),
		"/boards/":              testsite.HTML(`<a href="/boards/planning/">Planning Board</a>`),
		"/boards/planning/":     testsite.HTML(`<a href="/files/pb-2025-01.pdf">Planning Board minutes January 2025</a>`),
		"/boards/old/":          testsite.HTML(`<a href="/files/pb-2025-02.pdf">Planning Board minutes February 2025</a>`),
		"/news/":                testsite.HTML(`<a href="/files/pb-2025-03.pdf">Planning Board minutes March 2025</a>`),
		"/files/pb-2025-01.pdf": testsite.PDFFile("Planning Board minutes January 2025", "PLANNING BOARD\nMinutes, January 14, 2025"),
		"/files/pb-2025-02.pdf": testsite.PDFFile("Planning Board minutes February 2025", "PLANNING BOARD\nMinutes, February 11, 2025"),
		"/files/pb-2025-03.pdf": testsite.PDFFile("Planning Board minutes March 2025", "PLANNING BOARD\nMinutes, March 11, 2025"),
	}
	site := testsite.New(res)
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true})
	run := func(req Request) []string {
		t.Helper()
		req.StartURL, req.Prompt, req.ConfidenceThreshold = site.URL+"/", "Planning Board minutes 2025", 0.5
		docs, _, _, err := collect(t, e, req)
		if err != nil {
			t.Fatal(err)
		}
		return paths(docs)
	}
	// Only /boards/ and below, less the archive: the documents the crawled
	// pages link count wherever they live (/files/).
	if got, want := run(Request{IncludePaths: []string{"/boards/**"}, ExcludePaths: []string{"/boards/old/"}}), []string{"/files/pb-2025-01.pdf"}; !slices.Equal(got, want) {
		t.Errorf("include /boards/**, exclude /boards/old/: %v, want %v", got, want)
	}
	for _, p := range []string{"/news/", "/boards/old/"} {
		if n := site.Count("GET", p); n != 0 {
			t.Errorf("%s fetched %d times outside the job's paths", p, n)
		}
	}
	// The request's depth replaces the engine's: depth 1 reads the start
	// page's links, not theirs.
	if got := run(Request{MaxDepth: 1}); slices.Contains(got, "/files/pb-2025-01.pdf") {
		t.Errorf("max_depth 1 reached a document three links down: %v", got)
	}
	// A bad pattern is a fatal error naming it, for callers that skip the API's check.
	err := e.Run(context.Background(), Request{StartURL: site.URL + "/", Prompt: "minutes 2025", IncludePaths: []string{"boards"}}, nil)
	var fe *FatalError
	if !errors.As(err, &fe) || fe.Kind != "invalid_parameters" || !strings.Contains(fe.Message, "include_paths") {
		t.Errorf("bad pattern: %v", err)
	}
}

func TestPathPattern(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"/boards/**", "/boards/", true},
		{"/boards/**", "/boards/planning/2025/", true},
		{"/boards/**", "/boards", true},
		{"/boards/**", "/news/boards/", false},
		{"/**/minutes/*", "/a/b/minutes/2025.html", true},
		{"/news/*", "/news/item-1/", true}, // a trailing slash is ignored
		{"/news/*/", "/news/item-1", true},
		{"/news/*", "/news/item-1/photos/", false},
		{"/news/", "/news", true},
		{"/item-?.html", "/item-7.html", true},
		{"/[a-c]*/", "/boards/", true},
		{"/", "/", true},
		{"/", "/a/", false},
	} {
		p, err := CompilePathPattern(tc.pattern)
		if err != nil {
			t.Fatalf("%q: %v", tc.pattern, err)
		}
		if got := p.Match(tc.path); got != tc.want {
			t.Errorf("%q matches %q = %v, want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
	for _, bad := range []string{"boards/**", "/a//b", "/a**/", "/[ab/", "/a#b"} {
		if _, err := CompilePathPattern(bad); err == nil {
			t.Errorf("%q compiled", bad)
		}
	}
}

func TestAllowSubdomains(t *testing.T) {
	site := testsite.New(map[string]testsite.Resource{
		"/":                  testsite.HTML(`<a href="http://minutes.arden.test/board/">Board minutes</a>`),
		"/board/":            testsite.HTML(`<a href="/board/2025-01.pdf">Board minutes January 2025</a>`),
		"/board/2025-01.pdf": testsite.PDFFile("Board minutes January 2025", "BOARD OF DIRECTORS\nMinutes, January 14, 2025"),
	})
	defer site.Close()
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	for _, allow := range []bool{false, true} {
		e := New(named(t, srv, nil, "arden.test", "minutes.arden.test"))
		docs, _, _, err := collect(t, e, Request{StartURL: "http://arden.test/", Prompt: "board minutes 2025", ConfidenceThreshold: 0.5, AllowSubdomains: allow})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(docs); (got == 1) != allow {
			t.Errorf("allow_subdomains %v: %d documents", allow, got)
		}
	}
}
