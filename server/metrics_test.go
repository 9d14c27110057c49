package server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/skop-dev/skop/client"
	"github.com/skop-dev/skop/server"
)

// TestMetrics: /metrics is served in front of the validated API (which would
// answer 404 for it) and counts requests by operation and status, jobs, and the
// crawl's pages and documents.
func TestMetrics(t *testing.T) {
	site := minutesSite()
	defer site.Close()
	h := start(t, options{workers: 1})
	c := h.client(h.keyA)
	id := h.create(c, site.URL+"/", minutesPrompt, &client.ScrapeParameters{ConfidenceThreshold: ptr(0.5)})
	h.waitStatus(c, id, 20*time.Second, client.JobStatusCompleted)
	mounted := httptest.NewServer(server.Mount(h.srv.Config.Handler, h.svc, true, nil))
	defer mounted.Close()
	resp, err := http.Get(mounted.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("/metrics: %d %s", resp.StatusCode, body)
	}
	for _, re := range []string{
		`skop_http_requests_total\{code="201",operation="createJob"\} [1-9]`,
		`skop_http_requests_total\{code="200",operation="getJobStatus"\} [1-9]`,
		`skop_http_request_duration_seconds_bucket\{operation="getJobStatus",le="[^"]+"\} [1-9]`,
		`skop_jobs_created_total [1-9]`,
		`skop_jobs_ended_total\{status="completed"\} [1-9]`,
		`skop_crawl_pages_total [1-9]`,
		`skop_crawl_documents_total [1-9]`,
		`skop_queue_depth \d`,
	} {
		if !regexp.MustCompile(re).Match(body) {
			t.Errorf("/metrics lacks %s", re)
		}
	}
	// The API behind it is untouched: an unknown path is still a 404 ErrorResponse.
	r2, err := http.Get(mounted.URL + "/nope")
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := io.ReadAll(r2.Body)
	r2.Body.Close()
	if r2.StatusCode != 404 || !strings.Contains(string(b2), `"status_code":404`) {
		t.Errorf("/nope: %d %s", r2.StatusCode, b2)
	}
}
