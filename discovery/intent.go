package discovery

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
)

// Intent is what a prompt asks for: document kinds, the bodies whose meetings they
// record, topic terms, time periods and whether only current versions count. It is
// derived by rules, deterministically, so every score can be explained.
type Intent struct {
	Kinds    []string // document kinds asked for, e.g. "minutes"
	Excluded []string // kinds the prompt rules out ("not the agenda packets")
	// ExcludedTerms are other things the prompt rules out ("except the capital
	// budget": "capital").
	ExcludedTerms []Group
	Bodies        []string // meeting bodies asked for, e.g. "council"
	Core          []Group  // topic terms that should all be present
	Optional      []Group  // alternatives listed as examples ("vacation, sick leave, …")
	Periods       []Period // what the documents must cover; empty means any time
	// ExcludedPeriods are periods the prompt rules out ("not the 2012 one").
	ExcludedPeriods []Period
	Current         bool // superseded, rescinded, archived and draft versions do not count
	// Final asks for the final stage of something approved in stages ("the final
	// decision", "the adopted budget"): proposed and draft versions count less.
	Final bool
	// Latest asks for the most recent edition only ("the latest annual report",
	// "the most recent master plan"): of the documents that match, those with the
	// latest date are kept.
	Latest bool
	// Fiscal is set when a period was written as a fiscal, financial or academic
	// year: its bounds move with the start month the site states (see WithFiscalStart).
	Fiscal bool
	// FiscalYears are the years the prompt names as single fiscal years ("fiscal
	// year 2026", "FY26"). A document whose own name carries the same label is of
	// that year whatever months its dates give it: a site may start its year in any
	// month without saying so.
	FiscalYears []int
	// KindNames are other names for the kinds asked for, from the language model
	// ("invitation to tender" for "RFPs"): a document named so is of a kind asked for.
	KindNames [][]string
	// Head is the index in Core of the topic's head term, or -1: the term right
	// before the kind ("leave" in "leave policies"), else the last specific one
	// ("leave" in "policies on employee leave").
	Head int
}

// Group is one topic term with the phrases that mean the same.
type Group struct {
	Label string     // the prompt's own word
	Alts  [][]string // stemmed token sequences
	// Lexical are WordNet's synonyms, matched at wordnetWeight.
	Lexical [][]string
	// Acronym is set when the prompt wrote the term in capitals ("CRMP"): it also
	// matches words whose initials spell it ("Community Risk Management Plan").
	Acronym string
	pos     int // where it ends in the prompt's tokens
}

// acronymRE finds words written in capitals: "ACOP", "CRMP", "EIA".
var acronymRE = regexp.MustCompile(`\b[A-Z]{3,6}s?\b`)

// markAcronyms sets Acronym on the groups whose word the prompt wrote in capitals.
func markAcronyms(prompt string, groups []Group) {
	for _, a := range acronymRE.FindAllString(prompt, -1) {
		a = strings.TrimSuffix(a, "s")
		if a == strings.ToUpper(a) && len(a) >= 3 {
			low := strings.ToLower(a)
			for i := range groups {
				if groups[i].Label == stem(low) || groups[i].Label == low {
					groups[i].Acronym = low
					groups[i].Lexical = nil // WordNet's senses of "chip" are not the CHIP
				}
			}
		}
	}
}

// words splits text into lower-case words of letters and digits.
func splitWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// stem is a small suffix stripper, enough to match plural and -ing forms:
// "meetings", "meeting" and "meet" share a stem, as do "planning" and "plan".
func stem(w string) string {
	w = americanSpelling(w)
	if len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "ies") {
		w = w[:len(w)-1]
	}
	if v, ok := deverbalNouns[w]; ok {
		return v
	}
	if strings.HasSuffix(w, "ing") && len(w) > 5 {
		w = w[:len(w)-3]
		if n := len(w); n >= 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeioulsz", rune(w[n-1])) {
			w = w[:n-1] // "plann" → "plan", "runn" → "run"
		}
		return w
	}
	// "declared", "adopted", "published": the past participle is the verb
	// ("declared" → "declar", as "declaration" → "declarat" begins with it).
	if strings.HasSuffix(w, "ed") && len(w) > 5 && !strings.HasSuffix(w, "eed") {
		w = w[:len(w)-2]
		if n := len(w); n >= 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeioulsz", rune(w[n-1])) {
			w = w[:n-1] // "planned" → "plan"
		}
		return w
	}
	if len(w) > 7 && strings.HasSuffix(w, "icity") {
		return w[:len(w)-3] // "electricity" → "electric", "publicity" → "public"
	}
	if len(w) > 6 && (strings.HasSuffix(w, "tion") || strings.HasSuffix(w, "sion")) {
		return w[:len(w)-3] // "protection" → "protect"
	}
	switch {
	case len(w) <= 3:
		return w
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		return w[:len(w)-3]
	case strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// deverbalNouns are nouns made from a verb with "-al", stemmed as the verb's
// "-ing" and "-ed" forms are ("renewal", "renewing" and "renewed" are one word
// to the matcher). A list, not a rule: most words ending in "-al" are not made
// so ("annual", "capital", "hospital"). "Proposal" and "approval" are left out:
// "proposed" and "approved" also name a document's status.
var deverbalNouns = map[string]string{
	"renewal": "renew", "removal": "remov", "disposal": "dispos", "withdrawal": "withdraw", "rental": "rent",
	"dismissal": "dismiss", "referral": "refer", "reversal": "revers", "appraisal": "apprais", "arrival": "arriv",
	"refusal": "refus", "retrieval": "retriev", "survival": "surviv", "deferral": "defer", "upheaval": "upheav",
}

// britishWords are British spellings no suffix rule below covers.
var britishWords = map[string]string{
	"licence": "license", "licences": "licenses", "defence": "defense", "offence": "offense", "pretence": "pretense",
	"practise": "practice", "grey": "gray", "tyre": "tire", "tyres": "tires", "kerb": "curb", "kerbs": "curbs",
	"aluminium": "aluminum", "enrol": "enroll", "enrolment": "enrollment", "fulfil": "fulfill", "instalment": "installment",
	"judgement": "judgment", "ageing": "aging", "plough": "plow", "cheque": "check", "cheques": "checks", "storey": "story",
	"storeys": "stories", "manoeuvre": "maneuver", "paediatric": "pediatric", "anaesthetic": "anesthetic", "oestrogen": "estrogen",
}

// americanSpelling writes a British spelling the American way, so that
// "organisation" and "organization", "harbour" and "harbor", "centre" and
// "center", "programme" and "program" are one word to the matcher. Both prompts
// and documents go through it.
func americanSpelling(w string) string {
	if a, ok := britishWords[w]; ok {
		return a
	}
	n := len(w)
	switch {
	case n >= 7 && strings.HasSuffix(w, "gramme"):
		return w[:n-2] // programme → program
	case n >= 7 && strings.HasSuffix(w, "grammes"):
		return w[:n-3] + "s"
	case n >= 6 && (strings.HasSuffix(w, "isation") || strings.HasSuffix(w, "isations") || strings.HasSuffix(w, "ise") ||
		strings.HasSuffix(w, "ised") || strings.HasSuffix(w, "ises") || strings.HasSuffix(w, "ising")):
		i := strings.LastIndex(w, "is")
		return w[:i] + "iz" + w[i+2:] // organisation → organization, recognised → recognized
	case n >= 6 && (strings.HasSuffix(w, "yse") || strings.HasSuffix(w, "ysed") || strings.HasSuffix(w, "yses") || strings.HasSuffix(w, "ysing")):
		i := strings.LastIndex(w, "ys")
		return w[:i] + "yz" + w[i+2:] // analyse → analyze
	case n >= 6 && (strings.HasSuffix(w, "our") || strings.HasSuffix(w, "ours") || strings.HasSuffix(w, "oured") || strings.HasSuffix(w, "ouring")):
		i := strings.LastIndex(w, "our")
		return w[:i] + "or" + w[i+3:] // harbour → harbor, labour → labor
	case n >= 5 && (strings.HasSuffix(w, "tre") || strings.HasSuffix(w, "tres")):
		i := strings.LastIndex(w, "tre")
		return w[:i] + "ter" + w[i+3:] // centre → center, metres → meters
	case n >= 7 && (strings.HasSuffix(w, "ogue") || strings.HasSuffix(w, "ogues")):
		i := strings.LastIndex(w, "ogue")
		return w[:i] + "og" + w[i+4:] // catalogue → catalog
	}
	return w
}

func stemAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = stem(w)
	}
	return out
}

