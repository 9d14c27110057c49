// Package server is Skop's HTTP layer: the Echo wiring (request and response
// validation against openapi.yaml, authentication, uniform errors, logging) and the
// handlers of the generated strict server interface. It is the only package that
// knows Echo; the handlers call the jobs service and translate its answers.
package server

import (
	"context"
	"fmt"
	"github.com/skop-dev/skop/discovery"
	"log/slog"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	skop "github.com/skop-dev/skop"
	"github.com/skop-dev/skop/apikeys"
	"github.com/skop-dev/skop/gen"
	"github.com/skop-dev/skop/internal/memo"
	"github.com/skop-dev/skop/internal/metrics"
	"github.com/skop-dev/skop/jobs"
)

// Version is the API version the server reports.
const Version = "1.0.0"

// MaxBodyBytes is the largest request body accepted.
const MaxBodyBytes = 1 << 20

// Config sets up the HTTP layer.
type Config struct {
	// ValidateResponses checks every response against the spec and turns a
	// violation into a logged 500. On by default (see DefaultConfig).
	ValidateResponses bool
	// RateLimit bounds each key's requests per minute (across replicas, through
	// the database); nil or a zero limit for none.
	RateLimit *apikeys.Limiter
	Logger    *slog.Logger
	// Crawl sets the defaults and ceilings of a job's crawl controls.
	Crawl CrawlLimits
}

// CrawlLimits are the defaults a job's max_pages and max_depth take when it
// sets none, and the most it may ask for (a larger value is a 400 that names
// the ceiling). Zero values take discovery's defaults and ceilings of 2,000
// pages and depth 20.
type CrawlLimits struct {
	MaxPages, MaxPagesCeiling int
	MaxDepth, MaxDepthCeiling int
}

func (c CrawlLimits) withDefaults() CrawlLimits {
	if c.MaxPages <= 0 {
		c.MaxPages = discovery.DefaultMaxPages
	}
	if c.MaxDepth <= 0 {
		c.MaxDepth = discovery.DefaultMaxDepth
	}
	if c.MaxPagesCeiling <= 0 {
		c.MaxPagesCeiling = max(2000, c.MaxPages)
	}
	if c.MaxDepthCeiling <= 0 {
		c.MaxDepthCeiling = max(20, c.MaxDepth)
	}
	return c
}

// DefaultConfig is the configuration `skop-server serve` starts with.
func DefaultConfig() Config { return Config{ValidateResponses: true} }

// spec loads openapi.yaml as the binary embeds it, verbatim (oapi-codegen's own
// embedded copy renames operationIds). Each server gets its own copy, since the
// validator and router keep state in it.
func spec() (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(skop.OpenAPI)
	if err != nil {
		return nil, fmt.Errorf("server: load openapi.yaml: %w", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		return nil, fmt.Errorf("server: openapi.yaml is not valid: %w", err)
	}
	// The servers list documents where the API runs; requests are not matched
	// against it (the server answers on whatever address it listens on).
	doc.Servers = nil
	return doc, nil
}

// specRouter loads the spec (see spec) and the router that finds its operations.
func specRouter() (*openapi3.T, routers.Router, error) {
	doc, err := spec()
	if err != nil {
		return nil, nil, err
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, nil, fmt.Errorf("server: build spec router: %w", err)
	}
	return doc, &routeMemo{Router: router, found: memo.New[routeKey, routeFound](maxRoutes)}, nil
}

// routeMemo remembers the routes found for the paths requested: gorilla/mux
// matches a request against every route's regular expression, which was a
// tenth of a status poll's time, and polls repeat their paths. A route depends on
// the method and the path only (the spec's servers are not matched), so the
// memo's answer is the router's. Failures are not remembered.
type routeMemo struct {
	routers.Router
	found *memo.Map[routeKey, routeFound]
}

type routeKey struct{ method, path, rawPath string }

type routeFound struct {
	route  *routers.Route
	params map[string]string // never handed out: callers get copies
}

const maxRoutes = 8192

// FindRoute returns the operation of r and its path parameters, a map of the
// caller's own.
func (m *routeMemo) FindRoute(r *http.Request) (*routers.Route, map[string]string, error) {
	key := routeKey{r.Method, r.URL.Path, r.URL.RawPath}
	if f, ok := m.found.Get(key); ok {
		return f.route, maps.Clone(f.params), nil
	}
	route, params, err := m.Router.FindRoute(r)
	if err != nil {
		return route, params, err
	}
	m.found.Put(key, routeFound{route: route, params: maps.Clone(params)})
	return route, params, nil
}

// New returns the Echo instance that serves the Skop API with svc and keys.
func New(svc *jobs.Service, keys *apikeys.Store, cfg Config) (*echo.Echo, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	doc, router, err := specRouter()
	if err != nil {
		return nil, err
	}
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = errorHandler(cfg.Logger)

	e.Pre(normalizePath)
	mws := []echo.MiddlewareFunc{requestID, accessLog(cfg.Logger)}
	if cfg.ValidateResponses {
		mws = append(mws, validateResponses(router, doc, cfg.Logger))
	}
	mws = append(mws, recoverPanics(cfg.Logger), limitBody(MaxBodyBytes), authenticateEarly(keys),
		rateLimit(cfg.RateLimit), strictJSON, validateRequests(router, keys))
	e.Use(chainOnce(mws...))

	h := &handlers{svc: svc, log: cfg.Logger, crawl: cfg.Crawl.withDefaults(), encoded: newEncodedCache[resultsKey](), statuses: newEncodedCache[resultsKey](),
		lists: newEncodedCache[listKey]()}
	gen.RegisterHandlers(e, gen.NewStrictHandler(h, nil))
	return e, nil
}

// chainOnce composes mws, first outermost, around whatever handler Echo's router
// found for the request (c.Handler()), once. Echo wraps the middlewares given to
// Use around each request's handler on every request, which allocates a closure
// per middleware per request; the middlewares here do not depend on the route's
// handler, so the chain can be built once and reused.
func chainOnce(mws ...echo.MiddlewareFunc) echo.MiddlewareFunc {
	h := echo.HandlerFunc(func(c echo.Context) error { return c.Handler()(c) })
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return func(echo.HandlerFunc) echo.HandlerFunc { return h }
}

// normalizePath serves `/scrape` as `/scrape/` and `/health` as `/health/`, the
// spellings the Skop docs use both of.
func normalizePath(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		switch r.URL.Path {
		case "/scrape", "/health":
			r.URL.Path += "/"
			if r.URL.RawPath != "" {
				r.URL.RawPath += "/"
			}
		}
		return next(c)
	}
}

