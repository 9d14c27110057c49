package jobs

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/skop-dev/skop/apikeys"
	"github.com/skop-dev/skop/database"
	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/internal/testdb"
	"github.com/skop-dev/skop/internal/testsite"
)

func newTestService(t *testing.T, workers int) (*Service, int64) {
	t.Helper()
	ctx := context.Background()
	db, err := database.Open(ctx, testdb.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := database.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	_, key, err := apikeys.NewStore(db).Create(ctx, "test", apikeys.AllScopes)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := NewService(db, Config{
		Workers:   workers,
		Discovery: discovery.Config{AllowPrivateNetworks: true},
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = svc.Stop(sctx)
		db.Close()
	})
	return svc, key.ID
}

// insertWithTimeout stores a job whose timeout is below the API's minimum of 60 s,
// which only this test can do, so the timeout path runs in a second.
func insertWithTimeout(t *testing.T, s *Service, owner int64, website string, timeout int) string {
	t.Helper()
	ctx := context.Background()
	p := DefaultParams()
	p.Timeout = timeout
	now := time.Now().UTC().Truncate(time.Microsecond)
	j := &Job{ID: newJobID(), OwnerKeyID: owner, Status: StatusPending, Website: website, Prompt: "council minutes 2025",
		Params: p, Message: "queued", CreatedAt: now, DeadlineAt: now.Add(time.Duration(timeout) * time.Second)}
	err := s.queue.inTx(ctx, func(tx querier, rq riverTx) error {
		if err := s.store.insert(ctx, tx, j); err != nil {
			return err
		}
		riverID, err := rq.insert(ctx, discoverArgs{JobID: j.ID, TimeoutSeconds: timeout}, priorityNew)
		if err != nil {
			return err
		}
		return s.store.setRiverID(ctx, tx, j.ID, riverID)
	})
	if err != nil {
		t.Fatal(err)
	}
	return j.ID
}

func waitFinal(t *testing.T, s *Service, owner int64, id string) *Job {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		j, err := s.Get(context.Background(), owner, id)
		if err != nil {
			t.Fatal(err)
		}
		if !j.Status.Active() {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %s still %s", id, j.Status)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestTimeoutFailsJobAndKeepsDocuments(t *testing.T) {
	t.Parallel() // its own database (testdb.DSN) and service
	site := testsite.New(map[string]testsite.Resource{
		"/":         testsite.HTML(`<a href="/a.pdf">Council minutes 2025 A</a><a href="/b.pdf">Council minutes 2025 B</a><a href="/slow.pdf">Council minutes 2025 C</a>`),
		"/a.pdf":    testsite.PDFFile("A", "a"),
		"/b.pdf":    testsite.PDFFile("B", "b"),
		"/slow.pdf": {Hang: true},
	})
	defer site.Close()
	s, owner := newTestService(t, 1)
	id := insertWithTimeout(t, s, owner, site.URL+"/", 1)
	j := waitFinal(t, s, owner, id)
	if j.Status != StatusFailed || j.CompletedAt == nil {
		t.Fatalf("job ended %s (%q), want failed", j.Status, j.Message)
	}
	last := j.Errors[len(j.Errors)-1]
	if last.ErrorType != "timeout" || last.IsRecoverable {
		t.Errorf("errors = %+v, want a final timeout error", j.Errors)
	}
	_, docs, err := s.Results(context.Background(), owner, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Errorf("kept %d documents, want the 2 found before the timeout", len(docs))
	}
}

func TestStateMachineGuards(t *testing.T) {
	t.Parallel() // its own database (testdb.DSN) and service
	s, owner := newTestService(t, 0)
	ctx := context.Background()
	j, err := s.Create(ctx, owner, CreateRequest{Website: "https://example.com/", Prompt: "council minutes", Params: DefaultParams()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Cancel(ctx, owner, j.ID); err != nil {
		t.Fatal(err)
	}
	// Every worker transition is refused on a cancelled job.
	ok, err := s.store.start(ctx, s.db, j.ID, s.owner, time.Now(), time.Now().Add(time.Minute))
	if err != nil || ok {
		t.Errorf("start on a cancelled job: %v %v", ok, err)
	}
	ok, err = s.store.saveProgress(ctx, s.db, j.ID, s.owner, &progressUpdate{Message: "x"})
	if err != nil || ok {
		t.Errorf("saveProgress on a cancelled job: %v %v", ok, err)
	}
	ok, err = s.store.finish(ctx, s.db, j.ID, s.owner, StatusCompleted, time.Now(), &progressUpdate{Message: "x"})
	if err != nil || ok {
		t.Errorf("finish on a cancelled job: %v %v", ok, err)
	}
	got, err := s.Get(ctx, owner, j.ID)
	if err != nil || got.Status != StatusCancelled || got.Message != "Job "+j.ID+" cancelled by request" {
		t.Errorf("job after refused transitions: %+v %v", got, err)
	}
	if _, err := s.Cancel(ctx, owner+1, j.ID); err != ErrNotFound {
		t.Errorf("cancel by another owner: %v, want ErrNotFound", err)
	}
}

func TestNewJobID(t *testing.T) {
	t.Parallel() // its own database (testdb.DSN) and service
	seen := map[string]bool{}
	for range 1000 {
		id := newJobID()
		if len(id) != 24 || id[:4] != "job_" || seen[id] {
			t.Fatalf("bad or repeated id %q", id)
		}
		for _, c := range id[4:] {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
				t.Fatalf("id %q has %q", id, c)
			}
		}
		seen[id] = true
	}
}

// TestLeases shows the lease rules on one job: a second process cannot start a job
// another holds, cannot write to it, and takes it over once the lease ran out and
// the reaper requeued it; the first process's writes are then refused.
func TestLeases(t *testing.T) {
	t.Parallel() // its own database (testdb.DSN) and service
	s, owner := newTestService(t, 0)
	ctx := context.Background()
	j, err := s.Create(ctx, owner, CreateRequest{Website: "https://example.com/", Prompt: "council minutes", Params: DefaultParams()})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if ok, err := s.store.start(ctx, s.db, j.ID, "first", now, now.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("first start: %v %v", ok, err)
	}
	if ok, _ := s.store.start(ctx, s.db, j.ID, "second", now, now.Add(time.Minute)); ok {
		t.Error("a second process started a job whose lease is held")
	}
	if ok, _ := s.store.saveProgress(ctx, s.db, j.ID, "second", &progressUpdate{Message: "x"}); ok {
		t.Error("a process without the lease wrote progress")
	}
	// The first process ran the job's River job, and dies: its lease runs out, and
	// the reaper settles the dead River job and requeues the job, once, ahead of
	// new jobs.
	if _, err := s.db.Exec(ctx, `UPDATE river_job SET state = 'running', attempt = 1 WHERE id = ?`, j.RiverJobID); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.store.renew(ctx, s.db, j.ID, "first", now.Add(-time.Second)); !ok {
		t.Fatal("renew by the owner failed")
	}
	if err := s.reapOnce(ctx); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Get(ctx, owner, j.ID)
	if got.Status != StatusInProgress || got.RiverJobID == j.RiverJobID {
		t.Fatalf("after the reaper: %s, river job %d (was %d)", got.Status, got.RiverJobID, j.RiverJobID)
	}
	var oldState, newState string
	var newPriority int
	_ = s.db.QueryRow(ctx, `SELECT state FROM river_job WHERE id = ?`, j.RiverJobID).Scan(&oldState)
	_ = s.db.QueryRow(ctx, `SELECT state, priority FROM river_job WHERE id = ?`, got.RiverJobID).Scan(&newState, &newPriority)
	if oldState != "cancelled" || newState != "available" || newPriority != priorityResumed {
		t.Errorf("River jobs after the reaper: dead one %q (want cancelled), new one %q priority %d (want available, %d)", oldState, newState, newPriority, priorityResumed)
	}
	// The requeued River job waits behind a backlog longer than the lease: the
	// next reaps do not queue it again.
	for range 3 {
		if _, err := s.db.Exec(ctx, `UPDATE skop_jobs SET lease_expires_at = 0 WHERE id = ?`, j.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.reapOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var riverJobs int
	_ = s.db.QueryRow(ctx, `SELECT count(*) FROM river_job`).Scan(&riverJobs)
	if riverJobs != 2 {
		t.Errorf("%d River jobs for one Skop job after repeated reaps, want 2 (the dead one and one requeue)", riverJobs)
	}
	if ok, err := s.store.start(ctx, s.db, j.ID, "second", time.Now(), time.Now().Add(time.Minute)); err != nil || !ok {
		t.Fatalf("second start after the requeue: %v %v", ok, err)
	}
	if ok, _ := s.store.renew(ctx, s.db, j.ID, "first", time.Now().Add(time.Minute)); ok {
		t.Error("the dead process renewed a lease it lost")
	}
	if ok, _ := s.store.finish(ctx, s.db, j.ID, "first", StatusCompleted, time.Now(), &progressUpdate{}); ok {
		t.Error("the dead process finished a job it lost")
	}
	if ok, err := s.store.finish(ctx, s.db, j.ID, "second", StatusCompleted, time.Now(), &progressUpdate{Message: "done"}); err != nil || !ok {
		t.Errorf("the new owner could not finish: %v %v", ok, err)
	}
}

func TestLostJobFailsWhenAttemptsAreSpent(t *testing.T) {
	t.Parallel() // its own database (testdb.DSN) and service
	s, owner := newTestService(t, 0)
	ctx := context.Background()
	j, err := s.Create(ctx, owner, CreateRequest{Website: "https://example.com/", Prompt: "council minutes", Params: DefaultParams()})
	if err != nil {
		t.Fatal(err)
	}
	for i := range s.cfg.MaxAttempts {
		now := time.Now()
		if ok, err := s.store.start(ctx, s.db, j.ID, fmt.Sprint("p", i), now, now.Add(-time.Millisecond)); err != nil || !ok {
			t.Fatalf("start %d: %v %v", i, ok, err)
		}
		if err := s.reapOnce(ctx); err != nil {
			t.Fatal(err)
		}
		// The reaper holds a requeued job briefly; let that run out too.
		if _, err := s.db.Exec(ctx, `UPDATE skop_jobs SET lease_expires_at = 0 WHERE id = ? AND lease_owner IS NULL AND status = 'in_progress'`, j.ID); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := s.Get(ctx, owner, j.ID)
	if got.Status != StatusFailed || len(got.Errors) != 1 || got.Errors[0].ErrorType != "worker_lost" {
		t.Fatalf("after %d lost attempts: %s %+v", s.cfg.MaxAttempts, got.Status, got.Errors)
	}
}
