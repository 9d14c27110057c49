package discovery

import (
	"regexp"
	"strings"
	"unicode"
)

// Intent is what a prompt asks for, reduced to terms that can be matched against the
// evidence around a document.
type Intent struct {
	Terms []string // stemmed topic and kind words, instruction words dropped
	Years []string // four-digit years the prompt names
}

// stopWords are words that carry no meaning for matching: function words and the
// instruction words a prompt is phrased with ("find all documents …").
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an and are as at be by can could do documents document doc docs file files
for from get give i in into is it its list locate me my of on or our please pdf pdfs
retrieve return search show that the their them these this those to want we what which
with would you your all any every each find fetch download look looking need just only
not other than some site website page pages link links available related`) {
		stopWords[w] = true
	}
}

var yearRE = regexp.MustCompile(`\b(19[5-9][0-9]|20[0-9][0-9])\b`)

// ParsePrompt turns a prompt into an Intent.
func ParsePrompt(prompt string) Intent {
	var in Intent
	seen := map[string]bool{}
	for _, tok := range tokenize(prompt) {
		if yearRE.MatchString(tok) && len(tok) == 4 {
			if !seen["y"+tok] {
				seen["y"+tok] = true
				in.Years = append(in.Years, tok)
			}
			continue
		}
		if stopWords[tok] || len(tok) < 2 || isNumber(tok) {
			continue
		}
		st := stem(tok)
		if !seen[st] {
			seen[st] = true
			in.Terms = append(in.Terms, st)
		}
	}
	return in
}

func isNumber(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// tokenize splits text into lower-case words, also at camelCase-free separators such
// as '-', '_', '/' and '.', so URL paths and file names yield their words.
func tokenize(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// stem is a deliberately small suffix stripper: enough to match "minutes"/"minute",
// "reports"/"report", "meetings"/"meeting".
func stem(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		return w[:len(w)-3]
	case strings.HasSuffix(w, "es") && len(w) > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes")):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// contextWeight is how much a term counts when only the surroundings of a link (the
// heading above it, the page title) carry it, against the link's own text and URL.
const contextWeight = 0.4

// Score rates how well the evidence for a document matches the intent, in [0, 1]:
// the weighted share of the prompt's terms found in the link's own text and URL
// (primary) or only around it (context), lowered when the evidence names years and
// none of them is a year the prompt asks for.
func (in Intent) Score(primary, context string) float64 {
	own, around := stems(primary), stems(context)
	years := yearRE.FindAllString(strings.ReplaceAll(primary+" "+context, "_", " "), -1)
	score := 0.5
	if len(in.Terms) > 0 {
		matched := 0.0
		for _, t := range in.Terms {
			switch {
			case own[t]:
				matched++
			case around[t]:
				matched += contextWeight
			}
		}
		score = matched / float64(len(in.Terms))
	}
	if len(in.Years) > 0 {
		switch {
		case containsAny(years, in.Years):
			score = 0.2 + 0.8*score
		case len(years) > 0:
			score *= 0.3
		default:
			score *= 0.8
		}
	}
	return min(score, 1)
}

func stems(s string) map[string]bool {
	out := map[string]bool{}
	for _, t := range tokenize(s) {
		out[stem(t)] = true
	}
	return out
}

func containsAny(have, want []string) bool {
	for _, h := range have {
		for _, w := range want {
			if h == w {
				return true
			}
		}
	}
	return false
}
