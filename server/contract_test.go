package server_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/skop-dev/skop/apikeys"
	"github.com/skop-dev/skop/client"
	"github.com/skop-dev/skop/database"
	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/internal/testsite"
)

// minutesSite is a council page linking to 2025 minutes, a 2024 one and an agenda.
func minutesSite() *testsite.Site {
	return testsite.New(map[string]testsite.Resource{
		"/": testsite.HTML(`<html><head><title>Council</title></head><body><h2>Council meeting minutes</h2>
			<a href="/m/2025-01-14.pdf">Council meeting minutes January 14, 2025</a>
			<a href="/m/2025-02-11.pdf">Council meeting minutes February 11, 2025</a>
			<a href="/m/2024-12-10.pdf">Council meeting minutes December 10, 2024</a>
			<a href="/parks.pdf">Parks brochure</a></body></html>`),
		"/m/2025-01-14.pdf": testsite.PDFFile("Minutes 2025-01-14", "Minutes"),
		"/m/2025-02-11.pdf": testsite.PDFFile("Minutes 2025-02-11", "Minutes"),
		"/m/2024-12-10.pdf": testsite.PDFFile("Minutes 2024-12-10", "Minutes"),
		"/parks.pdf":        testsite.PDFFile("Parks", "Parks"),
	})
}

const minutesPrompt = "Find all council meeting minutes from 2025"

// Health answers from a ping at most a second old (jobs.pingFresh); a database
// that stops answering is still reported, within that second.
func TestHealthReportsALostDatabase(t *testing.T) {
	h := start(t, options{workers: 0})
	c := h.client("")
	ctx := context.Background()
	health, err := c.GetHealthWithResponse(ctx)
	if err != nil || health.JSON200 == nil || health.JSON200.Status != client.HealthResponseStatusHealthy {
		t.Fatalf("health before: %v %s", err, health.Body)
	}
	h.db.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		health, err = c.GetHealthWithResponse(ctx)
		if err != nil || health.JSON200 == nil {
			t.Fatalf("health after: %v %s", err, health.Body)
		}
		if health.JSON200.Status == client.HealthResponseStatusUnhealthy && health.JSON200.DependencyStatus.Database == client.DependencyStatusDatabaseUnhealthy {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("health still %+v 5 s after the database closed", health.JSON200)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestHealthRootAndSpec(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{workers: 1})
	c := h.client("")
	ctx := context.Background()
	health, err := c.GetHealthWithResponse(ctx)
	if err != nil || health.JSON200 == nil {
		t.Fatalf("health: %v %v", err, health)
	}
	if health.JSON200.Status != client.HealthResponseStatusHealthy || health.JSON200.Service != "skop" {
		t.Errorf("health = %+v", health.JSON200)
	}
	ready, err := c.GetReadinessWithResponse(ctx)
	if err != nil || ready.JSON200 == nil || !ready.JSON200.Ready {
		t.Fatalf("ready: %v %s", err, ready.Body)
	}
	root, err := c.GetRootWithResponse(ctx)
	if err != nil || root.JSON200 == nil || root.JSON200.Endpoints["cancel_job"] != "DELETE /scrape/{job_id}" {
		t.Fatalf("root: %v %s", err, root.Body)
	}
	doc, err := c.GetOpenAPIDocumentWithResponse(ctx)
	if err != nil || doc.StatusCode() != 200 || !bytes.Contains(doc.Body, []byte("operationId: cancelJob")) {
		t.Fatalf("openapi.yaml: %v %d", err, doc.StatusCode())
	}
	// The spellings without a trailing slash.
	for _, p := range []string{"/health", "/health/"} {
		resp, err := h.http.Get(h.srv.URL + p)
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("GET %s: %v %v", p, err, resp)
		}
	}
}

func TestReadinessWithoutWorkers(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{workers: 0})
	resp, err := h.client("").GetHealthWithResponse(context.Background())
	if err != nil || resp.JSON200 == nil || resp.JSON200.DependencyStatus.Workers != client.DependencyStatusWorkersDisabled {
		t.Fatalf("health without workers: %v %s", err, resp.Body)
	}
}

