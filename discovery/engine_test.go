package discovery

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skop-dev/skop/internal/testsite"
)

func newSite() *testsite.Site {
	return testsite.New(map[string]testsite.Resource{
		"/": testsite.HTML(`<html><head><title>City of Testville</title></head><body>
			<a href="/meetings/">Meetings</a> <a href="mailto:clerk@testville.example">Mail</a>
			<a href="tel:+15550100">Call</a> <a href="javascript:void(0)">Translate</a>
			<a href="https://elsewhere.invalid/x.pdf">Elsewhere</a> <a href="#top">Top</a>
			<a href="/files/minutes-2025-01-14.pdf">Council minutes January 14, 2025</a>
			<a href="/private/">Staff</a></body></html>`),
		"/robots.txt":                     {ContentType: "text/plain", Body: []byte("User-agent: SomeOtherBot\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\n")},
		"/private/":                       testsite.HTML(`<a href="/private/minutes-2025-draft.pdf">Council minutes 2025 (draft)</a>`),
		"/private/minutes-2025-draft.pdf": testsite.PDFFile("Council Minutes 2025", "MINUTES"),
		"/meetings/": testsite.HTML(`<html><head><base href="/files/"></head><body><h2>Council minutes 2025</h2>
			<table><tr><th>Date</th><th>Minutes</th></tr>
			<tr><td>February 11, 2025</td><td><a href="minutes-2025-02-11.pdf">PDF</a></td></tr>
			<tr><td>March 11, 2025</td><td><a href="/download.php?id=17">Download</a></td></tr>
			<tr><td>April 8, 2025</td><td><a href="minutes-2025-04-08.docx">Word</a></td></tr></table>
			<a href="/files/minutes-2025-01-14.pdf#page=2">January 14, 2025 (again)</a>
			<a href="/files/not-really.pdf">Council minutes May 2025</a>
			<h2>Budget</h2><a href="budget-2023.pdf">Budget 2023</a></body></html>`),
		"/files/minutes-2025-01-14.pdf":  testsite.PDFFile("Council Minutes 2025-01-14", "CITY OF TESTVILLE\nMINUTES OF THE CITY COUNCIL\nJanuary 14, 2025"),
		"/files/minutes-2025-02-11.pdf":  testsite.PDFFile("SCAN0001", "CITY OF TESTVILLE\nMINUTES OF THE CITY COUNCIL\nFebruary 11, 2025"),
		"/files/minutes-2025-04-08.docx": testsite.DOCXFile("Council Minutes April 8, 2025", "CITY OF TESTVILLE", "MINUTES OF THE CITY COUNCIL"),
		"/files/budget-2023.pdf":         testsite.PDFFile("Budget 2023", "ADOPTED BUDGET 2023"),
		"/files/not-really.pdf":          testsite.HTML(`<html><body>Oops, this is an error page</body></html>`),
		"/download.php?id=17": {ContentType: "application/octet-stream", Body: testsite.PDF("", "CITY OF TESTVILLE\nMINUTES OF THE CITY COUNCIL\nMarch 11, 2025", 0),
			Header: map[string]string{"Content-Disposition": `attachment; filename="CC-Minutes-2025-03-11.pdf"`}},
	})
}

// collect runs the engine and gathers what it reports.
func collect(t *testing.T, e *Engine, req Request) ([]Document, Progress, []string, error) {
	t.Helper()
	var (
		docs     []Document
		last     Progress
		warnings []string
	)
	err := e.Run(context.Background(), req, func(_ context.Context, p Progress) error {
		docs = append(docs, p.NewDocuments...)
		for _, u := range p.UpdatedDocuments {
			for i := range docs {
				if docs[i].URL == u.URL {
					docs[i] = u
				}
			}
		}
		warnings = append(warnings, p.NewWarnings...)
		last = p
		return nil
	})
	return docs, last, warnings, err
}

func paths(docs []Document) []string {
	var out []string
	for _, d := range docs {
		u, _ := url.Parse(d.URL)
		out = append(out, u.RequestURI())
	}
	slices.Sort(out)
	return out
}

