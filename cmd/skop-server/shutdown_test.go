package main

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/skop-dev/skop/client"
	"github.com/skop-dev/skop/internal/testdb"
	"github.com/skop-dev/skop/internal/testsite"
)

// docSite serves n minutes documents linked from its start page, each answering
// after delay.
func docSite(n int, delay time.Duration) *testsite.Site {
	res := map[string]testsite.Resource{}
	var root strings.Builder
	root.WriteString("<h2>Council minutes 2025</h2>")
	for i := range n {
		fmt.Fprintf(&root, `<a href="/d/%d.pdf">Council minutes 2025 no. %d</a>`, i, i)
		d := testsite.PDFFile("Council minutes 2025", "MINUTES OF THE CITY COUNCIL")
		d.Delay = delay
		res[fmt.Sprintf("/d/%d.pdf", i)] = d
	}
	res["/"] = testsite.HTML(root.String())
	return testsite.New(res)
}

func results(t *testing.T, c *client.ClientWithResponses, id string) *client.JobResultsResponse {
	t.Helper()
	r, err := c.GetJobResultsWithResponse(context.Background(), id)
	if err != nil || r.JSON200 == nil {
		t.Fatalf("results %s: %v %v", id, err, r)
	}
	return r.JSON200
}

// TestGracefulShutdown sends SIGTERM to a replica running two jobs: one that
// finishes within --shutdown-grace and one that cannot. The process exits within
// the grace plus 5 s; the first job is completed; the second is handed back, keeps
// the documents it found, and a new process resumes it without fetching those
// documents again. Both backends: on SQLite the second process opens the same file.
func TestGracefulShutdown(t *testing.T) {
	t.Parallel() // no timing assertions that other tests' load could upset; its own database
	dsn := testdb.DSN(t)
	out, err := exec.Command(buildBinary(t), "keys", "create", "--create", "--db", dsn, "--name", "shutdown").Output()
	if err != nil {
		t.Fatal(err)
	}
	key := strings.TrimSpace(string(out))
	quick := docSite(2, time.Second)
	defer quick.Close()
	slow := docSite(12, time.Second)
	defer slow.Close()
	const grace = 3 * time.Second
	flags := []string{"--shutdown-grace", grace.String(), "--per-host-concurrency", "1", "--status-check-interval", "200ms"}
	a := startReplica(t, "A", dsn, 2, true, flags...)
	c := a.client(t, key)
	create := func(site *testsite.Site) string {
		r, err := c.CreateJobWithResponse(context.Background(), client.ScrapeRequest{Website: site.URL + "/", Prompt: "Find the council minutes from 2025",
			Parameters: &client.ScrapeParameters{SinglePage: ptr(true), ConfidenceThreshold: ptr(0.3)}})
		if err != nil || r.JSON201 == nil {
			t.Fatalf("create: %v %v", err, r)
		}
		return r.JSON201.JobId
	}
	slowID := create(slow)
	waitFor(t, 30*time.Second, "the slow job to keep a document", func() bool { return len(results(t, c, slowID).Documents) >= 1 })
	quickID := create(quick)
	waitFor(t, 10*time.Second, "the quick job to start", func() bool { return status(t, c, quickID).Status == client.JobStatusInProgress })

	sent := time.Now()
	_ = a.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-a.done:
	case <-time.After(grace + 15*time.Second):
		t.Fatal("the replica did not exit")
	}
	if took := time.Since(sent); took > grace+5*time.Second {
		t.Errorf("the replica took %s to exit after SIGTERM, want at most the grace (%s) + 5 s", took, grace)
	} else if took < grace-500*time.Millisecond {
		t.Errorf("the replica exited %s after SIGTERM, before the grace (%s) ran out with a job still running", took, grace)
	}

	b := startReplica(t, "B", dsn, 0, true) // API only: read what A left
	cb := b.client(t, key)
	if st := status(t, cb, quickID); st.Status != client.JobStatusCompleted {
		t.Errorf("the quick job is %s (%q), want completed within the grace", st.Status, st.Message)
	}
	st := status(t, cb, slowID)
	if st.Status != client.JobStatusInProgress {
		t.Fatalf("the slow job is %s (%q), want in_progress, handed back", st.Status, st.Message)
	}
	keptBefore := results(t, cb, slowID).Documents
	if len(keptBefore) == 0 {
		t.Fatal("the slow job kept no documents before the shutdown")
	}
	progressBefore := *st.Progress
	b.stop(syscall.SIGTERM)

	w := startReplica(t, "C", dsn, 2, true, flags...)
	cw := w.client(t, key)
	waitFor(t, 60*time.Second, "the resumed job to complete", func() bool { return status(t, cw, slowID).Status == client.JobStatusCompleted })
	final := status(t, cw, slowID)
	if *final.Progress < progressBefore || final.Errors == nil {
		t.Errorf("progress %d after the resume, %d before", *final.Progress, progressBefore)
	}
	if docs := results(t, cw, slowID).Documents; len(docs) != 12 {
		t.Errorf("the resumed job kept %d documents, want 12", len(docs))
	}
	for _, d := range keptBefore {
		path := strings.TrimPrefix(d.Url, slow.URL)
		if n := slow.Count(http.MethodGet, path); n != 1 {
			t.Errorf("%s, kept before the shutdown, was fetched %d times, want once", path, n)
		}
	}
	if st := status(t, cw, quickID); st.Status != client.JobStatusCompleted {
		t.Errorf("the quick job is now %s", st.Status)
	}
}
