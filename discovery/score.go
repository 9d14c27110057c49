package discovery

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
)

// fieldName names one piece of evidence about a document.
type fieldName string

// The evidence fields: what the link and its surroundings say, and what the
// document says of itself.
const (
	fAnchorGeneric fieldName = "anchorGeneric"
	fAnchor        fieldName = "anchor"
	fTitle         fieldName = "title"
	fColumn        fieldName = "column"
	fRow           fieldName = "row"
	fDoctitle      fieldName = "doctitle"
	fDochead       fieldName = "dochead"
	fDocbody       fieldName = "docbody"
	fDisposition   fieldName = "disposition"
	fFilename      fieldName = "filename"
	fQuery         fieldName = "query"
	fCaption       fieldName = "caption"
	fHeadings      fieldName = "headings"
	fHeading       fieldName = "heading"
	fPagetitle     fieldName = "pagetitle"
	fPagenote      fieldName = "pagenote"
	fUrldir        fieldName = "urldir"
	fTrail         fieldName = "trail"
)

// field is one piece of evidence about a document, with how much it says: the
// link's own words and the document's own title say more than the page's headings.
type field struct {
	name   fieldName
	text   string
	toks   []string
	weight float64
}

const (
	strong = 1.0
	medium = 0.7
	weak   = 0.45
)

// evidence is everything known about one link to a document, and the document.
type evidence struct {
	link        link
	disposition string // Content-Disposition file name
	content     content
	fields      map[fieldName]field
}

var scanTitleRE = regexp.MustCompile(`^(scan|img|image|doc|document|untitled|microsoft word|report|file|print)[\s_-]*\d*\b`)

// meaningfulTitle reports whether a document's own title names it, rather than
// being a scanner default or a file name.
func meaningfulTitle(t string) bool {
	ws := splitWords(t)
	letters := 0
	for _, w := range ws {
		if !isDigits(w) {
			letters++
		}
	}
	if letters < 2 {
		return false
	}
	return !scanTitleRE.MatchString(strings.ToLower(strings.TrimSpace(t)))
}

func newEvidence(l link, disposition string, c content) *evidence {
	e := &evidence{link: l, disposition: disposition, content: c, fields: map[fieldName]field{}}
	add := func(name fieldName, text string, w float64) {
		if strings.TrimSpace(text) == "" {
			return
		}
		e.fields[name] = field{name: name, text: text, toks: tokens(text), weight: w}
	}
	if !genericAnchor(l.anchor) {
		add(fAnchor, l.anchor, strong)
	} else {
		add(fAnchorGeneric, l.anchor, weak)
	}
	add(fTitle, l.title, strong)
	add(fColumn, l.column, strong)
	add(fRow, l.row, 0.9)
	if meaningfulTitle(c.title) {
		add(fDoctitle, c.title, strong)
	}
	add(fDochead, c.head(), strong)
	add(fDocbody, c.body(), 0.35)
	add(fDisposition, disposition, 0.8)
	add(fFilename, fileName(l.url), medium)
	add(fQuery, l.url.RawQuery, 0.6)
	add(fCaption, l.caption, 0.5)
	add(fHeadings, strings.Join(l.headings, " \n "), weak)
	if len(l.headings) > 0 {
		add(fHeading, l.headings[len(l.headings)-1], weak) // the nearest one
	}
	add(fPagetitle, l.pageTitle, 0.35)
	add(fPagenote, l.pageNote, 0.4)
	add(fTrail, strings.Join(l.trail, " \n "), 0.35)
	add(fUrldir, strings.ReplaceAll(pathDir(l.url.Path), "/", " "), 0.3)
	return e
}