func TestAuthentication(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{workers: 0})
	ctx := context.Background()
	id := h.create(h.client(h.keyA), "http://127.0.0.1:9/", minutesPrompt, nil)

	check401 := func(name string, editor client.RequestEditorFn) {
		t.Helper()
		var editors []client.RequestEditorFn
		if editor != nil {
			editors = append(editors, editor)
		}
		resp, err := h.client("").CancelJobWithResponse(ctx, id, editors...)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode() != http.StatusUnauthorized || resp.JSON401 == nil {
			t.Errorf("%s: status %d, want 401: %s", name, resp.StatusCode(), resp.Body)
			return
		}
		if got := resp.HTTPResponse.Header.Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
			t.Errorf("%s: WWW-Authenticate = %q", name, got)
		}
		if resp.JSON401.StatusCode != 401 || !resp.JSON401.Error || resp.JSON401.Path != "/scrape/"+id {
			t.Errorf("%s: body %+v", name, resp.JSON401)
		}
	}
	check401("no key", nil)
	check401("unknown bearer key", client.BearerAuth("sk-"+strings.Repeat("a", 40)))
	check401("malformed bearer key", client.BearerAuth("not-a-key"))
	check401("unknown X-API-Key", client.APIKeyHeader("sk_"+strings.Repeat("b", 40)))
	check401("basic auth", func(_ context.Context, r *http.Request) error {
		r.SetBasicAuth("user", "pass")
		return nil
	})
	// An invalid X-API-Key beside a valid bearer still passes: one accepted
	// credential is enough, as with any OpenAPI security alternative.
	resp, err := h.client(h.keyA).GetJobStatusWithResponse(ctx, id, client.APIKeyHeader("sk-"+strings.Repeat("c", 40)))
	if err != nil || resp.StatusCode() != 200 {
		t.Errorf("valid bearer + invalid X-API-Key: %v %d", err, resp.StatusCode())
	}
	// X-API-Key alone works.
	c, _ := client.NewClientWithResponses(h.srv.URL, client.WithHTTPClient(h.http), client.WithAPIKeyHeader(h.keyA))
	if st, err := c.GetJobStatusWithResponse(ctx, id); err != nil || st.JSON200 == nil {
		t.Errorf("X-API-Key: %v %s", err, st.Body)
	}
	// A revoked key is refused.
	revoked := h.ensureKey("soon-revoked", apikeys.AllScopes)
	if err := h.keys.Revoke(ctx, "soon-revoked"); err != nil {
		t.Fatal(err)
	}
	check401("revoked key", client.BearerAuth(revoked))
}

func TestScopes(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{workers: 0})
	ctx := context.Background()
	id := h.create(h.client(h.keyA), "http://127.0.0.1:9/", minutesPrompt, nil)
	readOnly := h.ensureKey("read-only", []string{apikeys.ScopeRead})
	c := h.client(readOnly)
	cancel, err := c.CancelJobWithResponse(ctx, id)
	if err != nil || cancel.StatusCode() != http.StatusForbidden || cancel.JSON403 == nil || !strings.Contains(cancel.JSON403.Message, "scrape:cancel") {
		t.Errorf("cancel with a read-only key: %v %d %s", err, cancel.StatusCode(), cancel.Body)
	}
	create, err := c.CreateJobWithResponse(ctx, client.ScrapeRequest{Website: "http://127.0.0.1:9/", Prompt: minutesPrompt})
	if err != nil || create.StatusCode() != http.StatusForbidden {
		t.Errorf("create with a read-only key: %v %d %s", err, create.StatusCode(), create.Body)
	}
	// The read scope still reads (and 404s on another tenant's job alike).
	if st, err := c.GetJobStatusWithResponse(ctx, id); err != nil || st.StatusCode() != http.StatusNotFound {
		t.Errorf("status of another key's job with a read-only key: %v %d", err, st.StatusCode())
	}
}