func TestEngineCrawl(t *testing.T) {
	site := newSite()
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true})
	docs, last, warnings, err := collect(t, e, Request{StartURL: site.URL + "/", Prompt: "Find all council meeting minutes from 2025", ConfidenceThreshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/download.php?id=17", "/files/minutes-2025-01-14.pdf", "/files/minutes-2025-02-11.pdf", "/files/minutes-2025-04-08.docx"}
	if got := paths(docs); !slices.Equal(got, want) {
		t.Errorf("documents = %v, want %v", got, want)
	}
	if last.PagesCrawled != 2 {
		t.Errorf("pages crawled = %d, want 2", last.PagesCrawled)
	}
	// Candidates: the four minutes (the duplicate link counts once), the budget,
	// and the HTML page posing as a PDF.
	if last.DocumentsFound != 6 || last.DocumentsDownloaded != 5 {
		t.Errorf("found %d, downloaded %d; want 6 and 5", last.DocumentsFound, last.DocumentsDownloaded)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "did not contain the document type") {
		t.Errorf("warnings = %q", warnings)
	}
	if last.Percent != 100 || !slices.Equal(last.StagesDone, []Stage{StageNavigator, StageScraper, StageCoordinator}) {
		t.Errorf("final progress = %d%% after %v", last.Percent, last.StagesDone)
	}
	for _, r := range site.Requests() {
		if strings.HasPrefix(r.Path, "/private") || strings.Contains(r.Path, "elsewhere") {
			t.Errorf("fetched %s, which robots.txt or the site boundary forbids", r.Path)
		}
	}
	for _, d := range docs {
		if d.Name == "Download" || d.Name == "PDF" || d.Name == "Word" || d.Name == "" || strings.HasPrefix(d.Name, "SCAN") {
			t.Errorf("document %s has a poor name %q", d.URL, d.Name)
		}
		if d.SizeBytes <= 0 || d.Confidence < 0.5 || d.Confidence > 1 {
			t.Errorf("document %s: size %d, confidence %v", d.URL, d.SizeBytes, d.Confidence)
		}
	}
}

func TestEngineSinglePage(t *testing.T) {
	site := newSite()
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true})
	docs, _, _, err := collect(t, e, Request{StartURL: site.URL + "/meetings/", Prompt: "council minutes 2025", SinglePage: true, ConfidenceThreshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/download.php?id=17", "/files/minutes-2025-01-14.pdf", "/files/minutes-2025-02-11.pdf", "/files/minutes-2025-04-08.docx"}
	if got := paths(docs); !slices.Equal(got, want) {
		t.Errorf("documents = %v, want %v", got, want)
	}
	for _, r := range site.Requests() {
		if r.Method == "GET" && r.Path != "/meetings/" && r.Path != "/robots.txt" && docTypeFromName(r.Path) == "" && !strings.HasPrefix(r.Path, "/download.php") {
			t.Errorf("single-page run fetched page %s", r.Path)
		}
	}
}

func TestEngineDepthLimit(t *testing.T) {
	site := testsite.New(map[string]testsite.Resource{
		"/":      testsite.HTML(`<a href="/a">a</a>`),
		"/a":     testsite.HTML(`<a href="/b">b</a><a href="/a.pdf">Minutes 2025</a>`),
		"/b":     testsite.HTML(`<a href="/c">c</a><a href="/b.pdf">Minutes 2025</a>`),
		"/c":     testsite.HTML(`<a href="/c.pdf">Minutes 2025</a>`),
		"/a.pdf": testsite.PDFFile("Minutes 2025", "MINUTES"),
		"/b.pdf": testsite.PDFFile("Minutes 2025", "MINUTES"),
		"/c.pdf": testsite.PDFFile("Minutes 2025", "MINUTES"),
	})
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true, MaxDepth: 3})
	docs, _, warnings, err := collect(t, e, Request{StartURL: site.URL + "/", Prompt: "minutes 2025", ConfidenceThreshold: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	// The limit is said: /c was read, its links were not followed.
	if !slices.ContainsFunc(warnings, func(w string) bool {
		return strings.Contains(w, "stopped at depth 3") && strings.Contains(w, "max_depth")
	}) {
		t.Errorf("warnings = %q, want one naming the depth limit", warnings)
	}
	// start → /a → /b → /b.pdf is three links; /c.pdf is four.
	if got := paths(docs); !slices.Equal(got, []string{"/a.pdf", "/b.pdf"}) {
		t.Errorf("documents = %v, want /a.pdf and /b.pdf", got)
	}
	for _, r := range site.Requests() {
		if r.Path == "/c.pdf" {
			t.Error("fetched a document four links away")
		}
	}
}

func TestEngineRobotsDisallowsStart(t *testing.T) {
	site := testsite.New(map[string]testsite.Resource{
		"/robots.txt": {ContentType: "text/plain", Body: []byte("User-agent: *\nDisallow: /\n")},
		"/":           testsite.HTML(`<a href="/a.pdf">Minutes</a>`),
	})
	defer site.Close()
	err := New(Config{AllowPrivateNetworks: true}).Run(context.Background(), Request{StartURL: site.URL + "/", Prompt: "minutes"}, nil)
	var fe *FatalError
	if !errors.As(err, &fe) || fe.Kind != "robots_disallowed" {
		t.Fatalf("Run = %v, want robots_disallowed", err)
	}
	for _, r := range site.Requests() {
		if r.Path != "/robots.txt" {
			t.Errorf("fetched %s", r.Path)
		}
	}
}

func TestEngineSizeLimit(t *testing.T) {
	big := testsite.Resource{ContentType: "application/pdf", Body: testsite.PDF("Minutes 2025", "MINUTES", 2<<20)}
	chunked := big
	chunked.NoLength = true
	site := testsite.New(map[string]testsite.Resource{
		"/":            testsite.HTML(`<a href="/big.pdf">Minutes 2025 (big)</a><a href="/chunked.pdf">Minutes 2025 (chunked)</a><a href="/small.pdf">Minutes 2025</a>`),
		"/big.pdf":     big,
		"/chunked.pdf": chunked,
		"/small.pdf":   testsite.PDFFile("Minutes 2025", "MINUTES"),
	})
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true})
	docs, last, warnings, err := collect(t, e, Request{StartURL: site.URL + "/", Prompt: "minutes 2025", SinglePage: true, MaxFileSizeBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(docs); !slices.Equal(got, []string{"/small.pdf"}) {
		t.Errorf("documents = %v, want only /small.pdf", got)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "2 documents exceeded max_file_size_mb (1 MiB)") {
		t.Errorf("warnings = %q", warnings)
	}
	if last.DocumentsDownloaded != 1 {
		t.Errorf("downloaded = %d, want 1", last.DocumentsDownloaded)
	}
}

func TestEngineStartPageFailure(t *testing.T) {
	site := testsite.New(map[string]testsite.Resource{})
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true})
	err := e.Run(context.Background(), Request{StartURL: site.URL + "/missing", Prompt: "minutes"}, nil)
	var fe *FatalError
	if !errors.As(err, &fe) || fe.Kind != "http_error" {
		t.Fatalf("Run = %v, want FatalError http_error", err)
	}
	for _, start := range []string{"ftp://example.com/", "javascript:alert(1)", "/relative", ""} {
		if err := e.Run(context.Background(), Request{StartURL: start, Prompt: "minutes"}, nil); !errors.As(err, &fe) || fe.Kind != "invalid_url" {
			t.Errorf("Run(%q) = %v, want FatalError invalid_url", start, err)
		}
	}
}

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTP://WWW.Example.com:80/a/b.pdf#x", "//example.com/a/b.pdf"},
		{"https://example.com:443", "//example.com/"},
		{"http://example.com/", "//example.com/"}, // http and https of one page are one page
		{"http://example.com:8080/x?id=1&f=pdf", "//example.com:8080/x?id=1&f=pdf"},
		{"https://example.com:80/x", "//example.com:80/x"},
		{"http://user:pw@example.com/x", "//example.com/x"},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.in)
		if got := canonical(u); got != tt.want {
			t.Errorf("canonical(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestExtractLinks(t *testing.T) {
	page, _ := url.Parse("http://example.com/dir/page.html")
	body := []byte(`<html><head><title>Reports</title><base href="/files/"></head><body>
		<h1>Reports</h1><p>All current reports.</p>
		<h2>2024</h2>
		<details><summary>Quarterly</summary>
		<div class="row"><span>Q4 · October–December 2024</span> <a href="q4.pdf">Report</a> <a href="q4-slides.pdf">Presentation</a></div></details>
		<table><caption>Council – 2025</caption><thead><tr><th>Date</th><th>Agenda</th><th>Minutes</th></tr></thead>
		<tr><td>Jan. 14, 2025</td><td><a href="/a/1" title="Agenda - January 14, 2025">PDF</a></td><td><a href="/m/1?x=1&amp;y=2">View</a></td></tr></table>
		<a href="#top">top</a><a href="">empty</a></body></html>`)
	links := extractLinks(body, page, 1)
	if len(links) != 4 {
		t.Fatalf("got %d links, want 4", len(links))
	}
	q4 := links[0]
	if q4.url.String() != "http://example.com/files/q4.pdf" || q4.row != "Q4 · October–December 2024 Report" || q4.caption != "Quarterly" ||
		!slices.Equal(q4.headings, []string{"Reports", "2024"}) || q4.pageTitle != "Reports" || q4.pageNote != "Reports All current reports." {
		t.Errorf("q4 link = %+v", q4)
	}
	agenda, minutes := links[2], links[3]
	if agenda.column != "Agenda" || agenda.title != "Agenda - January 14, 2025" || agenda.caption != "Council – 2025" || agenda.row != "Jan. 14, 2025 PDF" {
		t.Errorf("agenda link = %+v", agenda)
	}
	if minutes.column != "Minutes" || minutes.url.RequestURI() != "/m/1?x=1&y=2" {
		t.Errorf("minutes link = %+v", minutes)
	}
}

// TestEngineStopsAtOnce cancels the run's context while documents are being
// read and checks that no request starts afterwards.
func TestEngineStopsAtOnce(t *testing.T) {
	res := map[string]testsite.Resource{}
	var links strings.Builder
	for i := range 30 {
		p := "/doc" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + ".pdf"
		links.WriteString(`<a href="` + p + `">Minutes 2025</a>`)
		r := testsite.PDFFile("Minutes 2025", "MINUTES")
		r.Delay = 20 * time.Millisecond
		res[p] = r
	}
	res["/"] = testsite.HTML(links.String())
	site := testsite.New(res)
	defer site.Close()

	ctx, cancel := context.WithCancel(context.Background())
	var (
		mu       sync.Mutex
		cancelAt time.Time
		kept     int
	)
	e := New(Config{AllowPrivateNetworks: true})
	err := e.Run(ctx, Request{StartURL: site.URL + "/", Prompt: "minutes 2025", SinglePage: true}, func(_ context.Context, p Progress) error {
		kept += len(p.NewDocuments)
		if kept >= 3 {
			mu.Lock()
			if cancelAt.IsZero() {
				cancelAt = time.Now()
				cancel()
			}
			mu.Unlock()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	// A request already on the wire when the cancel came may reach the site a
	// moment later; none may start after that.
	if late := site.RequestsAfter(cancelAt.Add(50 * time.Millisecond)); len(late) > 0 {
		t.Errorf("%d requests started after the cancel: %v", len(late), late)
	}
	if n := len(site.Requests()); n >= 32 {
		t.Errorf("the run made all %d requests despite the cancel", n)
	}
}

func TestObserverErrorStopsRun(t *testing.T) {
	site := newSite()
	defer site.Close()
	stop := errors.New("stop")
	e := New(Config{AllowPrivateNetworks: true})
	calls := 0
	err := e.Run(context.Background(), Request{StartURL: site.URL + "/", Prompt: "minutes"}, func(context.Context, Progress) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Run = %v after %d calls, want the observer's error after 1", err, calls)
	}
}

func TestPerHostConcurrency(t *testing.T) {
	res := map[string]testsite.Resource{}
	var links strings.Builder
	for i := range 12 {
		p := "/d" + string(rune('a'+i)) + ".pdf"
		links.WriteString(`<a href="` + p + `">Minutes</a>`)
		r := testsite.PDFFile("Minutes", "MINUTES")
		r.Delay = 30 * time.Millisecond
		res[p] = r
	}
	res["/"] = testsite.HTML(links.String())
	site := testsite.New(res)
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true, PerHostConcurrency: 2})
	if _, _, _, err := collect(t, e, Request{StartURL: site.URL + "/", Prompt: "minutes", SinglePage: true}); err != nil {
		t.Fatal(err)
	}
	if peak := site.PeakConcurrency(); peak > 2 || peak < 1 {
		t.Errorf("peak concurrent requests = %d, want at most 2", peak)
	}
}

func TestRedirectsStayOnSiteAndWithinRobots(t *testing.T) {
	other := testsite.New(map[string]testsite.Resource{"/x.pdf": testsite.PDFFile("Minutes 2025", "MINUTES")})
	defer other.Close()
	site := testsite.New(map[string]testsite.Resource{
		"/robots.txt":    {ContentType: "text/plain", Body: []byte("User-agent: *\nDisallow: /private/\n")},
		"/":              testsite.HTML(`<a href="/away">Minutes 2025</a><a href="/inside">Minutes 2025</a><a href="/ok">Minutes 2025</a>`),
		"/away":          {Status: http.StatusFound, Header: map[string]string{"Location": other.URL + "/x.pdf"}},
		"/inside":        {Status: http.StatusFound, Header: map[string]string{"Location": "/private/m.pdf"}},
		"/ok":            {Status: http.StatusFound, Header: map[string]string{"Location": "/files/m.pdf"}},
		"/private/m.pdf": testsite.PDFFile("Minutes 2025", "MINUTES"),
		"/files/m.pdf":   testsite.PDFFile("Minutes 2025", "MINUTES"),
	})
	defer site.Close()
	docs, _, _, err := collect(t, New(Config{AllowPrivateNetworks: true}), Request{StartURL: site.URL + "/", Prompt: "minutes 2025", ConfidenceThreshold: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(docs); !slices.Equal(got, []string{"/ok"}) {
		t.Errorf("documents = %v, want only /ok (redirecting within the site)", got)
	}
	if n := len(other.Requests()); n != 0 {
		t.Errorf("the other site received %d requests", n)
	}
	for _, r := range site.Requests() {
		if strings.HasPrefix(r.Path, "/private/") {
			t.Errorf("followed a redirect into a disallowed path: %s", r.Path)
		}
	}
}

func TestEmbeddedAndRefreshLinks(t *testing.T) {
	site := testsite.New(map[string]testsite.Resource{
		"/":          testsite.HTML(`<html><head><meta http-equiv="refresh" content="0; url='/docs/'"></head><body>Moved</body></html>`),
		"/docs/":     testsite.HTML(`<h1>Council minutes 2025</h1><iframe src="/v/jan.pdf" title="January minutes"></iframe><object data="/v/feb.pdf"></object><embed src="/v/mar.pdf">`),
		"/v/jan.pdf": testsite.PDFFile("Council Minutes January 2025", "MINUTES OF THE CITY COUNCIL\nJanuary 14, 2025"),
		"/v/feb.pdf": testsite.PDFFile("Council Minutes February 2025", "MINUTES OF THE CITY COUNCIL\nFebruary 11, 2025"),
		"/v/mar.pdf": testsite.PDFFile("Council Minutes March 2025", "MINUTES OF THE CITY COUNCIL\nMarch 11, 2025"),
	})
	defer site.Close()
	docs, _, _, err := collect(t, New(Config{AllowPrivateNetworks: true}), Request{StartURL: site.URL + "/", Prompt: "council minutes 2025", ConfidenceThreshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(docs); !slices.Equal(got, []string{"/v/feb.pdf", "/v/jan.pdf", "/v/mar.pdf"}) {
		t.Errorf("documents = %v", got)
	}
}

// TestAbandonedParsers: a parser that spins is given up on after extractTimeout;
// the run goes on, says so in a warning, and counts it process-wide; the parsers
// running at once are bounded process-wide.
func TestAbandonedParsers(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	var running, peak atomic.Int32
	parseText = func(data []byte, kind string) (content, error) {
		n := running.Add(1)
		defer running.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		<-release // spins until the test ends
		return content{}, nil
	}
	defer func() { parseText = extract }()
	saved := extractTimeout
	extractTimeout = 50 * time.Millisecond
	defer func() { extractTimeout = saved }()

	site := testsite.New(map[string]testsite.Resource{
		"/":      testsite.HTML(`<a href="/a.pdf">Council minutes 2025</a> <a href="/b.pdf">Council minutes 2025 again</a>`),
		"/a.pdf": testsite.PDFFile("A", "MINUTES"),
		"/b.pdf": testsite.PDFFile("B", "MINUTES"),
	})
	defer site.Close()
	before := AbandonedParsers.Load()
	docs, _, warnings, err := collect(t, New(Config{AllowPrivateNetworks: true}), Request{StartURL: site.URL + "/", Prompt: "council minutes 2025", SinglePage: true, ConfidenceThreshold: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Errorf("documents = %v: judged on their links, both should be kept", paths(docs))
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "2 documents could not be read") {
		t.Errorf("warnings = %q", warnings)
	}
	if n := AbandonedParsers.Load() - before; n != 2 {
		t.Errorf("abandoned parsers counted %d, want 2", n)
	}
	if p := peak.Load(); int(p) > cap(extractSlots) {
		t.Errorf("%d parsers ran at once, over the process-wide bound %d", p, cap(extractSlots))
	}
}
