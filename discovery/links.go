package discovery

import (
	"bytes"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/skop-dev/skop/internal/text"
)

// link is an <a href> on a page with the evidence around it: what the link says,
// the row or list item it sits in, the table column it is under, the section and
// headings above it, and the page it is on.
type link struct {
	url       *url.URL
	anchor    string   // the link's own text, including image alt text
	title     string   // its title attribute
	row       string   // the enclosing row, list item or short block, without other links' text
	column    string   // the header of the table column the link is in
	caption   string   // table caption, <details> summary, or the label of a definition list
	headings  []string // the nearest headings above it, outermost first
	pageTitle string
	pageNote  string // the page's first heading and opening paragraph: "not current policy"
	source    string // the page URL
	depth     int    // links from the start page
	// trail is the text of the links followed from the start page to this page:
	// the site's own words for what lies below ("Ordinances" in a menu vouches for
	// "Chapter 12 – Zoning" on the page it leads to).
	trail []string
}

// genericAnchors are link texts that say nothing about the document.
var genericAnchors = map[string]bool{
	"download": true, "pdf": true, "view": true, "here": true, "click here": true, "link": true, "open": true,
	"read more": true, "more": true, "file": true, "document": true, "docx": true, "doc": true, "word": true,
	"view pdf": true, "download pdf": true, "pdf file": true, "packet": false, "report": true, "details": true,
	"full report": true, "full text": true, "print": true, "attachment": true, "xlsx": true, "csv": true, "txt": true,
}

func genericAnchor(s string) bool {
	s = strings.Join(splitWords(s), " ")
	if s == "" {
		return true
	}
	if genericAnchors[s] {
		return true
	}
	// "PDF, 1.4 MB", "Download (PDF, 230 KB)".
	ws := splitWords(s)
	for _, w := range ws {
		if !(genericAnchors[w] || isDigits(w) || w == "kb" || w == "mb" || w == "mib" || w == "kib" || w == "bytes") {
			return false
		}
	}
	return true
}

// extractLinks parses an HTML page and returns its links, resolved against the page
// URL or its <base href>, fragments removed.
func extractLinks(body []byte, pageURL *url.URL, depth int) []link {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return nil
	}
	p := &pageParse{base: pageURL, page: pageURL, depth: depth}
	p.scanHead(doc)
	p.walk(doc)
	return p.links
}

type pageParse struct {
	base, page *url.URL
	depth      int
	pageTitle  string
	pageNote   string
	headings   [6]string
	links      []link
}

// scanHead finds <base>, <title> and the page note before links are collected.
func (p *pageParse) scanHead(doc *html.Node) {
	var h1 *html.Node
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Base:
				if href := strings.TrimSpace(attr(n, "href")); href != "" && p.base == p.page {
					if b, err := p.page.Parse(href); err == nil {
						p.base = b
					}
				}
			case atom.Title:
				if p.pageTitle == "" {
					p.pageTitle = textOf(n)
				}
			case atom.H1:
				if h1 == nil {
					h1 = n
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		return false
	}
	walk(doc)
	if h1 != nil {
		note := textOf(h1)
		// The first paragraph after the heading often says what the page holds.
		for s := h1.NextSibling; s != nil; s = s.NextSibling {
			if s.Type == html.ElementNode {
				if s.DataAtom == atom.P {
					note += " " + textOf(s)
				}
				break
			}
		}
		p.pageNote = clipText(note, 400)
	}
}

func (p *pageParse) walk(n *html.Node) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template:
			return
		case atom.Head:
			// Only a refresh in <head> matters; titles were read by scanHead.
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.DataAtom == atom.Meta {
					p.walk(c)
				}
			}
			return
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			level := int(n.Data[1] - '1')
			p.headings[level] = clipText(textOf(n), 200)
			for i := level + 1; i < len(p.headings); i++ {
				p.headings[i] = ""
			}
		case atom.A, atom.Area:
			p.addLink(n, attr(n, "href"))
			return
		case atom.Iframe, atom.Embed, atom.Frame:
			// Documents shown inline: <iframe src="minutes.pdf">.
			p.addLink(n, attr(n, "src"))
			return
		case atom.Object:
			p.addLink(n, attr(n, "data"))
		case atom.Meta:
			// <meta http-equiv="refresh" content="0; url=/documents/">
			if strings.EqualFold(attr(n, "http-equiv"), "refresh") {
				if _, target, ok := strings.Cut(attr(n, "content"), "="); ok {
					p.addLink(n, strings.Trim(strings.TrimSpace(target), `'"`))
				}
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		p.walk(c)
	}
}

func (p *pageParse) addLink(a *html.Node, href string) {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return
	}
	u, err := p.base.Parse(href)
	if err != nil {
		return
	}
	u.Fragment, u.RawFragment = "", ""
	anchor := textOf(a)
	if anchor == "" {
		anchor = strings.TrimSpace(attr(a, "aria-label"))
	}
	l := link{
		url:       u,
		anchor:    clipText(anchor, 300),
		title:     clipText(strings.TrimSpace(attr(a, "title")), 300),
		pageTitle: p.pageTitle,
		pageNote:  p.pageNote,
		source:    p.page.String(),
		depth:     p.depth,
	}
	for _, h := range p.headings {
		if h != "" {
			l.headings = append(l.headings, h)
		}
	}
	l.row = rowText(a)
	l.column, l.caption = tableContext(a)
	if l.caption == "" {
		l.caption = sectionLabel(a)
	}
	p.links = append(p.links, l)
}