func TestCreateValidation(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{workers: 0})
	tests := []struct {
		name, body, field string
	}{
		{"website missing", `{"prompt":"Find all council minutes"}`, "website"},
		{"prompt missing", `{"website":"https://example.com/"}`, "prompt"},
		{"prompt short", `{"website":"https://example.com/","prompt":"minutes"}`, "prompt"},
		{"prompt long", `{"website":"https://example.com/","prompt":"` + strings.Repeat("x", 501) + `"}`, "prompt"},
		{"ftp website", `{"website":"ftp://example.com/","prompt":"Find all council minutes"}`, "website"},
		{"relative website", `{"website":"/just/a/path","prompt":"Find all council minutes"}`, "website"},
		{"timeout low", `{"website":"https://example.com/","prompt":"Find all council minutes","parameters":{"timeout":59}}`, "parameters.timeout"},
		{"timeout high", `{"website":"https://example.com/","prompt":"Find all council minutes","parameters":{"timeout":3601}}`, "parameters.timeout"},
		{"threshold", `{"website":"https://example.com/","prompt":"Find all council minutes","parameters":{"confidence_threshold":1.5}}`, "parameters.confidence_threshold"},
		{"file type", `{"website":"https://example.com/","prompt":"Find all council minutes","parameters":{"file_type":"image"}}`, "parameters.file_type"},
		{"max size", `{"website":"https://example.com/","prompt":"Find all council minutes","parameters":{"max_file_size_mb":0}}`, "parameters.max_file_size_mb"},
		{"single_page type", `{"website":"https://example.com/","prompt":"Find all council minutes","parameters":{"single_page":"yes"}}`, "parameters.single_page"},
		{"max_pages zero", `{"website":"https://example.com/","prompt":"Find all council minutes","parameters":{"max_pages":0}}`, "parameters.max_pages"},
		{"max_pages above the ceiling", `{"website":"https://example.com/","prompt":"Find all council minutes","parameters":{"max_pages":2001}}`, "parameters.max_pages"},
		{"max_depth above the ceiling", `{"website":"https://example.com/","prompt":"Find all council minutes","parameters":{"max_depth":21}}`, "parameters.max_depth"},
		{"include pattern relative", `{"website":"https://example.com/","prompt":"Find all council minutes","parameters":{"include_paths":["boards/**"]}}`, "parameters.include_paths[0]"},
		{"exclude pattern malformed", `{"website":"https://example.com/","prompt":"Find all council minutes","parameters":{"exclude_paths":["/news/","/a[b/"]}}`, "parameters.exclude_paths[1]"},
		{"pattern ** inside a segment", `{"website":"https://example.com/","prompt":"Find all council minutes","parameters":{"include_paths":["/boards**"]}}`, "parameters.include_paths[0]"},
		{"unknown field", `{"website":"https://example.com/","prompt":"Find all council minutes","colour":"blue"}`, "colour"},
		{"not json", `{"website":`, "body"},
		{"empty", ``, "body"},
	}
	c := h.client(h.keyA)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.CreateJobWithBodyWithResponse(context.Background(), "application/json", strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode() != http.StatusBadRequest || resp.JSON400 == nil {
				t.Fatalf("status %d, want 400: %s", resp.StatusCode(), resp.Body)
			}
			if resp.JSON400.Details == nil || resp.JSON400.Details.Field != tt.field {
				t.Errorf("details = %+v, want field %q (message %q)", resp.JSON400.Details, tt.field, resp.JSON400.Message)
			}
			if strings.Contains(resp.JSON400.Message, "Schema:") || strings.Contains(resp.JSON400.Message, "\n") {
				t.Errorf("message leaks validator internals: %q", resp.JSON400.Message)
			}
		})
	}
	list, err := c.ListJobsWithResponse(context.Background(), nil)
	if err != nil || list.JSON200 == nil || len(list.JSON200.Jobs) != 0 {
		t.Errorf("rejected creates left jobs behind: %v %s", err, list.Body)
	}
	// A value above a ceiling says which ceiling.
	resp, err := c.CreateJobWithResponse(context.Background(), client.CreateJobJSONRequestBody{Website: "https://example.com/", Prompt: "Find all council minutes",
		Parameters: &client.ScrapeParameters{MaxPages: ptr(5000)}})
	if err != nil || resp.JSON400 == nil || !strings.Contains(resp.JSON400.Message, "at most 2000") || !strings.Contains(resp.JSON400.Message, "--max-pages-ceiling") {
		t.Errorf("max_pages 5000: %v %s", err, resp.Body)
	}
}

