package server_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/skop-dev/skop/client"
)

// TestSDKAgainstTheServer drives the hand-written SDK against the real server:
// create → wait with progress → results; the iterator across pages; cancel; an
// unknown job as an *APIError.
func TestSDKAgainstTheServer(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	site := minutesSite()
	defer site.Close()
	h := start(t, options{workers: 1, maxActive: 20})
	ctx := context.Background()
	sdk, err := client.NewSDK(h.srv.URL, h.keyA, client.WithHTTP(h.http))
	if err != nil {
		t.Fatal(err)
	}
	job, err := sdk.Create(ctx, site.URL+"/", minutesPrompt, &client.ScrapeParameters{ConfidenceThreshold: client.Ptr(0.5)})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	st, err := sdk.WaitForJob(ctx, job.JobId, client.WaitOptions{Interval: 20 * time.Millisecond, OnProgress: func(*client.JobStatusResponse) { seen++ }})
	if err != nil || st.Status != client.JobStatusCompleted || seen == 0 {
		t.Fatalf("wait: %v %+v after %d progress calls", err, st, seen)
	}
	res, err := sdk.Results(ctx, job.JobId)
	if err != nil || len(res.Documents) != 2 {
		t.Fatalf("results: %v %+v", err, res)
	}
	for range 4 {
		if _, err := sdk.Create(ctx, "http://127.0.0.1:1/", minutesPrompt, nil); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for _, err := range sdk.Jobs(ctx, &client.ListJobsParams{Limit: client.Ptr(2)}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 5 {
		t.Errorf("the iterator saw %d jobs over pages of 2, want 5", n)
	}
	_, err = sdk.Status(ctx, "job_doesnotexist")
	var ae *client.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 404 || ae.Response == nil || ae.RequestID == "" {
		t.Errorf("unknown job: %v", err)
	}
	_, err = sdk.Cancel(ctx, job.JobId)
	if !errors.As(err, &ae) || ae.StatusCode != 400 {
		t.Errorf("cancel of a completed job: %v", err)
	}
}
