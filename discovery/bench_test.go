package discovery

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/skop-dev/skop/internal/testsite"
)

// benchPage is a meetings page of 200 table rows, three links each.
func benchPage() []byte {
	var b strings.Builder
	b.WriteString(`<html><head><title>Meetings</title></head><body><h1>Council meetings</h1><table><caption>City Council</caption><thead><tr><th>Date</th><th>Agenda</th><th>Packet</th><th>Minutes</th></tr></thead><tbody>`)
	for i := range 200 {
		fmt.Fprintf(&b, `<tr><td>March %d, 2025</td><td><a href="/a/%d.pdf" title="Agenda">PDF</a></td><td><a href="/p/%d.pdf">Packet</a></td><td><a href="/m/%d">View</a></td></tr>`, i%28+1, i, i, i)
	}
	b.WriteString(`</tbody></table></body></html>`)
	return []byte(b.String())
}

// BenchmarkParseHTML is the baseline for BenchmarkExtractLinks: parsing alone.
func BenchmarkParseHTML(b *testing.B) {
	body := benchPage()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := html.Parse(bytes.NewReader(body)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtractLinks parses the page and gathers the evidence of its 600 links.
func BenchmarkExtractLinks(b *testing.B) {
	body := benchPage()
	page, _ := url.Parse("http://example.com/meetings/")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if n := len(extractLinks(body, page, 1)); n != 600 {
			b.Fatalf("%d links", n)
		}
	}
}

// BenchmarkScore scores one document's evidence against a parsed prompt.
func BenchmarkScore(b *testing.B) {
	in := ParsePrompt("Find all City Council meeting minutes from 2025 - regular and special meetings", time.Now())
	u, _ := url.Parse("http://example.com/m/17")
	c, _ := extract(testsite.PDF("scan", "CITY OF RIVERTON\nMINUTES OF THE REGULAR MEETING OF THE CITY COUNCIL\nMarch 11, 2025", 0), "pdf")
	e := newEvidence(link{url: u, anchor: "View", column: "Minutes", row: "March 11, 2025 View", caption: "City Council", headings: []string{"Council meetings"}}, "", c)
	sc := newScorer(in, []*evidence{e}, nil)
	for b.Loop() {
		if s, _ := sc.score(e); s < 0.7 { // a calibrated probability: a full match is 0.85
			b.Fatalf("score %.2f", s)
		}
	}
}

// BenchmarkExtractPDF reads a PDF's title and first page.
func BenchmarkExtractPDF(b *testing.B) {
	data := testsite.PDF("Council Minutes", strings.Repeat("MINUTES OF THE CITY COUNCIL\n", 40), 0)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if c, err := extract(data, "pdf"); err != nil || c.title == "" {
			b.Fatal(err)
		}
	}
}
