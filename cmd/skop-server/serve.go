package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/skop-dev/skop/apikeys"
	"github.com/skop-dev/skop/database"
	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/jobs"
	"github.com/skop-dev/skop/server"
)

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", envOr("SKOP_ADDR", "127.0.0.1:8080"), "listen address (env SKOP_ADDR)")
	db := fs.String("db", envOr("SKOP_DATABASE_URL", "./skop.db"), "database file (env SKOP_DATABASE_URL)")
	workers := fs.Int("workers", envInt("SKOP_WORKERS", 4), "jobs run at once by this process; 0 = API only (env SKOP_WORKERS)")
	allowPrivate := fs.Bool("allow-private-networks", envBool("SKOP_ALLOW_PRIVATE_NETWORKS", false), "let the crawler reach loopback, private and link-local addresses (env SKOP_ALLOW_PRIVATE_NETWORKS)")
	maxActive := fs.Int("max-active-jobs", envInt("SKOP_MAX_ACTIVE_JOBS", 5), "pending or in-progress jobs allowed per API key (env SKOP_MAX_ACTIVE_JOBS)")
	validateResponses := fs.Bool("validate-responses", envBool("SKOP_VALIDATE_RESPONSES", true), "check every response against openapi.yaml (env SKOP_VALIDATE_RESPONSES)")
	pricePerPage := fs.Float64("price-per-page", envFloat("SKOP_PRICE_PER_PAGE", 0.10), "cost of a page that yielded a result (env SKOP_PRICE_PER_PAGE)")
	maxPages := fs.Int("max-pages", envInt("SKOP_MAX_PAGES", 50), "pages crawled per job (env SKOP_MAX_PAGES)")
	maxDepth := fs.Int("max-depth", envInt("SKOP_MAX_DEPTH", 3), "links followed from the start page (env SKOP_MAX_DEPTH)")
	perHost := fs.Int("per-host-concurrency", envInt("SKOP_PER_HOST_CONCURRENCY", 4), "requests in flight to one website (env SKOP_PER_HOST_CONCURRENCY)")
	perHostDelay := fs.Duration("per-host-delay", envDuration("SKOP_PER_HOST_DELAY", 0), "pause between requests to one website, e.g. 250ms (env SKOP_PER_HOST_DELAY)")
	logFormat := fs.String("log-format", envOr("SKOP_LOG_FORMAT", "text"), "text or json (env SKOP_LOG_FORMAT)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var handler slog.Handler = slog.NewTextHandler(os.Stderr, nil)
	if *logFormat == "json" {
		handler = slog.NewJSONHandler(os.Stderr, nil)
	}
	log := slog.New(handler)
	slog.SetDefault(log)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	d, err := database.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := database.Migrate(ctx, d); err != nil {
		return err
	}
	keyStore := apikeys.NewStore(d)
	if err := firstKey(ctx, keyStore, log); err != nil {
		return err
	}
	svc, err := jobs.NewService(d, jobs.Config{
		Workers:         *workers,
		MaxActivePerKey: *maxActive,
		PricePerPage:    *pricePerPage,
		Discovery: discovery.Config{AllowPrivateNetworks: *allowPrivate, MaxPages: *maxPages, MaxDepth: *maxDepth,
			PerHostConcurrency: *perHost, PerHostDelay: *perHostDelay},
		Logger: log,
	})
	if err != nil {
		return err
	}
	e, err := server.New(svc, keyStore, server.Config{ValidateResponses: *validateResponses, Logger: log})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	if err := svc.Start(ctx); err != nil {
		ln.Close()
		return err
	}
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("skop-server listening", "addr", ln.Addr().String(), "db", d.Location, "workers", *workers, "allow_private_networks", *allowPrivate)

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("http shutdown", "error", err)
	}
	if err := svc.Stop(sctx); err != nil {
		log.Error("worker shutdown", "error", err)
	}
	return nil
}

// firstKey creates a key when the database has none, and prints it once, so a
// newcomer can call the API at once.
func firstKey(ctx context.Context, store *apikeys.Store, log *slog.Logger) error {
	n, err := store.CountActive(ctx)
	if err != nil || n > 0 {
		return err
	}
	secret, _, err := store.Create(ctx, fmt.Sprintf("default-%d", time.Now().Unix()), apikeys.AllScopes)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "\nNo API keys existed, so one was created. It is shown only this once:\n\n    %s\n\nUse it as:  curl -H 'Authorization: Bearer %s' http://<addr>/scrape/\n\n", secret, secret)
	log.Info("created the first API key")
	return nil
}
