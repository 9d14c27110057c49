package discovery

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// link is an <a href> found on a page with the text around it.
type link struct {
	url       *url.URL
	anchor    string // the link's own text
	title     string // its title attribute
	heading   string // the nearest heading before it
	pageTitle string
}

// primary is what the link itself says: its text, title and URL.
func (l *link) primary() string {
	return strings.Join([]string{l.anchor, l.title, l.url.Path, l.url.RawQuery}, " ")
}

// context is what surrounds the link: the heading above it and the page title.
func (l *link) context() string {
	return l.heading + " " + l.pageTitle
}

// genericAnchor marks link texts that say nothing of the document.
func genericAnchor(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return true
	}
	switch s {
	case "download", "download pdf", "pdf", "view", "view pdf", "here", "click here", "link", "open", "read more", "more", "file", "document", "docx", "doc":
		return true
	}
	return false
}

// name is the best human-readable title known for the linked document.
func (l *link) name(u *url.URL) string {
	switch {
	case !genericAnchor(l.anchor):
		return l.anchor
	case l.title != "":
		return l.title
	case l.heading != "":
		return l.heading
	}
	if base := path.Base(u.Path); base != "" && base != "/" && base != "." {
		return base
	}
	return u.String()
}

// extractLinks parses an HTML page and returns its links resolved against the page
// URL, or against <base href> when the page has one. Fragments are dropped.
func extractLinks(body []byte, pageURL *url.URL) []link {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return nil
	}
	base := pageURL
	var pageTitle, heading string
	var links []link
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Base:
				if href := attr(n, "href"); href != "" {
					if b, err := pageURL.Parse(strings.TrimSpace(href)); err == nil {
						base = b
					}
				}
			case atom.Title:
				if pageTitle == "" {
					pageTitle = textOf(n)
				}
				return
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				heading = textOf(n)
			case atom.A:
				href := strings.TrimSpace(attr(n, "href"))
				if href != "" && !strings.HasPrefix(href, "#") {
					if u, err := base.Parse(href); err == nil {
						u.Fragment = ""
						u.RawFragment = ""
						links = append(links, link{url: u, anchor: textOf(n), title: strings.TrimSpace(attr(n, "title")), heading: heading, pageTitle: pageTitle})
					}
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return links
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf is the visible text under n with white space folded.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}
