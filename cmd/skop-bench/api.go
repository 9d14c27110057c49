package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/skop-dev/skop/apikeys"
	"github.com/skop-dev/skop/client"
	"github.com/skop-dev/skop/database"
	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/internal/testsite"
	"github.com/skop-dev/skop/jobs"
	"github.com/skop-dev/skop/server"
)

// runAPI measures the API's read paths against a bare Echo handler in the same
// run: the real server (SQLite in a temp dir, full request and response
// validation, authentication, the production http.Server) and, beside it, an Echo
// instance whose one handler returns the same bytes with no auth, validation or
// database. Both are driven by the same closed-loop load generator, alternating,
// for -rounds rounds each; the ratio of requests per second is the figure.
func runAPI(args []string) error {
	fs := flag.NewFlagSet("api", flag.ContinueOnError)
	duration := fs.Duration("duration", 3*time.Second, "load per endpoint per round")
	conns := fs.Int("connections", 64, "concurrent connections (closed loop)")
	rounds := fs.Int("rounds", 3, "rounds per endpoint, bare and skop alternating")
	asJSON := fs.Bool("json", false, "end with one JSON line of ratios")
	only := fs.String("endpoint", "", "run only this endpoint (status, results, list, health, cancel)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the skop rounds to this file")
	dsn := fs.String("db", "", "database: a postgres:// URL of an empty database (default: SQLite in a temp dir)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "skop-bench-api")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))

	if *dsn == "" {
		*dsn = filepath.Join(dir, "skop.db")
	}
	db, err := database.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := database.Migrate(ctx, db); err != nil {
		return err
	}
	keys := apikeys.NewStore(db)
	secret, _, err := keys.Create(ctx, "bench", apikeys.AllScopes)
	if err != nil {
		return err
	}
	svc, err := jobs.NewService(db, jobs.Config{Workers: 1, MaxActivePerKey: 1000, Logger: quiet,
		Discovery: discovery.Config{AllowPrivateNetworks: true}})
	if err != nil {
		return err
	}
	if err := svc.Start(ctx); err != nil {
		return err
	}
	defer func() {
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		_ = svc.Stop(sctx)
	}()
	// The rate limiter on, with a limit the load never reaches: its cost counts.
	e, err := server.New(svc, keys, server.Config{ValidateResponses: true, Logger: quiet, RateLimit: apikeys.NewLimiter(db, 1_000_000_000)})
	if err != nil {
		return err
	}
	skopBase, stopSkop, err := serveOn(server.HTTPServer(e, server.DefaultTimeouts(), quiet))
	if err != nil {
		return err
	}
	defer stopSkop()

	// Data to read: a completed job with 50 documents, 24 more jobs for the
	// list, and a cancelled job for repeat cancels.
	res := map[string]testsite.Resource{}
	var links strings.Builder
	for i := range 50 {
		fmt.Fprintf(&links, `<a href="/m/%d.pdf">Council minutes 2025 no. %d</a>`, i, i)
		res[fmt.Sprintf("/m/%d.pdf", i)] = testsite.PDFFile("Council minutes 2025", "MINUTES OF THE CITY COUNCIL")
	}
	res["/"] = testsite.HTML(links.String())
	site := testsite.New(res)
	defer site.Close()
	c, err := client.NewClientWithResponses(skopBase, client.WithAPIKey(secret))
	if err != nil {
		return err
	}
	create := func(website string) (string, error) {
		r, err := c.CreateJobWithResponse(ctx, client.ScrapeRequest{Website: website, Prompt: "Find all council minutes from 2025"})
		if err != nil || r.JSON201 == nil {
			return "", fmt.Errorf("create: %v %s", err, r.Body)
		}
		return r.JSON201.JobId, nil
	}
	full, err := create(site.URL + "/")
	if err != nil {
		return err
	}
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		r, err := c.GetJobStatusWithResponse(ctx, full)
		if err != nil || r.JSON200 == nil {
			return fmt.Errorf("status: %v", err)
		}
		if !r.JSON200.IsActive {
			if r.JSON200.DocumentsMatched != 50 {
				return fmt.Errorf("the results job kept %d documents, want 50", r.JSON200.DocumentsMatched)
			}
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the results job did not finish")
		}
	}
	hang := testsite.New(map[string]testsite.Resource{"/": {Hang: true}})
	defer hang.Close()
	cancelled, err := create(hang.URL + "/")
	if err != nil {
		return err
	}
	if r, err := c.CancelJobWithResponse(ctx, cancelled); err != nil || r.StatusCode() != 200 {
		return fmt.Errorf("cancel: %v %v", err, r)
	}
	for range 22 {
		if _, err := create("http://127.0.0.1:1/"); err != nil { // refused at once: ends failed
			return err
		}
	}
	// A job that stays in progress (its start page never answers), for the status
	// of an active job, which is read from the database every time.
	active, err := create(hang.URL + "/")
	if err != nil {
		return err
	}
	defer func() { _, _ = c.CancelJobWithResponse(ctx, active) }() // before the hanging site closes
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		r, err := c.GetJobStatusWithResponse(ctx, active)
		if err == nil && r.JSON200 != nil && r.JSON200.Status == client.JobStatusInProgress {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the active job did not start")
		}
	}

	endpoints := []struct{ name, method, path string }{
		{"status", http.MethodGet, "/scrape/status/" + full},
		{"status-active", http.MethodGet, "/scrape/status/" + active},
		{"results", http.MethodGet, "/scrape/results/" + full},
		{"list", http.MethodGet, "/scrape/?limit=20"},
		{"health", http.MethodGet, "/health/"},
		{"cancel", http.MethodDelete, "/scrape/" + cancelled},
	}
	// The bare handler answers each endpoint's path with the bytes Skop answers it
	// with: same size, same content type.
	bodies := map[string][]byte{}
	for _, ep := range endpoints {
		req, _ := http.NewRequest(ep.method, skopBase+ep.path, nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("%s %s: %d %s", ep.method, ep.path, resp.StatusCode, b)
		}
		bodies[ep.method+" "+strings.SplitN(ep.path, "?", 2)[0]] = b
	}
	bare := echo.New()
	bare.HideBanner, bare.HidePort = true, true
	bare.Any("/*", func(c echo.Context) error {
		return c.JSONBlob(http.StatusOK, bodies[c.Request().Method+" "+c.Request().URL.Path])
	})
	bareBase, stopBare, err := serveOn(&http.Server{Handler: bare, ReadHeaderTimeout: 5 * time.Second})
	if err != nil {
		return err
	}
	defer stopBare()

	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "ENDPOINT\tSERVER\treq/s\tp50\tp99\tallocs/req\tKB/req\t\n")
	ratios := map[string]float64{}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	for _, ep := range endpoints {
		if *only != "" && ep.name != *only {
			continue
		}
		var skopRuns, bareRuns []loadResult
		for range *rounds {
			bareRuns = append(bareRuns, load(bareBase, ep.method, ep.path, "", *conns, *duration))
			if *cpuProfile != "" {
				f, _ := os.OpenFile(*cpuProfile, os.O_WRONLY|os.O_TRUNC, 0)
				_ = pprof.StartCPUProfile(f)
			}
			skopRuns = append(skopRuns, load(skopBase, ep.method, ep.path, secret, *conns, *duration))
			if *cpuProfile != "" {
				pprof.StopCPUProfile()
			}
		}
		b, s := median(bareRuns), median(skopRuns)
		for _, r := range []struct {
			who string
			l   loadResult
		}{{"bare echo", b}, {"skop", s}} {
			fmt.Fprintf(w, "%s\t%s\t%.0f\t%s\t%s\t%.0f\t%.1f\t\n", ep.name, r.who, r.l.rps, r.l.p50, r.l.p99, r.l.allocs, r.l.bytes/1024)
		}
		ratios[ep.name] = s.rps / b.rps
		fmt.Fprintf(w, "%s\tratio\t%.2f×\tp99 %.1f×\t\t\t\t\n", ep.name, ratios[ep.name], float64(s.p99)/float64(max(b.p99, 1)))
		if s.errors > 0 {
			fmt.Fprintf(w, "%s\tskop errors\t%d\t\t\t\t\t\n", ep.name, s.errors)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Println("allocs/req and KB/req are the whole process's (load generator included) per request; compare the two rows.")
	if *asJSON {
		out, _ := json.Marshal(map[string]float64{
			"status_ratio": round(ratios["status"]), "status_active_ratio": round(ratios["status-active"]),
			"results_ratio": round(ratios["results"]), "list_ratio": round(ratios["list"]),
			"health_ratio": round(ratios["health"]), "cancel_ratio": round(ratios["cancel"]),
		})
		fmt.Println(string(out))
	}
	return nil
}

func serveOn(srv *http.Server) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	go func() { _ = srv.Serve(server.ErrorResponseListener(ln)) }()
	return "http://" + ln.Addr().String(), func() { _ = srv.Close() }, nil
}

