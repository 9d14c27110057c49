package server

import (
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"

	"github.com/skop-dev/skop/apikeys"
)

// TestKinOpenAPIPatch guards the patched copy of kin-openapi in third_party (see
// third_party/kin-openapi/PATCH.md): go.mod must require the version the copy is
// of — an upgrade fails here, to make someone check whether upstream now caches
// compiled validators (then drop the copy) or to re-apply the patch — and the
// cache must work: validating the same 3.1 schema again compiles nothing.
func TestKinOpenAPIPatch(t *testing.T) {
	mod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	copied, err := os.ReadFile("../third_party/kin-openapi/VERSION")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`github\.com/getkin/kin-openapi (v\S+)`).FindSubmatch(mod)
	if m == nil || string(m[1]) != strings.TrimSpace(string(copied)) {
		t.Fatalf("go.mod requires kin-openapi %s but third_party/kin-openapi is %s: re-check the patch (third_party/kin-openapi/PATCH.md)", m, copied)
	}
	if !strings.Contains(string(mod), "replace github.com/getkin/kin-openapi => ./third_party/kin-openapi") {
		t.Fatal("go.mod no longer replaces kin-openapi with the patched copy")
	}

	doc, err := spec()
	if err != nil {
		t.Fatal(err)
	}
	schema := doc.Components.Schemas["JobStatusResponse"].Value // has $refs: compiled, then (upstream) discarded
	value := map[string]any{}
	_ = schema.VisitJSON(value, openapi3.EnableJSONSchema2020(), openapi3.MultiErrors())
	allocs := testing.AllocsPerRun(20, func() {
		_ = schema.VisitJSON(value, openapi3.EnableJSONSchema2020(), openapi3.MultiErrors())
	})
	// Upstream v0.153.0 compiles the schema on every call: over 6,000 allocations.
	if allocs > 1000 {
		t.Errorf("validating a schema again took %.0f allocations: the compiled-validator cache is not working", allocs)
	}
}

// TestOpenAPI31KeywordsEnforced: the 3.1-only keywords the spec uses are still
// enforced on responses with the cache in place — const (service, error) and type
// arrays (progress: integer or null). No request schema of the spec uses a 3.1-only
// keyword.
func TestOpenAPI31KeywordsEnforced(t *testing.T) {
	for _, tt := range []struct {
		name, path string
		body       string
		want       int
	}{
		{"const service", "/health/", `{"status":"healthy","service":"other","version":"1","timestamp":"2026-01-01T00:00:00Z","dependency_status":{"database":"healthy","workers":"healthy"}}`, 500},
		{"const service ok", "/health/", `{"status":"healthy","service":"skop","version":"1","timestamp":"2026-01-01T00:00:00Z","dependency_status":{"database":"healthy","workers":"healthy"}}`, 200},
		{"type array: a string where integer or null", "/scrape/status/job_abc", strings.Replace(string(statusBody()), `"progress":40`, `"progress":"forty"`, 1), 500},
		{"type array: null", "/scrape/status/job_abc", strings.Replace(string(statusBody()), `"progress":40`, `"progress":null`, 1), 200},
		{"missing required field", "/scrape/status/job_abc", strings.Replace(string(statusBody()), `"deadline":`, `"nodeadline":`, 1), 500},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for range 2 { // the second time through the cached validator
				e := bareEcho(t)
				h := func(c echo.Context) error { return c.JSONBlob(http.StatusOK, []byte(tt.body)) }
				e.GET("/health/", h)
				e.GET("/scrape/status/:id", h)
				rec := httptest.NewRecorder()
				e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
				if rec.Code != tt.want {
					t.Fatalf("status %d, want %d: %s", rec.Code, tt.want, rec.Body)
				}
			}
		})
	}
}

// TestScopesInTheSpec: the operation → scope rule lives in openapi.yaml. Every
// operation that needs a key names, in each of its security requirements, scopes
// that API keys can hold; the public ones need none.
func TestScopesInTheSpec(t *testing.T) {
	doc, err := spec()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, s := range apikeys.AllScopes {
		known[s] = true
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			reqs := doc.Security
			if op.Security != nil {
				reqs = *op.Security
			}
			if len(reqs) == 0 {
				continue // public
			}
			for _, req := range reqs {
				for scheme, scopes := range req {
					if len(scopes) == 0 {
						t.Errorf("%s %s: security requirement %s names no scope", method, path, scheme)
					}
					for _, s := range scopes {
						if !known[s] {
							t.Errorf("%s %s: scope %q is not one API keys can hold", method, path, s)
						}
					}
				}
			}
		}
	}
}
