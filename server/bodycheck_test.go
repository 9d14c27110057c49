package server

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/skop-dev/skop/gen"
)

// sampleBodies are valid responses of the operations the checker serves, as the
// handlers write them (gen types through encoding/json).
func sampleBodies(t *testing.T) []struct {
	method, path string
	status       int
	body         []byte
} {
	t.Helper()
	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	mustJSON := func(v any) []byte {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	jobErr := gen.JobError{AgentName: "scraper", ErrorId: "err_1", ErrorMessage: "fetch failed", ErrorType: "fetch_failed", IsRecoverable: true, Timestamp: now}
	var results gen.JobResultsResponse
	if err := json.Unmarshal(resultsBody(3), &results); err != nil {
		t.Fatal(err)
	}
	results.Errors = []gen.JobError{jobErr}
	results.Warnings = []string{"robots.txt asked for a 12 s crawl delay; 10 s used"}
	var status gen.JobStatusResponse
	if err := json.Unmarshal(statusBody(), &status); err != nil {
		t.Fatal(err)
	}
	status.Errors = []gen.JobError{jobErr}
	list := gen.JobListResponse{Jobs: []gen.JobSummary{
		{JobId: "job_a1", Status: gen.JobStatusCompleted, Website: "https://example.gov/", Prompt: "minutes", CreatedAt: now, CompletedAt: &now, DocumentsMatched: 2, TotalDocumentsFound: 5},
		{JobId: "job_b2", Status: gen.JobStatusCancelled, Website: "https://example.gov/", Prompt: "budgets", CreatedAt: now, CancelledAt: &now},
	}, HasMore: true, NextCursor: ptrTo("c1")}
	errBody := gen.ErrorResponse{Error: true, Message: "Job not found or access denied", Path: "/scrape/status/job_x", StatusCode: 404, Timestamp: now}
	health := gen.HealthResponse{Status: gen.HealthResponseStatusHealthy, Service: gen.Skop, Version: "1.0.0", Timestamp: now,
		DependencyStatus: gen.DependencyStatus{Database: gen.DependencyStatusDatabaseHealthy, Workers: gen.DependencyStatusWorkersHealthy}}
	return []struct {
		method, path string
		status       int
		body         []byte
	}{
		{http.MethodGet, "/scrape/status/job_k3v9x0q2m7a1b4c8", 200, mustJSON(status)},
		{http.MethodGet, "/scrape/results/job_k3v9x0q2m7a1b4c8", 200, mustJSON(results)},
		{http.MethodGet, "/scrape/", 200, mustJSON(list)},
		{http.MethodGet, "/scrape/status/job_k3v9x0q2m7a1b4c8", 404, mustJSON(errBody)},
		{http.MethodGet, "/health/", 200, mustJSON(health)},
	}
}

func ptrTo[T any](v T) *T { return &v }

// replacements are the values a mutation puts somewhere in a body.
var replacements = []any{nil, true, false, 0.0, -1.0, 1.5, 2.0, 1e9, "", "x", "job_ok1", "JOB_BAD",
	"2026-03-04T05:06:07Z", "2026-13-04T05:06:07Z", "2026-03-04", "not a date", "pending", "completed", "unknown",
	strings.Repeat("y", 3000), []any{}, []any{"a"}, map[string]any{}, map[string]any{"k": 1.0}}

// mutate changes one random place of v (a decoded JSON value): deletes a key,
// adds an unknown one, or replaces a value.
func mutate(r *rand.Rand, v any) any {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		switch n := r.IntN(10); {
		case n == 0 || len(keys) == 0:
			x["unexpected_"+fmt.Sprint(r.IntN(3))] = replacements[r.IntN(len(replacements))]
		case n == 1:
			delete(x, keys[r.IntN(len(keys))])
		default:
			k := keys[r.IntN(len(keys))]
			if r.IntN(3) == 0 {
				x[k] = replacements[r.IntN(len(replacements))]
			} else {
				x[k] = mutate(r, x[k])
			}
		}
		return x
	case []any:
		if len(x) == 0 || r.IntN(4) == 0 {
			return append(x, replacements[r.IntN(len(replacements))])
		}
		i := r.IntN(len(x))
		x[i] = mutate(r, x[i])
		return x
	default:
		return replacements[r.IntN(len(replacements))]
	}
}

// TestBodyCheckerAgreesWithKinOpenAPI: on valid bodies and on thousands of bodies
// with one or two random changes, the compiled checker and kin-openapi's own
// body validation give the same verdict.
func TestBodyCheckerAgreesWithKinOpenAPI(t *testing.T) {
	_, router, err := specRouter()
	if err != nil {
		t.Fatal(err)
	}
	header := http.Header{"Content-Type": []string{"application/json"}}
	r := rand.New(rand.NewPCG(1, 2))
	rounds := 1500
	if testing.Short() {
		rounds = 300
	}
	for _, tc := range sampleBodies(t) {
		req := httptest.NewRequest(tc.method, tc.path, nil)
		route, params, err := router.FindRoute(req)
		if err != nil {
			t.Fatal(err)
		}
		if bodyCheckerFor(route, tc.status, header) == nil {
			t.Fatalf("%s %s %d: no compiled checker", tc.method, tc.path, tc.status)
		}
		verdicts := func(body []byte) (checker, kin error) {
			useBodyCheckers = true
			checker = validateResponse(req, route, params, tc.status, header, body)
			useBodyCheckers = false
			kin = validateResponse(req, route, params, tc.status, header, body)
			useBodyCheckers = true
			return checker, kin
		}
		if c, k := verdicts(tc.body); c != nil || k != nil {
			t.Fatalf("%s %d: the sample is not valid: checker %v, kin-openapi %v", tc.path, tc.status, c, k)
		}
		invalid := 0
		for i := range rounds {
			var v any
			if err := json.Unmarshal(tc.body, &v); err != nil {
				t.Fatal(err)
			}
			v = mutate(r, v)
			if i%3 == 0 {
				v = mutate(r, v)
			}
			body, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			c, k := verdicts(body)
			if (c == nil) != (k == nil) {
				t.Fatalf("%s %d: verdicts differ on\n%s\nchecker: %v\nkin-openapi: %v", tc.path, tc.status, body, c, k)
			}
			if c != nil {
				invalid++
			}
		}
		// The mutations must reach both verdicts, or the test proves nothing.
		if invalid == 0 || invalid == rounds {
			t.Errorf("%s %d: %d of %d mutated bodies invalid", tc.path, tc.status, invalid, rounds)
		}
		t.Logf("%s %d: %d of %d mutated bodies invalid, same verdict from both", tc.path, tc.status, invalid, rounds)
	}
}