func tokens(s string) []string { return stemAll(splitWords(s)) }

// phraseTable is a lookup of stemmed phrases to values, longest phrase first.
type phraseTable struct {
	phrases [][]string
	values  []string
}

func newPhraseTable(m map[string]string) *phraseTable {
	t := &phraseTable{}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := len(strings.Fields(keys[i])), len(strings.Fields(keys[j]))
		if li != lj {
			return li > lj
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		t.phrases = append(t.phrases, tokens(k))
		t.values = append(t.values, m[k])
	}
	return t
}

// match is one phrase found in a token sequence.
type match struct {
	value      string
	start, end int
}

// kindsOf returns the document kinds the words ws (and their stems toks) name,
// less two kinds of false reading:
//   - a kind inside the name of a meeting body: in "Planning Board agendas" the
//     body is the Planning Board and the kind is agendas. A kind that a body only
//     overlaps ("Board Packet") stays.
//   - a kind that modifies a body's head noun: English puts the head last, so
//     the "Budget Subcommittee" and the "Audit Committee" are bodies, not a
//     budget or an audit, whether or not the body table knows them.
//   - a one-word kind read from an "-ing" form: the stemmer folds "planning" into
//     "plan" and "reporting" into "report" so that topics match, but a gerund
//     names an activity, not a document ("planning-20250110.pdf" is no plan),
//     unless kinds.txt lists that very word ("ruling").
func kindsOf(ws, toks []string) []match {
	ks := kindTable.find(toks)
	if len(ks) == 0 {
		return ks
	}
	bs := bodyTable.find(toks)
	return slices.DeleteFunc(ks, func(k match) bool {
		if k.end-k.start == 1 && k.start < len(ws) && strings.HasSuffix(ws[k.start], "ing") && !kindWords[ws[k.start]] {
			return true
		}
		if k.end < len(ws) && bodyHeads[ws[k.end]] {
			return true
		}
		return slices.ContainsFunc(bs, func(b match) bool {
			return b.start <= k.start && k.end <= b.end && b.end-b.start > k.end-k.start
		})
	})
}

// bodiesOf returns the meeting bodies the words ws (stems toks) name. A body
// named by its head noun alone in the table ("council", "committee") but
// written with a word of its own before it is that word's body: the "Arts
// Council" is not the city council, nor the "Budget Subcommittee" the School
// Committee. Such a body's value is "<word> <head>" ("arts council"); a word
// that only says where or how it meets ("City Council", "Regular Board") does
// not qualify it.
func bodiesOf(ws, toks []string) []match {
	bs := bodyTable.find(toks)
	for i, b := range bs {
		if b.end-b.start != 1 || !qualifiableBodies[b.value] || b.start > len(ws) {
			continue
		}
		// Up to three words of its own before the head: the "Airport
		// Authority Board".
		from := b.start
		for from > 0 && b.start-from < 3 && qualifier(ws[from-1], toks[from-1]) &&
			!slices.ContainsFunc(bs, func(o match) bool { return o.end == from }) {
			from--
		}
		if from < b.start {
			bs[i] = match{value: strings.Join(ws[from:b.start], " ") + " " + b.value, start: from, end: b.end}
		}
	}
	return bs
}

// qualifier reports whether the word w (stem t) before a body's head names
// which body it is.
func qualifier(w, t string) bool {
	return len(w) >= 3 && isLetters(w) && !stopWords[t] && !bodyNeutral[w] && !kindWords[w] && !monthWords[w]
}

