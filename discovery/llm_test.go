package discovery

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skop-dev/skop/internal/testsite"
)

// fakeLLM is a local OpenAI-compatible chat completions server that records the
// requests it gets and answers from a script, one entry per call (the last one
// repeats): a JSON content string, or a status code, or a hang.
type fakeLLM struct {
	*httptest.Server
	mu       sync.Mutex
	requests []map[string]any
	script   []llmReply
	calls    atomic.Int32
	aborted  atomic.Int32
	// answer, when set, writes the content of call n from its user message (""
	// keeps the script's).
	answer func(n int, user string) string
}

// userMessage is the user message of call n.
func (f *fakeLLM) userMessage(n int) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if n >= len(f.requests) {
		return ""
	}
	msgs, _ := f.requests[n]["messages"].([]any)
	for _, m := range msgs {
		if mm, _ := m.(map[string]any); mm["role"] == "user" {
			s, _ := mm["content"].(string)
			return s
		}
	}
	return ""
}

type llmReply struct {
	status     int    // 0 = 200
	content    string // the assistant message
	raw        string // a whole raw body instead
	retryAfter string
	hang       bool
	tokens     int
}

func newFakeLLM(script ...llmReply) *fakeLLM {
	f := &fakeLLM{script: script}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		f.mu.Lock()
		f.requests = append(f.requests, body)
		f.mu.Unlock()
		n := int(f.calls.Add(1)) - 1
		rep := f.script[min(n, len(f.script)-1)]
		if f.answer != nil {
			if c := f.answer(n, f.userMessage(n)); c != "" {
				rep.content = c
			}
		}
		if rep.hang {
			<-r.Context().Done()
			f.aborted.Add(1)
			return
		}
		if rep.retryAfter != "" {
			w.Header().Set("Retry-After", rep.retryAfter)
		}
		if rep.status != 0 {
			w.WriteHeader(rep.status)
			return
		}
		if rep.raw != "" {
			_, _ = io.WriteString(w, rep.raw)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{
			"choices": []any{map[string]any{"message": map[string]any{"role": "assistant", "content": rep.content}}},
			"usage":   map[string]any{"total_tokens": rep.tokens},
		})
	}))
	return f
}

const sopAnswer = `{"kinds":["policy"],"excluded_kinds":[],"kind_names":["standard operating procedure"],
"topics":[{"term":"sop","synonyms":["standard operating procedure"]}],"excluded_terms":[],"periods":[],"current":false,"final":false}`

const annualAnswer = `{"kinds":["annual report"],"excluded_kinds":[],"kind_names":[],"topics":[],"excluded_terms":[],
"periods":[{"from":"2024-01-01","to":"2025-01-01"}],"current":false,"final":false}`

func sopSite() *testsite.Site {
	return testsite.New(map[string]testsite.Resource{
		"/": testsite.HTML(`<h1>Laboratory documents</h1><ul>
			<li><a href="/d/lab-safety.pdf">Standard Operating Procedure – Laboratory Safety</a></li>
			<li><a href="/d/waste.pdf">Standard Operating Procedure – Chemical Waste</a></li>
			<li><a href="/d/annual.pdf">Annual report 2024</a></li></ul>`),
		"/d/lab-safety.pdf": testsite.PDFFile("Laboratory Safety", "STANDARD OPERATING PROCEDURE\nLaboratory safety"),
		"/d/waste.pdf":      testsite.PDFFile("Chemical Waste", "STANDARD OPERATING PROCEDURE\nChemical waste"),
		"/d/annual.pdf":     testsite.PDFFile("Annual report 2024", "ANNUAL REPORT 2024"),
	})
}

func llmEngine(url string) *Engine {
	return New(Config{AllowPrivateNetworks: true, LLM: LLMConfig{URL: url + "/v1", Model: "test-model", APIKey: "k",
		Timeout: 300 * time.Millisecond, RetryBaseDelay: 10 * time.Millisecond}})
}

// TestLLMStage: the model's reading (a kind name and topic synonyms the rules do
// not know) finds the documents; its request carries the model, the schema and
// the key; the tokens are counted.
func TestLLMStage(t *testing.T) {
	site := sopSite()
	defer site.Close()
	llm := newFakeLLM(llmReply{content: sopAnswer, tokens: 321})
	defer llm.Close()
	// Lower case: written in capitals, the rules spell "SOP" out from the
	// initials of "Standard Operating Procedure" themselves.
	req := Request{StartURL: site.URL + "/", Prompt: "Get me the lab's sops", SinglePage: true, ConfidenceThreshold: 0.5}

	// The reading alone is tested here: the judge (a second call) is off.
	e := llmEngine(llm.URL)
	e.cfg.LLM.NoJudge = true
	docs, last, warnings, err := collect(t, e, req)
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(docs); strings.Join(got, " ") != "/d/lab-safety.pdf /d/waste.pdf" {
		t.Errorf("with the model: documents = %v", got)
	}
	if len(warnings) != 0 || last.LLMTokens != 321 {
		t.Errorf("warnings %q, tokens %d", warnings, last.LLMTokens)
	}
	llm.mu.Lock()
	body := llm.requests[0]
	llm.mu.Unlock()
	rf, _ := body["response_format"].(map[string]any)
	if body["model"] != "test-model" || rf["type"] != "json_schema" {
		t.Errorf("request = %v", body)
	}
	// The rules alone do not know "sops": every document scores alike, and
	// none is likely enough to keep.
	plain, _, _, err := collect(t, New(Config{AllowPrivateNetworks: true}), req)
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(plain); slices.Equal(got, paths(docs)) {
		t.Errorf("the rules alone found %v: the test does not show what the model adds", got)
	}
}