// TestBodyCheckerKnowsEverySchemaField fails when kin-openapi's Schema gains a
// field: the checker must then learn it, or refuse schemas that use it.
func TestBodyCheckerKnowsEverySchemaField(t *testing.T) {
	known := map[string]string{
		// implemented
		"Type": "", "Enum": "", "Const": "", "Min": "", "Max": "", "MinLength": "", "MaxLength": "", "Pattern": "", "Format": "",
		"Properties": "", "Required": "", "AdditionalProperties": "", "Items": "", "MinItems": "", "MaxItems": "",
		// annotations: no effect on validity
		"Extensions": "", "Origin": "", "Title": "", "Description": "", "Default": "", "Example": "", "Examples": "",
		"ExternalDocs": "", "Deprecated": "", "ReadOnly": "", "XML": "", "Comment": "", "SchemaDialect": "",
		// refused by unsupportedKeywords
		"OneOf": "", "AnyOf": "", "AllOf": "", "Not": "", "UniqueItems": "", "ExclusiveMin": "", "ExclusiveMax": "",
		"Nullable": "", "WriteOnly": "", "AllowEmptyValue": "", "MultipleOf": "", "MinProps": "", "MaxProps": "",
		"Discriminator": "", "PrefixItems": "", "Contains": "", "MinContains": "", "MaxContains": "", "PatternProperties": "",
		"DependentSchemas": "", "PropertyNames": "", "UnevaluatedItems": "", "UnevaluatedProperties": "", "If": "", "Then": "",
		"Else": "", "DependentRequired": "", "Always": "", "Defs": "", "SchemaID": "", "Anchor": "", "DynamicRef": "",
		"DynamicAnchor": "", "ContentMediaType": "", "ContentEncoding": "", "ContentSchema": "",
	}
	st := reflect.TypeOf(openapi3.Schema{})
	for i := range st.NumField() {
		f := st.Field(i)
		if !f.IsExported() {
			continue
		}
		if _, ok := known[f.Name]; !ok {
			t.Errorf("openapi3.Schema has a field %s the body checker does not know: implement it or refuse it in unsupportedKeywords", f.Name)
		}
	}
}

// TestBodyCheckerRefusesWhatItDoesNotImplement: a schema with a keyword outside
// its set is left to kin-openapi.
func TestBodyCheckerRefusesWhatItDoesNotImplement(t *testing.T) {
	for name, s := range map[string]*openapi3.Schema{
		"oneOf":      {OneOf: openapi3.SchemaRefs{openapi3.NewSchemaRef("", openapi3.NewStringSchema())}},
		"multipleOf": {Type: &openapi3.Types{"number"}, MultipleOf: ptrTo(2.0)},
		"nested":     {Type: &openapi3.Types{"object"}, Properties: openapi3.Schemas{"a": openapi3.NewSchemaRef("", &openapi3.Schema{UniqueItems: true})}},
	} {
		if _, err := compileChecker(s, map[*openapi3.Schema]*bodyChecker{}); err == nil {
			t.Errorf("%s: compiled", name)
		}
	}
}

// TestValidDateTimeMatchesKinOpenAPI: the hand-written date-time check and
// kin-openapi's registered "date-time" format agree on valid date-times and on
// many altered ones.
func TestValidDateTimeMatchesKinOpenAPI(t *testing.T) {
	kin := openapi3.SchemaStringFormats["date-time"]
	if kin == nil {
		t.Fatal("kin-openapi registers no date-time format")
	}
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("0123456789-T:Z+.zt ")
	bases := []string{"2026-03-04T05:06:07Z", "2024-02-29T23:59:60.123456+05:30", "2023-02-29T00:00:00Z", "0000-01-31T12:00:00-00:00",
		"2026-12-31T24:00:00Z", "2026-04-31T10:00:00Z", "2026-11-30T10:00:00.Z", "2026-11-30T10:00:00+0530", "2026-11-30 10:00:00Z"}
	for i := range 200000 {
		b := []byte(bases[i%len(bases)])
		for range 1 + r.IntN(3) {
			switch j := r.IntN(len(b) + 1); r.IntN(3) {
			case 0:
				if j < len(b) {
					b[j] = alphabet[r.IntN(len(alphabet))]
				}
			case 1:
				if j < len(b) {
					b = append(b[:j], b[j+1:]...)
				}
			default:
				b = append(b[:j], append([]byte{alphabet[r.IntN(len(alphabet))]}, b[j:]...)...)
			}
		}
		for _, s := range []string{bases[i%len(bases)], string(b)} {
			if got, want := validDateTime([]byte(s)), kin.Validate(s) == nil; got != want {
				t.Fatalf("%q: validDateTime %v, kin-openapi %v", s, got, want)
			}
		}
	}
}
