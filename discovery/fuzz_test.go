package discovery

import (
	"net/url"
	"testing"
	"time"

	"github.com/skop-dev/skop/internal/testsite"
)

// The fuzz targets run their seeds with every `go test`; `go test -fuzz=FuzzX`
// explores further. Each checks that hostile input never panics or breaks an
// invariant.

func FuzzParsePrompt(f *testing.F) {
	for _, s := range []string{"Find all City Council meeting minutes from 2025.", "FY2023-24 (fiscal year runs July 1 to June 30)",
		"not the agenda packets or the minutes", "Q4 2024 and Q1 2025", "between 2020 and 2022", "(((", "fiscal year 9999-00", "'s's's"} {
		f.Add(s)
	}
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, prompt string) {
		in := ParsePrompt(prompt, now)
		for _, p := range in.Periods {
			if !p.To.After(p.From) {
				t.Fatalf("%q: empty period %v", prompt, p)
			}
		}
		if in.Head >= len(in.Core) {
			t.Fatalf("%q: head %d of %d terms", prompt, in.Head, len(in.Core))
		}
	})
}

func FuzzHostAddr(f *testing.F) {
	for _, s := range []string{"127.0.0.1", "0x7f.1", "2130706433", "[::1]", "example.com", "0177.0.0.01", "1.2.3.4.5", "0x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, host string) {
		if a, ok := HostAddr(host); ok && !a.IsValid() {
			t.Fatalf("%q: invalid address reported as parsed", host)
		}
		_ = refusedHost(host)
	})
}

func FuzzExtract(f *testing.F) {
	f.Add(testsite.PDF("Minutes", "MINUTES\nJanuary 14, 2025", 0), "pdf")
	f.Add(testsite.DOCX("Minutes", "MINUTES"), "docx")
	f.Add([]byte("%PDF-1.4\n1 0 obj <<>> endobj trailer <<>>"), "pdf")
	f.Add([]byte("PK\x03\x04garbage"), "docx")
	f.Add([]byte("a,b,c\n1,2,3\n"), "csv")
	f.Fuzz(func(t *testing.T, data []byte, kind string) {
		_ = sniff(data, kind)
		c, _ := extract(data, kind) // must not panic
		if len(c.lines) > maxContentLines {
			t.Fatalf("%d lines", len(c.lines))
		}
	})
}

func FuzzExtractLinks(f *testing.F) {
	f.Add(`<base href="/x/"><table><tr><th>A</th></tr><tr><td><a href="a.pdf">PDF</a></td></tr></table>`)
	f.Add(`<details><summary>2024</summary><div><a href="../../q.pdf">Report</a></div></details>`)
	f.Add(`<a href="javascript:alert(1)">x</a><a href="%zz">bad</a><meta http-equiv=refresh content="0;url=/y">`)
	page, _ := url.Parse("http://example.com/dir/page.html")
	f.Fuzz(func(t *testing.T, body string) {
		for _, l := range extractLinks([]byte(body), page, 1) {
			if l.url == nil || l.url.Fragment != "" {
				t.Fatalf("link %+v", l)
			}
		}
	})
}
