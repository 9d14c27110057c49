package server

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// TestRequestErrorMappings runs real requests through kin-openapi's validator and
// checks the ErrorResponse each of its error kinds becomes. It pins the mapping in
// describeRequestError to kin-openapi's types and fields: an upgrade that changes
// them fails here, by name.
func TestRequestErrorMappings(t *testing.T) {
	_, router, err := specRouter()
	if err != nil {
		t.Fatal(err)
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}
	for _, tt := range []struct {
		name, method, target, ctype, body string
		wantField, wantReason             string
	}{
		{"parameter pattern (SchemaError on a parameter)", "GET", "/scrape/status/JOB-1", "", "", "job_id", "does not match ^job_[a-z0-9]+$"},
		{"parameter type (ParseError, KindInvalidFormat)", "GET", "/scrape/?limit=ten", "", "", "limit", "has the wrong type"},
		{"parameter range (SchemaError maximum)", "GET", "/scrape/?limit=1000", "", "", "limit", "must be at most 100"},
		{"parameter enum (SchemaError enum)", "GET", "/scrape/?status=done", "", "", "status", "must be one of: pending, in_progress, completed, failed, cancelled"},
		{"body missing (ErrInvalidRequired)", "POST", "/scrape/", "application/json", "", "body", "is required"},
		{"body content type (RequestError without a cause)", "POST", "/scrape/", "text/plain", "x", "body", "must be application/json"},
		{"body not JSON (decode error)", "POST", "/scrape/", "application/json", "{nope", "body", "is not valid JSON"},
		{"body member missing (SchemaError required)", "POST", "/scrape/", "application/json", `{"website":"https://example.com/"}`, "prompt", "is required"},
		{"body member unknown (SchemaError additionalProperties)", "POST", "/scrape/", "application/json", `{"website":"https://example.com/","prompt":"Find council minutes","extra":1}`, "extra", "is not a known field"},
		{"nested member range (SchemaError minimum)", "POST", "/scrape/", "application/json", `{"website":"https://example.com/","prompt":"Find council minutes","parameters":{"timeout":5}}`, "parameters.timeout", "must be at least 60"},
		{"body member type (SchemaError type)", "POST", "/scrape/", "application/json", `{"website":"https://example.com/","prompt":7}`, "prompt", "must be a string"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			if tt.ctype != "" {
				r.Header.Set("Content-Type", tt.ctype)
			}
			route, params, err := router.FindRoute(r)
			if err != nil {
				t.Fatal(err)
			}
			err = openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: opts})
			var me openapi3.MultiError
			if !errors.As(err, &me) {
				t.Fatalf("kin-openapi returned %T %v, want a MultiError", err, err)
			}
			he := firstFailure(me)
			status, msg, details := describe(he)
			if status != http.StatusBadRequest || details == nil || details.Field != tt.wantField || details.Reason != tt.wantReason {
				t.Errorf("→ %d %q %+v; want 400 with field %q, reason %q", status, msg, details, tt.wantField, tt.wantReason)
			}
		})
	}
}
