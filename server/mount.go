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
//	GET /metrics   Prometheus metrics (or on --admin-addr instead)

// Mount returns the handler a server serves: the API, with /metrics in front of
// it when withMetrics is set (it is not when an admin address serves them).
func Mount(api http.Handler, svc *jobs.Service, withMetrics bool) http.Handler {
	metrics.SetQueueDepth(func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		return svc.QueueDepth(ctx)
	})
	if !withMetrics {
		return api
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", MetricsHandler())
	mux.Handle("/", api)
	return mux
}

// MetricsHandler serves Skop's metrics in Prometheus's text format.
func MetricsHandler() http.Handler {
	return promhttp.HandlerFor(metrics.Registry, promhttp.HandlerOpts{})
}
