package main

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/skop-dev/skop/client"
	"github.com/skop-dev/skop/internal/testdb"
	"github.com/skop-dev/skop/internal/testsite"
)

// replica is a running skop-server process.
type replica struct {
	name string
	cmd  *exec.Cmd
	base string // "" for a worker-only replica
	done chan struct{}
}

// startReplica starts `skop-server serve` (or `worker`, when addr is "") on dsn.
func startReplica(t *testing.T, name, dsn string, workers int, api bool, extra ...string) *replica {
	t.Helper()
	args := []string{"worker"}
	r := &replica{name: name, done: make(chan struct{})}
	if api {
		addr := freeAddr(t)
		args = []string{"serve", "--addr", addr}
		r.base = "http://" + addr
	}
	args = append(args, "--db", dsn, "--workers", fmt.Sprint(workers), "--allow-private-networks", "--max-active-jobs", "1000", "--log-format", "json")
	args = append(args, extra...)
	r.cmd = exec.Command(buildBinary(t), args...)
	stderr, _ := r.cmd.StderrPipe()
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		once := sync.Once{}
		for sc.Scan() {
			line := sc.Text()
			if strings.Contains(line, "skop-server listening") || strings.Contains(line, "skop-server worker running") {
				once.Do(func() { close(ready) })
			}
		}
	}()
	go func() { _ = r.cmd.Wait(); close(r.done) }()
	select {
	case <-ready:
	case <-r.done:
		t.Fatalf("replica %s exited before it was ready", name)
	case <-time.After(60 * time.Second):
		t.Fatalf("replica %s did not get ready", name)
	}
	t.Cleanup(func() { r.stop(syscall.SIGTERM) })
	return r
}

func (r *replica) stop(sig syscall.Signal) {
	select {
	case <-r.done:
		return
	default:
	}
	_ = r.cmd.Process.Signal(sig)
	select {
	case <-r.done:
	case <-time.After(30 * time.Second):
		_ = r.cmd.Process.Kill()
		<-r.done
	}
}

func (r *replica) client(t *testing.T, key string) *client.ClientWithResponses {
	c, err := client.NewClientWithResponses(r.base, client.WithAPIKey(key), client.WithHTTPClient(&http.Client{Timeout: 30 * time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// cluster is one PostgreSQL database with a key and the replicas on it.
func cluster(t *testing.T) (dsn, key string) {
	t.Helper()
	if !testdb.Postgres() {
		t.Skip("multi-replica tests run in the PostgreSQL pass (make test-postgres)")
	}
	dsn = testdb.NewPostgres(t)
	out, err := exec.Command(buildBinary(t), "keys", "create", "--create", "--db", dsn, "--name", "replicas").Output()
	if err != nil {
		t.Fatal(err)
	}
	return dsn, strings.TrimSpace(string(out))
}

// slowSite is a site whose crawl takes a long time: many pages, each answering
// after a random delay up to maxDelay, so the crawler's requests start at scattered
// moments.
func slowSite(pages int, maxDelay time.Duration) *testsite.Site {
	res := map[string]testsite.Resource{}
	var root strings.Builder
	for i := range pages {
		fmt.Fprintf(&root, `<a href="/p/%d">Minutes archive %d</a>`, i, i)
		r := testsite.HTML(fmt.Sprintf(`<a href="/d/%d.pdf">Council minutes 2025 no. %d</a>`, i, i))
		r.Delay = time.Duration(rand.Int64N(int64(maxDelay)))
		res[fmt.Sprintf("/p/%d", i)] = r
		d := testsite.PDFFile("Council minutes 2025", "MINUTES OF THE CITY COUNCIL")
		d.Delay = time.Duration(rand.Int64N(int64(maxDelay)))
		res[fmt.Sprintf("/d/%d.pdf", i)] = d
	}
	res["/"] = testsite.HTML(root.String())
	return testsite.New(res)
}

func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func status(t *testing.T, c *client.ClientWithResponses, id string) *client.JobStatusResponse {
	t.Helper()
	r, err := c.GetJobStatusWithResponse(context.Background(), id)
	if err != nil || r.JSON200 == nil {
		t.Fatalf("status %s: %v %v", id, err, r)
	}
	return r.JSON200
}

// createCrawl creates a job that crawls the whole site.
func createCrawl(t *testing.T, c *client.ClientWithResponses, site *testsite.Site) string {
	t.Helper()
	created, err := c.CreateJobWithResponse(context.Background(), client.ScrapeRequest{Website: site.URL + "/", Prompt: "Find the council minutes from 2025",
		Parameters: &client.ScrapeParameters{SinglePage: ptr(false)}})
	if err != nil || created.JSON201 == nil {
		t.Fatalf("create: %v %v", err, created)
	}
	return created.JSON201.JobId
}

func percentile(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s)-1)*p+0.5))]
}

