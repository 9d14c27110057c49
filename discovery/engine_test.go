package discovery

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skop-dev/skop/internal/testsite"
)

func newSite() *testsite.Site {
	return testsite.New(map[string]testsite.Resource{
		"/": testsite.HTML(`<html><head><title>City of Testville</title></head><body>
			<a href="/meetings/">Meetings</a> <a href="mailto:clerk@testville.example">Mail</a>
			<a href="https://elsewhere.invalid/x.pdf">Elsewhere</a> <a href="#top">Top</a>
			<a href="/files/minutes-2025-01-14.pdf">Council minutes January 14, 2025</a></body></html>`),
		"/meetings/": testsite.HTML(`<html><head><base href="/files/"></head><body><h2>Council minutes 2025</h2>
			<a href="minutes-2025-02-11.pdf">February 11, 2025</a>
			<a href="/files/minutes-2025-01-14.pdf#page=2">January 14, 2025 (again)</a>
			<a href="/download.php?id=17">Download</a>
			<h2>Budget</h2><a href="budget-2023.pdf">Budget 2023</a></body></html>`),
		"/files/minutes-2025-01-14.pdf": testsite.PDFFile("Council Minutes 2025-01-14", "Minutes"),
		"/files/minutes-2025-02-11.pdf": testsite.PDFFile("Council Minutes 2025-02-11", "Minutes"),
		"/files/budget-2023.pdf":        testsite.PDFFile("Budget 2023", "Budget"),
		"/download.php?id=17":           {ContentType: "application/pdf", Body: testsite.PDF("Minutes March 2025", "x", 0)},
	})
}

// collect runs the engine and gathers what it reports.
func collect(t *testing.T, e *Engine, req Request) ([]Document, Progress, error) {
	t.Helper()
	var (
		docs []Document
		last Progress
	)
	err := e.Run(context.Background(), req, func(_ context.Context, p Progress) error {
		docs = append(docs, p.NewDocuments...)
		last = p
		return nil
	})
	return docs, last, err
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
	docs, last, err := collect(t, e, Request{StartURL: site.URL + "/", Prompt: "Find all council meeting minutes from 2025", ConfidenceThreshold: 0.4})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/download.php?id=17", "/files/minutes-2025-01-14.pdf", "/files/minutes-2025-02-11.pdf"}
	if got := paths(docs); !slices.Equal(got, want) {
		t.Errorf("documents = %v, want %v", got, want)
	}
	if last.PagesCrawled != 3 { // "/", "/meetings/", and the extension-less link that turned out to be a PDF
		t.Errorf("pages crawled = %d, want 3", last.PagesCrawled)
	}
	if last.DocumentsFound != 4 {
		t.Errorf("documents found = %d, want 4 (the duplicate link counts once)", last.DocumentsFound)
	}
	if last.Percent != 100 || !slices.Equal(last.StagesDone, []Stage{StageNavigator, StageScraper, StageCoordinator}) {
		t.Errorf("final progress = %d%% after %v", last.Percent, last.StagesDone)
	}
	for _, r := range site.Requests() {
		if strings.Contains(r.Path, "elsewhere") {
			t.Errorf("fetched an off-site URL: %s", r.Path)
		}
	}
	for _, d := range docs {
		if d.Name == "Download" || d.Name == "" {
			t.Errorf("document %s has a poor name %q", d.URL, d.Name)
		}
	}
}

func TestEngineSinglePage(t *testing.T) {
	site := newSite()
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true})
	docs, _, err := collect(t, e, Request{StartURL: site.URL + "/meetings/", Prompt: "council minutes 2025", SinglePage: true, ConfidenceThreshold: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/download.php?id=17", "/files/minutes-2025-01-14.pdf", "/files/minutes-2025-02-11.pdf"}
	if got := paths(docs); !slices.Equal(got, want) {
		t.Errorf("documents = %v, want %v", got, want)
	}
	for _, r := range site.Requests() {
		if r.Method == "GET" && r.Path != "/meetings/" {
			t.Errorf("single-page run fetched page %s", r.Path)
		}
	}
}

func TestEngineSizeLimit(t *testing.T) {
	big := testsite.Resource{ContentType: "application/pdf", Body: testsite.PDF("Minutes 2025", "x", 2<<20)}
	site := testsite.New(map[string]testsite.Resource{
		"/":          testsite.HTML(`<a href="/big.pdf">Minutes 2025 (big)</a><a href="/small.pdf">Minutes 2025</a>`),
		"/big.pdf":   big,
		"/small.pdf": testsite.PDFFile("Minutes 2025", "x"),
	})
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true})
	var warnings []string
	var docs []Document
	err := e.Run(context.Background(), Request{StartURL: site.URL + "/", Prompt: "minutes 2025", SinglePage: true, MaxFileSizeBytes: 1 << 20}, func(_ context.Context, p Progress) error {
		warnings = append(warnings, p.NewWarnings...)
		docs = append(docs, p.NewDocuments...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(docs); !slices.Equal(got, []string{"/small.pdf"}) {
		t.Errorf("documents = %v, want only /small.pdf", got)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "1 document exceeded max_file_size_mb") {
		t.Errorf("warnings = %q", warnings)
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
	err = e.Run(context.Background(), Request{StartURL: "ftp://example.com/", Prompt: "minutes"}, nil)
	if !errors.As(err, &fe) || fe.Kind != "invalid_url" {
		t.Fatalf("Run(ftp) = %v, want FatalError invalid_url", err)
	}
}

// TestEngineStopsAtOnce cancels the run's context while documents are being
// inspected and checks that no request starts afterwards.
func TestEngineStopsAtOnce(t *testing.T) {
	res := map[string]testsite.Resource{}
	var links strings.Builder
	for i := range 30 {
		p := "/doc" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + ".pdf"
		links.WriteString(`<a href="` + p + `">Minutes 2025</a>`)
		r := testsite.PDFFile("Minutes", "x")
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
	if late := site.RequestsAfter(cancelAt); len(late) > 0 {
		t.Errorf("%d requests started after the cancel: %v", len(late), late)
	}
	if n := len(site.Requests()); n >= 31 {
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