// rowText is the text of the nearest row-like ancestor of a (a table row, list
// item, definition, paragraph or short block), leaving out the text of other links
// in it, so a row with "Report · Presentation" links describes each link by its
// own words and the row's shared words.
func rowText(a *html.Node) string {
	for n := a.Parent; n != nil; n = n.Parent {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Tr, atom.Li, atom.Dd, atom.Dt, atom.P, atom.Div, atom.Article, atom.Figure, atom.Td, atom.Blockquote:
		case atom.Body, atom.Main, atom.Table, atom.Ul, atom.Ol, atom.Section, atom.Nav, atom.Header, atom.Footer:
			return ""
		default:
			continue
		}
		if n.DataAtom == atom.Td {
			continue // a cell is part of its row
		}
		t := textWithout(n, a)
		if len(t) > 400 {
			return ""
		}
		return t
	}
	return ""
}

// textWithout is the text under n without the text of links other than keep.
func textWithout(n, keep *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		if m.Type == html.TextNode {
			b.WriteString(m.Data)
			b.WriteByte(' ')
			return
		}
		if m.Type == html.ElementNode {
			switch m.DataAtom {
			case atom.Script, atom.Style:
				return
			case atom.A:
				if m != keep {
					return
				}
			case atom.Img:
				b.WriteString(attr(m, "alt"))
				b.WriteByte(' ')
			}
		}
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// tableContext returns the header of a's column and the caption of its table.
func tableContext(a *html.Node) (column, caption string) {
	var cell, row, table *html.Node
	for n := a.Parent; n != nil; n = n.Parent {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Td, atom.Th:
			if cell == nil {
				cell = n
			}
		case atom.Tr:
			if row == nil {
				row = n
			}
		case atom.Table:
			table = n
		}
		if table != nil {
			break
		}
	}
	if table == nil {
		return "", ""
	}
	for c := table.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Caption {
			caption = textOf(c)
		}
	}
	if cell == nil || row == nil {
		return "", caption
	}
	idx := cellIndex(row, cell)
	header := headerRow(table)
	if header == nil || header == row {
		return "", caption
	}
	col := 0
	for c := header.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || (c.DataAtom != atom.Th && c.DataAtom != atom.Td) {
			continue
		}
		span := colspan(c)
		if idx >= col && idx < col+span {
			return clipText(textOf(c), 100), caption
		}
		col += span
	}
	return "", caption
}

func cellIndex(row, cell *html.Node) int {
	col := 0
	for c := row.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || (c.DataAtom != atom.Th && c.DataAtom != atom.Td) {
			continue
		}
		if c == cell {
			return col
		}
		col += colspan(c)
	}
	return -1
}

func colspan(n *html.Node) int {
	if v, err := strconv.Atoi(attr(n, "colspan")); err == nil && v > 0 && v < 100 {
		return v
	}
	return 1
}

// headerRow is the table's first row made of <th> cells, in <thead> or not.
func headerRow(table *html.Node) *html.Node {
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Tr {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.DataAtom == atom.Th {
					found = n
					return
				}
			}
			return
		}
		if n != table && n.Type == html.ElementNode && n.DataAtom == atom.Table {
			return // a nested table has its own header
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(table)
	return found
}

// sectionLabel is the summary of an enclosing <details>, or the text just before an
// enclosing list (a label such as "2024:" or "<strong>Archive</strong>").
func sectionLabel(a *html.Node) string {
	for n := a.Parent; n != nil; n = n.Parent {
		if n.Type != html.ElementNode {
			continue
		}
		if n.DataAtom == atom.Details {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.DataAtom == atom.Summary {
					return clipText(textOf(c), 200)
				}
			}
		}
		if n.DataAtom == atom.Ul || n.DataAtom == atom.Ol || n.DataAtom == atom.Dl {
			for s := n.PrevSibling; s != nil; s = s.PrevSibling {
				if s.Type == html.ElementNode {
					switch s.DataAtom {
					case atom.P, atom.Strong, atom.B, atom.Span, atom.Div:
						if t := textOf(s); len(t) <= 120 {
							return t
						}
					}
					return ""
				}
			}
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf is the visible text under n, image alt text included, with white space
// folded.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			b.WriteByte(' ')
		case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style):
			return
		case n.Type == html.ElementNode && n.DataAtom == atom.Img:
			b.WriteString(attr(n, "alt"))
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func clipText(s string, n int) string { return text.Clip(s, n) }

// fileName is the last path segment of u, unescaped.
func fileName(u *url.URL) string {
	base := path.Base(u.Path)
	if base == "/" || base == "." {
		return ""
	}
	if s, err := url.PathUnescape(base); err == nil {
		return s
	}
	return base
}

// titleWords are the stemmed words of a page's <title>: on a start page, the site's
// own name ("City of Springfield", "Acme Optics Group").
func titleWords(body []byte) map[string]bool {
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) == "title" {
				if z.Next() == html.TextToken {
					out := map[string]bool{}
					for _, t := range tokens(string(z.Text())) {
						if !stopWords[t] {
							out[t] = true
						}
					}
					return out
				}
				return nil
			}
		}
	}
}

// fiscalHint finds pages that may state when the fiscal year runs, before any
// parsing is spent on them.
var fiscalHint = regexp.MustCompile(`(?i)(?:fiscal|financial|academic|school|budget)(?:\s|&nbsp;)+year`)

// visibleText is the text of an HTML page outside scripts and styles, for the
// statements a site makes about itself; empty when the page has no fiscal-year hint.
func visibleText(body []byte) string {
	if !fiscalHint.Match(body) {
		return ""
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	var b strings.Builder
	skip := 0
	for b.Len() < 1<<20 {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) == "script" || string(name) == "style" {
				skip++
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); (string(name) == "script" || string(name) == "style") && skip > 0 {
				skip--
			}
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}