// bodyMatches reports whether a document's body b is the body want a prompt
// names: the same, or the same head with the prompt's words among the
// document's ("Airport Authority Board" for the "Airport Board"), or a bare
// head where the prompt qualified it (a "Board" of Directors for the "Airport
// Board": its own words say which).
func bodyMatches(b, want string) bool {
	if b == want || (want == "commission" && strings.HasSuffix(b, " commission")) {
		return true
	}
	head := bodyHead(want)
	if head == want || bodyHead(b) != head {
		return false
	}
	if b == head {
		return true
	}
	have := strings.Fields(strings.TrimSuffix(b, " "+head))
	for _, w := range strings.Fields(strings.TrimSuffix(want, " "+head)) {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// qualifiableBodies are the bodies the table knows by a bare head noun.
var qualifiableBodies = map[string]bool{"board": true, "commission": true, "committee": true, "council": true}

// bodyNeutral are words before a body's head that say where or how it meets,
// not which body it is.
var bodyNeutral = map[string]bool{"city": true, "town": true, "village": true, "county": true, "borough": true, "parish": true,
	"district": true, "regional": true, "state": true, "municipal": true, "metropolitan": true, "township": true, "local": true,
	"national": true, "public": true, "full": true, "regular": true, "special": true, "annual": true, "joint": true,
	"emergency": true, "closed": true, "open": true, "general": true, "monthly": true, "quarterly": true, "adjourned": true,
	"standing": true, "main": true, "governing": true, "executive": false, "common": true, "new": true, "current": true,
	"previous": true, "next": true, "upcoming": true, "past": true, "recent": true, "latest": true, "all": true}

// monthWords are month names, which date a meeting ("March Board meeting").
var monthWords = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// bodyHead is the table's value a qualified body is a kind of: "arts council"
// is a council.
func bodyHead(b string) string {
	if i := strings.LastIndexByte(b, ' '); i >= 0 && qualifiableBodies[b[i+1:]] {
		return b[i+1:]
	}
	return b
}

// bodyHeads are the head nouns of meeting bodies' names, as written.
var bodyHeads = map[string]bool{"board": true, "boards": true, "commission": true, "commissions": true, "committee": true,
	"committees": true, "subcommittee": true, "subcommittees": true, "council": true, "councils": true, "panel": true,
	"authority": true, "trustees": true, "taskforce": true}

// kindsIn is kindsOf for a text.
func kindsIn(text string) []match {
	ws := splitWords(text)
	return kindsOf(ws, stemAll(ws))
}

// kindWords are the words, as written, of kinds.txt's one-word phrases.
var kindWords = func() map[string]bool {
	m := map[string]bool{}
	for p := range kindPhrases {
		if ws := splitWords(p); len(ws) == 1 {
			m[ws[0]] = true
		}
	}
	return m
}()

// find returns the non-overlapping matches in toks, longest phrases first.
func (t *phraseTable) find(toks []string) []match {
	used := make([]bool, len(toks))
	var out []match
	for pi, p := range t.phrases {
		for i := 0; i+len(p) <= len(toks); i++ {
			if slices.Equal(toks[i:i+len(p)], p) && !anyUsed(used[i:i+len(p)]) {
				for j := i; j < i+len(p); j++ {
					used[j] = true
				}
				out = append(out, match{t.values[pi], i, i + len(p)})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

func anyUsed(b []bool) bool {
	for _, v := range b {
		if v {
			return true
		}
	}
	return false
}

var (
	kindTable   = newPhraseTable(kindPhrases)
	bodyTable   = newPhraseTable(bodyPhrases)
	statusTable = newPhraseTable(statusPhrases)
)

var (
	fyStartRE      = regexp.MustCompile(`(?:year|fy)\s+(?:runs|begins|starts|start|run)\s+(?:from\s+|on\s+|in\s+)?(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?` + monthRE + `\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:\s*(?:-|to|through|until)\s*` + monthRE + `\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?)?`)
	fySplitRE      = regexp.MustCompile(`\b(?:(?:fiscal|financial|academic|school)\s+year|fy|ay)\s*'?((?:19|20)?\d\d)\s*(?:-|–|/|to)\s*'?((?:19|20)?\d\d)\b`)
	fyPrefixRE     = regexp.MustCompile(`\b(?:(?:fiscal|financial)\s+year|fy)\s*'?((?:19|20)\d\d|\d\d)\b`)
	fySplitAfterRE = regexp.MustCompile(`\b((?:19|20)\d\d)\s*(?:-|–|/)\s*'?((?:19|20)?\d\d)\s+(?:fiscal|financial|academic|school)\s+year\b`)
	fySuffixRE     = regexp.MustCompile(`\b((?:19|20)\d\d)\s+(?:fiscal|financial)\s+year\b`)
	yearRangeRE    = regexp.MustCompile(`\b(between\s+)?((?:19|20)\d\d)\s*(?:-|–|—|to|through|until|and)\s*((?:19|20)\d\d)\b`)
	// "since 2020", "after 2020", "from 2020 onwards": an open range. A bare "from
	// 2025" ("minutes from 2025") means that year and is left to the year rule.
	monthListRE     = regexp.MustCompile(`\b((?:` + monthRE + `\.?(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+))+)` + monthRE + `\.?,?\s+((?:19|20)\d\d)\b`)
	monthWordRE     = regexp.MustCompile(`\b` + monthRE + `\b`)
	betweenMonthsRE = regexp.MustCompile(`\bbetween\s+` + monthRE + `\.?(?:,?\s+((?:19|20)\d\d))?\s+(?:and|&)\s+` + monthRE + `\.?,?\s+((?:19|20)\d\d)\b`)
	sinceMidRE      = regexp.MustCompile(`\b(?:since|from|after)\s+(?:the\s+)?(?:mid|middle of)[- ]?\s*((?:19|20)\d\d)\b`)
	bareSplitRE     = regexp.MustCompile(`\b((?:19|20)\d\d)\s*[/–-]\s*((?:19|20)?\d\d)\b`)
	// "since May 2025", "after March 2024", "from June 2023 onwards".
	sinceMonthRE = regexp.MustCompile(`\b(since|after|from)\s+` + monthRE + `\.?,?\s+((?:19|20)\d\d)(?:\s+(on(?:ward)?s?|to (?:date|now|present|today)))?\b`)
	sinceRE      = regexp.MustCompile(`\b(?:(?:since|after)\s+((?:19|20)\d\d)\b|from\s+((?:19|20)\d\d)\s+(?:on(?:ward)?s?|to (?:date|now|present|today))\b)`)
	// "before 2021", "prior to 2022", "earlier than 2019", "pre-2020": up to the
	// start of that year; "up to 2021", "until 2021", "through 2021": to its end.
	beforeRE = regexp.MustCompile(`\b(?:(before|prior to|earlier than|older than|pre-?)|(up to|until|till|through|to the end of))\s*((?:19|20)\d\d)\b`)
	// "the fiscal year ending March 2024", "the year ended 30 June 2023", "the
	// quarter ending September 30, 2024": the span that ends with that month.
	periodEndingRE = regexp.MustCompile(`\b(?:(?:fiscal|financial|budget)\s+)?(year|half[- ]year|six months|quarter|three months|month)\s+(?:ending|ended|ends|to)\s+(?:on\s+)?(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?` + monthRE + `\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+((?:19|20)\d\d)\b`)
	// "the first six months of 2023", "the last three months of 2022".
	monthsOfRE = regexp.MustCompile(`\b(first|last|final)\s+(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months\s+of\s+((?:19|20)\d\d)\b`)
	// "Q3 and Q4 2023", "Q1, Q2 and Q3 2024": quarters sharing one year.
	quarterRE     = regexp.MustCompile(`q([1-4])`)
	quarterListRE = regexp.MustCompile(`\b((?:q[1-4]\s*(?:,\s*(?:and\s+)?|\s+(?:and|or|&)\s+))+q[1-4])\s+((?:19|20)\d\d)\b`)
	// "the most recent", "the newest", "the latest": only the latest edition.
	latestRE    = regexp.MustCompile(`\b(most recent|newest|latest)\b`)
	relativeRE  = regexp.MustCompile(`\b(last|past|previous|this|current|next)\s+(?:(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+)?(year|month|quarter)s?\b`)
	currentRE   = regexp.MustCompile(`\b(current|currently|latest|in effect|in force|active|up[- ]to[- ]date|valid|effective|(?:right )?now|at the moment|at present|presently|today|nowadays|these days|still in (?:use|place))\b`)
	negationRE  = regexp.MustCompile(`\b(?:not|excluding|exclude|except|without|other than|but not|no|skip(?:ping)?|ignore|ignoring|omit(?:ting)?|leave out|leaving out|rather than|apart from|aside from|instead of|never mind|don'?t (?:need|want|include|care about|send)|do not (?:need|want|include|send))\b[^.;:!?]*`)
	notNeededRE = regexp.MustCompile(`\b((?:[a-z'-]+\s+){0,3}[a-z'-]+)\s+(?:aren't|are not|isn't|is not|not)\s+(?:needed|wanted|required|necessary|relevant|of interest)\b`)
	finalRE     = regexp.MustCompile(`\b(final|approved|adopted|enacted|signed|executed|ratified)\b`)
	// Asides about the asker ("I'm writing a thesis on X, so I need …") say why,
	// not what: the words up to the request are dropped.
	// Who the asker is comes as "I'm …", "we are …", or a first-person verb that
	// is not a request ("I sit on …", "we work for …").
	asideRE     = regexp.MustCompile(`\b(?:i'?m|i am|we'?re|we are|as part of|for my|for our|(?:i|we) (?:sit|work|serve|live|run|manage|teach|study|represent|volunteer|write|research|cover|advise|chair|lead|belong|own|report))\s`)
	asideEndRE  = regexp.MustCompile(`(?:,\s*(?:so|and)\s|\s(?:so)\s|\sand\s(?:i\s|we\s)?(?:need|want|would|require|have to|must)\b|,\s*(?:i|we)\s|\s-\s(?:where|what|which|can|could|would|do|does|is|are|please|find|get|send|show|i|we)\b)`)
	publisherRE = regexp.MustCompile(`(?i)\bthe\s+(?:state|county|city|town|village|district|agency|department|authority|library|university|college|trust|company|service|government|organi[sz]ation|society|museum|hospital|port|ministry|office|borough|parish|region)(?:'s|’s)\s`)
	// Who published the documents, named as the subject of a verb of
	// publishing ("the notices the development authority posted", "reports the
	// county has issued"), is the publisher, not a word the documents must carry.
	publisherVerbRE = regexp.MustCompile(`\bthe\s+(?:[a-z'-]+\s+){0,3}?(?:state|county|city|town|village|district|agency|department|authority|board|commission|council|library|university|college|trust|company|government|organi[sz]ation|office|ministry|port)\s+(?:has\s+|have\s+|had\s+)?(?:posted|published|issued|released|put out|put up|uploaded|made available|adopted)\b`)
	// What the asker adds as included ("special meetings included", "and any
	// addenda too", "workshops as well") widens the request: a bonus, not a
	// condition every document must meet.
	includedRE = regexp.MustCompile(`(?:,\s*|\s(?:and|plus)\s+)((?:any\s+|all\s+)?(?:[a-z'-]+\s+){0,5}?[a-z'-]+)\s+(?:included|too|as well)\b`)
	// A sentence can be the whole aside: "I work for a newspaper; I need …".
	asideSentenceEndRE = regexp.MustCompile(`[.;!]\s+`)
	listRE             = regexp.MustCompile(`(?:\s[-–—]\s|:|\bsuch as\b|\bincluding\b|\be\.g\.|\bfor example\b|\bespecially\b)([^.;!?]*)`)
	parenRE            = regexp.MustCompile(`\(([^)]*)\)`)
	possessRE          = regexp.MustCompile(`(\w)(?:'s|’s|'|’)(\s|$|[.,;:!?)])`)
	partsRE            = regexp.MustCompile(`\s*(?:,|\bor\b|\band\b|\bnor\b)\s*`)
)

var (
	meetingKinds      = map[string]bool{"minutes": true, "agenda": true, "packet": true, "transcript": true}
	impliedByMeetings = map[string]bool{"meet": true, "session": true, "regular": true}
)

var negationWords = map[string]bool{"not": true, "exclud": true, "exclude": true, "except": true, "without": true, "no": true, "but": true, "than": true,
	"skip": true, "ignor": true, "ignore": true, "omit": true, "leave": true, "leav": true, "out": true, "rather": true, "apart": true, "aside": true,
	"instead": true, "never": true, "mind": true, "don": true, "t": true, "do": true, "need": true, "want": true, "care": true, "send": true, "interest": true}

var numberWords = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11}

// ParsePrompt derives the intent of prompt; now anchors relative dates.
func ParsePrompt(prompt string, now time.Time) Intent {
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC()
	var in Intent
	// "Springfield's" is "Springfield": an owner named in the possessive is usually
	// the site itself, which the scorer recognises from the home page's title.
	// "The state's", "the county's": a jurisdiction or organisation named as the
	// owner is the publisher, not a word its documents must carry.
	text := publisherRE.ReplaceAllString(prompt, " ")
	text = possessRE.ReplaceAllString(text, "$1$2")
	lower := strings.ToLower(text)
	lower = strings.NewReplacer("’", "'", "–", "-", "—", "-").Replace(lower)

	lower = dropAsides(lower)
	lower = publisherVerbRE.ReplaceAllString(lower, " ")
	lower = correctTypos(lower)
	lower = strings.ReplaceAll(lower, "calendar year", "year")
	in.Fiscal = fiscalRE.MatchString(lower) || splitYearRE.MatchString(lower)
	in.FiscalYears = fiscalYearLabels(lower)
	in.Periods, in.ExcludedPeriods, lower = promptPeriods(lower, now, 0)
	lower = latestRE.ReplaceAllStringFunc(lower, func(string) string {
		in.Latest, in.Current = true, true
		return " "
	})
	lower = currentRE.ReplaceAllStringFunc(lower, func(string) string {
		in.Current = true
		return " "
	})
	if m := finalRE.FindString(lower); m != "" && !negatedAt(lower, m) {
		in.Final = true
		// The stage is a condition, not a topic word the document must carry:
		// "agreed by council" is as adopted as "adopted".
		lower = finalRE.ReplaceAllString(lower, " ")
	}
	// Negated clauses name what is not wanted.
	var excluded []string
	// "Agendas aren't needed", "the summary is not required": the thing ruled
	// out comes before the negation.
	lower = notNeededRE.ReplaceAllStringFunc(lower, func(s string) string {
		excluded = append(excluded, notNeededRE.FindStringSubmatch(s)[1])
		return " . "
	})
	lower = negationRE.ReplaceAllStringFunc(lower, func(s string) string {
		excluded = append(excluded, s)
		return " . "
	})
	for _, clause := range excluded {
		// Each part of "not the X, the Y or the Z" rules out a kind, or else
		// the phrase that remains ("except the capital budget": "capital").
		for _, part := range partsRE.Split(clause, -1) {
			ptoks := tokens(part)
			used := make([]bool, len(ptoks))
			for _, m := range kindTable.find(ptoks) {
				in.Excluded = appendNew(in.Excluded, m.value)
				markUsed(used, m)
			}
			var rest []string
			for i, t := range ptoks {
				if !used[i] && !stopWords[t] && !negationWords[t] && len(t) > 1 && !isDigits(t) {
					rest = append(rest, t)
				}
			}
			if len(rest) > 0 {
				in.ExcludedTerms = append(in.ExcludedTerms, Group{Label: strings.Join(rest, " "), Alts: [][]string{rest}})
			}
		}
	}
	// Examples and alternative names are optional: any one of them is a bonus.
	var optional []string
	lower = includedRE.ReplaceAllStringFunc(lower, func(s string) string {
		optional = append(optional, includedRE.FindStringSubmatch(s)[1])
		return " . "
	})
	lower = parenRE.ReplaceAllStringFunc(lower, func(s string) string {
		optional = append(optional, s)
		return " "
	})
	lower = listRE.ReplaceAllStringFunc(lower, func(s string) string {
		optional = append(optional, s)
		return " . "
	})

	words := splitWords(lower)
	toks := stemAll(words)
	used := make([]bool, len(toks))
	var kindStarts []int
	for _, m := range kindsOf(words, toks) {
		in.Kinds = appendNew(in.Kinds, m.value)
		markUsed(used, m)
		kindStarts = append(kindStarts, m.start)
	}
	// Minutes and agendas are of meetings: "meeting" adds nothing to them.
	if slices.ContainsFunc(in.Kinds, func(k string) bool { return meetingKinds[k] }) {
		for i, t := range toks {
			if impliedByMeetings[t] {
				used[i] = true
			}
		}
	}
	for _, m := range bodiesOf(words, toks) {
		in.Bodies = appendNew(in.Bodies, m.value)
		if h := bodyHead(m.value); h != m.value && !tableBodies[m.value] {
			// "Airport Board": the body is any board named so, and "airport"
			// stays a topic word, which the document must carry too.
			m.start = m.end - 1
		}
		markUsed(used, m)
	}
	in.Core = coordinate(termGroups(toks, used), toks, kindStarts)
	markAcronyms(prompt, in.Core)
	markAcronyms(prompt, in.ExcludedTerms)
	in.Head = headOf(in.Core, kindStarts)
	for _, s := range optional {
		otoks := tokens(s)
		oused := make([]bool, len(otoks))
		for _, m := range kindTable.find(otoks) {
			markUsed(oused, m)
			if len(in.Kinds) == 0 {
				in.Kinds = appendNew(in.Kinds, m.value)
			}
		}
		if slices.ContainsFunc(in.Kinds, func(k string) bool { return meetingKinds[k] }) {
			for i, t := range otoks {
				if impliedByMeetings[t] {
					oused[i] = true // "special meetings included": "meeting" adds nothing to minutes
				}
			}
		}
		in.Optional = append(in.Optional, termGroups(otoks, oused)...)
	}
	// A word both required and listed as an example is required.
	in.Optional = slices.DeleteFunc(in.Optional, func(g Group) bool {
		return slices.ContainsFunc(in.Core, func(c Group) bool { return c.Label == g.Label })
	})
	// "Excluded" only means something for kinds not also asked for.
	in.Excluded = slices.DeleteFunc(in.Excluded, func(k string) bool { return slices.Contains(in.Kinds, k) })
	return in
}

// vocabulary is the single words of the kind, body and status phrases: the words a
// misspelling is corrected to.
var vocabulary = sync.OnceValue(func() map[string]bool {
	v := map[string]bool{}
	for _, m := range []map[string]string{kindPhrases, bodyPhrases, statusPhrases} {
		for phrase := range m {
			for _, w := range strings.Fields(phrase) {
				if len(w) >= 5 {
					v[w] = true
				}
			}
		}
	}
	return v
})

// correctTypos corrects words of the prompt one edit away from a word of the
// vocabulary ("comittee" → "committee", "minuets" → "minutes"): a word that is
// not in WordNet and has exactly one such neighbour; or, when the prompt names no
// kind of document at all, a real word that is a kind's word with two letters
// swapped.
func correctTypos(lower string) string {
	vocab := vocabulary()
	hasKind := len(kindTable.find(tokens(lower))) > 0
	for _, w := range splitWords(lower) {
		if len(w) < 5 || vocab[w] || stopWords[w] || isDigits(w) {
			continue
		}
		known := len(wordnet(stem(w))) > 0
		if known && hasKind {
			continue
		}
		var fix string
		n := 0
		for v := range vocab {
			// A real word is taken for a typo only of a kind's word, and only by
			// two swapped letters ("minuets"): "police" is not "policy".
			if oneEdit(w, v) && (!known || (swapped(w, v) && kindTable.find(tokens(v)) != nil)) {
				fix, n = v, n+1
			}
		}
		if n == 1 {
			lower = regexp.MustCompile(`\b`+regexp.QuoteMeta(w)+`\b`).ReplaceAllString(lower, fix)
		}
	}
	return lower
}

// swapped reports whether b is a with two neighbouring letters swapped.
func swapped(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// oneEdit reports whether a and b differ by one insertion, deletion,
// substitution or swap of neighbouring letters.
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		return a[i+1:] == b[i+1:] || swapped(a, b) // substitution, or swap
	case la > lb:
		return a[i+1:] == b[i:]
	default:
		return a[i:] == b[i+1:]
	}
}

// coordinate merges "A and B" or "A or B" right before a kind ("enforcement and
// prohibition notices") into one group whose alternatives are A and B: each
// document is one of them, not both.
func coordinate(groups []Group, toks []string, kindStarts []int) []Group {
	for _, k := range kindStarts {
		if k < 3 || (toks[k-2] != "and" && toks[k-2] != "or") {
			continue
		}
		a := slices.IndexFunc(groups, func(g Group) bool { return g.pos == k-3 && len(g.Alts) > 0 && len(g.Alts[0]) == 1 })
		b := slices.IndexFunc(groups, func(g Group) bool { return g.pos == k-1 && len(g.Alts) > 0 && len(g.Alts[0]) == 1 })
		if a < 0 || b < 0 {
			continue
		}
		ga, gb := groups[a], groups[b]
		gb.Label = ga.Label + " or " + gb.Label
		gb.Alts = append(slices.Clone(ga.Alts), gb.Alts...)
		gb.Lexical = append(slices.Clone(ga.Lexical), gb.Lexical...)
		groups[b] = gb
		groups = slices.Delete(groups, a, a+1)
	}
	return groups
}

// dropAsides removes, from each sentence, an aside about the asker that runs up to
// the request: "i'm writing a thesis on tenancy disputes, so i need the decisions"
// keeps "i need the decisions".
func dropAsides(s string) string {
	for guard := 0; guard < 4; guard++ {
		loc := asideRE.FindStringIndex(s)
		if loc == nil {
			return s
		}
		rest := s[loc[1]:]
		end := asideEndRE.FindStringIndex(rest)
		if end == nil || end[0] > 160 || strings.ContainsAny(rest[:end[0]], ".;!?") {
			// Else the sentence up to its end is the aside, if it asks for
			// nothing (names no kind of document) and something follows it.
			end = asideSentenceEndRE.FindStringIndex(rest)
			if end == nil || end[0] > 160 || end[1] == len(rest) || strings.ContainsAny(rest[:end[0]], "?") ||
				len(kindTable.find(tokens(rest[:end[0]]))) > 0 {
				return s
			}
		}
		s = s[:loc[0]] + " " + rest[end[1]:]
	}
	return s
}

// negatedAt reports whether word's first occurrence in s follows a negation in
// its clause ("not the final one").
func negatedAt(s, word string) bool {
	i := strings.Index(s, word)
	if i < 0 {
		return false
	}
	for _, loc := range negationRE.FindAllStringIndex(s, -1) {
		if loc[0] <= i && i < loc[1] {
			return true
		}
	}
	return false
}

var (
	fiscalRE    = regexp.MustCompile(`\b(?:fiscal|financial|academic|school)\s+year\b|\bfy\s*'?\d`)
	splitYearRE = regexp.MustCompile(`\b(?:19|20)\d\d\s*[/–-]\s*(?:19|20)?\d\d\b`)
)

var (
	siteFYStartRE = regexp.MustCompile(`\b(?:fiscal|financial|academic|school|budget)\s+year\s+(?:runs|begins|starts|run|commences)\s+(?:from\s+|on\s+|in\s+)?(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?` + monthRE + `\b`)
	siteFYEndRE   = regexp.MustCompile(`\b(?:fiscal|financial|budget)\s+year\s+(?:ends|end|ending|closes|which ends)\s+(?:on\s+|in\s+)?(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?` + monthRE + `\b`)
)

// fiscalYearLabels returns the years s names as single fiscal years ("fiscal
// year 2026", "FY 2026", "FY26", "2026 fiscal year"); split years ("FY 2025-26")
// are not single-year labels.
func fiscalYearLabels(s string) []int {
	s = fySplitRE.ReplaceAllString(s, " ")
	s = fySplitAfterRE.ReplaceAllString(s, " ")
	var out []int
	for _, re := range []*regexp.Regexp{fyPrefixRE, fySuffixRE} {
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			if y := fullYear(m[1]); !slices.Contains(out, y) {
				out = append(out, y)
			}
		}
	}
	return out
}

// SiteFiscalStart reads the month (1–12) a site says its fiscal year starts in
// ("our fiscal year runs October 1 through September 30", "the financial year ends
// on 31 March"), or 0 when the text says nothing of it.
func SiteFiscalStart(text string) int {
	lower := strings.ToLower(text)
	if m := siteFYStartRE.FindStringSubmatch(lower); m != nil {
		return months[m[1]]
	}
	if m := siteFYEndRE.FindStringSubmatch(lower); m != nil {
		return months[m[1]]%12 + 1
	}
	return 0
}

// WithFiscalStart re-reads the prompt's periods with the fiscal year starting in
// month (1–12), as a site states it ("our fiscal year runs October 1 to September
// 30"). A prompt that states its own start keeps it.
func (in Intent) WithFiscalStart(prompt string, now time.Time, month int) Intent {
	if !in.Fiscal || month < 1 || month > 12 {
		return in
	}
	lower := strings.ToLower(possessRE.ReplaceAllString(prompt, "$1$2"))
	lower = strings.NewReplacer("’", "'", "–", "-", "—", "-").Replace(lower)
	if fyStartRE.MatchString(lower) {
		return in
	}
	if now.IsZero() {
		now = time.Now()
	}
	in.Periods, in.ExcludedPeriods, _ = promptPeriods(dropAsides(strings.ReplaceAll(lower, "calendar year", "year")), now.UTC(), month)
	return in
}

// promptPeriods reads the periods a prompt asks for and those it rules out: a
// period inside a negated clause ("not the 2012 one") is ruled out, not asked
// for. It returns s with the periods it read blanked, as parsePeriods does.
func promptPeriods(s string, now time.Time, siteFYStart int) (wanted, excluded []Period, rest string) {
	var negated []string
	for _, re := range []*regexp.Regexp{negationRE, notNeededRE} {
		negated = append(negated, re.FindAllString(s, -1)...)
	}
	if len(negated) > 0 {
		excluded, _ = parsePeriods(strings.Join(negated, " . "), now, siteFYStart)
	}
	wanted, rest = parsePeriods(s, now, siteFYStart)
	wanted = slices.DeleteFunc(wanted, func(p Period) bool { return slices.Contains(excluded, p) })
	return wanted, excluded, rest
}

// headOf picks the topic's head: a specific term right before a kind phrase, else
// the last specific term.
func headOf(core []Group, kindStarts []int) int {
	specific := func(g Group) bool { return !weakTerms[g.Label] && !genericHeads[g.Label] }
	for i, g := range core {
		if specific(g) && slices.Contains(kindStarts, g.pos+1) {
			return i
		}
	}
	for i := len(core) - 1; i >= 0; i-- {
		if specific(core[i]) {
			return i
		}
	}
	return -1
}

func markUsed(used []bool, m match) {
	for i := m.start; i < m.end; i++ {
		used[i] = true
	}
}

func appendNew(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// termGroups turns the unused, meaningful tokens into topic groups, joining
// two-word phrases that have synonyms ("time off", "water quality").
func termGroups(toks []string, used []bool) []Group {
	var groups []Group
	seen := map[string]bool{}
	for i := 0; i < len(toks); i++ {
		if used[i] {
			continue
		}
		// A two-word entry of the lexicon counts unless both words are stop
		// words: "look for" is a phrasal verb of the request, not a topic.
		if i+1 < len(toks) && !used[i+1] && !(stopWords[toks[i]] && stopWords[toks[i+1]]) {
			pair := toks[i] + " " + toks[i+1]
			_, hand := synonymsStemmed[pair]
			if (hand || len(wordnet(pair)) > 0) && !seen[pair] {
				seen[pair] = true
				alts := append([][]string{{toks[i], toks[i+1]}}, synonymsStemmed[pair]...)
				groups = append(groups, Group{Label: pair, Alts: alts, Lexical: wordnetAlts(pair, alts), pos: i + 1})
				i++
				continue
			}
		}
		t := toks[i]
		if stopWords[t] || len(t) < 2 || isDigits(t) || seen[t] {
			continue
		}
		seen[t] = true
		alts := append([][]string{{t}}, synonymsStemmed[t]...)
		var lexical [][]string
		if !weakTerms[t] && !genericHeads[t] {
			lexical = wordnetAlts(t, alts)
		}
		groups = append(groups, Group{Label: t, Alts: alts, Lexical: lexical, pos: i})
	}
	return groups
}

var synonymsStemmed = func() map[string][][]string {
	out := map[string][][]string{}
	for k, vs := range synonyms {
		key := strings.Join(tokens(k), " ")
		for _, v := range vs {
			out[key] = append(out[key], tokens(v))
		}
	}
	return out
}()

func isDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// parsePeriods finds the time constraints of a prompt and returns them with the
// text they were written in blanked out.
func parsePeriods(s string, now time.Time, siteFYStart int) ([]Period, string) {
	var out []Period
	blank := func(re *regexp.Regexp, fn func(m []string) []Period) {
		s = re.ReplaceAllStringFunc(s, func(x string) string {
			if ps := fn(re.FindStringSubmatch(x)); len(ps) > 0 {
				out = append(out, ps...)
				return " "
			}
			return x
		})
	}
	startMonth := siteFYStart // fiscal years start in January unless the prompt or the site says otherwise
	if m := fyStartRE.FindStringSubmatch(s); m != nil {
		startMonth = months[m[1]]
		s = strings.Replace(s, m[0], " ", 1)
	}
	blank(periodEndingRE, func(m []string) []Period {
		span := map[string]int{"year": 12, "half year": 6, "half-year": 6, "six months": 6, "quarter": 3, "three months": 3, "month": 1}[m[1]]
		end := day(atoi(m[3]), months[m[2]], 1).AddDate(0, 1, 0)
		return []Period{{end.AddDate(0, -span, 0), end}}
	})
	blank(monthsOfRE, func(m []string) []Period {
		n, ok := numberWords[m[2]]
		if !ok {
			n = atoi(m[2])
		}
		y := atoi(m[3])
		if n < 1 || n > 11 {
			return nil
		}
		if m[1] == "first" {
			return []Period{{day(y, 1, 1), day(y, 1+n, 1)}}
		}
		return []Period{{day(y, 13-n, 1), day(y+1, 1, 1)}}
	})
	blank(quarterListRE, func(m []string) []Period {
		y := atoi(m[2])
		var ps []Period
		for _, q := range quarterRE.FindAllStringSubmatch(m[1], -1) {
			ps = append(ps, quarterPeriod(y, atoi(q[1])))
		}
		return ps
	})
	blank(sinceMonthRE, func(m []string) []Period {
		if m[1] == "from" && m[4] == "" {
			return nil // "minutes from May 2025" is that month: the month rule reads it
		}
		from := day(atoi(m[3]), months[m[2]], 1)
		if m[1] == "after" {
			from = from.AddDate(0, 1, 0)
		}
		return []Period{{from, day(now.Year()+1, 1, 1)}}
	})
	// "between August and November 2024", "between March 2023 and June 2024".
	blank(betweenMonthsRE, func(m []string) []Period {
		y2 := atoi(m[4])
		y1 := y2
		if m[2] != "" {
			y1 = atoi(m[2])
		}
		from, to := day(y1, months[m[1]], 1), day(y2, months[m[3]], 1).AddDate(0, 1, 0)
		if !to.After(from) {
			return nil
		}
		return []Period{{from, to}}
	})
	// "May, July and September 2023": each month named of that year.
	blank(monthListRE, func(m []string) []Period {
		y := atoi(m[len(m)-1])
		var ps []Period
		for _, mm := range monthWordRE.FindAllString(m[0], -1) {
			if mo, ok := months[strings.TrimSuffix(mm, ".")]; ok {
				ps = append(ps, monthPeriod(y, mo))
			}
		}
		if len(ps) < 2 {
			return nil
		}
		return ps
	})
	// "since mid-2023", "from mid 2023": from July of that year.
	blank(sinceMidRE, func(m []string) []Period {
		return []Period{{day(atoi(m[1]), 7, 1), day(now.Year()+1, 1, 1)}}
	})
	// A split year written without "fiscal" ("2022/23") is a fiscal year: with the
	// site's start month when it states one.
	if siteFYStart > 1 {
		blank(bareSplitRE, func(m []string) []Period {
			a, b := fullYear(m[1]), fullYear(m[2])
			if len(m[2]) == 2 {
				b = a/100*100 + atoi(m[2])
			}
			if b != a+1 {
				return nil
			}
			return []Period{{day(a, siteFYStart, 1), day(a+1, siteFYStart, 1)}}
		})
	}
	split := func(m []string) []Period {
		a, b := fullYear(m[1]), fullYear(m[2])
		if len(m[2]) == 2 {
			b = a/100*100 + atoi(m[2])
		}
		if b != a+1 {
			return nil
		}
		sm := startMonth
		if sm <= 1 {
			sm = 7 // a split fiscal year with no stated start runs July–June
		}
		return []Period{{day(a, sm, 1), day(a+1, sm, 1)}}
	}
	blank(fySplitRE, split)
	blank(fySplitAfterRE, split)
	fiscal := func(m []string) []Period {
		y := fullYear(m[1])
		if startMonth > 1 {
			return []Period{{day(y-1, startMonth, 1), day(y, startMonth, 1)}}
		}
		return []Period{yearPeriod(y)}
	}
	blank(fySuffixRE, fiscal)
	blank(fyPrefixRE, fiscal)
	// Explicit quarters, months and days.
	specific, _ := findDates(s)
	if len(specific) > 0 {
		out = append(out, specific...)
		for _, p := range datePatterns {
			s = p.re.ReplaceAllString(s, " ")
		}
	}
	blank(yearRangeRE, func(m []string) []Period {
		a, b := atoi(m[2]), atoi(m[3])
		if b < a || b-a > 50 {
			return nil
		}
		if strings.Contains(m[0], "and") && m[1] == "" {
			return []Period{yearPeriod(a), yearPeriod(b)}
		}
		return []Period{{day(a, 1, 1), day(b+1, 1, 1)}}
	})
	blank(beforeRE, func(m []string) []Period {
		y := atoi(m[3])
		if m[2] != "" {
			y++ // "up to 2021" includes 2021
		}
		return []Period{{day(1900, 1, 1), day(y, 1, 1)}}
	})
	blank(sinceRE, func(m []string) []Period {
		y := atoi(m[1] + m[2])
		if strings.HasPrefix(m[0], "after") {
			y++
		}
		return []Period{{day(y, 1, 1), day(now.Year()+1, 1, 1)}}
	})
	blank(relativeRE, func(m []string) []Period {
		n := 1
		if m[2] != "" {
			if v, ok := numberWords[m[2]]; ok {
				n = v
			} else {
				n = atoi(m[2])
			}
		}
		y, mo := now.Year(), int(now.Month())
		q := (mo-1)/3 + 1
		switch m[3] {
		case "year":
			switch m[1] {
			case "this", "current":
				return []Period{yearPeriod(y)}
			case "next":
				return []Period{yearPeriod(y + 1)}
			}
			if m[2] != "" {
				return []Period{{day(y-n, 1, 1), day(y+1, 1, 1)}}
			}
			return []Period{yearPeriod(y - 1)}
		case "month":
			cur := monthPeriod(y, mo)
			switch m[1] {
			case "this", "current":
				return []Period{cur}
			case "next":
				return []Period{{cur.To, cur.To.AddDate(0, 1, 0)}}
			}
			return []Period{{cur.From.AddDate(0, -n, 0), cur.From}}
		case "quarter":
			cur := quarterPeriod(y, q)
			switch m[1] {
			case "this", "current":
				return []Period{cur}
			case "next":
				return []Period{{cur.To, cur.To.AddDate(0, 3, 0)}}
			}
			return []Period{{cur.From.AddDate(0, -3*n, 0), cur.From}}
		}
		return nil
	})
	_, years := findDates(s)
	out = append(out, years...)
	for _, y := range years {
		s = strings.Replace(s, y.From.Format("2006"), " ", 1)
	}
	return out, s
}