func TestCrawlControlsAreKept(t *testing.T) {
	t.Parallel()
	h := start(t, options{workers: 0})
	c := h.client(h.keyA)
	id := h.create(c, "https://example.com/", "Find all council minutes", &client.ScrapeParameters{SinglePage: ptr(false), MaxPages: ptr(1500), MaxDepth: ptr(12),
		IncludePaths: &[]string{"/boards/**"}, ExcludePaths: &[]string{"/boards/old/", "/news/*"}, AllowSubdomains: ptr(true)})
	res := h.results(c, id)
	p := res.Metadata.Parameters
	if p.MaxPages == nil || *p.MaxPages != 1500 || p.MaxDepth == nil || *p.MaxDepth != 12 || p.IncludePaths == nil || strings.Join(*p.IncludePaths, " ") != "/boards/**" ||
		p.ExcludePaths == nil || strings.Join(*p.ExcludePaths, " ") != "/boards/old/ /news/*" || p.AllowSubdomains == nil || !*p.AllowSubdomains {
		t.Errorf("effective parameters = %+v", p)
	}
}

func TestTransportErrors(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{workers: 0})
	do := func(method, path, body string, header map[string]string) (*http.Response, string) {
		req, _ := http.NewRequest(method, h.srv.URL+path, strings.NewReader(body))
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := h.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		return resp, b.String()
	}
	auth := map[string]string{"Authorization": "Bearer " + h.keyA, "Content-Type": "application/json"}
	if resp, body := do("GET", "/no/such/thing", "", nil); resp.StatusCode != 404 || !strings.Contains(body, `"status_code":404`) {
		t.Errorf("unknown route: %d %s", resp.StatusCode, body)
	}
	resp, body := do("PUT", "/scrape/job_abc", "", auth)
	if resp.StatusCode != 405 || !strings.Contains(body, `"status_code":405`) || !strings.Contains(resp.Header.Get("Allow"), "DELETE") {
		t.Errorf("wrong method: %d Allow=%q %s", resp.StatusCode, resp.Header.Get("Allow"), body)
	}
	big := `{"website":"https://example.com/","prompt":"` + strings.Repeat("x", 1<<20) + `"}`
	if resp, body := do("POST", "/scrape/", big, auth); resp.StatusCode != 413 || !strings.Contains(body, `"status_code":413`) {
		t.Errorf("large body: %d %s", resp.StatusCode, body)
	}
	if resp, body := do("POST", "/scrape", `{"website":"https://example.com/","prompt":"Find all council minutes"}`, auth); resp.StatusCode != 201 {
		t.Errorf("POST /scrape (no slash): %d %s", resp.StatusCode, body)
	}
	if resp, body := do("POST", "/scrape/", `x`, map[string]string{"Authorization": "Bearer " + h.keyA, "Content-Type": "text/plain"}); resp.StatusCode != 400 {
		t.Errorf("text/plain body: %d %s", resp.StatusCode, body)
	}
}

