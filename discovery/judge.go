package discovery

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/skop-dev/skop/internal/text"
)

// The language model's second job: the documents whose score lies near the
// job's threshold, where the rules are least sure, are sent to it in one batched
// call after the inspection, and it says which match the request. Documents
// clearly above or below the threshold are decided by the rules alone, so a run
// makes at most one judging call, whatever the site's size.

const (
	// judgeBelow and judgeAbove bound the band around the threshold whose
	// documents the model judges, in log-odds: a confidence is a probability, so
	// "near" 0.5 spans more of [0, 1] than "near" 0.05 does. At a threshold of
	// 0.5 the band is [0.05, 0.82).
	judgeBelow = 3.0
	judgeAbove = 1.5
	// maxJudged is how many documents one call judges at most: the closest to the
	// threshold; the rules decide the others.
	maxJudged = 24
	// snippetChars is how much of a document's first lines the model sees.
	snippetChars = 300
)

// held is a document waiting for the model's verdict.
type held struct {
	doc     Document
	score   float64
	anchor  string    // the link's text
	file    string    // the URL's file name
	snippet string    // the document's first lines
	from    time.Time // the start of the period it covers, when dated
	dated   bool
}

// latestOnly keeps, of the documents kept, those with the latest date; undated
// ones go when any is dated.
func latestOnly(hs []held) []Document {
	var newest time.Time
	dated := false
	for _, h := range hs {
		if h.dated && (!dated || h.from.After(newest)) {
			newest, dated = h.from, true
		}
	}
	var out []Document
	for _, h := range hs {
		if !dated || (h.dated && h.from.Equal(newest)) {
			out = append(out, h.doc)
		}
	}
	return out
}

// nearThreshold reports whether a score is in the band the model judges.
func (r *run) nearThreshold(score float64) bool {
	if r.e.cfg.LLM.URL == "" || r.e.cfg.LLM.NoJudge {
		return false
	}
	d := logOdds(score) - logOdds(r.req.ConfidenceThreshold)
	return d >= -judgeBelow && d < judgeAbove
}

// logOdds is log(p/(1-p)), bounded for p at 0 or 1.
func logOdds(p float64) float64 {
	p = math.Min(math.Max(p, 1e-4), 1-1e-4)
	return math.Log(p / (1 - p))
}

const judgeSystem = `You decide which documents on a website match a request for documents.
For each numbered document you get its name, the text of the link to it, and its first
lines. Answer with JSON only: {"verdicts":[{"id":<number>,"relevant":<true|false>}]},
one verdict for every document. A document is relevant when it is of the kind and about
the subject and period the request asks for, and is not something the request rules out.`

func judgeSchema(n int) map[string]any {
	return map[string]any{
		"type": "object", "additionalProperties": false, "required": []string{"verdicts"},
		"properties": map[string]any{
			"verdicts": map[string]any{"type": "array", "maxItems": n, "items": map[string]any{
				"type": "object", "additionalProperties": false, "required": []string{"id", "relevant"},
				"properties": map[string]any{"id": map[string]any{"type": "integer"}, "relevant": map[string]any{"type": "boolean"}},
			}},
		},
	}
}

// judgeHeld asks the model about the held documents and returns those to keep.
// The closest maxJudged to the threshold are judged; the rest, and all of them
// when the model fails, are decided by their scores, with a warning on failure.
func (r *run) judgeHeld(ctx context.Context, hs []held) ([]held, error) {
	t := r.req.ConfidenceThreshold
	lt := logOdds(t)
	sort.SliceStable(hs, func(i, j int) bool { return math.Abs(logOdds(hs[i].score)-lt) < math.Abs(logOdds(hs[j].score)-lt) })
	judged := hs[:min(len(hs), maxJudged)]
	var keep []held
	byRules := func(hs []held) {
		for _, h := range hs {
			if h.score >= t {
				keep = append(keep, h)
			}
		}
	}
	byRules(hs[len(judged):])

	var b strings.Builder
	fmt.Fprintf(&b, "Request: %s\n\nDocuments:\n", r.req.Prompt)
	for i, h := range judged {
		fmt.Fprintf(&b, "%d. name: %q; link: %q; file: %q; first lines: %q\n", i+1, h.doc.Name, h.anchor, h.file, h.snippet)
	}
	content, tokens, err := r.e.chat(ctx, judgeSystem, b.String(), "verdicts", judgeSchema(len(judged)))
	r.progress.LLMTokens += tokens
	if err == nil {
		var verdicts map[int]bool
		if verdicts, err = parseVerdicts(content, len(judged)); err == nil {
			for i, h := range judged {
				relevant, said := verdicts[i+1]
				switch {
				case !said:
					byRules([]held{h})
				case relevant:
					h.doc.Confidence = math.Max(h.doc.Confidence, t)
					h.doc.Why += ", judged relevant by the language model"
					keep = append(keep, h)
				}
			}
			return keep, nil
		}
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("the language model could not judge %s near the threshold (%v); their scores decided",
		plural(len(judged), "document"), err))
	byRules(judged)
	return keep, nil
}

// parseVerdicts decodes the model's verdicts: ids must be those asked about, each
// at most once.
func parseVerdicts(content string, n int) (map[int]bool, error) {
	dec := json.NewDecoder(strings.NewReader(strings.TrimSpace(content)))
	dec.DisallowUnknownFields()
	var out struct {
		Verdicts []struct {
			ID       *int  `json:"id"`
			Relevant *bool `json:"relevant"`
		} `json:"verdicts"`
	}
	if err := dec.Decode(&out); err != nil {
		return nil, &llmError{"language model verdicts do not follow the schema: " + err.Error()}
	}
	verdicts := make(map[int]bool, len(out.Verdicts))
	for _, v := range out.Verdicts {
		if v.ID == nil || v.Relevant == nil {
			return nil, &llmError{"language model verdict without id or relevant"}
		}
		if *v.ID < 1 || *v.ID > n {
			return nil, &llmError{fmt.Sprintf("language model judged an unknown document %d", *v.ID)}
		}
		if _, dup := verdicts[*v.ID]; dup {
			return nil, &llmError{fmt.Sprintf("language model judged document %d twice", *v.ID)}
		}
		verdicts[*v.ID] = *v.Relevant
	}
	return verdicts, nil
}

// snippetOf is the start of a document's text, for the model.
func snippetOf(c content) string {
	return text.Clip(strings.Join(c.lines, " "), snippetChars)
}
