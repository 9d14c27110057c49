package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/skop-dev/skop/apikeys"
	"github.com/skop-dev/skop/database"
	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/jobs"
	"github.com/skop-dev/skop/server"
)

// common are the flags `serve` and `worker` share.
type common struct {
	db           *string
	workers      *int
	allowPrivate *bool
	maxActive    *int
	pricePerPage *float64
	maxPages     *int
	maxDepth     *int
	perHost      *int
	perHostDelay *time.Duration
	statusCheck  *time.Duration
	lease        *time.Duration
	reapInterval *time.Duration
	maxAttempts  *int
	logFormat    *string
	logLevel     *string
	grace        *time.Duration
	crawlDelay   *time.Duration
	llmURL       *string
	llmModel     *string
	ocr          *string
	llmPrice     *float64
	llmTimeout   *time.Duration
	llmJudge     *bool
}

func commonFlags(fs *flag.FlagSet, defaultWorkers int) *common {
	return &common{
		db:           fs.String("db", envOr("SKOP_DATABASE_URL", "./skop.db"), "SQLite file, or postgres:// URL for several replicas (env SKOP_DATABASE_URL)"),
		workers:      fs.Int("workers", envInt("SKOP_WORKERS", defaultWorkers), "jobs run at once by this process; 0 = API only (env SKOP_WORKERS)"),
		allowPrivate: fs.Bool("allow-private-networks", envBool("SKOP_ALLOW_PRIVATE_NETWORKS", false), "let the crawler reach loopback, private and link-local addresses (env SKOP_ALLOW_PRIVATE_NETWORKS)"),
		maxActive:    fs.Int("max-active-jobs", envInt("SKOP_MAX_ACTIVE_JOBS", 5), "pending or in-progress jobs allowed per API key (env SKOP_MAX_ACTIVE_JOBS)"),
		pricePerPage: fs.Float64("price-per-page", envFloat("SKOP_PRICE_PER_PAGE", 0.10), "cost of a page that yielded a result (env SKOP_PRICE_PER_PAGE)"),
		maxPages:     fs.Int("max-pages", envInt("SKOP_MAX_PAGES", discovery.DefaultMaxPages), "HTML pages a job crawls unless it sets max_pages (env SKOP_MAX_PAGES)"),
		maxDepth:     fs.Int("max-depth", envInt("SKOP_MAX_DEPTH", discovery.DefaultMaxDepth), "links followed from the start page to a document unless a job sets max_depth (env SKOP_MAX_DEPTH)"),
		perHost:      fs.Int("per-host-concurrency", envInt("SKOP_PER_HOST_CONCURRENCY", 4), "requests in flight to one website (env SKOP_PER_HOST_CONCURRENCY)"),
		perHostDelay: fs.Duration("per-host-delay", envDuration("SKOP_PER_HOST_DELAY", 0), "pause between requests to one website, e.g. 250ms (env SKOP_PER_HOST_DELAY)"),
		statusCheck:  fs.Duration("status-check-interval", envDuration("SKOP_STATUS_CHECK_INTERVAL", time.Second), "how often a running job re-reads its status, so a cancel whose signal was missed still stops it (env SKOP_STATUS_CHECK_INTERVAL)"),
		lease:        fs.Duration("lease", envDuration("SKOP_LEASE", 30*time.Second), "how long a running job stays with a replica that stopped renewing it before another takes it over (env SKOP_LEASE)"),
		reapInterval: fs.Duration("reap-interval", envDuration("SKOP_REAP_INTERVAL", 5*time.Second), "how often each replica looks for jobs whose replica died (env SKOP_REAP_INTERVAL)"),
		maxAttempts:  fs.Int("max-attempts", envInt("SKOP_MAX_ATTEMPTS", 3), "times a job is run again after its worker failed or died, before it fails (env SKOP_MAX_ATTEMPTS)"),
		logFormat:    fs.String("log-format", envOr("SKOP_LOG_FORMAT", "text"), "text or json (env SKOP_LOG_FORMAT)"),
		logLevel:     fs.String("log-level", envOr("SKOP_LOG_LEVEL", "info"), "debug, info (one line per request), warn or error (env SKOP_LOG_LEVEL)"),
		grace:        fs.Duration("shutdown-grace", envDuration("SKOP_SHUTDOWN_GRACE", 20*time.Second), "on SIGINT/SIGTERM, how long running jobs may go on before they are handed back to another process (env SKOP_SHUTDOWN_GRACE)"),
		llmURL:       fs.String("llm-url", envOr("SKOP_LLM_URL", ""), "OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp, OpenAI) that reads prompts with the rules, e.g. http://127.0.0.1:11434/v1; off when empty. Its key comes from SKOP_LLM_API_KEY (env SKOP_LLM_URL)"),
		ocr:          fs.String("ocr", envOr("SKOP_OCR", discovery.OCRAuto), "auto: read scanned PDFs with Tesseract when tesseract and pdftoppm are installed (Debian tesseract-ocr, poppler-utils); off (env SKOP_OCR)"),
		llmModel:     fs.String("llm-model", envOr("SKOP_LLM_MODEL", ""), "model name for --llm-url (env SKOP_LLM_MODEL)"),
		llmPrice:     fs.Float64("llm-price-per-1k-tokens", envFloat("SKOP_LLM_PRICE_PER_1K_TOKENS", 0), "what 1,000 language-model tokens add to a job's cost (env SKOP_LLM_PRICE_PER_1K_TOKENS)"),
		llmTimeout:   fs.Duration("llm-timeout", envDuration("SKOP_LLM_TIMEOUT", 30*time.Second), "time limit of one language-model call; timeouts, 429 and 5xx are retried twice (env SKOP_LLM_TIMEOUT)"),
		llmJudge:     fs.Bool("llm-judge", envBool("SKOP_LLM_JUDGE", true), "with --llm-url, also ask the model, in one call per job, about the documents scored near the job's threshold (env SKOP_LLM_JUDGE)"),
		crawlDelay:   fs.Duration("max-crawl-delay", envDuration("SKOP_MAX_CRAWL_DELAY", 10*time.Second), "the longest Crawl-delay from a robots.txt that is honoured; longer ones are capped, with a warning (env SKOP_MAX_CRAWL_DELAY)"),
	}
}

