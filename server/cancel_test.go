package server_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/skop-dev/skop/client"
	"github.com/skop-dev/skop/internal/testsite"
)

// grace is how long after a cancel's 200 a request may still reach a site: one
// that the crawler had already put on the wire.
const grace = 50 * time.Millisecond

func cancelJob(t *testing.T, c *client.ClientWithResponses, id string) *client.CancelJobResponse {
	t.Helper()
	resp, err := c.CancelJobWithResponse(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// cancelAndWatch cancels a running job, requires a 200, and then watches the site
// for a while: no request may start later than grace after the answer.
func cancelAndWatch(t *testing.T, c *client.ClientWithResponses, site *testsite.Site, id string, watch time.Duration) *client.CancelJobResponse {
	t.Helper()
	resp := cancelJob(t, c, id)
	answered := time.Now()
	if resp.JSON200 == nil {
		t.Fatalf("cancel: %d %s", resp.StatusCode(), resp.Body)
	}
	time.Sleep(watch)
	if late := site.RequestsAfter(answered.Add(grace)); len(late) > 0 {
		t.Errorf("%d requests started more than %v after the cancel was answered: %v", len(late), grace, late)
	}
	return resp
}

func TestCancelBadID(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{workers: 0})
	for _, id := range []string{"JOB-1", "job_ABC", "job_", "123", "job_abc-def", "job_" + strings.Repeat("a", 80)} {
		resp := cancelJob(t, h.client(h.keyA), id)
		if resp.StatusCode() != http.StatusBadRequest || resp.JSON400 == nil || resp.JSON400.Details == nil || resp.JSON400.Details.Field != "job_id" {
			t.Errorf("DELETE /scrape/%s: %d %s", id, resp.StatusCode(), resp.Body)
		}
	}
	resp := cancelJob(t, h.client(h.keyA), "JOB-1")
	if want := `job_id "JOB-1" does not match ^job_[a-z0-9]+$`; resp.JSON400 == nil || resp.JSON400.Message != want {
		t.Errorf("message = %s, want %q", resp.Body, want)
	}
	// A bad id without a key is a 401: nothing is said about the request before
	// the caller is known.
	if resp := cancelJob(t, h.client(""), "JOB-1"); resp.StatusCode() != http.StatusUnauthorized {
		t.Errorf("bad id without key: %d", resp.StatusCode())
	}
}

func TestCancelTenancy(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{workers: 0})
	a, b := h.client(h.keyA), h.client(h.keyB)
	id := h.create(a, "https://example.com/", minutesPrompt, nil)

	unknown := cancelJob(t, b, "job_doesnotexist0000")
	foreign := cancelJob(t, b, id)
	if unknown.StatusCode() != 404 || foreign.StatusCode() != 404 || unknown.JSON404 == nil || foreign.JSON404 == nil {
		t.Fatalf("unknown %d, foreign %d", unknown.StatusCode(), foreign.StatusCode())
	}
	if unknown.JSON404.Message != "Job not found or access denied" || foreign.JSON404.Message != unknown.JSON404.Message ||
		foreign.JSON404.StatusCode != unknown.JSON404.StatusCode || (foreign.JSON404.Details == nil) != (unknown.JSON404.Details == nil) {
		t.Errorf("another tenant's job answers differently from an unknown one: %s vs %s", foreign.Body, unknown.Body)
	}
	for _, get := range []func() int{
		func() int { r, _ := b.GetJobStatusWithResponse(context.Background(), id); return r.StatusCode() },
		func() int { r, _ := b.GetJobResultsWithResponse(context.Background(), id); return r.StatusCode() },
	} {
		if code := get(); code != 404 {
			t.Errorf("reading another tenant's job: %d", code)
		}
	}
	if st := h.status(a, id); st.Status != client.JobStatusPending {
		t.Errorf("another tenant's DELETE changed the job to %s", st.Status)
	}
	if list, _ := b.ListJobsWithResponse(context.Background(), nil); list.JSON200 == nil || len(list.JSON200.Jobs) != 0 {
		t.Errorf("tenant B lists tenant A's jobs: %s", list.Body)
	}
}

