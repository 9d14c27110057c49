package server

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/skop-dev/skop/internal/metrics"
	"github.com/skop-dev/skop/jobs"
)

// Routes outside the contract are mounted in front of the validated API, so the
// request validator (which answers 404 for every path openapi.yaml does not
// name) never sees them:
//
//	GET /docs/     the API reference in the browser (Swagger UI, offline)
//	GET /metrics   Prometheus metrics
//	GET /ops/      River UI, read-only, for keys with ops:read (OpsHandler)
//
// /metrics and /ops/ can move to a separate admin address instead.

// Mount returns the handler a server serves: the API, with /metrics and, when
// ops is not nil, /ops/ in front of it (withMetrics is false, and ops nil, when an
// admin address serves them).
func Mount(api http.Handler, svc *jobs.Service, withMetrics bool, ops http.Handler) http.Handler {
	metrics.SetQueueDepth(func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		return svc.QueueDepth(ctx)
	})
	mux := http.NewServeMux()
	mux.Handle("/docs/", DocsHandler())
	mux.Handle("/docs", http.RedirectHandler("/docs/", http.StatusMovedPermanently))
	if withMetrics {
		mux.Handle("GET /metrics", MetricsHandler())
	}
	if ops != nil {
		mux.Handle("/ops/", ops)
		mux.Handle("/ops", http.RedirectHandler("/ops/", http.StatusMovedPermanently))
	}
	mux.Handle("/", api)
	return mux
}

// MetricsHandler serves Skop's metrics in Prometheus's text format.
func MetricsHandler() http.Handler {
	return promhttp.HandlerFor(metrics.Registry, promhttp.HandlerOpts{})
}
