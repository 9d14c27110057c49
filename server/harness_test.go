package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	skop "github.com/skop-dev/skop"
	"github.com/skop-dev/skop/apikeys"
	"github.com/skop-dev/skop/client"
	"github.com/skop-dev/skop/database"
	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/internal/testdb"
	"github.com/skop-dev/skop/jobs"
	"github.com/skop-dev/skop/server"
)

// contract validates every response a test receives against openapi.yaml — the
// file itself, loaded independently of the server's embedded copy.
type contract struct {
	t      testing.TB
	router routers.Router
	errSch *openapi3.Schema
	next   http.RoundTripper
}

var (
	specOnce sync.Once
	specDoc  *openapi3.T
	specErr  error
)

func loadSpec(t testing.TB) *openapi3.T {
	specOnce.Do(func() {
		loader := openapi3.NewLoader()
		specDoc, specErr = loader.LoadFromData(skop.OpenAPI)
		if specErr == nil {
			specErr = specDoc.Validate(loader.Context)
		}
		if specErr == nil {
			specDoc.Servers = nil
		}
	})
	if specErr != nil {
		t.Fatalf("openapi.yaml: %v", specErr)
	}
	return specDoc
}

func newContract(t testing.TB) *contract {
	doc := loadSpec(t)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &contract{t: t, router: router, errSch: doc.Components.Schemas["ErrorResponse"].Value, next: http.DefaultTransport}
}

func (c *contract) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if verr := c.check(req, resp, body); verr != nil {
		c.t.Errorf("%s %s → %d violates openapi.yaml: %v\nbody: %s", req.Method, req.URL.Path, resp.StatusCode, verr, body)
	}
	return resp, nil
}

func (c *contract) check(req *http.Request, resp *http.Response, body []byte) error {
	if req.Method == http.MethodHead {
		return nil
	}
	route, params, err := c.router.FindRoute(req)
	if err != nil && (req.URL.Path == "/scrape" || req.URL.Path == "/health") {
		// The server serves these as aliases of the spec's /scrape/ and /health/.
		alias := req.Clone(req.Context())
		alias.URL.Path += "/"
		route, params, err = c.router.FindRoute(alias)
	}
	if err != nil || (route.Operation.Responses.Status(resp.StatusCode) == nil && resp.StatusCode >= 400) {
		// No operation, or an error the operation does not list (405, 413 …):
		// the body must still be an ErrorResponse.
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			return err
		}
		return c.errSch.VisitJSON(v, openapi3.EnableJSONSchema2020())
	}
	return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
		Status:  resp.StatusCode,
		Header:  resp.Header,
		Body:    io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	})
}

type options struct {
	workers   int
	maxActive int
	dbPath    string
	llm       discovery.LLMConfig
}

// harness is a real skop server on loopback over a real SQLite file.
type harness struct {
	t      *testing.T
	dbPath string
	db     *database.DB
	keys   *apikeys.Store
	svc    *jobs.Service
	srv    *httptest.Server
	http   *http.Client
	keyA   string // tenant A, all scopes
	keyB   string // tenant B, all scopes
	stop   sync.Once
}

func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func start(t *testing.T, o options) *harness {
	t.Helper()
	if o.dbPath == "" {
		o.dbPath = testdb.DSN(t)
	}
	if o.maxActive == 0 {
		o.maxActive = 5
	}
	ctx := context.Background()
	t.Logf("backend: %s", testdb.Describe())
	db, err := database.Open(ctx, o.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := database.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, dbPath: o.dbPath, db: db, keys: apikeys.NewStore(db)}
	h.keyA = h.ensureKey("tenant-a", apikeys.AllScopes)
	h.keyB = h.ensureKey("tenant-b", apikeys.AllScopes)
	h.svc, err = jobs.NewService(db, jobs.Config{
		Workers:             o.workers,
		MaxActivePerKey:     o.maxActive,
		PricePerPage:        0.10,
		StatusCheckInterval: 200 * time.Millisecond,
		Discovery:           discovery.Config{AllowPrivateNetworks: true, RequestTimeout: 10 * time.Second, LLM: o.llm},
		Logger:              quietLogger(),
	})
	if err != nil {
		t.Fatal(err)
	}
	e, err := server.New(h.svc, h.keys, server.Config{ValidateResponses: true, Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	// The production http.Server: timeouts, header limit, Go's own errors as
	// ErrorResponse.
	h.srv = httptest.NewUnstartedServer(e)
	h.srv.Config = server.HTTPServer(e, server.DefaultTimeouts(), quietLogger())
	h.srv.Listener = server.ErrorResponseListener(h.srv.Listener)
	h.srv.Start()
	h.http = &http.Client{Transport: newContract(t), Timeout: 30 * time.Second}
	t.Cleanup(h.close)
	return h
}

// ensureKey creates a key named name, or, when the database already has it (after a
// restart), returns a fresh key under a new name with the same scopes. Tests that
// restart keep their secrets from the first start.
func (h *harness) ensureKey(name string, scopes []string) string {
	secret, _, err := h.keys.Create(context.Background(), name, scopes)
	if err != nil {
		secret, _, err = h.keys.Create(context.Background(), name+"-"+time.Now().Format("150405.000000"), scopes)
		if err != nil {
			h.t.Fatal(err)
		}
	}
	return secret
}

// close stops the server and workers and closes the database, as a process exit
// would after a graceful shutdown.
func (h *harness) close() {
	h.stop.Do(func() {
		h.srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := h.svc.Stop(ctx); err != nil {
			h.t.Errorf("stop workers: %v", err)
		}
		h.db.Close()
	})
}

// client returns a generated client authenticated with key (Bearer).
func (h *harness) client(key string) *client.ClientWithResponses {
	opts := []client.ClientOption{client.WithHTTPClient(h.http)}
	if key != "" {
		opts = append(opts, client.WithAPIKey(key))
	}
	c, err := client.NewClientWithResponses(h.srv.URL, opts...)
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

// create makes a job and fails the test unless it is created.
func (h *harness) create(c *client.ClientWithResponses, website, prompt string, p *client.ScrapeParameters) string {
	h.t.Helper()
	resp, err := c.CreateJobWithResponse(context.Background(), client.ScrapeRequest{Website: website, Prompt: prompt, Parameters: p})
	if err != nil {
		h.t.Fatal(err)
	}
	if resp.JSON201 == nil {
		h.t.Fatalf("create: %d %s", resp.StatusCode(), resp.Body)
	}
	return resp.JSON201.JobId
}

func (h *harness) status(c *client.ClientWithResponses, id string) *client.JobStatusResponse {
	h.t.Helper()
	resp, err := c.GetJobStatusWithResponse(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	if resp.JSON200 == nil {
		h.t.Fatalf("status %s: %d %s", id, resp.StatusCode(), resp.Body)
	}
	return resp.JSON200
}

func (h *harness) results(c *client.ClientWithResponses, id string) *client.JobResultsResponse {
	h.t.Helper()
	resp, err := c.GetJobResultsWithResponse(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	if resp.JSON200 == nil {
		h.t.Fatalf("results %s: %d %s", id, resp.StatusCode(), resp.Body)
	}
	return resp.JSON200
}

// waitStatus polls until the job reaches one of the statuses.
func (h *harness) waitStatus(c *client.ClientWithResponses, id string, timeout time.Duration, want ...client.JobStatus) *client.JobStatusResponse {
	h.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		st := h.status(c, id)
		for _, w := range want {
			if st.Status == w {
				return st
			}
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("job %s is %s after %s, want %v (message %q)", id, st.Status, timeout, want, st.Message)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func ptr[T any](v T) *T { return &v }