func TestCancelPendingAndRepeat(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{workers: 0})
	c := h.client(h.keyA)
	id := h.create(c, "https://example.com/", minutesPrompt, nil)
	before := time.Now().Add(-time.Second)
	first := cancelJob(t, c, id)
	if first.JSON200 == nil {
		t.Fatalf("cancel: %d %s", first.StatusCode(), first.Body)
	}
	if first.JSON200.Status != "cancelled" || first.JSON200.JobId != id || first.JSON200.Message != fmt.Sprintf("Job %s cancelled successfully", id) {
		t.Errorf("cancel response = %+v", first.JSON200)
	}
	at := first.JSON200.CancelledAt
	if at.Location() != time.UTC || at.Before(before) || at.After(time.Now().Add(time.Second)) {
		t.Errorf("cancelled_at = %v", at)
	}
	if !strings.Contains(string(first.Body), `"cancelled_at":"`+at.Format(time.RFC3339Nano)+`"`) || !strings.HasSuffix(at.Format(time.RFC3339Nano), "Z") {
		t.Errorf("cancelled_at is not RFC 3339 UTC in %s", first.Body)
	}
	for range 3 {
		again := cancelJob(t, c, id)
		if again.JSON200 == nil || !again.JSON200.CancelledAt.Equal(at) || again.JSON200.Status != "cancelled" {
			t.Errorf("repeated cancel: %d %s, want 200 with cancelled_at %v", again.StatusCode(), again.Body, at)
		}
	}
	st := h.status(c, id)
	if st.Status != client.JobStatusCancelled || st.IsActive || st.CancelledAt == nil || !st.CancelledAt.Equal(at) || st.CompletedAt != nil {
		t.Errorf("status after cancel = %+v", st)
	}
}

func TestCancelCompleted(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	site := minutesSite()
	defer site.Close()
	h := start(t, options{workers: 1})
	c := h.client(h.keyA)
	id := h.create(c, site.URL+"/", minutesPrompt, nil)
	h.waitStatus(c, id, 20*time.Second, client.JobStatusCompleted)
	resp := cancelJob(t, c, id)
	if resp.StatusCode() != 400 || resp.JSON400 == nil || resp.JSON400.Message != fmt.Sprintf("Cannot cancel job %s: already completed", id) {
		t.Errorf("cancel completed: %d %s", resp.StatusCode(), resp.Body)
	}
	if st := h.status(c, id); st.Status != client.JobStatusCompleted || st.CancelledAt != nil {
		t.Errorf("status after refused cancel = %s", st.Status)
	}
}

// slowCrawlSite has pages that link onward and answer slowly, so a crawl is in
// progress for a long time, and documents whose HEAD answers slowly.
func slowCrawlSite(pages, docs int, pageDelay, docDelay time.Duration) *testsite.Site {
	res := map[string]testsite.Resource{}
	var root strings.Builder
	root.WriteString("<h2>Minutes 2025</h2>")
	for i := range docs {
		fmt.Fprintf(&root, `<a href="/docs/minutes-2025-%03d.pdf">Council meeting minutes 2025 no. %d</a>`, i, i)
		r := testsite.PDFFile(fmt.Sprintf("Minutes %d", i), "minutes")
		r.Delay = docDelay
		res[fmt.Sprintf("/docs/minutes-2025-%03d.pdf", i)] = r
	}
	for i := range pages {
		fmt.Fprintf(&root, `<a href="/p/%d">Page %d</a>`, i, i)
		r := testsite.HTML(fmt.Sprintf(`<a href="/p/%d/a">more</a><a href="/p/%d/b">more</a>`, i, i))
		r.Delay = pageDelay
		res[fmt.Sprintf("/p/%d", i)] = r
		for _, s := range []string{"a", "b"} {
			r := testsite.HTML(`<p>nothing here</p>`)
			r.Delay = pageDelay
			res[fmt.Sprintf("/p/%d/%s", i, s)] = r
		}
	}
	res["/"] = testsite.HTML(root.String())
	return testsite.New(res)
}