func TestJobLifecycle(t *testing.T) {
	site := minutesSite()
	defer site.Close()
	h := start(t, options{workers: 2})
	c := h.client(h.keyA)
	id := h.create(c, site.URL+"/", minutesPrompt, &client.ScrapeParameters{ConfidenceThreshold: ptr(0.5)})
	if !strings.HasPrefix(id, "job_") || len(id) < 4+16 {
		t.Errorf("job id %q", id)
	}
	st := h.waitStatus(c, id, 20*time.Second, client.JobStatusCompleted, client.JobStatusFailed)
	if st.Status != client.JobStatusCompleted {
		t.Fatalf("job ended %s: %q %+v", st.Status, st.Message, st.Errors)
	}
	if st.IsActive || st.Progress == nil || *st.Progress != 100 || st.StartedAt == nil || st.CompletedAt == nil || st.CancelledAt != nil {
		t.Errorf("final status = %+v", st)
	}
	if st.TotalPagesCrawled != 1 || st.TotalDocumentsFound != 4 || st.DocumentsMatched != 2 {
		t.Errorf("counters: pages %d documents %d matched %d", st.TotalPagesCrawled, st.TotalDocumentsFound, st.DocumentsMatched)
	}
	if !st.Deadline.Equal(st.CreatedAt.Add(1800*time.Second)) || st.EstimatedCompletion == nil || !st.EstimatedCompletion.Equal(*st.CompletedAt) {
		t.Errorf("deadline %v (created %v), estimated_completion %v (completed %v)", st.Deadline, st.CreatedAt, st.EstimatedCompletion, st.CompletedAt)
	}
	res := h.results(c, id)
	var got []string
	for _, d := range res.Documents {
		got = append(got, strings.TrimPrefix(d.Url, site.URL))
		if d.ConfidenceScore < 0.5 || d.SourcePage != site.URL+"/" || d.DocumentType != "pdf" || d.FileSizeMb == nil {
			t.Errorf("document %+v", d)
		}
	}
	if strings.Join(got, " ") != "/m/2025-01-14.pdf /m/2025-02-11.pdf" {
		t.Errorf("documents = %v", got)
	}
	if res.Metadata.Parameters.ConfidenceThreshold != 0.5 || !res.Metadata.Parameters.SinglePage || res.Metadata.Parameters.Timeout != 1800 ||
		res.Metadata.Parameters.MaxFileSizeMb != 100 || res.Metadata.OriginalWebsite != site.URL+"/" || res.Metadata.OriginalPrompt != minutesPrompt {
		t.Errorf("metadata = %+v", res.Metadata)
	}
	// The crawl controls the job did not set show the server's defaults.
	if p := res.Metadata.Parameters; p.MaxPages == nil || *p.MaxPages != 200 || p.MaxDepth == nil || *p.MaxDepth != 8 ||
		p.IncludePaths != nil || p.ExcludePaths != nil || p.AllowSubdomains != nil {
		t.Errorf("effective crawl controls = %+v", p)
	}
	if res.Cost != 0.1 || res.SuccessRate != 1 || res.TotalDocumentsDownloaded != 4 || res.TotalRuntimeSeconds == nil {
		t.Errorf("results totals: cost %v rate %v downloaded %d runtime %v", res.Cost, res.SuccessRate, res.TotalDocumentsDownloaded, res.TotalRuntimeSeconds)
	}
	list, err := c.ListJobsWithResponse(context.Background(), &client.ListJobsParams{Status: ptr(client.JobStatusCompleted)})
	if err != nil || list.JSON200 == nil || len(list.JSON200.Jobs) != 1 || list.JSON200.Jobs[0].JobId != id ||
		list.JSON200.Jobs[0].DocumentsMatched != 2 || !timesEqual(list.JSON200.Jobs[0].CompletedAt, st.CompletedAt) {
		t.Errorf("list completed: %v %s", err, list.Body)
	}
}

func TestFailedJob(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	site := testsite.New(map[string]testsite.Resource{})
	defer site.Close()
	h := start(t, options{workers: 1})
	c := h.client(h.keyA)
	id := h.create(c, site.URL+"/gone", minutesPrompt, nil)
	st := h.waitStatus(c, id, 20*time.Second, client.JobStatusFailed, client.JobStatusCompleted)
	if st.Status != client.JobStatusFailed || !st.HasErrors || len(st.Errors) != 1 || st.Errors[0].ErrorType != "http_error" || st.Errors[0].IsRecoverable {
		t.Fatalf("status = %+v", st)
	}
	resp, err := c.CancelJobWithResponse(context.Background(), id)
	if err != nil || resp.JSON400 == nil || resp.JSON400.Message != fmt.Sprintf("Cannot cancel job %s: already failed", id) {
		t.Errorf("cancel failed job: %v %d %s", err, resp.StatusCode(), resp.Body)
	}
}