// requestState travels in a request's context from the first middleware on. It is a
// pointer so that the authenticator, which runs inside the validator and cannot
// replace the request, can record the caller's key for the handlers.
type requestState struct {
	id     string
	key    *apikeys.Key
	secret string // the credential key was found by, so it is looked up once
	// route and params are the spec operation the request validator found, for
	// the response validator.
	route  *routers.Route
	params map[string]string
}

type stateCtxKey struct{}

func stateOf(ctx context.Context) *requestState {
	st, _ := ctx.Value(stateCtxKey{}).(*requestState)
	if st == nil {
		return &requestState{}
	}
	return st
}

// requestID gives every request an id, taken from X-Request-ID when the client sent
// a sane one, and echoes it in the response.
func requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if id == "" || len(id) > 64 || strings.ContainsFunc(id, func(r rune) bool { return r < 0x21 || r > 0x7e }) {
			id = newRequestID()
		}
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		c.SetRequest(c.Request().WithContext(context.WithValue(c.Request().Context(), stateCtxKey{}, &requestState{id: id})))
		return next(c)
	}
}

func requestIDFrom(ctx context.Context) string { return stateOf(ctx).id }

// accessLog writes one structured line per request. It never logs credentials.
func accessLog(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err) // write the error response now, so its status is logged
			}
			r := c.Request()
			op := "none"
			if st := stateOf(r.Context()); st.route != nil && st.route.Operation != nil {
				op = st.route.Operation.OperationID
			}
			took := time.Since(start)
			requestMetrics(op, c.Response().Status).observe(took)
			// Health and readiness probes are polled by load balancers and
			// orchestrators several times a second: a successful one is logged at
			// debug level, so the log shows traffic, not probes.
			level := slog.LevelInfo
			if (op == "getHealth" || op == "getReadiness") && c.Response().Status < 400 {
				level = slog.LevelDebug
			}
			log.LogAttrs(r.Context(), level, "request",
				slog.String("request_id", requestIDFrom(r.Context())),
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", c.Response().Status),
				slog.Duration("duration", took),
			)
			return nil
		}
	}
}

// opMetrics are one operation's and status's request metrics. Looking a
// labelled metric up by its label values hashes them under a lock on every call;
// there are few operations and statuses, so each pair's metrics are looked up once.
type opMetrics struct {
	requests prometheus.Counter
	duration prometheus.Observer
}

func (m *opMetrics) observe(d time.Duration) {
	m.requests.Inc()
	m.duration.Observe(d.Seconds())
}

type opStatus struct {
	op     string
	status int
}

var opMetricsFound struct {
	sync.RWMutex
	m map[opStatus]*opMetrics
}

func requestMetrics(op string, status int) *opMetrics {
	k := opStatus{op, status}
	opMetricsFound.RLock()
	m := opMetricsFound.m[k]
	opMetricsFound.RUnlock()
	if m != nil {
		return m
	}
	opMetricsFound.Lock()
	defer opMetricsFound.Unlock()
	if m = opMetricsFound.m[k]; m == nil {
		if opMetricsFound.m == nil {
			opMetricsFound.m = map[opStatus]*opMetrics{}
		}
		m = &opMetrics{
			requests: metrics.Requests.WithLabelValues(op, strconv.Itoa(status)),
			duration: metrics.RequestDuration.WithLabelValues(op),
		}
		opMetricsFound.m[k] = m
	}
	return m
}

// recoverPanics turns a panic in a handler into a logged 500 ErrorResponse.
func recoverPanics(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer func() {
				if p := recover(); p != nil {
					if p == http.ErrAbortHandler {
						panic(p)
					}
					log.Error("panic in handler", "request_id", requestIDFrom(c.Request().Context()), "panic", fmt.Sprint(p))
					err = echo.NewHTTPError(http.StatusInternalServerError, "Internal server error")
				}
			}()
			return next(c)
		}
	}
}

// limitBody refuses bodies over max bytes with 413, both when Content-Length says
// so and when a body without one grows past it.
func limitBody(max int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if r.ContentLength > max {
				return echo.NewHTTPError(http.StatusRequestEntityTooLarge, fmt.Sprintf("Request body is larger than %d bytes", max))
			}
			if r.Body != nil && r.Body != http.NoBody {
				r.Body = http.MaxBytesReader(c.Response(), r.Body, max)
			}
			return next(c)
		}
	}
}