// TestLLMFailuresFallBack: a malformed answer, an unknown kind, an error status
// and a model that never answers leave the rules' reading, with a warning; 429
// with Retry-After is retried.
func TestLLMFailuresFallBack(t *testing.T) {
	site := sopSite()
	defer site.Close()
	req := Request{StartURL: site.URL + "/", Prompt: "Find the annual report 2024", SinglePage: true, ConfidenceThreshold: 0.5}
	for _, tt := range []struct {
		name   string
		script []llmReply
		calls  int32
		warn   string
	}{
		{"malformed JSON", []llmReply{{content: `{"kinds": [`}}, 1, "does not follow the schema"},
		{"not a chat completion", []llmReply{{raw: `<html>gateway</html>`}}, 1, "not a chat completion"},
		{"unknown kind", []llmReply{{content: strings.Replace(sopAnswer, `["policy"]`, `["spaceship"]`, 1)}}, 1, "unknown kind"},
		{"extra field", []llmReply{{content: strings.Replace(sopAnswer, `"final":false`, `"final":false,"why":"x"`, 1)}}, 1, "does not follow the schema"},
		{"401", []llmReply{{status: 401}}, 1, "HTTP 401"},
		{"503 every time", []llmReply{{status: 503}}, 3, "HTTP 503"},
		{"timeouts", []llmReply{{hang: true}}, 3, "deadline exceeded"},
		{"429 then an answer", []llmReply{{status: 429, retryAfter: "1"}, {content: annualAnswer}}, 2, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			llm := newFakeLLM(tt.script...)
			defer llm.Close()
			start := time.Now()
			docs, _, warnings, err := collect(t, llmEngine(llm.URL), req)
			if err != nil {
				t.Fatal(err)
			}
			if got := paths(docs); len(got) != 1 || got[0] != "/d/annual.pdf" {
				t.Errorf("documents = %v, want the annual report", got)
			}
			if n := llm.calls.Load(); n != tt.calls {
				t.Errorf("the model was called %d times, want %d", n, tt.calls)
			}
			switch {
			case tt.warn == "" && len(warnings) != 0:
				t.Errorf("warnings = %q", warnings)
			case tt.warn != "" && (len(warnings) != 1 || !strings.Contains(warnings[0], tt.warn)):
				t.Errorf("warnings = %q, want one naming %q", warnings, tt.warn)
			}
			if tt.name == "429 then an answer" && time.Since(start) < time.Second {
				t.Error("Retry-After was not honoured")
			}
		})
	}
}

// TestLLMCancel: a cancel aborts the call in flight at once.
func TestLLMCancel(t *testing.T) {
	site := sopSite()
	defer site.Close()
	llm := newFakeLLM(llmReply{hang: true})
	defer llm.Close()
	e := New(Config{AllowPrivateNetworks: true, LLM: LLMConfig{URL: llm.URL, Model: "m", Timeout: time.Minute}})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for llm.calls.Load() == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	start := time.Now()
	err := e.Run(ctx, Request{StartURL: site.URL + "/", Prompt: "Get me the lab's SOPs", SinglePage: true}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the run took %s to stop", took)
	}
	deadline := time.Now().Add(5 * time.Second)
	for llm.aborted.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if llm.aborted.Load() != 1 {
		t.Error("the model's request was not aborted")
	}
}

func TestParseLLMIntentPeriods(t *testing.T) {
	in, err := parseLLMIntent(strings.Replace(sopAnswer, `"periods":[]`, `"periods":[{"from":"2024-07-01","to":"2025-01-01"}]`, 1))
	if err != nil {
		t.Fatal(err)
	}
	merged := ParsePrompt("standard operating procedures", time.Now()).merge(in)
	if got := periods(merged.Periods); len(got) != 1 || got[0] != "2024-07-01..2025-01-01" {
		t.Errorf("periods = %v", got)
	}
	if _, err := parseLLMIntent(strings.Replace(sopAnswer, `"periods":[]`, `"periods":[{"from":"2025-01-01","to":"2024-01-01"}]`, 1)); err == nil {
		t.Error("an inverted period was accepted")
	}
}
