package server

import (
	"bytes"
	"context"
	"net/http"
	"sync"
	"time"

	skop "github.com/skop-dev/skop"
	"github.com/skop-dev/skop/gen"
)

func (h *handlers) GetRoot(ctx context.Context, _ gen.GetRootRequestObject) (gen.GetRootResponseObject, error) {
	return gen.GetRoot200JSONResponse{
		Message: "Skop PDF Scraper API",
		Version: Version,
		Docs:    "/openapi.yaml",
		Endpoints: map[string]string{
			"create_job":  "POST /scrape/",
			"list_jobs":   "GET /scrape/",
			"job_status":  "GET /scrape/status/{job_id}",
			"job_results": "GET /scrape/results/{job_id}",
			"cancel_job":  "DELETE /scrape/{job_id}",
			"health":      "GET /health/",
			"readiness":   "GET /health/ready",
			"openapi":     "GET /openapi.yaml",
		},
	}, nil
}

func (h *handlers) GetOpenAPIDocument(ctx context.Context, _ gen.GetOpenAPIDocumentRequestObject) (gen.GetOpenAPIDocumentResponseObject, error) {
	return gen.GetOpenAPIDocument200ApplicationyamlResponse{
		Body:          bytes.NewReader(skop.OpenAPI),
		ContentLength: int64(len(skop.OpenAPI)),
	}, nil
}

func (h *handlers) dependencies(ctx context.Context) (gen.DependencyStatus, bool, bool) {
	dbOK, workersEnabled, workersOK := h.svc.Healthy(ctx)
	ds := gen.DependencyStatus{Database: gen.DependencyStatusDatabaseHealthy, Workers: gen.DependencyStatusWorkersHealthy}
	if !dbOK {
		ds.Database = gen.DependencyStatusDatabaseUnhealthy
	}
	switch {
	case !workersEnabled:
		ds.Workers = gen.DependencyStatusWorkersDisabled
	case !workersOK:
		ds.Workers = gen.DependencyStatusWorkersUnhealthy
	}
	return ds, dbOK, workersOK
}

func (h *handlers) GetHealth(ctx context.Context, _ gen.GetHealthRequestObject) (gen.GetHealthResponseObject, error) {
	ds, dbOK, workersOK := h.dependencies(ctx)
	status := gen.HealthResponseStatusHealthy
	switch {
	case !dbOK:
		status = gen.HealthResponseStatusUnhealthy
	case !workersOK:
		status = gen.HealthResponseStatusDegraded
	}
	now := time.Now().UTC().Truncate(time.Second)
	if b, ok := h.health.get(now, status, ds); ok {
		return encodedHealth(b), nil
	}
	resp := gen.GetHealth200JSONResponse{
		Status:           status,
		Service:          gen.Skop,
		Version:          Version,
		Timestamp:        now,
		DependencyStatus: ds,
	}
	b, err := encodeBody(resp)
	if err != nil {
		return nil, err
	}
	h.health.put(now, status, ds, b)
	return encodedHealth(b), nil
}

// healthMemo keeps the last health answer encoded. Health is polled by load
// balancers and orchestrators many times a second; its body states the time to
// the second and the dependencies' states, so within a second, with the same
// states, it is the same bytes.
type healthMemo struct {
	mu     sync.Mutex
	at     time.Time
	status gen.HealthResponseStatus
	ds     gen.DependencyStatus
	body   []byte
}

func (m *healthMemo) get(at time.Time, status gen.HealthResponseStatus, ds gen.DependencyStatus) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.body == nil || !m.at.Equal(at) || m.status != status || m.ds != ds {
		return nil, false
	}
	return m.body, true
}

func (m *healthMemo) put(at time.Time, status gen.HealthResponseStatus, ds gen.DependencyStatus, body []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.at, m.status, m.ds, m.body = at, status, ds, body
}

// encodedHealth is a 200 health answer already encoded.
type encodedHealth []byte

func (b encodedHealth) VisitGetHealthResponse(w http.ResponseWriter) error { return writeJSON200(w, b) }

func (h *handlers) GetReadiness(ctx context.Context, _ gen.GetReadinessRequestObject) (gen.GetReadinessResponseObject, error) {
	ds, dbOK, workersOK := h.dependencies(ctx)
	body := gen.ReadinessResponse{Ready: dbOK && workersOK, Timestamp: time.Now().UTC().Truncate(time.Second), DependencyStatus: ds}
	if !body.Ready {
		return gen.GetReadiness503JSONResponse(body), nil
	}
	return gen.GetReadiness200JSONResponse(body), nil
}
