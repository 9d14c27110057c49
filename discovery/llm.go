package discovery

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"
)

// LLMConfig turns on the optional language-model stage: an OpenAI-compatible chat
// completions endpoint (OpenAI, Ollama, vLLM, llama.cpp's server …) reads the prompt
// into the same intent structure the rules build, with the synonyms and genre names
// of the kinds and topics it names — words no list holds. Its answer is constrained
// by a JSON schema, validated, and merged into the rules' intent; any failure leaves
// the rules' intent as it is, with a warning on the job. Off when URL is empty.
type LLMConfig struct {
	URL    string // base URL, e.g. http://127.0.0.1:11434/v1
	Model  string
	APIKey string // sent as Bearer when set
	// PricePer1KTokens is what the job's cost adds per 1,000 tokens used.
	PricePer1KTokens float64
	Timeout          time.Duration // per call (default 30 s)
	MaxRetries       int           // on timeouts, 429 and 5xx (default 2)
	// RetryBaseDelay is the first backoff (default 1 s), doubled each retry, or the
	// server's Retry-After when longer (up to 30 s).
	RetryBaseDelay time.Duration
	// NoJudge turns off the second use of the model: judging, in one batched call
	// after the inspection, the documents whose score is near the job's threshold.
	NoJudge bool
}

func (c LLMConfig) withDefaults() LLMConfig {
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.MaxRetries == 0 {
		c.MaxRetries = 2
	} else if c.MaxRetries < 0 {
		c.MaxRetries = 0
	}
	if c.RetryBaseDelay <= 0 {
		c.RetryBaseDelay = time.Second
	}
	return c
}

// llmIntent is the model's answer: what the prompt asks for, in the structure the
// rules use. Kinds must come from the engine's vocabulary.
type llmIntent struct {
	Kinds         []string   `json:"kinds"`
	ExcludedKinds []string   `json:"excluded_kinds"`
	KindNames     []string   `json:"kind_names"` // other names sites use for the kinds asked for
	Topics        []llmTopic `json:"topics"`
	ExcludedTerms []string   `json:"excluded_terms"`
	Periods       []llmSpan  `json:"periods"`
	Current       bool       `json:"current"`
	Final         bool       `json:"final"`
}

type llmTopic struct {
	Term     string   `json:"term"`
	Synonyms []string `json:"synonyms"`
}

type llmSpan struct {
	From string `json:"from"` // YYYY-MM-DD, inclusive
	To   string `json:"to"`   // YYYY-MM-DD, exclusive
}

// llmSchema is the JSON schema the model's answer must follow.
func llmSchema() map[string]any {
	kinds := knownKinds()
	str := map[string]any{"type": "string", "maxLength": 80}
	strs := func(max int, item map[string]any) map[string]any {
		return map[string]any{"type": "array", "maxItems": max, "items": item}
	}
	date := map[string]any{"type": "string", "pattern": `^\d{4}-\d{2}-\d{2}$`}
	return map[string]any{
		"type": "object", "additionalProperties": false,
		"required": []string{"kinds", "excluded_kinds", "kind_names", "topics", "excluded_terms", "periods", "current", "final"},
		"properties": map[string]any{
			"kinds":          strs(8, map[string]any{"type": "string", "enum": kinds}),
			"excluded_kinds": strs(8, map[string]any{"type": "string", "enum": kinds}),
			"kind_names":     strs(20, str),
			"topics": strs(8, map[string]any{"type": "object", "additionalProperties": false, "required": []string{"term", "synonyms"},
				"properties": map[string]any{"term": str, "synonyms": strs(12, str)}}),
			"excluded_terms": strs(8, str),
			"periods": strs(12, map[string]any{"type": "object", "additionalProperties": false, "required": []string{"from", "to"},
				"properties": map[string]any{"from": date, "to": date}}),
			"current": map[string]any{"type": "boolean"},
			"final":   map[string]any{"type": "boolean"},
		},
	}
}