// TestCancelToStop cancels running jobs and checks that no request of theirs
// starts after the 200 beyond a small grace, and reports the cancel-to-stop
// latency. On PostgreSQL, jobs are created on replica A and cancelled on replica B
// while worker-only replica C runs them (River's LISTEN/NOTIFY signal stops them);
// on SQLite one process does everything.
func TestCancelToStop(t *testing.T) {
	var dsn, key string
	if testdb.Postgres() {
		dsn, key = cluster(t)
	} else {
		dsn = testdb.DSN(t)
		out, err := exec.Command(buildBinary(t), "keys", "create", "--create", "--db", dsn, "--name", "single").Output()
		if err != nil {
			t.Fatal(err)
		}
		key = strings.TrimSpace(string(out))
	}
	site := slowSite(60, 60*time.Millisecond)
	defer site.Close()
	var ca, cb *client.ClientWithResponses
	if testdb.Postgres() {
		a := startReplica(t, "A", dsn, 0, true)
		b := startReplica(t, "B", dsn, 0, true)
		startReplica(t, "C", dsn, 2, false)
		ca, cb = a.client(t, key), b.client(t, key)
	} else {
		one := startReplica(t, "single", dsn, 2, true)
		ca, cb = one.client(t, key), one.client(t, key)
	}
	const grace = 50 * time.Millisecond
	var latencies []time.Duration
	for round := range 20 {
		id := createCrawl(t, ca, site)
		waitFor(t, 30*time.Second, "the job to crawl", func() bool {
			st := status(t, cb, id)
			return st.Status == client.JobStatusInProgress && st.TotalPagesCrawled >= 3
		})
		sent := time.Now()
		resp, err := cb.CancelJobWithResponse(context.Background(), id)
		answered := time.Now()
		if err != nil || resp.JSON200 == nil {
			t.Fatalf("round %d: cancel on B: %v %v", round, err, resp)
		}
		time.Sleep(400 * time.Millisecond)
		// The stop is measured from the moment the DELETE was sent to the start of
		// the last request the site saw from the job.
		last := sent
		for _, r := range site.Requests() {
			if r.At.After(last) {
				last = r.At
			}
		}
		latencies = append(latencies, last.Sub(sent))

		if late := site.RequestsAfter(answered.Add(grace)); len(late) > 0 {
			t.Errorf("round %d: %d requests started more than %v after the cancel was answered: %v", round, len(late), grace, late[0])
		}
		if st := status(t, ca, id); st.Status != client.JobStatusCancelled || !st.CancelledAt.Equal(resp.JSON200.CancelledAt) {
			t.Errorf("round %d: replica A sees %s (cancelled_at %v), B answered cancelled at %v", round, st.Status, st.CancelledAt, resp.JSON200.CancelledAt)
		}
	}
	t.Logf("%s: cancel-to-stop latency (DELETE sent → last request the site saw) over %d cancels: median %v, p99 %v, max %v",
		testdb.Describe(), len(latencies), percentile(latencies, 0.5), percentile(latencies, 0.99), slices.Max(latencies))
}

