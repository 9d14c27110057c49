package discovery

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/skop-dev/skop/internal/testsite"
)

// slowSite has the minutes on the first page reached and a long tail of slow
// pages after them: a crawl that judges documents only at its end reports
// nothing for seconds.
func slowSite() map[string]testsite.Resource {
	res := map[string]testsite.Resource{
		"/":              testsite.HTML(`<a href="/minutes/">Council minutes 2025</a><a href="/archive/">Archive</a>`),
		"/minutes/":      testsite.HTML(`<a href="/m/2025-01.pdf">Council minutes January 14, 2025</a><a href="/m/2025-02.pdf">Council minutes February 11, 2025</a>`),
		"/m/2025-01.pdf": testsite.PDFFile("Council minutes January 14, 2025", "CITY COUNCIL\nMinutes of the regular meeting\nJanuary 14, 2025"),
		"/m/2025-02.pdf": testsite.PDFFile("Council minutes February 11, 2025", "CITY COUNCIL\nMinutes of the regular meeting\nFebruary 11, 2025"),
	}
	var archive strings.Builder
	for i := range 40 {
		fmt.Fprintf(&archive, `<a href="/archive/p%d/">Page %d</a>`, i, i)
		r := testsite.HTML(`<p>nothing here</p>`)
		r.Delay = 150 * time.Millisecond
		res[fmt.Sprintf("/archive/p%d/", i)] = r
	}
	res["/archive/"] = testsite.HTML(archive.String())
	return res
}

func TestResultsDuringTheCrawl(t *testing.T) {
	site := testsite.New(slowSite())
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true, ReportEvery: 20 * time.Millisecond})
	var firstDuringCrawl, pagesAtFirst int
	total := 0
	err := e.Run(context.Background(), Request{StartURL: site.URL + "/", Prompt: "council minutes 2025", ConfidenceThreshold: 0.5}, func(_ context.Context, p Progress) error {
		if len(p.NewDocuments) > 0 && p.Stage == StageNavigator && firstDuringCrawl == 0 {
			firstDuringCrawl, pagesAtFirst = len(p.NewDocuments), p.PagesCrawled
		}
		total += len(p.NewDocuments)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if firstDuringCrawl == 0 || pagesAtFirst >= 40 {
		t.Errorf("no document reported while the crawl went on (first at %d pages)", pagesAtFirst)
	}
	if total != 2 {
		t.Errorf("%d documents kept in all, want 2 (none twice)", total)
	}
}

func TestCancelDuringTheCrawlKeepsWhatWasJudged(t *testing.T) {
	site := testsite.New(slowSite())
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true, ReportEvery: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var kept int
	err := e.Run(ctx, Request{StartURL: site.URL + "/", Prompt: "council minutes 2025", ConfidenceThreshold: 0.5}, func(_ context.Context, p Progress) error {
		kept += len(p.NewDocuments)
		if kept == 2 {
			cancel() // the user cancels once both are in
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want the cancel (the crawl was not over)", err)
	}
	if kept != 2 {
		t.Errorf("kept %d documents before the cancel, want 2", kept)
	}
}

// TestEarlyKeepingWaitsForPartialTopics: a document that matches part of the
// topic is judged only once the crawl is over.
func TestEarlyKeepingWaitsForPartialTopics(t *testing.T) {
	site := testsite.New(slowSite())
	defer site.Close()
	e := New(Config{AllowPrivateNetworks: true, ReportEvery: 20 * time.Millisecond})
	during := 0
	err := e.Run(context.Background(), Request{StartURL: site.URL + "/", Prompt: "council minutes about the harbour 2025", ConfidenceThreshold: 0.01}, func(_ context.Context, p Progress) error {
		if p.Stage == StageNavigator {
			during += len(p.NewDocuments)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if during != 0 {
		t.Errorf("%d documents with half the topic kept before the crawl ended", during)
	}
}
