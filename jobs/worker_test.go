package jobs

import (
	"context"
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
		riverID, err := rq.insert(ctx, discoverArgs{JobID: j.ID, TimeoutSeconds: timeout})
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
	ok, err := s.store.start(ctx, s.db, j.ID, time.Now())
	if err != nil || ok {
		t.Errorf("start on a cancelled job: %v %v", ok, err)
	}
	ok, err = s.store.saveProgress(ctx, s.db, j.ID, &progressUpdate{Message: "x"})
	if err != nil || ok {
		t.Errorf("saveProgress on a cancelled job: %v %v", ok, err)
	}
	ok, err = s.store.finish(ctx, s.db, j.ID, StatusCompleted, time.Now(), &progressUpdate{Message: "x"})
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