func knownKinds() []string {
	seen := map[string]bool{}
	var out []string
	for _, k := range kindPhrases {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

const llmSystem = `You read requests for documents on a website and answer with JSON only.
Fill the fields: "kinds" - the kinds of document asked for, from the allowed list only;
"excluded_kinds" - kinds the request rules out; "kind_names" - other names websites use
for the kinds asked for (e.g. "Invitation to Tender" for a request for proposals);
"topics" - the subject terms of the request, each with synonyms and abbreviations sites
use; "excluded_terms" - subjects the request rules out; "periods" - the time spans the
documents must cover, as [from, to) dates, relative dates resolved against today;
"current" - true when only current, in-force versions are wanted; "final" - true when
only final, adopted versions are wanted. Leave out the asker's reasons and politeness.`

// llmError is a failure of the language-model stage; the run goes on without it.
type llmError struct{ msg string }

func (e *llmError) Error() string { return e.msg }

// askLLM reads prompt through the model. It returns the tokens used, also when it
// fails after some answered calls.
func (e *Engine) askLLM(ctx context.Context, prompt string, now time.Time) (*llmIntent, int, error) {
	user := fmt.Sprintf("Today is %s.\nAllowed kinds: %s.\nRequest: %s", now.Format("2006-01-02"), strings.Join(knownKinds(), ", "), prompt)
	content, tokens, err := e.chat(ctx, llmSystem, user, "intent", llmSchema())
	if err != nil {
		return nil, tokens, err
	}
	in, err := parseLLMIntent(content)
	return in, tokens, err
}

// chat sends one system and one user message to the model with a JSON schema for
// its answer, and returns the answer's content. Timeouts, connection errors, 429
// and 5xx are retried with backoff (Retry-After honoured up to 30 s); other
// failures are not. It returns the tokens used, also when it fails.
func (e *Engine) chat(ctx context.Context, system, user, schemaName string, schema map[string]any) (string, int, error) {
	cfg := e.cfg.LLM
	body, _ := json.Marshal(map[string]any{
		"model":       cfg.Model,
		"temperature": 0,
		"messages": []map[string]string{
			{"role": "system", "content": system},
			{"role": "user", "content": user},
		},
		"response_format": map[string]any{"type": "json_schema", "json_schema": map[string]any{"name": schemaName, "strict": true, "schema": schema}},
	})
	endpoint := strings.TrimSuffix(cfg.URL, "/")
	if !strings.HasSuffix(endpoint, "/chat/completions") {
		endpoint += "/chat/completions"
	}
	tokens := 0
	var last error
	for attempt := 0; attempt <= cfg.MaxRetries; attempt++ {
		if attempt > 0 {
			wait := backoff(cfg.RetryBaseDelay, attempt-1)
			var re *retryAfterError
			if errors.As(last, &re) && re.after > wait {
				wait = min(re.after, 30*time.Second)
			}
			if err := sleep(ctx, wait); err != nil {
				return "", tokens, err
			}
		}
		content, used, err := e.callLLM(ctx, endpoint, body)
		tokens += used
		if err == nil {
			return content, tokens, nil
		}
		if ctx.Err() != nil {
			return "", tokens, ctx.Err()
		}
		last = err
		var le *llmError
		if errors.As(err, &le) {
			return "", tokens, err // a bad answer is not retried
		}
	}
	return "", tokens, last
}

type retryAfterError struct {
	status int
	after  time.Duration
}

func (e *retryAfterError) Error() string { return fmt.Sprintf("HTTP %d", e.status) }

func (e *Engine) callLLM(ctx context.Context, endpoint string, body []byte) (string, int, error) {
	cfg := e.cfg.LLM
	cctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(cctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return "", 0, &llmError{"language model URL: " + err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	if cfg.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+cfg.APIKey)
	}
	resp, err := e.llmClient.Do(req)
	if err != nil {
		return "", 0, err // timeouts and connection errors are retried
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", 0, err
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
		ra, _ := retryAfter(resp.Header.Get("Retry-After"), time.Now())
		return "", 0, &retryAfterError{resp.StatusCode, ra}
	}
	if resp.StatusCode != http.StatusOK {
		return "", 0, &llmError{fmt.Sprintf("language model answered HTTP %d", resp.StatusCode)}
	}
	var out struct {
		Choices []struct {
			Message struct {
				Content string `json:"content"`
			} `json:"message"`
		} `json:"choices"`
		Usage struct {
			TotalTokens int `json:"total_tokens"`
		} `json:"usage"`
	}
	if err := json.Unmarshal(raw, &out); err != nil || len(out.Choices) == 0 {
		return "", out.Usage.TotalTokens, &llmError{"language model answer is not a chat completion"}
	}
	return out.Choices[0].Message.Content, out.Usage.TotalTokens, nil
}

// parseLLMIntent decodes and checks the model's JSON: unknown fields, unknown
// kinds, malformed or inverted dates and oversized lists are refused.
func parseLLMIntent(content string) (*llmIntent, error) {
	dec := json.NewDecoder(strings.NewReader(strings.TrimSpace(content)))
	dec.DisallowUnknownFields()
	var in llmIntent
	if err := dec.Decode(&in); err != nil {
		return nil, &llmError{"language model answer does not follow the schema: " + err.Error()}
	}
	known := map[string]bool{}
	for _, k := range knownKinds() {
		known[k] = true
	}
	for _, k := range append(slices.Clone(in.Kinds), in.ExcludedKinds...) {
		if !known[k] {
			return nil, &llmError{fmt.Sprintf("language model named an unknown kind %q", k)}
		}
	}
	if len(in.Kinds) > 8 || len(in.KindNames) > 20 || len(in.Topics) > 8 || len(in.Periods) > 12 || len(in.ExcludedTerms) > 8 {
		return nil, &llmError{"language model answer is too long"}
	}
	for _, p := range in.Periods {
		from, err1 := time.Parse("2006-01-02", p.From)
		to, err2 := time.Parse("2006-01-02", p.To)
		if err1 != nil || err2 != nil || !to.After(from) {
			return nil, &llmError{fmt.Sprintf("language model gave an invalid period %s..%s", p.From, p.To)}
		}
	}
	return &in, nil
}

// merge adds what the model understood to the rules' intent. The rules keep what
// they found; the model adds kinds and exclusions they missed, other names for
// the kinds (matched like WordNet's synonyms), topic synonyms, and periods when the
// rules found none.
func (in Intent) merge(m *llmIntent) Intent {
	for _, k := range m.Kinds {
		in.Kinds = appendNew(in.Kinds, k)
	}
	for _, k := range m.ExcludedKinds {
		if !slices.Contains(in.Kinds, k) {
			in.Excluded = appendNew(in.Excluded, k)
		}
	}
	for _, n := range m.KindNames {
		if t := tokens(n); len(t) > 0 {
			in.KindNames = append(in.KindNames, t)
		}
	}
	for _, tp := range m.Topics {
		term := tokens(tp.Term)
		if len(term) == 0 {
			continue
		}
		var syns [][]string
		for _, s := range tp.Synonyms {
			if t := tokens(s); len(t) > 0 {
				syns = append(syns, t)
			}
		}
		found := false
		for i, g := range in.Core {
			if slices.ContainsFunc(g.Alts, func(a []string) bool { return slices.Equal(a, term) }) || g.Label == strings.Join(term, " ") {
				in.Core[i].Lexical = append(in.Core[i].Lexical, syns...)
				found = true
			}
		}
		if !found {
			// A topic the rules did not see is optional: a bonus, never a demand.
			in.Optional = append(in.Optional, Group{Label: strings.Join(term, " "), Alts: [][]string{term}, Lexical: syns})
		}
	}
	for _, x := range m.ExcludedTerms {
		if t := tokens(x); len(t) > 0 {
			in.ExcludedTerms = append(in.ExcludedTerms, Group{Label: strings.Join(t, " "), Alts: [][]string{t}})
		}
	}
	if len(in.Periods) == 0 {
		for _, p := range m.Periods {
			from, _ := time.Parse("2006-01-02", p.From)
			to, _ := time.Parse("2006-01-02", p.To)
			in.Periods = append(in.Periods, Period{from.UTC(), to.UTC()})
		}
	}
	in.Current = in.Current || m.Current
	in.Final = in.Final || m.Final
	return in
}