// TestManyJobsAcrossReplicas creates 1,000 jobs across three replicas and cancels a
// random half at random moments through random replicas. Afterwards every job is in
// exactly one final state that agrees with every answer given about it, no
// cancelled job fetched anything after its 200, and no job is lost.
func TestManyJobsAcrossReplicas(t *testing.T) {
	dsn, key := cluster(t)
	n := 1000
	if testing.Short() {
		n = 100
	}
	// Each job gets its own start page, so the site tells which job made a request.
	res := map[string]testsite.Resource{}
	for i := range n {
		d := testsite.PDFFile("Council minutes 2025", "MINUTES OF THE CITY COUNCIL")
		d.Delay = time.Duration(rand.IntN(400)) * time.Millisecond
		res[fmt.Sprintf("/j%d/m.pdf", i)] = d
		res[fmt.Sprintf("/j%d/", i)] = testsite.HTML(fmt.Sprintf(`<a href="/j%d/m.pdf">Council minutes 2025</a>`, i))
	}
	site := testsite.New(res)
	defer site.Close()
	reps := []*replica{
		startReplica(t, "A", dsn, 4, true),
		startReplica(t, "B", dsn, 4, true),
		startReplica(t, "C", dsn, 4, true),
	}
	clients := make([]*client.ClientWithResponses, len(reps))
	for i, r := range reps {
		clients[i] = r.client(t, key)
	}
	type answer struct {
		id        string
		cancelled bool      // a DELETE answered 200
		finished  bool      // a DELETE answered 400 "already completed"
		at        time.Time // when the 200 came
		cancelAt  time.Time
	}
	answers := make([]answer, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			c := clients[rand.IntN(len(clients))]
			created, err := c.CreateJobWithResponse(context.Background(), client.ScrapeRequest{Website: fmt.Sprintf("%s/j%d/", site.URL, i), Prompt: "Find the council minutes from 2025"})
			if err != nil || created.JSON201 == nil {
				errs <- fmt.Errorf("create %d: %v %v", i, err, created)
				return
			}
			answers[i].id = created.JSON201.JobId
			if rand.IntN(2) == 0 {
				return
			}
			time.Sleep(time.Duration(rand.IntN(600)) * time.Millisecond)
			c = clients[rand.IntN(len(clients))]
			r, err := c.CancelJobWithResponse(context.Background(), answers[i].id)
			switch {
			case err != nil:
				errs <- err
			case r.JSON200 != nil:
				answers[i].cancelled, answers[i].at, answers[i].cancelAt = true, time.Now(), r.JSON200.CancelledAt
			case r.JSON400 != nil && strings.HasSuffix(r.JSON400.Message, "already completed"):
				answers[i].finished = true
			default:
				errs <- fmt.Errorf("cancel %d: %d %s", i, r.StatusCode(), r.Body)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Every job reaches a final state.
	c := clients[0]
	final := make([]*client.JobStatusResponse, n)
	waitFor(t, 5*time.Minute, "every job to end", func() bool {
		for i := range n {
			if final[i] == nil || final[i].IsActive {
				st := status(t, c, answers[i].id)
				final[i] = st
				if st.IsActive {
					return false
				}
			}
		}
		return true
	})
	requests := site.Requests()
	counts := map[client.JobStatus]int{}
	for i, a := range answers {
		st := final[i]
		counts[st.Status]++
		switch {
		case a.cancelled:
			if st.Status != client.JobStatusCancelled || !st.CancelledAt.Equal(a.cancelAt) {
				t.Errorf("job %s: DELETE said cancelled at %v, the job is %s", a.id, a.cancelAt, st.Status)
			}
			prefix := fmt.Sprintf("/j%d/", i)
			for _, r := range requests {
				if strings.HasPrefix(r.Path, prefix) && r.At.After(a.at.Add(50*time.Millisecond)) {
					t.Errorf("job %s fetched %s %v after its cancel was answered", a.id, r.Path, r.At.Sub(a.at))
				}
			}
		case a.finished:
			if st.Status != client.JobStatusCompleted {
				t.Errorf("job %s: DELETE said already completed, the job is %s", a.id, st.Status)
			}
		default:
			if st.Status != client.JobStatusCompleted {
				t.Errorf("job %s (never cancelled) ended %s: %s", a.id, st.Status, st.Message)
			}
		}
	}
	list, err := c.ListJobsWithResponse(context.Background(), &client.ListJobsParams{Limit: ptr(100)})
	if err != nil || list.JSON200 == nil || len(list.JSON200.Jobs) != min(n, 100) {
		t.Errorf("list: %v", err)
	}
	t.Logf("%d jobs over 3 replicas: %v", n, counts)
}

func ptr[T any](v T) *T { return &v }

// fastRecovery are replica flags that make a dead replica's jobs move on within
// seconds, for the tests that kill one.
var fastRecovery = []string{"--lease", "2s", "--status-check-interval", "200ms", "--reap-interval", "500ms"}

// TestReplicaKilledMidJob SIGKILLs the only replica running a job: the job's lease
// runs out, another replica's reaper queues it again, and it completes there. It
// reports how long the job was without a worker.
func TestReplicaKilledMidJob(t *testing.T) {
	dsn, key := cluster(t)
	site := slowSite(40, 80*time.Millisecond)
	defer site.Close()
	a := startReplica(t, "A", dsn, 0, true, fastRecovery...)
	b := startReplica(t, "B", dsn, 1, false, fastRecovery...)
	c := a.client(t, key)
	id := createCrawl(t, c, site)
	waitFor(t, 30*time.Second, "the job to run on B", func() bool { return status(t, c, id).Status == client.JobStatusInProgress })
	startReplica(t, "C", dsn, 1, false, fastRecovery...)
	b.stop(syscall.SIGKILL)
	killed := time.Now()
	// The job resumes on C: the site sees requests again.
	waitFor(t, 60*time.Second, "the job to resume on another replica", func() bool { return len(site.RequestsAfter(killed.Add(100*time.Millisecond))) > 0 })
	resumed := site.RequestsAfter(killed.Add(100 * time.Millisecond))[0].At
	waitFor(t, 60*time.Second, "the job to end", func() bool { return !status(t, c, id).IsActive })
	st := status(t, c, id)
	if st.Status != client.JobStatusCompleted {
		t.Fatalf("job ended %s: %s %+v", st.Status, st.Message, st.Errors)
	}
	res, err := c.GetJobResultsWithResponse(context.Background(), id)
	if err != nil || res.JSON200 == nil {
		t.Fatalf("results after recovery: %v %v", err, res)
	}
	if n := len(res.JSON200.Documents); n != 40 {
		t.Errorf("results after recovery: %d documents, want 40", n)
	}
	t.Logf("a replica was killed mid-job; the job resumed on another %v later (lease 2s, reap every 500ms) and completed", resumed.Sub(killed).Round(time.Millisecond))
}

// TestCancelledJobIsNotResurrected kills the replica running a job right after the
// job was cancelled: the reaper never queues a cancelled job again.
func TestCancelledJobIsNotResurrected(t *testing.T) {
	dsn, key := cluster(t)
	site := slowSite(40, 80*time.Millisecond)
	defer site.Close()
	a := startReplica(t, "A", dsn, 0, true, fastRecovery...)
	b := startReplica(t, "B", dsn, 1, false, fastRecovery...)
	startReplica(t, "C", dsn, 1, false, fastRecovery...)
	c := a.client(t, key)
	id := createCrawl(t, c, site)
	waitFor(t, 30*time.Second, "the job to run", func() bool { return status(t, c, id).Status == client.JobStatusInProgress })
	r, err := c.CancelJobWithResponse(context.Background(), id)
	if err != nil || r.JSON200 == nil {
		t.Fatalf("cancel: %v %v", err, r)
	}
	b.stop(syscall.SIGKILL)
	answered := time.Now()
	time.Sleep(4 * time.Second) // two leases' worth
	if st := status(t, c, id); st.Status != client.JobStatusCancelled || !st.CancelledAt.Equal(r.JSON200.CancelledAt) {
		t.Errorf("the cancelled job is now %s", st.Status)
	}
	if late := site.RequestsAfter(answered.Add(50 * time.Millisecond)); len(late) > 0 {
		t.Errorf("%d requests after the cancel, first %v", len(late), late[0])
	}
}
