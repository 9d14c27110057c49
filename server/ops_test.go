package server_test

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/skop-dev/skop/apikeys"
	"github.com/skop-dev/skop/server"
)

// TestOpsView: River UI at /ops/ answers only keys with ops:read (Bearer or Basic
// auth), is read-only, and shows the queue's jobs.
func TestOpsView(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{workers: 0})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ops, err := server.OpsHandler(ctx, h.svc, h.keys, quietLogger())
	if err != nil {
		t.Fatal(err)
	}
	opsKey, _, err := h.keys.Create(ctx, "operator", []string{apikeys.ScopeOps})
	if err != nil {
		t.Fatal(err)
	}
	h.create(h.client(h.keyA), "https://example.com/", minutesPrompt, nil) // one job waiting in the queue
	srv := httptest.NewServer(server.Mount(h.srv.Config.Handler, h.svc, false, ops))
	defer srv.Close()
	do := func(method, path string, auth string) (int, http.Header, string) {
		req, _ := http.NewRequest(method, srv.URL+path, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, string(b)
	}
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("operator:"+opsKey))
	if code, hdr, body := do("GET", "/ops/", ""); code != 401 || !strings.Contains(hdr.Get("WWW-Authenticate"), "Basic") || !strings.Contains(body, `"status_code":401`) {
		t.Errorf("no key: %d %v %s", code, hdr, body)
	}
	if code, _, body := do("GET", "/ops/", "Bearer "+h.keyA); code != 403 {
		t.Errorf("an API key without ops:read: %d %s", code, body)
	}
	if code, hdr, body := do("GET", "/ops/", basic); code != 200 || !strings.Contains(hdr.Get("Content-Type"), "text/html") {
		t.Errorf("River UI page: %d %v %.200s", code, hdr, body)
	}
	if code, _, body := do("GET", "/ops/api/jobs?state=available&limit=10", "Bearer "+opsKey); code != 200 || !strings.Contains(body, "skop.discover") {
		t.Errorf("River UI's job list: %d %.300s", code, body)
	}
	if code, hdr, _ := do("POST", "/ops/api/jobs/cancel", "Bearer "+opsKey); code != 405 || hdr.Get("Allow") != "GET, HEAD" {
		t.Errorf("a write through River UI: %d, want 405", code)
	}
	// The API keeps its own keys and scopes: the operator key cannot create jobs.
	if code, _, _ := do("GET", "/scrape/", "Bearer "+opsKey); code != 403 {
		t.Errorf("the operator key on the API: %d, want 403", code)
	}
}
