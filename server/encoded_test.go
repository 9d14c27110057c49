package server_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/skop-dev/skop/client"
)

// The results of an ended job are encoded once and answered from memory: the
// answer is the same bytes every time, still checked against openapi.yaml by the
// contract transport, and only for the job's owner. Results of an active job are
// never kept: a cancel shows at once.
func TestEndedResultsEncodedOnce(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{workers: 0})
	a, b := h.client(h.keyA), h.client(h.keyB)
	ctx := context.Background()
	id := h.create(a, "https://example.com/", minutesPrompt, nil)

	before, err := a.GetJobResultsWithResponse(ctx, id)
	if err != nil || before.JSON200 == nil || before.JSON200.Status != client.JobStatusPending {
		t.Fatalf("results of a pending job: %v %s", err, before.Body)
	}
	if _, err := a.CancelJobWithResponse(ctx, id); err != nil {
		t.Fatal(err)
	}
	first, err := a.GetJobResultsWithResponse(ctx, id)
	if err != nil || first.JSON200 == nil || first.JSON200.Status != client.JobStatusCancelled {
		t.Fatalf("results after the cancel: %v %s", err, first.Body)
	}
	second, err := a.GetJobResultsWithResponse(ctx, id)
	if err != nil || second.JSON200 == nil {
		t.Fatalf("results again: %v %s", err, second.Body)
	}
	if !bytes.Equal(first.Body, second.Body) {
		t.Errorf("two answers for an ended job differ:\n%s\n%s", first.Body, second.Body)
	}
	if ct := second.HTTPResponse.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	for range 2 {
		other, err := b.GetJobResultsWithResponse(ctx, id)
		if err != nil || other.StatusCode() != 404 {
			t.Fatalf("another tenant read the results: %v %d %s", err, other.StatusCode(), other.Body)
		}
	}
}

// TestEndedStatusEncodedOnce: an ended job's status is answered with the same
// bytes every time, as the generated handler would encode it, and never to
// another tenant; an active job's status still shows each change.
func TestEndedStatusEncodedOnce(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{workers: 0})
	a, b := h.client(h.keyA), h.client(h.keyB)
	ctx := context.Background()
	id := h.create(a, "https://example.com/", minutesPrompt, nil)
	pending, err := a.GetJobStatusWithResponse(ctx, id)
	if err != nil || pending.JSON200 == nil || pending.JSON200.Status != client.JobStatusPending || !pending.JSON200.IsActive {
		t.Fatalf("status of a pending job: %v %s", err, pending.Body)
	}
	if _, err := a.CancelJobWithResponse(ctx, id); err != nil {
		t.Fatal(err)
	}
	first, err := a.GetJobStatusWithResponse(ctx, id)
	if err != nil || first.JSON200 == nil || first.JSON200.Status != client.JobStatusCancelled || first.JSON200.IsActive {
		t.Fatalf("status after the cancel: %v %s", err, first.Body)
	}
	second, err := a.GetJobStatusWithResponse(ctx, id)
	if err != nil || second.JSON200 == nil || !bytes.Equal(first.Body, second.Body) {
		t.Fatalf("two answers for an ended job differ: %v\n%s\n%s", err, first.Body, second.Body)
	}
	if ct := second.HTTPResponse.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	for range 2 {
		if other, err := b.GetJobStatusWithResponse(ctx, id); err != nil || other.StatusCode() != 404 {
			t.Fatalf("another tenant read the status: %v %d %s", err, other.StatusCode(), other.Body)
		}
	}
}
