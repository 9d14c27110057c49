package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/skop-dev/skop/gen"
)

// Validation benchmarks per operation: the request (route, parameters, security)
// and the response (status, headers, body) of the API's hot reads, so a
// regression of the validator shows as a number. Run:
//
//	go test ./server -run '^$' -bench Validate -benchmem

func statusBody() []byte {
	now := time.Now().UTC().Truncate(time.Second)
	p := 40
	agent := "navigator"
	b, _ := json.Marshal(gen.JobStatusResponse{JobId: "job_k3v9x0q2m7a1b4c8", Status: gen.JobStatusInProgress, Message: "Crawling the website: 12 pages crawled",
		Progress: &p, CreatedAt: now, StartedAt: &now, EstimatedCompletion: &now, Deadline: now, CurrentAgent: &agent,
		AgentsCompleted: []string{}, TotalPagesCrawled: 12, TotalDocumentsFound: 3, DocumentsMatched: 1,
		Errors: []gen.JobError{}, Warnings: []string{}, IsActive: true})
	return b
}

func resultsBody(n int) []byte {
	now := time.Now().UTC().Truncate(time.Second)
	size := 0.25
	docs := make([]gen.ExtractedDocument, n)
	for i := range docs {
		docs[i] = gen.ExtractedDocument{Name: fmt.Sprintf("Council minutes %d", i), Url: fmt.Sprintf("https://example.gov/m/%d.pdf", i),
			SourcePage: "https://example.gov/meetings/", DocumentType: "pdf", ConfidenceScore: 0.9, FileSizeMb: &size, ExtractedAt: now}
	}
	rt, mins := 12.5, 0.21
	b, _ := json.Marshal(gen.JobResultsResponse{JobId: "job_k3v9x0q2m7a1b4c8", Status: gen.JobStatusCompleted, Message: "done", Documents: docs,
		Metadata: gen.JobMetadata{OriginalWebsite: "https://example.gov/", OriginalPrompt: "Find all council minutes from 2025",
			Parameters: gen.EffectiveParameters{SinglePage: true, Timeout: 1800, ConfidenceThreshold: 0.5, FileType: "document", MaxFileSizeMb: 100},
			CreatedAt:  now, StartedAt: &now, CompletedAt: &now},
		TotalDocumentsFound: n, TotalDocumentsDownloaded: n, TotalPagesCrawled: 3, SuccessRate: 1, Cost: 0.1,
		TotalRuntimeSeconds: &rt, RuntimeMinutes: &mins, Errors: []gen.JobError{}, Warnings: []string{}})
	return b
}

func BenchmarkValidate(b *testing.B) {
	useVerdicts = false // the validator itself, every time
	defer func() { useVerdicts = true }()
	doc, router, err := specRouter()
	if err != nil {
		b.Fatal(err)
	}
	errorSchema := doc.Components.Schemas["ErrorResponse"].Value
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}
	header := http.Header{"Content-Type": []string{"application/json"}}
	for _, tc := range []struct {
		name, method, path string
		status             int
		body               []byte
	}{
		{"getJobStatus", http.MethodGet, "/scrape/status/job_k3v9x0q2m7a1b4c8", 200, statusBody()},
		{"getJobResults/50", http.MethodGet, "/scrape/results/job_k3v9x0q2m7a1b4c8", 200, resultsBody(50)},
		{"listJobs", http.MethodGet, "/scrape/?limit=20&status=completed", 200, []byte(`{"jobs":[],"next_cursor":null,"has_more":false}`)},
		{"getHealth", http.MethodGet, "/health/", 200, []byte(`{"status":"healthy","service":"skop","version":"1.0.0","timestamp":"2026-01-01T00:00:00Z","dependency_status":{"database":"healthy","workers":"healthy"}}`)},
		{"getJobStatus/404", http.MethodGet, "/scrape/status/job_k3v9x0q2m7a1b4c8", 404, []byte(`{"error":true,"message":"Job not found or access denied","status_code":404,"path":"/scrape/status/job_k3v9x0q2m7a1b4c8","timestamp":"2026-01-01T00:00:00Z"}`)},
	} {
		req := httptest.NewRequest(tc.method, tc.path, nil)
		req.Header.Set("Authorization", "Bearer sk-x")
		route, params, err := router.FindRoute(req)
		if err != nil {
			b.Fatal(err)
		}
		// As in the server: the request validator keeps the route it found for
		// the response validator.
		req = req.WithContext(context.WithValue(req.Context(), stateCtxKey{}, &requestState{route: route, params: params}))
		if err := checkResponse(req, tc.status, header, tc.body, router, errorSchema); err != nil {
			b.Fatalf("%s: the sample response is not valid: %v", tc.name, err)
		}
		b.Run("request/"+tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r, _, _ := router.FindRoute(req)
				_ = r
				if err := openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("response/"+tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := checkResponse(req, tc.status, header, tc.body, router, errorSchema); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("response-kin-body/"+tc.name, func(b *testing.B) {
			useBodyCheckers = false // kin-openapi decodes and walks the body, as before the compiled checkers
			defer func() { useBodyCheckers = true }()
			b.ReportAllocs()
			for b.Loop() {
				if err := checkResponse(req, tc.status, header, tc.body, router, errorSchema); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("response-repeated/"+tc.name, func(b *testing.B) {
			useVerdicts = true
			defer func() { useVerdicts = false }()
			b.ReportAllocs()
			for b.Loop() {
				if err := checkResponse(req, tc.status, header, tc.body, router, errorSchema); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	_ = bytes.MinRead
}