func TestListPagination(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{workers: 0, maxActive: 100})
	a, b := h.client(h.keyA), h.client(h.keyB)
	var created []string
	for i := range 7 {
		created = append(created, h.create(a, fmt.Sprintf("https://example.com/%d", i), minutesPrompt, nil))
	}
	h.create(b, "https://example.com/b", minutesPrompt, nil)
	if _, err := a.CancelJobWithResponse(context.Background(), created[2]); err != nil {
		t.Fatal(err)
	}
	var seen []string
	var cursor *string
	for page := 0; ; page++ {
		resp, err := a.ListJobsWithResponse(context.Background(), &client.ListJobsParams{Limit: ptr(3), Cursor: cursor})
		if err != nil || resp.JSON200 == nil {
			t.Fatalf("list: %v %s", err, resp.Body)
		}
		for _, j := range resp.JSON200.Jobs {
			seen = append(seen, j.JobId)
		}
		if resp.JSON200.HasMore != (resp.JSON200.NextCursor != nil) {
			t.Errorf("has_more %v but next_cursor %v", resp.JSON200.HasMore, resp.JSON200.NextCursor)
		}
		if resp.JSON200.NextCursor == nil {
			break
		}
		cursor = resp.JSON200.NextCursor
		if page > 5 {
			t.Fatal("pagination does not end")
		}
	}
	if len(seen) != 7 {
		t.Fatalf("listed %d jobs, want 7: %v", len(seen), seen)
	}
	for i := range seen {
		if seen[i] != created[len(created)-1-i] {
			t.Fatalf("order = %v, want newest first of %v", seen, created)
		}
	}
	cancelled, err := a.ListJobsWithResponse(context.Background(), &client.ListJobsParams{Status: ptr(client.JobStatusCancelled)})
	if err != nil || cancelled.JSON200 == nil || len(cancelled.JSON200.Jobs) != 1 || cancelled.JSON200.Jobs[0].JobId != created[2] || cancelled.JSON200.Jobs[0].CompletedAt != nil || cancelled.JSON200.Jobs[0].CancelledAt == nil {
		t.Errorf("cancelled filter: %v %s", err, cancelled.Body)
	}
	bad, err := a.ListJobsWithResponse(context.Background(), &client.ListJobsParams{Cursor: ptr("bm90LWEtY3Vyc29y")})
	if err != nil || bad.StatusCode() != 400 {
		t.Errorf("bad cursor: %v %d", err, bad.StatusCode())
	}
}

// TestListSeesOtherReplicas: a list is answered from memory while nothing it
// shows has changed, and a change made through another replica sharing the
// database — a new job, a cancel — shows in the very next list, with no wait.
func TestListSeesOtherReplicas(t *testing.T) {
	t.Parallel() // its own database and servers
	h := start(t, options{workers: 0, maxActive: 100})
	h2 := start(t, options{workers: 0, maxActive: 100, dbPath: h.dbPath})
	a, a2 := h.client(h.keyA), h2.client(h.keyA)
	ctx := context.Background()
	list := func() []client.JobSummary {
		t.Helper()
		r, err := a.ListJobsWithResponse(ctx, &client.ListJobsParams{Limit: ptr(5)})
		if err != nil || r.JSON200 == nil {
			t.Fatalf("list: %v %s", err, r.Body)
		}
		return r.JSON200.Jobs
	}
	first := h.create(a, "https://example.com/1", minutesPrompt, nil)
	if l := list(); len(l) != 1 || l[0].JobId != first || l[0].Status != client.JobStatusPending {
		t.Fatalf("first list: %+v", l)
	}
	list() // answered from memory
	second := h2.create(a2, "https://example.com/2", minutesPrompt, nil)
	if l := list(); len(l) != 2 || l[0].JobId != second {
		t.Fatalf("a job created on the other replica is missing: %+v", l)
	}
	if r := cancelJob(t, a2, first); r.JSON200 == nil {
		t.Fatalf("cancel on the other replica: %s", r.Body)
	}
	if l := list(); len(l) != 2 || l[1].JobId != first || l[1].Status != client.JobStatusCancelled || l[1].CancelledAt == nil {
		t.Errorf("a cancel on the other replica does not show: %+v", l)
	}
	// Another key's list is its own.
	if r, err := h.client(h.keyB).ListJobsWithResponse(ctx, nil); err != nil || r.JSON200 == nil || len(r.JSON200.Jobs) != 0 {
		t.Errorf("another key's list: %v %s", err, r.Body)
	}
}

