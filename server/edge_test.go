package server_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/skop-dev/skop/server"

	"github.com/skop-dev/skop/apikeys"
)

// rawExchange sends raw bytes on a new connection to the harness server and reads
// the answer, within a deadline.
func rawExchange(t *testing.T, h *harness, raw string, wait time.Duration) (*http.Response, []byte, time.Duration) {
	t.Helper()
	conn, err := net.Dial("tcp", h.srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(wait))
	start := time.Now()
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer within %s to %q: %v", wait, firstLine(raw), err)
	}
	body, _ := io.ReadAll(resp.Body)
	return resp, body, time.Since(start)
}

func firstLine(s string) string { l, _, _ := strings.Cut(s, "\r\n"); return l }

// isErrorResponse checks body against the spec's ErrorResponse schema.
func isErrorResponse(t *testing.T, body []byte, status int) {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Errorf("body %q is not JSON: %v", body, err)
		return
	}
	if err := loadSpec(t).Components.Schemas["ErrorResponse"].Value.VisitJSON(v, openapi3.EnableJSONSchema2020()); err != nil {
		t.Errorf("body %s is not an ErrorResponse: %v", body, err)
	}
	if m, _ := v.(map[string]any); m["status_code"] != float64(status) {
		t.Errorf("status_code in %s, want %d", body, status)
	}
}

// TestGoHTTPErrorsAreErrorResponses: the answers net/http writes before any handler
// runs leave as ErrorResponse JSON.
func TestGoHTTPErrorsAreErrorResponses(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{})
	huge := strings.Repeat("a", 70<<10)
	tests := []struct {
		name, raw string
		status    int
	}{
		{"malformed request line", "GARBAGE\r\n\r\n", 400},
		{"bad header name", "GET /health/ HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n", 400},
		{"control byte in a header value", "GET /health/ HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\r\n\r\n", 400},
		{"negative Content-Length", "POST /scrape/ HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400},
		{"missing Host", "GET /health/ HTTP/1.1\r\n\r\n", 400},
		{"bad percent escape", "GET /% HTTP/1.1\r\nHost: x\r\n\r\n", 400},
		{"huge headers", "GET /health/ HTTP/1.1\r\nHost: x\r\nX-Big: " + huge + "\r\n\r\n", 431},
		{"unsupported transfer encoding", "POST /scrape/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body, _ := rawExchange(t, h, tt.raw, 10*time.Second)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d (%s)", resp.StatusCode, tt.status, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json" && !strings.HasPrefix(ct, "application/json;") {
				t.Errorf("Content-Type %q, want application/json", ct)
			}
			isErrorResponse(t, body, tt.status)
		})
	}
}

// TestUnauthenticatedSlowBody: a request with a bad or missing key is answered 401
// from its headers, without waiting for a body that trickles in (or never comes).
func TestUnauthenticatedSlowBody(t *testing.T) {
	t.Parallel() // no timing assertions that other tests' load could upset; its own database
	h := start(t, options{})
	for name, auth := range map[string]string{
		"invalid key": "Authorization: Bearer sk-" + strings.Repeat("x", 40) + "\r\n",
		"no key":      "",
		"bad scheme":  "Authorization: Basic Zm9vOmJhcg==\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			raw := "POST /scrape/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n" + auth + "\r\n{\"website\":"
			resp, body, took := rawExchange(t, h, raw, 10*time.Second)
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("status %d, want 401: %s", resp.StatusCode, body)
			}
			isErrorResponse(t, body, 401)
			if took > 5*time.Second {
				t.Errorf("the 401 took %s: the server waited for the body", took)
			}
		})
	}
	// With a valid key the same slow body is cut off by the read timeout, never
	// held open for longer (a server with a 2 s read timeout here, to keep the
	// test short; the default is 10 s).
	short := httptest.NewUnstartedServer(h.srv.Config.Handler)
	short.Config = server.HTTPServer(h.srv.Config.Handler, server.Timeouts{ReadHeader: time.Second, Read: 2 * time.Second, Write: 5 * time.Second, Idle: time.Minute}, quietLogger())
	short.Listener = server.ErrorResponseListener(short.Listener)
	short.Start()
	defer short.Close()
	raw := fmt.Sprintf("POST /scrape/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\nX-API-Key: %s\r\n\r\n{", h.keyA)
	conn, err := net.Dial("tcp", short.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(20 * time.Second))
	start := time.Now()
	_, _ = io.WriteString(conn, raw)
	_, _ = io.ReadAll(conn) // whatever answer, then the close
	if took := time.Since(start); took > 7*time.Second {
		t.Errorf("an authenticated slow body held the connection %s with a 2 s read timeout", took)
	}
}

