package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"

	"github.com/skop-dev/skop/client"
	"github.com/skop-dev/skop/database"
	"github.com/skop-dev/skop/internal/testdb"
)

// TestLifecycleRounds runs three rounds each of SIGKILL, SIGTERM and a cancel made
// on River's side against real processes, with jobs running. Afterwards no job is
// left active, no Skop job has more River jobs than its disruptions explain, no
// River job is left running or queued, and no progress value or counter a poller
// read ever went back. Both backends.
func TestLifecycleRounds(t *testing.T) {
	t.Parallel() // no timing assertions that other tests' load could upset; its own database
	if testing.Short() {
		t.Skip("real-process rounds: skipped with -short")
	}
	dsn := testdb.DSN(t)
	out, err := exec.Command(buildBinary(t), "keys", "create", "--create", "--db", dsn, "--name", "rounds").Output()
	if err != nil {
		t.Fatal(err)
	}
	key := strings.TrimSpace(string(out))
	site := docSite(8, 250*time.Millisecond)
	defer site.Close()
	flags := []string{"--lease", "2s", "--reap-interval", "300ms", "--status-check-interval", "200ms", "--shutdown-grace", "500ms", "--per-host-concurrency", "1"}

	ctx := context.Background()
	db, err := database.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cancelOnRiver := riverCanceller(t, db)

	// A poller reads every job's counters straight from the table, as often as it
	// can, and remembers any value that went back.
	type counters struct{ progress, pages, found, matched int }
	var (
		mu        sync.Mutex
		last      = map[string]counters{}
		regressed []string
	)
	pollCtx, stopPoll := context.WithCancel(ctx)
	polled := make(chan struct{})
	go func() {
		defer close(polled)
		for pollCtx.Err() == nil {
			rows, err := db.Query(pollCtx, `SELECT id, COALESCE(progress, 0), pages_crawled, documents_found, documents_matched FROM skop_jobs`)
			if err == nil {
				for rows.Next() {
					var id string
					var c counters
					if rows.Scan(&id, &c.progress, &c.pages, &c.found, &c.matched) != nil {
						continue
					}
					mu.Lock()
					if p, ok := last[id]; ok && (c.progress < p.progress || c.pages < p.pages || c.found < p.found || c.matched < p.matched) {
						regressed = append(regressed, fmt.Sprintf("%s: %+v → %+v", id, p, c))
					}
					last[id] = c
					mu.Unlock()
				}
				rows.Close()
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()

	create := func(c *client.ClientWithResponses) string {
		r, err := c.CreateJobWithResponse(ctx, client.ScrapeRequest{Website: site.URL + "/", Prompt: "Find the council minutes from 2025",
			Parameters: &client.ScrapeParameters{ConfidenceThreshold: ptr(0.3)}})
		if err != nil || r.JSON201 == nil {
			t.Fatalf("create: %v %v", err, r)
		}
		return r.JSON201.JobId
	}
	running := func(c *client.ClientWithResponses, id string) func() bool {
		return func() bool {
			st := status(t, c, id)
			return st.Status == client.JobStatusInProgress && st.DocumentsMatched >= 1
		}
	}
	var ids, cancelled []string
	killedWith := map[string]int{} // job → SIGKILLs of a process that held its lease
	for round := range 3 {
		for _, how := range []string{"kill", "term", "river"} {
			a := startReplica(t, fmt.Sprintf("%s-%d", how, round), dsn, 2, true, flags...)
			c := a.client(t, key)
			id := create(c)
			ids = append(ids, id)
			waitFor(t, 30*time.Second, "the job to keep a document", running(c, id))
			switch how {
			case "kill":
				a.stop(syscall.SIGKILL)
				// With no process left running, the jobs still leased are exactly
				// those the dead process held: each gets one requeue.
				rows, err := db.Query(ctx, `SELECT id FROM skop_jobs WHERE status = 'in_progress' AND lease_owner IS NOT NULL`)
				if err != nil {
					t.Fatal(err)
				}
				for rows.Next() {
					var held string
					_ = rows.Scan(&held)
					killedWith[held]++
				}
				rows.Close()
			case "term":
				a.stop(syscall.SIGTERM)
			case "river":
				cancelOnRiver(id)
				cancelled = append(cancelled, id)
				waitFor(t, 5*time.Second, "River's cancel to reach the job", func() bool { return status(t, c, id).Status == client.JobStatusCancelled })
				a.stop(syscall.SIGTERM)
			}
		}
	}
	// One last process finishes whatever the rounds left.
	z := startReplica(t, "last", dsn, 4, true, flags...)
	cz := z.client(t, key)
	for _, id := range ids {
		waitFor(t, 60*time.Second, "job "+id+" to end", func() bool { return !status(t, cz, id).IsActive })
		st := status(t, cz, id)
		want := client.JobStatusCompleted
		for _, c := range cancelled {
			if c == id {
				want = client.JobStatusCancelled
			}
		}
		if st.Status != want {
			t.Errorf("job %s ended %s (%q), want %s", id, st.Status, st.Message, want)
		}
		if want == client.JobStatusCompleted && st.DocumentsMatched != 8 {
			t.Errorf("job %s kept %d documents, want 8", id, st.DocumentsMatched)
		}
	}
	stopPoll()
	<-polled
	mu.Lock()
	if len(regressed) > 0 {
		t.Errorf("%d counter regressions, first: %s", len(regressed), regressed[0])
	}
	mu.Unlock()

	// River jobs per Skop job: one, plus one per SIGKILL of a process that held it
	// (the requeue); none left running or queued.
	perJob := map[string]int{}
	argsText := `json(args)`
	if db.Dialect == database.Postgres {
		argsText = `CAST(args AS TEXT)`
	}
	rows, err := db.Query(ctx, `SELECT `+argsText+`, CAST(state AS TEXT), id, attempt, priority FROM river_job WHERE kind = 'skop.discover' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var args, state string
		var rid, attempt, prio int
		if err := rows.Scan(&args, &state, &rid, &attempt, &prio); err != nil {
			t.Fatal(err)
		}
		var a struct {
			JobID string `json:"job_id"`
		}
		_ = json.Unmarshal([]byte(args), &a)
		perJob[a.JobID]++
		t.Logf("River job %d of %s: %s, attempt %d, priority %d", rid, a.JobID, state, attempt, prio)
		switch state {
		case "running", "available", "scheduled", "retryable", "pending":
			t.Errorf("River job of %s left %s", a.JobID, state)
		}
	}
	rows.Close()
	for _, id := range ids {
		if want := 1 + killedWith[id]; perJob[id] > want {
			t.Errorf("job %s has %d River jobs, want at most %d", id, perJob[id], want)
		}
	}
}

// riverCanceller cancels a Skop job's River job through River's own API, as River
// UI's Cancel button does.
func riverCanceller(t *testing.T, db *database.DB) func(jobID string) {
	var cancel func(ctx context.Context, id int64) (*rivertype.JobRow, error)
	if db.Dialect == database.Postgres {
		c, err := river.NewClient(riverpgxv5.New(db.Pool), &river.Config{})
		if err != nil {
			t.Fatal(err)
		}
		cancel = c.JobCancel
	} else {
		c, err := river.NewClient(riversqlite.New(db.SQL), &river.Config{})
		if err != nil {
			t.Fatal(err)
		}
		cancel = c.JobCancel
	}
	return func(jobID string) {
		var riverID int64
		if err := db.QueryRow(context.Background(), `SELECT river_job_id FROM skop_jobs WHERE id = ?`, jobID).Scan(&riverID); err != nil {
			t.Fatal(err)
		}
		if _, err := cancel(context.Background(), riverID); err != nil {
			t.Fatal(err)
		}
	}
}