func TestActiveJobLimit(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{workers: 0, maxActive: 2})
	c := h.client(h.keyA)
	first := h.create(c, "https://example.com/1", minutesPrompt, nil)
	h.create(c, "https://example.com/2", minutesPrompt, nil)
	resp, err := c.CreateJobWithResponse(context.Background(), client.ScrapeRequest{Website: "https://example.com/3", Prompt: minutesPrompt})
	if err != nil || resp.StatusCode() != http.StatusTooManyRequests || resp.JSON429 == nil || !strings.Contains(resp.JSON429.Message, "maximum is 2") {
		t.Fatalf("third create: %v %d %s", err, resp.StatusCode(), resp.Body)
	}
	if ra := resp.HTTPResponse.Header.Get("Retry-After"); ra != "5" {
		t.Errorf("429 Retry-After = %q, want 5", ra)
	}
	// Another key has its own allowance.
	h.create(h.client(h.keyB), "https://example.com/b", minutesPrompt, nil)
	// A cancelled job frees its place.
	if r, err := c.CancelJobWithResponse(context.Background(), first); err != nil || r.JSON200 == nil {
		t.Fatalf("cancel: %v %s", err, r.Body)
	}
	h.create(c, "https://example.com/3", minutesPrompt, nil)
}

func TestReadinessWhenDatabaseFails(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{workers: 0})
	h.db.Close() // the database goes away under a running server
	c := h.client("")
	ready, err := c.GetReadinessWithResponse(context.Background())
	if err != nil || ready.StatusCode() != http.StatusServiceUnavailable || ready.JSON503 == nil || ready.JSON503.Ready ||
		ready.JSON503.DependencyStatus.Database != client.DependencyStatusDatabaseUnhealthy {
		t.Errorf("readiness without a database: %v %d %s", err, ready.StatusCode(), ready.Body)
	}
	health, err := c.GetHealthWithResponse(context.Background())
	if err != nil || health.JSON200 == nil || health.JSON200.Status != client.HealthResponseStatusUnhealthy {
		t.Errorf("health without a database: %v %s", err, health.Body)
	}
}