// check refuses unreadable environment variables and impossible flag values.
func (c *common) check() error {
	if err := envError(); err != nil {
		return err
	}
	switch {
	case *c.workers < 0:
		return usageError("--workers must be 0 or more")
	case *c.maxActive < 1:
		return usageError("--max-active-jobs must be at least 1")
	case *c.maxPages < 1 || *c.maxDepth < 1:
		return usageError("--max-pages and --max-depth must be at least 1 (a job's single_page reads the start page alone)")
	case *c.perHost < 1:
		return usageError("--per-host-concurrency must be at least 1")
	case *c.ocr != discovery.OCRAuto && *c.ocr != discovery.OCROff:
		return usageError(fmt.Sprintf("--ocr must be auto or off, not %q", *c.ocr))
	case *c.logFormat != "text" && *c.logFormat != "json":
		return usageError(fmt.Sprintf("--log-format must be text or json, not %q", *c.logFormat))
	}
	if _, err := parseLevel(*c.logLevel); err != nil {
		return usageError(err.Error())
	}
	return nil
}

// app is an opened, migrated database with the services over it.
type app struct {
	log  *slog.Logger
	out  *logOutput // the log's buffer: closed last, so nothing logged is lost
	db   *database.DB
	keys *apikeys.Store
	svc  *jobs.Service
}

