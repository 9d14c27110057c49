package server

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// TestRouteMemoAgreesWithTheRouter: for each request, first and twice again,
// the memo answers what gorilla/mux answers — the same operation, the same
// parameters, the same failure — and the parameters it hands out are the
// caller's to change (the third round sees what the second changed, if not).
func TestRouteMemoAgreesWithTheRouter(t *testing.T) {
	doc, memo, err := specRouter()
	if err != nil {
		t.Fatal(err)
	}
	plain, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ method, target string }{
		{http.MethodGet, "/scrape/status/job_abc123"}, {http.MethodGet, "/scrape/status/job_def456"},
		{http.MethodGet, "/scrape/results/job_abc123"}, {http.MethodDelete, "/scrape/job_abc123"},
		{http.MethodGet, "/scrape/job_abc123"}, {http.MethodPost, "/scrape/"}, {http.MethodGet, "/scrape/"},
		{http.MethodGet, "/health/"}, {http.MethodGet, "/health/ready"}, {http.MethodGet, "/nowhere"},
		{http.MethodGet, "/scrape/status/job%5Fabc"}, {http.MethodGet, "/scrape/status/a%2Fb"},
		{http.MethodPut, "/scrape/status/job_abc123"}, {http.MethodGet, "/scrape/status/"},
	} {
		for round := range 3 {
			r := httptest.NewRequest(tc.method, tc.target, nil)
			wantRoute, wantParams, wantErr := plain.FindRoute(r)
			gotRoute, gotParams, gotErr := memo.FindRoute(r)
			if (wantErr == nil) != (gotErr == nil) {
				t.Fatalf("%s %s (round %d): error %v, router says %v", tc.method, tc.target, round, gotErr, wantErr)
			}
			if wantErr != nil {
				continue
			}
			if gotRoute.Operation != wantRoute.Operation || gotRoute.Path != wantRoute.Path {
				t.Errorf("%s %s (round %d): route %s, router says %s", tc.method, tc.target, round, gotRoute.Path, wantRoute.Path)
			}
			if len(wantParams) > 0 || len(gotParams) > 0 {
				if !reflect.DeepEqual(gotParams, wantParams) {
					t.Errorf("%s %s (round %d): params %v, router says %v", tc.method, tc.target, round, gotParams, wantParams)
				}
			}
			for k := range gotParams {
				gotParams[k] = "changed by the caller"
			}
		}
	}
}
