package discovery

import (
	"slices"
	"time"
)

// This file orders the crawl: how much a link to a page promises documents
// that match the prompt. The question differs from scoring a document. A
// document that names only part of the topic ("Boards & Commissions" for the
// Planning Board's minutes) is probably someone else's; a page that names part
// of it is probably the way there. So a page link is scored by how much of the
// prompt's words it carries, not by the fitted document model.

// Navigation weights, in the same units as depthCost and pagerCost.
const (
	navTopic   = 2.0  // all of the prompt's topic words on the link
	navBody    = 2.0  // the meeting body asked for, by its name
	navKind    = 1.5  // a kind asked for ("Agendas & Minutes")
	navPeriod  = 1.5  // a date or year inside the period asked for
	navOff     = -2.5 // dates, all outside it: another year's archive
	navHub     = 0.5  // a word sites use for the way to records ("Meetings", "Boards")
	navContext = 0.5  // a word in the row or heading around the link, not on it
	// navOther is a link that names another body by name and none of the
	// topic: the Planning Board's pages when the Airport Board's are asked for.
	navOther = -2.0
	// navInherit is the share of a page's own promise its links inherit: the
	// trail that led to a page vouches for what it lists ("Download" on the
	// Planning Board's meeting page), decaying with each step.
	navInherit = 0.5
)

// hubWords are words public sites use for the pages that lead to records: not
// the prompt's topic, but the way to any meeting's or office's documents. They
// come from the sections every municipal and agency site template has (general
// vocabulary of site structure, not any corpus's pages).
var hubWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"government", "meetings", "boards", "commissions", "committees", "councils", "documents",
		"document center", "agenda center", "publications", "archive", "archives", "records", "library", "resources",
		"reports", "notices", "public notices", "transparency", "departments", "offices", "agendas", "minutes", "calendar"} {
		for _, t := range tokens(w) {
			m[t] = true
		}
	}
	return m
}()

// navScore is how much the link l promises pages or documents the intent asks
// for, from its own words (text, title, URL path) and, at a discount, the row and
// heading it sits in. from is the promise of the page it is on; the trail and
// depth are the crawl's to add.
func (r *run) navScore(l *link, from float64) float64 {
	ownWords := splitWords(l.anchor + " " + l.title + " " + l.url.Path)
	own := stemAll(ownWords)
	var near []string
	near = append(near, tokens(l.row)...)
	if len(l.headings) > 0 {
		near = append(near, tokens(l.headings[len(l.headings)-1])...)
	}
	in := r.intent
	s := 0.0

	// The topic: the share of the prompt's topic groups the link carries.
	if len(in.Core) > 0 {
		hit := 0.0
		for _, g := range in.Core {
			switch {
			case slices.ContainsFunc(g.Alts, func(a []string) bool { return has(own, a) }):
				hit++
			case slices.ContainsFunc(g.Alts, func(a []string) bool { return has(near, a) }):
				hit += navContext
			}
		}
		s += navTopic * hit / float64(len(in.Core))
	}

	topicHit := s > 0
	// Bodies from the link's words; its path's words name bodies too, but
	// their neighbours there ("/government/boards/") do not qualify them.
	textWords := splitWords(l.anchor + " " + l.title)
	found := append(bodiesOf(textWords, stemAll(textWords)), bodyTable.find(stemAll(splitWords(l.url.Path)))...)
	other := slices.ContainsFunc(found, func(m match) bool {
		return !genericBodies[m.value] && !slices.ContainsFunc(in.Bodies, func(b string) bool {
			return bodyMatches(m.value, b) || bodyMatches(b, m.value) || bodyHead(m.value) == b
		})
	})
	if other && !topicHit && (len(in.Bodies) > 0 || len(in.Core) > 0) {
		s += navOther
	}

	// The body: named (by any of its names), or some of its words ("Boards",
	// "Planning and Development" for the Planning Board).
	if len(in.Bodies) > 0 {
		best := 0.0
		for _, b := range in.Bodies {
			// Named, not just its head: "Commissions" is the way to the
			// Planning Commission, not the commission itself.
			if slices.ContainsFunc(found, func(m match) bool { return m.value == b || bodyHead(m.value) != m.value && bodyMatches(m.value, b) }) {
				best = 1
				break
			}
			bt := tokens(b)
			n := 0.0
			for _, w := range bt {
				switch {
				case slices.Contains(own, w):
					n++
				case slices.Contains(near, w):
					n += navContext
				}
			}
			best = max(best, 0.6*n/float64(max(len(bt), 1)))
		}
		s += navBody * best
	}

	// The kind, on the link or, at a discount, beside it ("Minutes" in the row
	// of a "Download" link).
	kindOn := func(ws, toks []string) bool {
		return slices.ContainsFunc(kindsOf(ws, toks), func(m match) bool { return slices.Contains(in.Kinds, m.value) })
	}
	switch {
	case kindOn(ownWords, own):
		s += navKind
	case l.row != "" && kindOn(splitWords(l.row), tokens(l.row)):
		s += navKind * navContext
	}

	// The period: a link that names dates says which year's pages lie behind it.
	if len(in.Periods) > 0 {
		specific, years := findDates(l.anchor + " " + l.title + " " + l.url.Path)
		named := append(append([]Period(nil), specific...), years...)
		if len(named) > 0 {
			inside := slices.ContainsFunc(named, func(p Period) bool {
				return slices.ContainsFunc(in.Periods, func(w Period) bool { return overlap(w, p) > 0 })
			})
			if inside {
				// A year alone says nothing of what the page is about: it
				// counts beside a topic, body or kind on the link, or on a page
				// that promised them (the "2025" tab on the board's page).
				if s > 0 || from >= promisingScore {
					s += navPeriod
				}
			} else {
				s += navOff
			}
		}
	}

	if slices.ContainsFunc(own, func(w string) bool { return hubWords[w] }) {
		s += navHub
	}
	return s
}

// lastmodScore is what a sitemap's lastmod says: a page not changed since
// before the period asked for began cannot list its documents.
func (r *run) lastmodScore(t time.Time) float64 {
	if t.IsZero() || len(r.intent.Periods) == 0 {
		return 0
	}
	for _, p := range r.intent.Periods {
		if !t.Before(p.From) {
			return 0
		}
	}
	return navOff
}