func (c *common) open(ctx context.Context) (*app, error) {
	level, _ := parseLevel(*c.logLevel) // check refused a bad one
	out := newLogOutput(os.Stderr)
	log := newLogger(*c.logFormat, level, out)
	slog.SetDefault(log)
	d, err := database.Open(ctx, *c.db)
	if err != nil {
		_ = out.Close()
		return nil, err
	}
	if err := database.Migrate(ctx, d); err != nil {
		d.Close()
		_ = out.Close()
		return nil, err
	}
	svc, err := jobs.NewService(d, jobs.Config{
		Workers:             *c.workers,
		MaxActivePerKey:     *c.maxActive,
		PricePerPage:        *c.pricePerPage,
		StatusCheckInterval: *c.statusCheck,
		LeaseDuration:       *c.lease,
		MaxAttempts:         *c.maxAttempts,
		ReapInterval:        *c.reapInterval,
		Discovery: discovery.Config{AllowPrivateNetworks: *c.allowPrivate, MaxPages: *c.maxPages, MaxDepth: *c.maxDepth,
			PerHostConcurrency: *c.perHost, PerHostDelay: *c.perHostDelay, MaxCrawlDelay: *c.crawlDelay, OCR: *c.ocr,
			LLM: discovery.LLMConfig{URL: *c.llmURL, Model: *c.llmModel, APIKey: os.Getenv("SKOP_LLM_API_KEY"),
				PricePer1KTokens: *c.llmPrice, Timeout: *c.llmTimeout, NoJudge: !*c.llmJudge}},
		Logger: log,
	})
	if err != nil {
		d.Close()
		_ = out.Close()
		return nil, err
	}
	if *c.ocr == discovery.OCRAuto && !discovery.OCRAvailable() {
		log.Warn("scanned PDFs will be judged by their links alone: OCR needs tesseract and pdftoppm (Debian tesseract-ocr, poppler-utils)")
	}
	return &app{log: log, out: out, db: d, keys: apikeys.NewStore(d), svc: svc}, nil
}

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", envOr("SKOP_ADDR", "127.0.0.1:8080"), "listen address (env SKOP_ADDR)")
	validateResponses := fs.Bool("validate-responses", envBool("SKOP_VALIDATE_RESPONSES", true), "check every response against openapi.yaml (env SKOP_VALIDATE_RESPONSES)")
	readHeader := fs.Duration("read-header-timeout", envDuration("SKOP_READ_HEADER_TIMEOUT", 5*time.Second), "time a client has to send a request's headers (env SKOP_READ_HEADER_TIMEOUT)")
	readBody := fs.Duration("read-timeout", envDuration("SKOP_READ_TIMEOUT", 10*time.Second), "time a client has to send a whole request, body included (env SKOP_READ_TIMEOUT)")
	writeTimeout := fs.Duration("write-timeout", envDuration("SKOP_WRITE_TIMEOUT", 30*time.Second), "time to write a response (env SKOP_WRITE_TIMEOUT)")
	idle := fs.Duration("idle-timeout", envDuration("SKOP_IDLE_TIMEOUT", 2*time.Minute), "how long an idle keep-alive connection stays open (env SKOP_IDLE_TIMEOUT)")
	drain := fs.Duration("drain-timeout", envDuration("SKOP_DRAIN_TIMEOUT", 10*time.Second), "on shutdown, how long requests in flight may take to finish (env SKOP_DRAIN_TIMEOUT)")
	rate := fs.Int("rate-limit", envInt("SKOP_RATE_LIMIT", 6000), "requests per minute per API key, across replicas; 0 for no limit (env SKOP_RATE_LIMIT)")
	keyTTL := fs.Duration("key-cache-ttl", envDuration("SKOP_KEY_CACHE_TTL", apikeys.DefaultCacheTTL), "how long a valid API key is trusted without a database lookup; a revoke made elsewhere takes effect within it, 0 turns the cache off (env SKOP_KEY_CACHE_TTL)")
	adminAddr := fs.String("admin-addr", envOr("SKOP_ADMIN_ADDR", ""), "serve /metrics and /ops/ (River UI) on this address instead of the API's (env SKOP_ADMIN_ADDR)")
	debugAddr := fs.String("debug-addr", envOr("SKOP_DEBUG_ADDR", ""), "serve net/http/pprof on this address, e.g. 127.0.0.1:6060; off when empty (env SKOP_DEBUG_ADDR)")
	pagesCeiling := fs.Int("max-pages-ceiling", envInt("SKOP_MAX_PAGES_CEILING", 2000), "the largest max_pages a job may ask for (env SKOP_MAX_PAGES_CEILING)")
	depthCeiling := fs.Int("max-depth-ceiling", envInt("SKOP_MAX_DEPTH_CEILING", 20), "the largest max_depth a job may ask for (env SKOP_MAX_DEPTH_CEILING)")
	c := commonFlags(fs, 4)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := c.check(); err != nil {
		return err
	}
	if *pagesCeiling < *c.maxPages || *depthCeiling < *c.maxDepth {
		return usageError("--max-pages-ceiling and --max-depth-ceiling must be at least --max-pages and --max-depth")
	}
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	ctx := context.Background()
	a, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer a.out.Close()
	defer a.db.Close()
	a.keys.SetCacheTTL(*keyTTL)
	if *debugAddr != "" {
		if err := serveDebug(*debugAddr, a.log); err != nil {
			return err
		}
	}
	e, err := server.New(a.svc, a.keys, server.Config{ValidateResponses: *validateResponses, Logger: a.log,
		RateLimit: apikeys.NewLimiter(a.db, *rate),
		Crawl:     server.CrawlLimits{MaxPages: *c.maxPages, MaxPagesCeiling: *pagesCeiling, MaxDepth: *c.maxDepth, MaxDepthCeiling: *depthCeiling}})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	if err := firstKey(ctx, a.keys, a.log, ln.Addr().String()); err != nil {
		ln.Close()
		return err
	}
	if err := a.svc.Start(ctx); err != nil {
		ln.Close()
		return err
	}
	opsCtx, stopOps := context.WithCancel(ctx)
	defer stopOps()
	ops, err := server.OpsHandler(opsCtx, a.svc, a.keys, a.log.With("component", "riverui"))
	if err != nil {
		ln.Close()
		return fmt.Errorf("river UI: %w", err)
	}
	apiOps := ops
	if *adminAddr != "" {
		if err := serveAdmin(*adminAddr, ops, a.log); err != nil {
			ln.Close()
			return err
		}
		apiOps = nil
	}
	srv := server.HTTPServer(server.Mount(e, a.svc, *adminAddr == "", apiOps), server.Timeouts{ReadHeader: *readHeader, Read: *readBody, Write: *writeTimeout, Idle: *idle}, a.log)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(server.ErrorResponseListener(ln)) }()
	a.log.Info("skop-server listening", "addr", ln.Addr().String(), "db", a.db.Location, "workers", *c.workers, "allow_private_networks", *c.allowPrivate)

	select {
	case err := <-errc:
		return err
	case <-sig:
	}
	return shutdown(a, sig, *c.grace, func(ctx context.Context) {
		dctx, cancel := context.WithTimeout(ctx, *drain)
		defer cancel()
		if err := srv.Shutdown(dctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("http shutdown", "error", err)
			_ = srv.Close()
		}
	})
}