func TestCancelMidCrawl(t *testing.T) {
	site := slowCrawlSite(40, 5, 40*time.Millisecond, 0)
	defer site.Close()
	h := start(t, options{workers: 1})
	c := h.client(h.keyA)
	id := h.create(c, site.URL+"/", minutesPrompt, &client.ScrapeParameters{SinglePage: ptr(false)})
	deadline := time.Now().Add(20 * time.Second)
	for {
		st := h.status(c, id)
		if st.Status == client.JobStatusInProgress && st.TotalPagesCrawled >= 3 {
			break
		}
		if time.Now().After(deadline) || !st.IsActive {
			t.Fatalf("job did not get into its crawl: %+v", st)
		}
		time.Sleep(5 * time.Millisecond)
	}
	resp := cancelAndWatch(t, c, site, id, 500*time.Millisecond)
	if n := len(site.Requests()); n >= 1+40*3 {
		t.Errorf("the crawl fetched all %d pages despite the cancel", n)
	}
	st := h.status(c, id)
	if st.Status != client.JobStatusCancelled || st.CancelledAt == nil || !st.CancelledAt.Equal(resp.JSON200.CancelledAt) {
		t.Errorf("status after cancel = %s %v", st.Status, st.CancelledAt)
	}
}

func TestCancelKeepsDocumentsFound(t *testing.T) {
	site := slowCrawlSite(0, 30, 0, 60*time.Millisecond)
	defer site.Close()
	h := start(t, options{workers: 1})
	c := h.client(h.keyA)
	id := h.create(c, site.URL+"/", minutesPrompt, nil)
	deadline := time.Now().Add(20 * time.Second)
	var before *client.JobResultsResponse
	for {
		before = h.results(c, id)
		if len(before.Documents) >= 2 {
			break
		}
		if time.Now().After(deadline) || before.Status == client.JobStatusCompleted {
			t.Fatalf("job found no documents in time: %s, %d documents", before.Status, len(before.Documents))
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancelAndWatch(t, c, site, id, 300*time.Millisecond)
	after := h.results(c, id)
	if after.Status != client.JobStatusCancelled || len(after.Documents) < len(before.Documents) || len(after.Documents) >= 30 {
		t.Errorf("results after cancel: %s with %d documents (had %d before)", after.Status, len(after.Documents), len(before.Documents))
	}
	if after.Metadata.CancelledAt == nil || after.TotalRuntimeSeconds == nil {
		t.Errorf("metadata after cancel = %+v", after.Metadata)
	}
	// Nothing the worker does later changes the job.
	time.Sleep(300 * time.Millisecond)
	again := h.results(c, id)
	if again.Status != client.JobStatusCancelled || len(again.Documents) != len(after.Documents) || again.TotalDocumentsDownloaded != after.TotalDocumentsDownloaded {
		t.Errorf("the job changed after its cancel: %d → %d documents", len(after.Documents), len(again.Documents))
	}
}

// TestCancelRacesCompletion cancels jobs at random moments around their end: each
// time exactly one of cancel and completion wins, and the answer to the DELETE
// always matches what is stored, then and later.
func TestCancelRacesCompletion(t *testing.T) {
	t.Parallel() // no timing assertions that other tests' load could upset; its own database
	site := minutesSite()
	defer site.Close()
	// Documents that take a little time to inspect keep each job running for a
	// while, so cancels land before, during and after the run.
	for _, p := range []string{"/m/2025-01-14.pdf", "/m/2025-02-11.pdf", "/m/2024-12-10.pdf", "/parks.pdf"} {
		r := testsite.PDFFile("Minutes", "minutes")
		r.Delay = 15 * time.Millisecond
		site.Set(p, r)
	}
	h := start(t, options{workers: 2, maxActive: 10})
	c := h.client(h.keyA)
	rounds := 100
	if testing.Short() {
		rounds = 20
	}
	outcomes := map[string]int{}
	var ids []string
	var answers []*client.CancelJobResponse
	for i := range rounds {
		id := h.create(c, site.URL+"/", minutesPrompt, nil)
		time.Sleep(time.Duration(rand.IntN(200)) * time.Millisecond)
		resp := cancelJob(t, c, id)
		st := h.status(c, id)
		switch {
		case resp.JSON200 != nil:
			if st.Status != client.JobStatusCancelled || st.CancelledAt == nil || !st.CancelledAt.Equal(resp.JSON200.CancelledAt) || st.CompletedAt != nil {
				t.Fatalf("round %d: DELETE said cancelled at %v, the job is %s (cancelled_at %v, completed_at %v)", i, resp.JSON200.CancelledAt, st.Status, st.CancelledAt, st.CompletedAt)
			}
			outcomes["cancelled"]++
		case resp.JSON400 != nil:
			if resp.JSON400.Message != fmt.Sprintf("Cannot cancel job %s: already completed", id) || st.Status != client.JobStatusCompleted || st.CancelledAt != nil {
				t.Fatalf("round %d: DELETE said %q, the job is %s", i, resp.JSON400.Message, st.Status)
			}
			outcomes["completed"]++
		default:
			t.Fatalf("round %d: DELETE answered %d %s", i, resp.StatusCode(), resp.Body)
		}
		ids, answers = append(ids, id), append(answers, resp)
		// Keep the key under its active-job limit.
		h.waitStatus(c, id, 20*time.Second, client.JobStatusCancelled, client.JobStatusCompleted)
	}
	// Later reads agree with every answer given: a cancelled job never changed.
	time.Sleep(300 * time.Millisecond)
	for i, id := range ids {
		st := h.status(c, id)
		if (answers[i].JSON200 != nil) != (st.Status == client.JobStatusCancelled) {
			t.Errorf("job %s: DELETE answered %d, the job is now %s", id, answers[i].StatusCode(), st.Status)
		}
	}
	t.Logf("outcomes over %d rounds: %v", rounds, outcomes)
}

func TestRestartKeepsJobs(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	site := minutesSite()
	defer site.Close()
	h := start(t, options{workers: 1})
	c := h.client(h.keyA)
	done := h.create(c, site.URL+"/", minutesPrompt, nil)
	h.waitStatus(c, done, 20*time.Second, client.JobStatusCompleted)
	failed := h.create(c, site.URL+"/missing", minutesPrompt, nil)
	h.waitStatus(c, failed, 20*time.Second, client.JobStatusFailed)
	hang := testsite.New(map[string]testsite.Resource{"/": {Hang: true}})
	defer hang.Close()
	cancelled := h.create(c, hang.URL+"/", minutesPrompt, nil)
	h.waitStatus(c, cancelled, 20*time.Second, client.JobStatusInProgress)
	if r := cancelJob(t, c, cancelled); r.JSON200 == nil {
		t.Fatalf("cancel: %s", r.Body)
	}
	before := map[string]*client.JobStatusResponse{}
	beforeDocs := map[string]int{}
	for _, id := range []string{done, failed, cancelled} {
		before[id] = h.status(c, id)
		beforeDocs[id] = len(h.results(c, id).Documents)
	}
	keyA := h.keyA
	dbPath := h.dbPath
	h.close()

	h2 := start(t, options{workers: 1, dbPath: dbPath})
	c2 := h2.client(keyA)
	time.Sleep(300 * time.Millisecond) // give the restarted workers a chance to touch anything they should not
	for id, b := range before {
		a := h2.status(c2, id)
		if a.Status != b.Status || a.Message != b.Message || !timesEqual(a.CancelledAt, b.CancelledAt) || !timesEqual(a.CompletedAt, b.CompletedAt) ||
			a.TotalDocumentsFound != b.TotalDocumentsFound || len(h2.results(c2, id).Documents) != beforeDocs[id] {
			t.Errorf("job %s after restart: %+v, before: %+v", id, a, b)
		}
	}
	list, err := c2.ListJobsWithResponse(context.Background(), nil)
	if err != nil || list.JSON200 == nil || len(list.JSON200.Jobs) != 3 {
		t.Errorf("list after restart: %v %s", err, list.Body)
	}
}

func timesEqual(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}