type loadResult struct {
	rps           float64
	p50, p99      time.Duration
	allocs, bytes float64 // per request, whole process
	errors        int
}

// load drives base+path with conns closed-loop clients for d.
func load(base, method, path, key string, conns int, d time.Duration) loadResult {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr}
	var (
		mu     sync.Mutex
		lat    []time.Duration
		errors int
		wg     sync.WaitGroup
	)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	stop := start.Add(d)
	for range conns {
		wg.Go(func() {
			var mine []time.Duration
			bad := 0
			for time.Now().Before(stop) {
				req, _ := http.NewRequest(method, base+path, nil)
				if key != "" {
					req.Header.Set("Authorization", "Bearer "+key)
				}
				t0 := time.Now()
				resp, err := hc.Do(req)
				if err != nil {
					bad++
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					bad++
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errors += bad
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	slices.Sort(lat)
	n := float64(max(len(lat), 1))
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat)-1)))]
	}
	return loadResult{rps: float64(len(lat)) / elapsed.Seconds(), p50: pct(0.5), p99: pct(0.99),
		allocs: float64(after.Mallocs-before.Mallocs) / n, bytes: float64(after.TotalAlloc-before.TotalAlloc) / n, errors: errors}
}

// median returns the run with the median requests per second.
func median(rs []loadResult) loadResult {
	s := slices.Clone(rs)
	slices.SortFunc(s, func(a, b loadResult) int {
		switch {
		case a.rps < b.rps:
			return -1
		case a.rps > b.rps:
			return 1
		}
		return 0
	})
	return s[len(s)/2]
}