// shutdown stops a process after its first signal: the listener closes and
// requests in flight drain (drainHTTP), no new job starts, and running jobs get up
// to grace to finish; then they are stopped and handed back, for another process
// to resume. A second signal cuts the grace short.
func shutdown(a *app, sig <-chan os.Signal, grace time.Duration, drainHTTP func(context.Context)) error {
	a.log.Info("shutting down: no new jobs; running jobs may finish", "grace", grace)
	gctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	go func() {
		select {
		case <-sig:
			a.log.Warn("second signal: stopping running jobs now and handing them back")
			cancel()
		case <-gctx.Done():
		}
	}()
	var wg sync.WaitGroup
	if drainHTTP != nil {
		wg.Go(func() { drainHTTP(context.WithoutCancel(gctx)) })
	}
	if err := a.svc.Stop(gctx); err != nil {
		a.log.Error("worker shutdown", "error", err)
	}
	wg.Wait()
	a.log.Info("stopped")
	return nil
}

// worker runs jobs without serving HTTP: a replica that only works.
func worker(args []string) error {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	c := commonFlags(fs, 4)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := c.check(); err != nil {
		return err
	}
	if *c.workers < 1 {
		return usageError("worker: --workers must be at least 1")
	}
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	ctx := context.Background()
	a, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer a.out.Close()
	defer a.db.Close()
	if err := a.svc.Start(ctx); err != nil {
		return err
	}
	a.log.Info("skop-server worker running", "db", a.db.Location, "workers", *c.workers)
	<-sig
	return shutdown(a, sig, *c.grace, nil)
}

// firstKey creates a key when the database has none, and prints it once, so a
// newcomer can call the API at once.
func firstKey(ctx context.Context, store *apikeys.Store, log *slog.Logger, addr string) error {
	n, err := store.CountActive(ctx)
	if err != nil || n > 0 {
		return err
	}
	secret, _, err := store.Create(ctx, fmt.Sprintf("default-%d", time.Now().Unix()), apikeys.AllScopes)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "\nNo API keys existed, so one was created. It is shown only this once:\n\n    %s\n\nUse it as:  curl -H 'Authorization: Bearer %s' http://%s/scrape/\n\n", secret, secret, addr)
	log.Info("created the first API key")
	return nil
}

// serveAdmin serves /metrics on addr, for operators who keep it off the API's
// address.
func serveAdmin(addr string, ops http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("admin listener on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", server.MetricsHandler())
	mux.Handle("/ops/", ops)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	log.Info("admin server (/metrics, /ops/) listening", "addr", ln.Addr().String())
	return nil
}

// serveDebug serves net/http/pprof on addr, for operators profiling a live server.
// It is off unless --debug-addr is set; bind it to loopback or a private network.
func serveDebug(addr string, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("debug listener on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	log.Info("debug server (pprof) listening", "addr", ln.Addr().String())
	return nil
}
