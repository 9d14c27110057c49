package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/skop-dev/skop/client"
	"github.com/skop-dev/skop/internal/testsite"
)

// runThroughput starts N skop-server replicas on one database and measures how
// many jobs per second they accept (created) and finish (completed) against a
// local site, each job a small single-page discovery.
func runThroughput(args []string) error {
	fs := flag.NewFlagSet("throughput", flag.ContinueOnError)
	dsn := fs.String("db", "", "database: a postgres:// URL (any number of replicas) or a SQLite file (one replica); it should be empty")
	replicas := fs.Int("replicas", 1, "skop-server processes")
	workers := fs.Int("workers", 4, "workers per replica")
	jobs := fs.Int("jobs", 500, "jobs to create")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dsn == "" {
		return fmt.Errorf("throughput: -db is required")
	}
	dir, err := os.MkdirTemp("", "skop-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "skop-server")
	build := exec.Command("go", "build", "-o", bin, "./cmd/skop-server")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("build skop-server: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "keys", "create", "--create", "--db", *dsn, "--name", fmt.Sprintf("bench-%d", time.Now().UnixNano())).Output()
	if err != nil {
		return fmt.Errorf("keys create: %w", err)
	}
	key := strings.TrimSpace(string(out))

	site := testsite.New(map[string]testsite.Resource{
		"/":      testsite.HTML(`<a href="/m.pdf">Council minutes 2025</a>`),
		"/m.pdf": testsite.PDFFile("Council minutes 2025", "MINUTES OF THE CITY COUNCIL"),
	})
	defer site.Close()

	var clients []*client.ClientWithResponses
	var procs []*exec.Cmd
	defer func() {
		for _, p := range procs {
			_ = p.Process.Signal(os.Interrupt)
			_ = p.Wait()
		}
	}()
	for i := range *replicas {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		addr := l.Addr().String()
		l.Close()
		p := exec.Command(bin, "serve", "--addr", addr, "--db", *dsn, "--workers", fmt.Sprint(*workers),
			"--allow-private-networks", "--max-active-jobs", "100000", "--log-format", "json")
		stderr, _ := p.StderrPipe()
		if err := p.Start(); err != nil {
			return err
		}
		procs = append(procs, p)
		sc := bufio.NewScanner(stderr)
		ready := false
		for sc.Scan() {
			if strings.Contains(sc.Text(), "skop-server listening") {
				ready = true
				break
			}
		}
		if !ready {
			return fmt.Errorf("replica %d did not start", i)
		}
		go func() {
			for sc.Scan() {
			}
		}()
		c, err := client.NewClientWithResponses("http://"+addr, client.WithAPIKey(key), client.WithHTTPClient(&http.Client{Timeout: time.Minute}))
		if err != nil {
			return err
		}
		clients = append(clients, c)
	}

	ids := make([]string, *jobs)
	var failed atomic.Int32
	start := time.Now()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i := range *jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r, err := clients[i%len(clients)].CreateJobWithResponse(context.Background(), client.ScrapeRequest{Website: site.URL + "/", Prompt: "Find the council minutes from 2025"})
			if err != nil || r.JSON201 == nil {
				failed.Add(1)
				return
			}
			ids[i] = r.JSON201.JobId
		}()
	}
	wg.Wait()
	created := time.Since(start)
	if n := failed.Load(); n > 0 {
		return fmt.Errorf("%d creates failed", n)
	}
	// Completed: poll the list until no job is active.
	c := clients[0]
	for {
		r, err := c.ListJobsWithResponse(context.Background(), &client.ListJobsParams{Status: ptr(client.JobStatusPending), Limit: ptr(1)})
		if err != nil || r.JSON200 == nil {
			return fmt.Errorf("list: %v", err)
		}
		r2, err := c.ListJobsWithResponse(context.Background(), &client.ListJobsParams{Status: ptr(client.JobStatusInProgress), Limit: ptr(1)})
		if err != nil || r2.JSON200 == nil {
			return fmt.Errorf("list: %v", err)
		}
		if len(r.JSON200.Jobs) == 0 && len(r2.JSON200.Jobs) == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	completed := time.Since(start)
	fmt.Printf("%d replica(s) × %d workers on %s: %d jobs created in %.2fs (%.0f jobs/s), all completed after %.2fs (%.0f jobs/s)\n",
		*replicas, *workers, backendName(*dsn), *jobs, created.Seconds(), float64(*jobs)/created.Seconds(), completed.Seconds(), float64(*jobs)/completed.Seconds())
	return nil
}

func backendName(dsn string) string {
	if strings.HasPrefix(dsn, "postgres") {
		return "PostgreSQL"
	}
	return "SQLite"
}

func ptr[T any](v T) *T { return &v }
