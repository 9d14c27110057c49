package discovery

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/skop-dev/skop/internal/testsite"
)

// A request that describes a document instead of naming it: every policy scores
// alike, near the threshold, and only the model can tell which one is meant.
func describedPolicySite() *testsite.Site {
	return testsite.New(map[string]testsite.Resource{
		"/": testsite.HTML(`<html><head><title>Ardley Town Library</title></head><body><h1>Library policies</h1><ul>
			<li><a href="/p/selection.pdf">Materials selection policy</a></li>
			<li><a href="/p/conduct.pdf">Patron conduct policy</a></li>
			<li><a href="/p/photography.pdf">Photography policy</a></li>
			<li><a href="/p/annual-2024.pdf">Annual report 2024</a></li></ul></body></html>`),
		"/p/selection.pdf":   testsite.PDFFile("Materials Selection Policy", "ARDLEY TOWN LIBRARY\nMaterials selection policy\nHow we choose items and when we withdraw them"),
		"/p/conduct.pdf":     testsite.PDFFile("Patron Conduct Policy", "ARDLEY TOWN LIBRARY\nPatron conduct policy"),
		"/p/photography.pdf": testsite.PDFFile("Photography Policy", "ARDLEY TOWN LIBRARY\nPhotography and filming policy"),
		"/p/annual-2024.pdf": testsite.PDFFile("Annual Report 2024", "ARDLEY TOWN LIBRARY\nAnnual report 2024"),
	})
}

const describedPrompt = "What is the library's policy on which books it buys and gets rid of?"

const policyIntent = `{"kinds":["policy"],"excluded_kinds":[],"kind_names":[],"topics":[],"excluded_terms":[],"periods":[],"current":false,"final":false}`

// TestLLMJudgeNearThreshold: the documents near the threshold go to the model in
// one call after the inspection; the one it judges relevant is kept at the
// threshold, the others are dropped; documents far below are not sent.
func TestLLMJudgeNearThreshold(t *testing.T) {
	site := describedPolicySite()
	defer site.Close()
	req := Request{StartURL: site.URL + "/", Prompt: describedPrompt, SinglePage: true, ConfidenceThreshold: 0.5}

	plain, _, _, err := collect(t, New(Config{AllowPrivateNetworks: true}), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(plain) != 0 {
		t.Fatalf("the rules alone kept %v: the test does not show what the judge adds", paths(plain))
	}

	llm := newFakeLLM(llmReply{content: policyIntent, tokens: 100}, llmReply{tokens: 50})
	defer llm.Close()
	// The judge's ids follow the order it lists the documents in: answer by name.
	llm.answer = func(n int, user string) string {
		if n == 0 {
			return ""
		}
		var verdicts []string
		for _, line := range strings.Split(user, "\n") {
			if id, _, ok := strings.Cut(line, ". name: "); ok && len(id) <= 2 {
				verdicts = append(verdicts, `{"id":`+id+`,"relevant":`+map[bool]string{true: "true", false: "false"}[strings.Contains(line, "Selection")]+`}`)
			}
		}
		return `{"verdicts":[` + strings.Join(verdicts, ",") + `]}`
	}
	docs, last, warnings, err := collect(t, llmEngine(llm.URL), req)
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(docs); strings.Join(got, " ") != "/p/selection.pdf" {
		t.Fatalf("with the judge: documents = %v (warnings %q)", got, warnings)
	}
	if docs[0].Confidence != 0.5 || !strings.Contains(docs[0].Why, "judged relevant by the language model") {
		t.Errorf("kept as %.3f, %q", docs[0].Confidence, docs[0].Why)
	}
	if llm.calls.Load() != 2 {
		t.Errorf("%d calls to the model, want 2 (the prompt, one batched judgement)", llm.calls.Load())
	}
	if last.LLMTokens != 150 {
		t.Errorf("tokens = %d, want 150", last.LLMTokens)
	}
	judged := llm.userMessage(1)
	if !strings.Contains(judged, "Materials Selection Policy") || !strings.Contains(judged, describedPrompt) {
		t.Errorf("the judge request lacks the documents or the request:\n%s", judged)
	}
	if strings.Contains(judged, "Annual Report 2024") {
		t.Errorf("a document far below the threshold was sent to the judge:\n%s", judged)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings %q", warnings)
	}
}

// TestLLMJudgeFailureFallsBack: an answer that judges a document it was not
// asked about is refused; the scores decide, with a warning.
func TestLLMJudgeFailureFallsBack(t *testing.T) {
	site := describedPolicySite()
	defer site.Close()
	llm := newFakeLLM(llmReply{content: policyIntent}, llmReply{content: `{"verdicts":[{"id":99,"relevant":true}]}`})
	defer llm.Close()
	req := Request{StartURL: site.URL + "/", Prompt: describedPrompt, SinglePage: true, ConfidenceThreshold: 0.5}
	docs, _, warnings, err := collect(t, llmEngine(llm.URL), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 0 {
		t.Errorf("documents = %v, want the rules' verdict (none)", paths(docs))
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "could not judge") || !strings.Contains(warnings[0], "unknown document 99") {
		t.Errorf("warnings = %q", warnings)
	}
}

// TestLLMJudgeOff: with NoJudge the model reads the prompt only.
func TestLLMJudgeOff(t *testing.T) {
	site := describedPolicySite()
	defer site.Close()
	llm := newFakeLLM(llmReply{content: policyIntent})
	defer llm.Close()
	e := New(Config{AllowPrivateNetworks: true, LLM: LLMConfig{URL: llm.URL + "/v1", Model: "m", NoJudge: true}})
	if _, _, _, err := collect(t, e, Request{StartURL: site.URL + "/", Prompt: describedPrompt, SinglePage: true, ConfidenceThreshold: 0.5}); err != nil {
		t.Fatal(err)
	}
	if llm.calls.Load() != 1 {
		t.Errorf("%d calls, want 1", llm.calls.Load())
	}
}

// TestLLMJudgeCancel: a cancel during the judging call aborts it at once.
func TestLLMJudgeCancel(t *testing.T) {
	site := describedPolicySite()
	defer site.Close()
	llm := newFakeLLM(llmReply{content: policyIntent}, llmReply{hang: true})
	defer llm.Close()
	e := New(Config{AllowPrivateNetworks: true, LLM: LLMConfig{URL: llm.URL, Model: "m", Timeout: time.Minute}})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for llm.calls.Load() < 2 {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	start := time.Now()
	err := e.Run(ctx, Request{StartURL: site.URL + "/", Prompt: describedPrompt, SinglePage: true, ConfidenceThreshold: 0.5}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the run took %s to stop", took)
	}
	for deadline := time.Now().Add(5 * time.Second); llm.aborted.Load() == 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	if llm.aborted.Load() != 1 {
		t.Error("the judging request was not aborted")
	}
}

func TestParseVerdicts(t *testing.T) {
	for _, bad := range []string{`{"verdicts":[{"id":1}]}`, `{"verdicts":[{"id":1,"relevant":true},{"id":1,"relevant":false}]}`,
		`{"verdicts":[{"id":0,"relevant":true}]}`, `{"verdicts":[],"extra":1}`, `not json`} {
		if _, err := parseVerdicts(bad, 3); err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
	v, err := parseVerdicts(`{"verdicts":[{"id":2,"relevant":true}]}`, 3)
	if err != nil || !v[2] || len(v) != 1 {
		t.Errorf("verdicts = %v, %v", v, err)
	}
}