func pathDir(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// strongFields name the document itself: its link, title and opening lines.
var strongFields = []fieldName{fAnchor, fTitle, fColumn, fRow, fDoctitle, fDochead, fDisposition, fFilename}

// linkFields are the fields known before the document is read, used to weigh terms.
var linkFields = []fieldName{fAnchor, fTitle, fColumn, fRow, fFilename, fQuery, fCaption, fHeadings}

// initialFillers are words an acronym skips: "Admissions and Continued Occupancy
// Policy" is ACOP.
var initialFillers = map[string]bool{"and": true, "of": true, "for": true, "the": true, "on": true, "in": true, "to": true}

// initialsSpell reports whether a run of words in text has initials that spell
// acronym (lower case), skipping filler words inside the run.
func initialsSpell(text, acronym string) bool {
	ws := splitWords(text)
	for i := range ws {
		k, j := i, 0
		for k < len(ws) && j < len(acronym) {
			switch {
			case ws[k][0] == acronym[j]:
				j++
				k++
			case j > 0 && initialFillers[ws[k]]:
				k++
			default:
				k = len(ws) // the run breaks
			}
		}
		if j == len(acronym) {
			return true
		}
	}
	return false
}

// has reports whether the token sequence alt occurs in toks.
func has(toks, alt []string) bool {
	if len(alt) == 0 {
		return false
	}
	for i := 0; i+len(alt) <= len(toks); i++ {
		if slices.Equal(toks[i:i+len(alt)], alt) {
			return true
		}
	}
	return false
}

// groupMatch is the weight of the strongest field that carries any of g's phrases.
func (e *evidence) groupMatch(g Group, names []fieldName) float64 {
	best := 0.0
	for name, f := range e.fields {
		if names != nil && !slices.Contains(names, name) {
			continue
		}
		if f.weight <= best {
			continue
		}
		for _, alt := range g.Alts {
			if has(f.toks, alt) {
				best = f.weight
				break
			}
		}
		if g.Acronym != "" && slices.Contains(strongFields, name) && initialsSpell(f.text, g.Acronym) {
			best = f.weight
			continue
		}
		if w := f.weight * wordnetWeight; w > best {
			for _, alt := range g.Lexical {
				if has(f.toks, alt) {
					best = w
					break
				}
			}
		}
	}
	return best
}

// namesAny reports whether one of phrases occurs in the named fields.
func (e *evidence) namesAny(phrases [][]string, names []fieldName) bool {
	for _, name := range names {
		if f, ok := e.fields[name]; ok {
			for _, p := range phrases {
				if has(f.toks, p) {
					return true
				}
			}
		}
	}
	return false
}

// kindOrder is where a document's kind is read from, most telling first: a table
// column header ("Minutes") or the link's words beat the document's opening line,
// which beats its file name.
var kindOrder = []fieldName{fColumn, fAnchor, fTitle, fDoctitle, fDochead, fDisposition, fFilename, fQuery, fRow, fAnchorGeneric, fCaption, fHeading, fTrail}

// kinds returns the document kinds the evidence names.
func (e *evidence) kinds() []string {
	generic := false
	for _, name := range kindOrder {
		f, ok := e.fields[name]
		if !ok {
			continue
		}
		var found []string
		if name == fDochead {
			// The first line that names a kind names the document.
			for _, line := range strings.Split(f.text, " \n ") {
				for _, m := range kindsIn(line) {
					found = appendNew(found, m.value)
				}
				if len(found) > 0 {
					break
				}
			}
		} else {
			ms := attachmentsDropped(f.toks, kindsOf(splitWords(f.text), f.toks))
			if reportAbout(f.toks, ms) {
				// "Report on the examination of the local plan" is a report, whatever it is about.
				return []string{"report"}
			}
			for _, m := range ms {
				found = appendNew(found, m.value)
			}
		}
		specific := slices.DeleteFunc(slices.Clone(found), func(k string) bool { return k == "report" })
		if generic {
			// A stronger field already said "report" (its file name, its link):
			// a later, weaker one (a page heading "Plans and reports") may only
			// say which kind of report.
			specific = slices.DeleteFunc(specific, func(k string) bool { return !slices.Contains(genericKinds["report"], k) })
		}
		for _, w := range wrapperKinds {
			if len(specific) > 1 && slices.Contains(specific, w) {
				return []string{w}
			}
		}
		if len(specific) > 0 {
			return specific
		}
		if len(found) > 0 {
			generic = true
		}
	}
	// A report (or an unnamed document) that covers a quarter is a quarterly report.
	if e.isQuarterly() {
		return []string{"quarterly report"}
	}
	if generic {
		return []string{"report"}
	}
	return nil
}

// attachWords join what comes with a document to it: "Minutes with
// Schedules", "Agenda plus attachments", "Agenda including staff reports".
var attachWords = map[string]bool{"with": true, "plus": true, "includ": true, "including": true, "attach": true}

// attachmentsDropped drops the kinds named after an attaching word that follows
// another kind: English puts the head first, so "Minutes with Schedules" are
// minutes, whatever a schedule is.
func attachmentsDropped(toks []string, ms []match) []match {
	for i := 1; i < len(ms); i++ {
		prev := ms[i-1].end
		if gap := ms[i].start - prev; gap >= 1 && gap <= 3 && slices.ContainsFunc(toks[prev:ms[i].start], func(t string) bool { return attachWords[t] }) {
			return ms[:i]
		}
	}
	return ms
}

// aboutWords introduce what a report is about; "of" and "to" do not, as they
// also name who made it or for whom ("report of the auditor", "report to council").
var aboutWords = map[string]bool{"on": true, "into": true, "about": true, "regard": true, "concern": true}

// reportAbout reports whether the first kind named in toks is a plain report
// followed by what it is about ("inspector's report on the examination of the
// plan"): English puts the head of a noun phrase first, so a kind named later, or
// found in a weaker field such as the menu trail, is the report's subject.
func reportAbout(toks []string, ms []match) bool {
	if len(ms) == 0 || ms[0].value != "report" || ms[0].end >= len(toks) {
		return false
	}
	return aboutWords[toks[ms[0].end]]
}

// isQuarterly reports whether a report covers a quarter: "Q4", "fourth quarter", or
// a three-month span named next to it.
func (e *evidence) isQuarterly() bool {
	for _, name := range []fieldName{fAnchor, fTitle, fRow, fDoctitle, fDochead, fFilename} {
		f, ok := e.fields[name]
		if !ok {
			continue
		}
		for _, t := range f.toks {
			if t == "interim" || t == "quarter" || t == "quarterly" || (len(t) == 2 && t[0] == 'q' && t[1] >= '1' && t[1] <= '4') {
				return true
			}
		}
		specific, _ := findDates(f.text)
		for _, p := range specific {
			if d := p.To.Sub(p.From); d > 80*24*time.Hour && d < 100*24*time.Hour {
				return true
			}
		}
	}
	return false
}

// prefixWeight is what a clipped word ("stats" for "statistics") counts for.
const prefixWeight = 0.8

// prefixMatch is the weight of the strongest of the fields that has a word
// longer than w and starting with it.
func (e *evidence) prefixMatch(w string, names []fieldName) float64 {
	best := 0.0
	for _, name := range names {
		f, ok := e.fields[name]
		if !ok || f.weight <= best {
			continue
		}
		for _, t := range f.toks {
			if len(t) > len(w) && strings.HasPrefix(t, w) {
				best = f.weight
				break
			}
		}
	}
	return best
}

// governingBodies are the bodies that govern an organisation (its board by any
// name), as the body table files them: "the board" in a prompt is one of these.
var governingBodies = map[string]bool{"board": true, "county commission": true, "board of supervisors": true, "school board": true}

// tableBodies are the values of the body table: a body the table knows by
// name, not one made of a head and the words before it.
var tableBodies = func() map[string]bool {
	m := map[string]bool{}
	for _, v := range bodyPhrases {
		m[v] = true
	}
	return m
}()

// genericMatch reports whether a document's body b is what a prompt's bare
// head want ("board", "committee") names. "The board" is the governing board
// whatever it is called (the Board of Commissioners, the DDA Board), not the
// Zoning Board of Appeals; "the committee" and "the commission" are any.
func genericMatch(b, want string) bool {
	if want == "board" {
		return governingBodies[b] || (!tableBodies[b] && bodyHead(b) == "board")
	}
	return bodyHead(b) == want
}

// genericBodies are bodies a prompt may name by their head word alone.
var genericBodies = map[string]bool{"board": true, "commission": true, "committee": true}

var bodyOrder = []fieldName{fAnchor, fTitle, fColumn, fDoctitle, fDochead, fRow, fCaption, fHeadings, fPagetitle, fPagenote}

// bodies returns the meeting bodies the evidence names, from its most telling field.
func (e *evidence) bodies() []string {
	for _, name := range bodyOrder {
		f, ok := e.fields[name]
		if !ok {
			continue
		}
		if name == fDochead {
			// "CITY COUNCIL / Minutes of the Planning Committee": the line that
			// names the kind of document names the body whose record it is; the
			// organisation's name above it is the publisher.
			for _, line := range strings.Split(f.text, " \n ") {
				lw := splitWords(line)
				lt := stemAll(lw)
				if len(kindTable.find(lt)) == 0 {
					continue
				}
				var found []string
				for _, m := range bodiesOf(lw, lt) {
					found = appendNew(found, m.value)
				}
				if len(found) > 0 {
					return found
				}
			}
		}
		var found []string
		ms := bodiesOf(splitWords(f.text), f.toks)
		if name == fDochead {
			// No line names a kind: the body in the document's heading is
			// its publisher ("HARTWELL ARTS COUNCIL"), the organisation's own
			// council or board, whatever its name.
			ms = bodyTable.find(f.toks)
		}
		for _, m := range ms {
			found = appendNew(found, m.value)
		}
		if len(found) > 0 {
			return found
		}
	}
	return nil
}

// refine narrows a long period read from a link ("Q2 2024/25", a financial year
// whose start month the label does not say) to a shorter one the document itself
// states near it ("July to September 2024"): the document's own months are exact.
func (e *evidence) refine(p Period, level int) Period {
	if p.To.Sub(p.From) < 180*24*time.Hour {
		return p
	}
	lo, hi := p.From.AddDate(0, -6, 0), p.To.AddDate(0, 6, 0)
	for _, deeper := range dateLevels[level+1:] {
		for _, name := range deeper {
			f, ok := e.fields[name]
			if !ok {
				continue
			}
			specific, _ := findDates(f.text)
			for _, q := range specific {
				// A span (a month, a quarter), not a day: a day is an event (a
				// meeting, an approval), not what the document covers.
				if d := q.To.Sub(q.From); d >= 28*24*time.Hour && d < p.To.Sub(p.From)/2 && !q.From.Before(lo) && !q.To.After(hi) {
					return q
				}
			}
		}
	}
	return p
}

// dateLevels are where a document's date is read from, in order of trust: the row or
// link text that describes it, then its opening lines, then its file name; year-only
// mentions after that, and the upload folder last.
var dateLevels = [][]fieldName{
	{fRow, fAnchor, fTitle, fColumn},
	{fDoctitle, fDochead},
	{fDisposition, fFilename},
}

// period returns the time the document covers, and whether it is known only to the
// year or less exactly.
func (e *evidence) period() (Period, bool, bool) {
	for li, level := range dateLevels {
		for _, name := range level {
			if f, ok := e.fields[name]; ok {
				if specific, _ := findDates(f.text); len(specific) > 0 {
					return e.refine(specific[0], li), false, true
				}
			}
		}
	}
	// "March 12" in a row under a "2024" heading or caption.
	if p, ok := e.monthDayUnderYear(); ok {
		return p, false, true
	}
	for _, names := range [][]fieldName{{fRow, fAnchor, fTitle, fDoctitle, fDochead}, {fDisposition, fFilename}, {fCaption, fHeadings}, {fUrldir}} {
		for _, name := range names {
			if f, ok := e.fields[name]; ok {
				if _, years := findDates(f.text); len(years) > 0 {
					return years[0], true, true
				}
			}
		}
	}
	return Period{}, false, false
}

// fiscalYearsNamed returns the single fiscal years the document's own name
// (link, title, first lines, file name) labels it with ("FY 2026", "FY26").
func (e *evidence) fiscalYearsNamed() []int {
	var out []int
	for _, name := range strongFields {
		if f, ok := e.fields[name]; ok {
			for _, y := range fiscalYearLabels(strings.ToLower(f.text)) {
				if !slices.Contains(out, y) {
					out = append(out, y)
				}
			}
		}
	}
	return out
}

var monthDayRE = regexp.MustCompile(`\b` + monthRE + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b`)

// monthDayUnderYear combines a month and day in the link's own text with the one
// year its section names.
func (e *evidence) monthDayUnderYear() (Period, bool) {
	var md []string
	for _, name := range []fieldName{fRow, fAnchor, fTitle} {
		if f, ok := e.fields[name]; ok {
			if m := monthDayRE.FindStringSubmatch(strings.ToLower(f.text)); m != nil {
				md = m
				break
			}
		}
	}
	if md == nil {
		return Period{}, false
	}
	for _, name := range []fieldName{fCaption, fHeading, fHeadings} {
		if f, ok := e.fields[name]; ok {
			if _, years := findDates(f.text); len(years) == 1 {
				return validDay(years[0].From.Year(), months[md[1]], atoi(md[2]))
			}
		}
	}
	return Period{}, false
}

// fHeading is the heading right above the link: "Previous editions", "Archive".
var statusFields = []fieldName{fRow, fAnchor, fTitle, fColumn, fDoctitle, fDochead, fFilename, fDisposition, fCaption, fPagenote, fQuery, fHeading}

// statuses returns the version markers (superseded, draft, archived …) the evidence carries.
func (e *evidence) statuses() []string {
	var out []string
	for _, name := range statusFields {
		if f, ok := e.fields[name]; ok {
			for _, m := range statusTable.find(f.toks) {
				out = appendNew(out, m.value)
			}
		}
	}
	return out
}

// name is the best human-readable title for the document.
func (e *evidence) name() string {
	l := e.link
	switch {
	case meaningfulTitle(e.content.title):
		return e.content.title
	case !genericAnchor(l.anchor) && len(splitWords(l.anchor)) > 1:
		return l.anchor
	case l.title != "":
		return l.title
	}
	if r := strings.TrimSpace(l.row); r != "" && len(r) <= 160 && !genericAnchor(r) {
		if l.column != "" && !strings.Contains(strings.ToLower(r), strings.ToLower(l.column)) {
			return l.column + " – " + r
		}
		return r
	}
	if !genericAnchor(l.anchor) {
		if len(l.headings) > 0 {
			return l.headings[len(l.headings)-1] + " – " + l.anchor
		}
		return l.anchor
	}
	for _, line := range e.content.lines {
		if meaningfulTitle(line) {
			return line
		}
	}
	if e.disposition != "" {
		return e.disposition
	}
	if n := fileName(l.url); n != "" {
		return n
	}
	return l.url.String()
}

// scorer rates documents against an intent. A term's importance comes from how
// many of the run's candidate links carry it (a term every link carries tells
// nothing). The head of the prompt's topic — its last specific term, as "leave" in
// "policies on employee leave" — always matters most; the site's own name (words of
// its home page title) and periodicity words such as "annual" matter little.
type scorer struct {
	in         Intent
	importance []float64 // per Core group, in [0, 1): the cost of lacking it
	// prefix marks the Core groups no candidate link carries: their word may be
	// a clipped form of the site's ("stats", "tabs"), so a word that starts with
	// it counts, at prefixWeight.
	prefix []bool
	// spanName is set when the prompt names a span of years that some candidate
	// carries in its name ("Corporate Plan 2024–2028"): the span is then the
	// document's name, not a window that any document inside it fits.
	spanName *Period
	site     map[string]bool // the words of the site's own name
}

// spanRE is a span of years written in a document's name: "2024–2028", "2020 to 2024".
var spanRE = regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d)\s*(?:-|–|—|to|through)\s*((?:19|20)\d\d)(?:\D|$)`)

// nameSpan returns the span of two or more years the document's name carries.
func (e *evidence) nameSpan() (Period, bool) {
	for _, name := range []fieldName{fAnchor, fTitle, fRow, fDoctitle, fFilename} {
		f, ok := e.fields[name]
		if !ok {
			continue
		}
		if m := spanRE.FindStringSubmatch(f.text); m != nil {
			a, b := atoi(m[1]), atoi(m[2])
			if b > a+1 && b-a <= 30 {
				return Period{day(a, 1, 1), day(b+1, 1, 1)}, true
			}
		}
	}
	return Period{}, false
}

const (
	headImportance = 0.8
	maxImportance  = 0.7
	weakImportance = 0.25
	siteImportance = 0.1
)

// weakTerms describe rather than name what is wanted.
var weakTerms = map[string]bool{
	"annual": true, "yearly": true, "monthly": true, "weekly": true, "official": true, "final": true,
	"full": true, "complete": true, "public": true, "general": true, "approved": true, "adopted": true,
}

// genericHeads are words too broad to be the head of a topic.
var genericHeads = map[string]bool{
	"department": true, "office": true, "division": true, "program": true, "service": true, "university": true,
	"city": true, "county": true, "town": true, "district": true, "company": true, "group": true, "section": true,
	"area": true, "information": true, "organization": true, "school": true, "college": true, "state": true,
}

func newScorer(in Intent, cands []*evidence, siteWords map[string]bool) *scorer {
	s := &scorer{in: in, importance: make([]float64, len(in.Core)), prefix: make([]bool, len(in.Core)), site: siteWords}
	for _, want := range in.Periods {
		if want.To.Sub(want.From) < 2*366*24*time.Hour {
			continue
		}
		for _, c := range cands {
			if p, ok := c.nameSpan(); ok && p == want {
				s.spanName = &want
				break
			}
		}
	}
	n := float64(len(cands))
	for i, g := range in.Core {
		if siteWords[g.Label] {
			s.importance[i] = siteImportance
			continue
		}
		if weakTerms[g.Label] || genericHeads[g.Label] {
			s.importance[i] = weakImportance
			continue
		}
		df := 0.0
		for _, c := range cands {
			if c.groupMatch(g, linkFields) > 0 {
				df++
			}
		}
		if df == 0 && len(g.Alts) > 0 && len(g.Alts[0]) == 1 && len(g.Alts[0][0]) >= 3 && !isDigits(g.Alts[0][0]) {
			// No link has the word itself: maybe it is clipped ("stats") from
			// the site's word ("statistics").
			for _, c := range cands {
				if c.prefixMatch(g.Alts[0][0], linkFields) > 0 {
					df++
				}
			}
			s.prefix[i] = df > 0
		}
		share := 1.0
		if n > 0 {
			share = df / n
		}
		imp := maxImportance * (1 - share)
		if i == in.Head {
			imp = headImportance
		}
		if df == 0 {
			// No link on the site uses the word: the prompt is likely phrased in
			// words the site does not use, so lacking it says less.
			imp *= 0.5
		}
		s.importance[i] = imp
	}
	return s
}

// score rates one document in [0, 1] and says why: the fitted model's
// probability for the factors' states read from the evidence, and those states.
func (s *scorer) score(e *evidence) (float64, Factors) {
	f := s.factors(e)
	return fitted.Prob(f), f
}

// factors reads the evidence into the states the model weighs.
func (s *scorer) factors(e *evidence) Factors {
	in := s.in
	f := Factors{Topic: 1, NoText: e.content.title == "" && len(e.content.lines) == 0}

	// Topic: each term of the prompt the evidence lacks lowers the match by the
	// term's importance; a term carried only deep in the document's text counts
	// for less than one in its title or link.
	if len(in.Core) > 0 {
		topic := 1.0
		for i, g := range in.Core {
			m := e.groupMatch(g, nil)
			if m == 0 && s.prefix[i] {
				m = e.prefixMatch(g.Alts[0][0], strongFields) * prefixWeight
			}
			topic *= 1 - s.importance[i]*(1-m)
		}
		if len(in.Optional) > 0 {
			bonus := 0.0
			for _, g := range in.Optional {
				bonus = math.Max(bonus, e.groupMatch(g, nil))
			}
			topic = math.Min(1, topic*(1+0.1*bonus))
		}
		f.Topic, f.HasTopic = topic, true
	}

	// Kind: minutes are not agendas.
	if len(in.Kinds) > 0 || len(in.Excluded) > 0 {
		f.Kind = kindState(in, e.kinds())
		if f.Kind != "match" && f.Kind != "excluded" && e.namesAny(in.KindNames, strongFields) {
			f.Kind = "match" // named as the model says sites name the kind asked for
		}
	}

	// Body: the council's minutes are not the planning commission's.
	if len(in.Bodies) > 0 {
		f.Body = "unknown"
		if bodies := e.bodies(); len(bodies) > 0 {
			f.Body = "mismatch"
			for _, b := range bodies {
				if bodyHead(b) != b && slices.ContainsFunc(strings.Fields(b), func(w string) bool { return s.site[stem(w)] }) {
					b = bodyHead(b) // "Harbourside Council" on Harbourside's site is its council
				}
				for _, want := range in.Bodies {
					if bodyMatches(b, want) {
						f.Body = "match"
					}
				}
			}
			// "The board" is the governing board, whatever it is called: a
			// prompt's bare "board" matches the Board of Commissioners, but not
			// the Zoning Board of Appeals or a committee's minutes that mention
			// the board.
			for _, want := range in.Bodies {
				if f.Body != "match" && genericBodies[want] && slices.ContainsFunc(bodies, func(b string) bool { return genericMatch(b, want) }) {
					f.Body = "match"
				}
			}
		}
	}

	// Time: what the document covers must fall in a period the prompt names.
	var (
		p               Period
		yearOnly, known bool
	)
	if (len(in.Periods) > 0 && s.spanName == nil) || len(in.ExcludedPeriods) > 0 {
		p, yearOnly, known = e.period()
	}
	switch {
	case s.spanName != nil:
		f.Period = "span_mismatch"
		if q, ok := e.nameSpan(); ok && q == *s.spanName {
			f.Period = "span_match"
		}
	case len(in.Periods) > 0:
		f.Period = "unknown"
		if known {
			f.Period = "mismatch"
			for _, want := range in.Periods {
				switch {
				case covers(want, p, yearOnly):
					f.Period = "covers"
				case yearOnly && overlap(p, want) > 0 && f.Period != "covers":
					f.Period = "partial"
				}
			}
		}
		// The document's own fiscal-year label decides over its dates: "FY 2026"
		// asked for, "FY 2026" in its name is a match, "FY 2025" is not.
		if len(in.FiscalYears) > 0 {
			if named := e.fiscalYearsNamed(); len(named) > 0 {
				f.Period = "fy_mismatch"
				for _, y := range named {
					if slices.Contains(in.FiscalYears, y) {
						f.Period = "fy_match"
					}
				}
			}
		}
	}

	// A period the prompt rules out ("not the 2012 one").
	if known {
		for _, x := range in.ExcludedPeriods {
			if covers(x, p, yearOnly) {
				f.ExcludedPeriod = true
				break
			}
		}
	}

	// What the prompt rules out by name, in the document's own words.
	for _, g := range in.ExcludedTerms {
		if e.groupMatch(g, strongFields) > 0 {
			f.ExcludedTerm = true
			break
		}
	}

	// Status: superseded, rescinded and draft versions.
	for _, x := range e.statuses() {
		switch {
		case in.Current || (in.Final && (x == "proposed" || x == "draft")):
			f.Status = "not_current"
		case f.Status == "not_current":
		case x == "superseded" || x == "rescinded" || x == "draft":
			f.Status = "superseded"
		case f.Status == "":
			// "inactive", "proposed": said of a version only when asked for the
			// current or final one.
			f.Status = "neutral"
		}
	}
	return f
}

// kindState is the kind factor's state for a document of the given kinds.
func kindState(in Intent, kinds []string) string {
	for _, k := range kinds {
		if slices.Contains(in.Excluded, k) {
			return "excluded"
		}
	}
	if len(in.Kinds) == 0 {
		return ""
	}
	if len(kinds) == 0 {
		if len(in.Kinds) == 1 && in.Kinds[0] == "report" {
			// "Reports" often means documents of any name ("Traffic counts
			// 2023"): the topic decides.
			return "generic_unknown"
		}
		return "unknown"
	}
	for _, k := range kinds {
		for _, want := range in.Kinds {
			if k == want || slices.Contains(genericKinds[want], k) {
				return "match"
			}
			if k == "report" && slices.Contains(genericKinds["report"], want) {
				return "report_maybe" // "a report" may be the report asked for
			}
		}
	}
	return "mismatch"
}

// covers reports whether a document's period p lies in want: its middle, for a
// specific period; three quarters of it, for a period known only to the year.
func covers(want, p Period, yearOnly bool) bool {
	if yearOnly {
		return overlap(p, want) >= 0.75
	}
	return want.Contains(p.mid())
}

// overlap is the share of a that lies in b.
func overlap(a, b Period) float64 {
	from, to := a.From, a.To
	if b.From.After(from) {
		from = b.From
	}
	if b.To.Before(to) {
		to = b.To
	}
	if !to.After(from) {
		return 0
	}
	return float64(to.Sub(from)) / float64(a.To.Sub(a.From))
}
