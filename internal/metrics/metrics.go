// Package metrics declares what Skop reports to Prometheus: requests by operation
// and status with their latency, jobs created and ended by status, cancel-to-stop
// latency, the crawler's pages, documents, bytes, robots refusals and blocked
// addresses. The server serves them at /metrics; the jobs and discovery packages
// count into them. Queue depth is a gauge the server registers over the jobs
// service.
package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"sync/atomic"
)

// Registry holds Skop's metrics and the Go runtime's.
var Registry = prometheus.NewRegistry()

var (
	// Requests counts API requests by operation (operationId, or "none" for a
	// path outside the contract) and status code.
	Requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "skop_http_requests_total",
		Help: "API requests by operation and status code."}, []string{"operation", "code"})
	// RequestDuration is the time to answer, by operation.
	RequestDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "skop_http_request_duration_seconds",
		Help: "Time to answer an API request, by operation.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14)}, []string{"operation"})

	// JobsCreated counts jobs created; JobsEnded jobs that reached a final status.
	JobsCreated = prometheus.NewCounter(prometheus.CounterOpts{Name: "skop_jobs_created_total", Help: "Jobs created."})
	JobsEnded   = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "skop_jobs_ended_total",
		Help: "Jobs that reached a final status, by status."}, []string{"status"})
	// CancelToStop is the time from a cancel's commit to the end of the run it
	// stopped, in the process that ran it.
	CancelToStop = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "skop_cancel_to_stop_seconds",
		Help: "Time from a cancel to the end of the run it stopped.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14)})

	// Crawl counters.
	PagesFetched     = prometheus.NewCounter(prometheus.CounterOpts{Name: "skop_crawl_pages_total", Help: "HTML pages fetched."})
	DocumentsFetched = prometheus.NewCounter(prometheus.CounterOpts{Name: "skop_crawl_documents_total", Help: "Documents downloaded and read."})
	BytesFetched     = prometheus.NewCounter(prometheus.CounterOpts{Name: "skop_crawl_bytes_total", Help: "Bytes of pages and documents read."})
	RobotsRefusals   = prometheus.NewCounter(prometheus.CounterOpts{Name: "skop_crawl_robots_refusals_total", Help: "Links not followed because robots.txt disallows them."})
	BlockedAddresses = prometheus.NewCounter(prometheus.CounterOpts{Name: "skop_crawl_blocked_addresses_total", Help: "Requests refused because they lead to a non-public address."})
)

// queueDepth reads the number of River jobs waiting to run; set by the server.
var queueDepth atomic.Pointer[func() float64]

// SetQueueDepth sets how the skop_queue_depth gauge is read.
func SetQueueDepth(f func() float64) { queueDepth.Store(&f) }

func init() {
	depth := prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "skop_queue_depth", Help: "Jobs waiting in the queue to run."},
		func() float64 {
			if f := queueDepth.Load(); f != nil {
				return (*f)()
			}
			return 0
		})
	Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		Requests, RequestDuration, JobsCreated, JobsEnded, CancelToStop,
		PagesFetched, DocumentsFetched, BytesFetched, RobotsRefusals, BlockedAddresses, depth)
}