// TestStrictJSONBodies: one JSON value, nothing after it, no duplicate keys.
func TestStrictJSONBodies(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{})
	valid := `{"website":"https://example.com/","prompt":"Find all council minutes from 2025"}`
	for name, body := range map[string]string{
		"trailing garbage":   valid + ` trailing-garbage`,
		"two objects":        valid + valid,
		"duplicate key":      `{"website":"https://example.com/","website":"https://evil.example/","prompt":"Find all council minutes from 2025"}`,
		"nested duplicate":   `{"website":"https://example.com/","prompt":"Find all council minutes from 2025","parameters":{"timeout":60,"timeout":120}}`,
		"port out of range":  `{"website":"https://example.com:99999/","prompt":"Find all council minutes from 2025"}`,
		"port zero":          `{"website":"https://example.com:0/","prompt":"Find all council minutes from 2025"}`,
		"empty port":         `{"website":"https://example.com:/","prompt":"Find all council minutes from 2025"}`,
		"truncated document": `{"website":"https://example.com/"`,
	} {
		t.Run(name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/scrape/", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-API-Key", h.keyA)
			resp, err := h.http.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("status %d, want 400: %s", resp.StatusCode, b)
			}
			isErrorResponse(t, b, 400)
		})
	}
	// The same body without the extras is accepted.
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/scrape/", strings.NewReader(valid+"\n"))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-Key", h.keyA)
	resp, err := h.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("a valid body with a trailing newline: status %d, want 201", resp.StatusCode)
	}
}

// TestLongJobID: the public contract leaves job_id's length open; the server
// refuses ids over 64 characters with a 400 that says so.
func TestLongJobID(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{})
	req, _ := http.NewRequest(http.MethodGet, h.srv.URL+"/scrape/status/job_"+strings.Repeat("a", 61), nil)
	req.Header.Set("X-API-Key", h.keyA)
	resp, err := h.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(body), "must be at most 64 characters") {
		t.Errorf("%d %s", resp.StatusCode, body)
	}
	isErrorResponse(t, body, 400)
	// 64 characters are looked up (and not found).
	req, _ = http.NewRequest(http.MethodGet, h.srv.URL+"/scrape/status/job_"+strings.Repeat("a", 60), nil)
	req.Header.Set("X-API-Key", h.keyA)
	resp, err = h.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("a 64-character id: %d, want 404", resp.StatusCode)
	}
}

// TestRateLimitAcrossReplicas: two servers on one database share each key's
// per-minute allowance; every authenticated answer carries X-RateLimit-*; over the
// limit the answer is 429 with Retry-After, valid against openapi.yaml; another
// key has its own allowance.
func TestRateLimitAcrossReplicas(t *testing.T) {
	t.Parallel() // no timing assertions; its own database and server
	h := start(t, options{})
	const limit = 10
	mk := func() *httptest.Server {
		e, err := server.New(h.svc, h.keys, server.Config{ValidateResponses: true, Logger: quietLogger(), RateLimit: apikeys.NewLimiter(h.db, limit)})
		if err != nil {
			t.Fatal(err)
		}
		return httptest.NewServer(e)
	}
	a, b := mk(), mk()
	defer a.Close()
	defer b.Close()
	get := func(srv *httptest.Server, key string) *http.Response {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/scrape/?limit=1", nil)
		req.Header.Set("Authorization", "Bearer "+key)
		resp, err := h.http.Do(req) // validated against openapi.yaml
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	if time.Now().Second() > 55 {
		time.Sleep(6 * time.Second) // stay inside one minute's window
	}
	var last *http.Response
	for i := range limit {
		srv := a
		if i%2 == 1 {
			srv = b
		}
		last = get(srv, h.keyA)
		if last.StatusCode != 200 || last.Header.Get("X-RateLimit-Limit") != "10" || last.Header.Get("X-RateLimit-Reset") == "" {
			t.Fatalf("request %d: %d %v", i+1, last.StatusCode, last.Header)
		}
	}
	over := get(b, h.keyA)
	if over.StatusCode != 429 || over.Header.Get("Retry-After") == "" || over.Header.Get("X-RateLimit-Remaining") != "0" {
		t.Errorf("request %d: %d %v; want 429 with Retry-After and Remaining 0", limit+1, over.StatusCode, over.Header)
	}
	if r := get(a, h.keyA); r.StatusCode != 429 {
		t.Errorf("the other replica let the key through: %d", r.StatusCode)
	}
	if r := get(a, h.keyB); r.StatusCode != 200 {
		t.Errorf("another key: %d", r.StatusCode)
	}
}
