package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skop-dev/skop/client"
)

// TestRetries: 429 with Retry-After and 503 are retried for reads and cancels,
// never for a create unless asked; the server's ErrorResponse becomes an
// *APIError with the status and request id.
func TestRetries(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		n := calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-ID", "req_test")
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = io.WriteString(w, `{"error":true,"message":"slow down","status_code":429,"path":"/","timestamp":"2026-01-01T00:00:00Z"}`)
			return
		}
		if n == 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"error":true,"message":"Job not found or access denied","status_code":404,"path":"/scrape/status/job_x","timestamp":"2026-01-01T00:00:00Z"}`)
	}))
	defer srv.Close()
	sdk, err := client.NewSDK(srv.URL, "sk-test", client.WithRetryPolicy(client.RetryPolicy{MaxRetries: 3, BaseDelay: 10 * time.Millisecond, MaxDelay: 5 * time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = sdk.Status(context.Background(), "job_x")
	var ae *client.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 404 || ae.RequestID != "req_test" || ae.Response == nil || ae.Response.Message != "Job not found or access denied" {
		t.Fatalf("err = %v (%#v)", err, ae)
	}
	if calls.Load() != 3 || time.Since(start) < time.Second {
		t.Errorf("%d calls in %s: want 3, the first retry after Retry-After's 1 s", calls.Load(), time.Since(start))
	}
	calls.Store(0)
	_, err = sdk.Create(context.Background(), "https://example.com/", "Find all council minutes", nil)
	if !errors.As(err, &ae) || ae.StatusCode != 429 || calls.Load() != 1 {
		t.Errorf("create: err %v after %d calls; want the 429, not retried", err, calls.Load())
	}
	if client.Ptr(3) == nil || *client.Ptr("x") != "x" {
		t.Error("Ptr")
	}
}