// TestProgressThroughTheAPI polls a slow job as a person would: progress and the
// counters never go back, the message names the stage and counts while documents
// are inspected, and the estimate never passes the deadline.
func TestProgressThroughTheAPI(t *testing.T) {
	res := map[string]testsite.Resource{}
	var root strings.Builder
	for i := range 6 {
		fmt.Fprintf(&root, `<a href="/p%d">Minutes %d</a>`, i, i)
		res[fmt.Sprintf("/p%d", i)] = testsite.Resource{ContentType: "text/html", Delay: 150 * time.Millisecond,
			Body: []byte(fmt.Sprintf(`<a href="/p%d/minutes-2025.pdf">Council minutes 2025 no. %d</a>`, i, i))}
		d := testsite.PDFFile("Council Minutes 2025", "MINUTES OF THE CITY COUNCIL")
		d.Delay = 150 * time.Millisecond
		res[fmt.Sprintf("/p%d/minutes-2025.pdf", i)] = d
	}
	res["/"] = testsite.HTML(root.String())
	site := testsite.New(res)
	defer site.Close()
	h := start(t, options{workers: 1})
	c := h.client(h.keyA)
	id := h.create(c, site.URL+"/", minutesPrompt, &client.ScrapeParameters{SinglePage: ptr(false)})
	var (
		prev        *client.JobStatusResponse
		percents    = map[int]bool{}
		sawCounting bool
	)
	deadline := time.Now().Add(30 * time.Second)
	for {
		st := h.status(c, id)
		if st.Progress != nil {
			percents[*st.Progress] = true
		}
		if strings.Contains(st.Message, " of ") && strings.Contains(st.Message, "checked") {
			sawCounting = true
		}
		if st.EstimatedCompletion != nil && st.EstimatedCompletion.After(st.Deadline) {
			t.Errorf("estimated_completion %v is past the deadline %v", st.EstimatedCompletion, st.Deadline)
		}
		if prev != nil {
			if p0, p1 := prev.Progress, st.Progress; p0 != nil && (p1 == nil || *p1 < *p0) {
				t.Fatalf("progress went back: %v → %v", *p0, st.Progress)
			}
			if st.TotalPagesCrawled < prev.TotalPagesCrawled || st.TotalDocumentsFound < prev.TotalDocumentsFound || st.DocumentsMatched < prev.DocumentsMatched {
				t.Fatalf("a counter went back:\n%+v\n%+v", prev, st)
			}
		}
		prev = st
		if !st.IsActive {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the job did not end")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if prev.Status != client.JobStatusCompleted || prev.DocumentsMatched != 6 || prev.TotalPagesCrawled != 7 {
		t.Errorf("final: %s, matched %d, pages %d", prev.Status, prev.DocumentsMatched, prev.TotalPagesCrawled)
	}
	if len(percents) < 4 {
		t.Errorf("only %d distinct progress values seen: %v", len(percents), percents)
	}
	if !sawCounting {
		t.Error("no status said how many documents of how many were checked")
	}
}

// TestRevokedKeyRefusedWithinCacheTTL: the server trusts a key it found valid for
// the key cache's TTL. A revoke made by another process — here a second handle on
// the same database, as `skop-server keys revoke` or another replica would — is
// refused within that bound; a revoke through the server's own store at once.
func TestRevokedKeyRefusedWithinCacheTTL(t *testing.T) {
	h := start(t, options{})
	const ttl = 300 * time.Millisecond
	h.keys.SetCacheTTL(ttl)
	ctx := context.Background()
	secret, _, err := h.keys.Create(ctx, "cached", apikeys.AllScopes)
	if err != nil {
		t.Fatal(err)
	}
	c := h.client(secret)
	if r, err := c.ListJobsWithResponse(ctx, nil); err != nil || r.StatusCode() != 200 {
		t.Fatalf("list with a fresh key: %v %d", err, r.StatusCode())
	}
	other, err := database.Open(ctx, h.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	revoked := time.Now()
	if err := apikeys.NewStore(other).Revoke(ctx, "cached"); err != nil {
		t.Fatal(err)
	}
	for {
		r, err := c.ListJobsWithResponse(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.StatusCode() == 401 {
			break
		}
		if time.Since(revoked) > ttl+time.Second {
			t.Fatalf("the revoked key still works %s after the revoke (cache TTL %s)", time.Since(revoked), ttl)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// A revoke through the server's own store ends the cached entry at once.
	secret2, _, err := h.keys.Create(ctx, "cached-2", apikeys.AllScopes)
	if err != nil {
		t.Fatal(err)
	}
	h.keys.SetCacheTTL(time.Hour)
	c2 := h.client(secret2)
	if r, _ := c2.ListJobsWithResponse(ctx, nil); r == nil || r.StatusCode() != 200 {
		t.Fatal("list with the second key failed")
	}
	if err := h.keys.Revoke(ctx, "cached-2"); err != nil {
		t.Fatal(err)
	}
	if r, _ := c2.ListJobsWithResponse(ctx, nil); r == nil || r.StatusCode() != 401 {
		t.Errorf("a key revoked through the server's store still worked: %v", r)
	}
}

// TestLLMTokensInResults: with a language model configured, a job's results
// carry the tokens it used and their price in the cost.
func TestLLMTokensInResults(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	llm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = io.WriteString(w, `{"choices":[{"message":{"role":"assistant","content":"{\"kinds\":[\"minutes\"],\"excluded_kinds\":[],\"kind_names\":[],\"topics\":[],\"excluded_terms\":[],\"periods\":[],\"current\":false,\"final\":false}"}}],"usage":{"total_tokens":1500}}`)
	}))
	defer llm.Close()
	site := minutesSite()
	defer site.Close()
	h := start(t, options{workers: 1, llm: discovery.LLMConfig{URL: llm.URL, Model: "m", PricePer1KTokens: 0.02}})
	c := h.client(h.keyA)
	id := h.create(c, site.URL+"/", minutesPrompt, &client.ScrapeParameters{ConfidenceThreshold: ptr(0.5)})
	if st := h.waitStatus(c, id, 20*time.Second, client.JobStatusCompleted, client.JobStatusFailed); st.Status != client.JobStatusCompleted {
		t.Fatalf("job ended %s", st.Status)
	}
	res := h.results(c, id)
	if res.LlmTokens != 1500 || res.Cost != 0.13 { // 1 page with results × 0.10 + 1.5k tokens × 0.02
		t.Errorf("llm_tokens %d, cost %v; want 1500 and 0.13", res.LlmTokens, res.Cost)
	}
}
