package jobs

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/skop-dev/skop/apikeys"
	"github.com/skop-dev/skop/database"
	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/internal/testsite"
)

// These tests hold the rule that every way a run can end leaves the job in a
// final status with a reason: cancels and discards made on River's side, a
// deadline passed, a lease lost, and a run resumed after its process stopped.

// serviceOn starts another service (a second process, as far as leases go) on db.
func serviceOn(t *testing.T, db *database.DB, workers int) *Service {
	t.Helper()
	svc, err := NewService(db, Config{
		Workers:             workers,
		StatusCheckInterval: 100 * time.Millisecond,
		ReapInterval:        100 * time.Millisecond,
		Discovery:           discovery.Config{AllowPrivateNetworks: true},
		Logger:              slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = svc.Stop(ctx)
	})
	return svc
}

func riverCancel(t *testing.T, s *Service, riverID int64) {
	t.Helper()
	rc, ok := s.queue.(interface {
		JobCancel(ctx context.Context, id int64) (*rivertype.JobRow, error)
	})
	if !ok {
		t.Fatal("the queue has no JobCancel")
	}
	if _, err := rc.JobCancel(context.Background(), riverID); err != nil {
		t.Fatal(err)
	}
}

func waitStatus(t *testing.T, s *Service, owner int64, id string, want Status, within time.Duration) *Job {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		j, err := s.Get(context.Background(), owner, id)
		if err != nil {
			t.Fatal(err)
		}
		if j.Status == want {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %s is %s (%q) after %s, want %s", id, j.Status, j.Message, within, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func hangingSite() *testsite.Site {
	return testsite.New(map[string]testsite.Resource{
		"/":      testsite.HTML(`<a href="/a.pdf">Council minutes 2025</a>`),
		"/a.pdf": {Hang: true},
	})
}

// TestRiverSideCancel: a job cancelled through River — running, or still pending
// behind another — ends cancelled in Skop with a cancel time, and frees its slot.
func TestRiverSideCancel(t *testing.T) {
	t.Parallel() // its own database (testdb.DSN) and service
	site := hangingSite()
	defer site.Close()
	base, owner := newTestService(t, 0)
	s := serviceOn(t, base.db, 1)
	ctx := context.Background()
	params := DefaultParams()
	params.SinglePage = true
	running, err := s.Create(ctx, owner, CreateRequest{Website: site.URL + "/", Prompt: "council minutes 2025", Params: params})
	if err != nil {
		t.Fatal(err)
	}
	waitStatus(t, s, owner, running.ID, StatusInProgress, 10*time.Second)
	pending, err := s.Create(ctx, owner, CreateRequest{Website: site.URL + "/", Prompt: "council minutes 2025", Params: params})
	if err != nil {
		t.Fatal(err)
	}

	for _, j := range []*Job{pending, running} {
		at := time.Now()
		riverCancel(t, s, j.RiverJobID)
		got := waitStatus(t, s, owner, j.ID, StatusCancelled, 5*time.Second)
		if got.CancelledAt == nil || got.CompletedAt != nil {
			t.Errorf("job %s: cancelled_at %v, completed_at %v; want a cancel time only", j.ID, got.CancelledAt, got.CompletedAt)
		}
		if took := time.Since(at); took > 2*time.Second {
			t.Errorf("job %s took %s to end after River's cancel", j.ID, took)
		}
	}
	n, err := s.store.countActive(ctx, s.db, owner)
	if err != nil || n != 0 {
		t.Errorf("active jobs after both cancels: %d %v, want 0", n, err)
	}
}

// TestStuckJobsAreSettled: an in_progress job with no lease whose River job was
// discarded (three shutdowns with an older River), or whose River job is gone,
// fails with a reason instead of staying in_progress for ever.
func TestStuckJobsAreSettled(t *testing.T) {
	t.Parallel() // its own database (testdb.DSN) and service
	s, owner := newTestService(t, 0)
	ctx := context.Background()
	for _, river := range []string{"discarded", "gone"} {
		j, err := s.Create(ctx, owner, CreateRequest{Website: "https://example.com/", Prompt: "council minutes", Params: DefaultParams()})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec(ctx, `UPDATE skop_jobs SET status = 'in_progress', lease_owner = NULL, lease_expires_at = NULL WHERE id = ?`, j.ID); err != nil {
			t.Fatal(err)
		}
		q := `UPDATE river_job SET state = 'discarded', finalized_at = CURRENT_TIMESTAMP WHERE id = ?`
		if river == "gone" {
			q = `DELETE FROM river_job WHERE id = ?`
		}
		if _, err := s.db.Exec(ctx, q, j.RiverJobID); err != nil {
			t.Fatal(err)
		}
		if err := s.settleOnce(ctx); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Get(ctx, owner, j.ID)
		if got.Status != StatusFailed || got.CompletedAt == nil || len(got.Errors) != 1 || got.Errors[0].ErrorType != "worker_lost" {
			t.Errorf("River job %s: job is %s %+v, want failed with a worker_lost error", river, got.Status, got.Errors)
		}
	}
}

// TestOverdueJobFails: a job past its deadline fails with a timeout, whatever its
// lease says, and its River job is cancelled.
func TestOverdueJobFails(t *testing.T) {
	t.Parallel() // its own database (testdb.DSN) and service
	s, owner := newTestService(t, 0)
	ctx := context.Background()
	j, err := s.Create(ctx, owner, CreateRequest{Website: "https://example.com/", Prompt: "council minutes", Params: DefaultParams()})
	if err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-time.Minute)
	if ok, err := s.store.start(ctx, s.db, j.ID, "alive", time.Now(), time.Now().Add(time.Hour)); err != nil || !ok {
		t.Fatal(ok, err)
	}
	if _, err := s.db.Exec(ctx, `UPDATE skop_jobs SET deadline_at = ? WHERE id = ?`, micros(past), j.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.expireOnce(ctx); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Get(ctx, owner, j.ID)
	if got.Status != StatusFailed || len(got.Errors) != 1 || got.Errors[0].ErrorType != "timeout" {
		t.Errorf("job is %s %+v, want failed with a timeout error", got.Status, got.Errors)
	}
	if st, _ := s.store.riverState(ctx, s.db, j.RiverJobID); st != "cancelled" {
		t.Errorf("River job is %q, want cancelled", st)
	}
}

// TestResumeKeepsDocuments: a process dies mid-job after keeping one document;
// the job is requeued, another process resumes it, keeps that document without
// fetching it again, finds the rest, and no counter a person sees goes back.
func TestResumeKeepsDocuments(t *testing.T) {
	t.Parallel() // its own database (testdb.DSN) and service
	site := testsite.New(map[string]testsite.Resource{
		"/": testsite.HTML(`<h2>Council minutes 2025</h2><a href="/a.pdf">Council minutes January 2025</a>
			<a href="/b.pdf">Council minutes February 2025</a><a href="/c.pdf">Council minutes March 2025</a>`),
		"/a.pdf": testsite.PDFFile("Council Minutes January 2025", "MINUTES OF THE CITY COUNCIL"),
		"/b.pdf": testsite.PDFFile("Council Minutes February 2025", "MINUTES OF THE CITY COUNCIL"),
		"/c.pdf": testsite.PDFFile("Council Minutes March 2025", "MINUTES OF THE CITY COUNCIL"),
	})
	defer site.Close()
	s, owner := newTestService(t, 0)
	ctx := context.Background()
	params := DefaultParams()
	params.ConfidenceThreshold = 0.3
	j, err := s.Create(ctx, owner, CreateRequest{Website: site.URL + "/", Prompt: "Find all council meeting minutes from 2025", Params: params})
	if err != nil {
		t.Fatal(err)
	}
	// The first process ran the job's River job, kept a.pdf at 60 %, and died.
	if _, err := s.db.Exec(ctx, `UPDATE river_job SET state = 'running', attempt = 1 WHERE id = ?`, j.RiverJobID); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.store.start(ctx, s.db, j.ID, "dead", time.Now(), time.Now().Add(time.Hour)); err != nil || !ok {
		t.Fatal(ok, err)
	}
	ok, err := s.store.saveProgress(ctx, s.db, j.ID, "dead", &progressUpdate{Message: "Inspecting", Progress: 60, PagesCrawled: 1,
		DocumentsFound: 3, DocumentsDownloaded: 1, DocumentsMatched: 1, PagesWithResults: 1})
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if err := s.store.addDocuments(ctx, s.db, j.ID, []Document{{URL: site.URL + "/a.pdf", Name: "January", SourcePage: site.URL + "/",
		Type: "pdf", Confidence: 0.9, ExtractedAt: time.Now().UTC()}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(ctx, `UPDATE skop_jobs SET lease_expires_at = 0 WHERE id = ?`, j.ID); err != nil {
		t.Fatal(err)
	}

	// Watch what a person polling the job sees, from before the resume to the end.
	var (
		mu   sync.Mutex
		seen []Job
	)
	watchCtx, stopWatch := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		for watchCtx.Err() == nil {
			if cur, err := s.Get(ctx, owner, j.ID); err == nil {
				mu.Lock()
				seen = append(seen, *cur)
				mu.Unlock()
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	other := serviceOn(t, s.db, 1) // its reaper requeues the job, its worker resumes it
	got := waitStatus(t, other, owner, j.ID, StatusCompleted, 20*time.Second)
	stopWatch()
	<-watched

	_, docs, err := s.Results(ctx, owner, j.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 || got.DocumentsMatched != 3 {
		t.Errorf("kept %d documents (documents_matched %d), want 3", len(docs), got.DocumentsMatched)
	}
	if n := site.Count(http.MethodGet, "/a.pdf"); n != 0 {
		t.Errorf("the document kept before the resume was fetched %d times, want 0", n)
	}
	mu.Lock()
	defer mu.Unlock()
	for i := 1; i < len(seen); i++ {
		a, b := seen[i-1], seen[i]
		if pa, pb := deref(a.Progress), deref(b.Progress); pb < pa || b.PagesCrawled < a.PagesCrawled ||
			b.DocumentsFound < a.DocumentsFound || b.DocumentsDownloaded < a.DocumentsDownloaded || b.DocumentsMatched < a.DocumentsMatched {
			t.Fatalf("a counter went back between two polls:\n%+v\n%+v", a, b)
		}
	}
	if len(seen) < 2 {
		t.Errorf("only %d polls seen", len(seen))
	}
}

func deref(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

// TestFetchedButNeverStarted: a process fetched a job's River job and died before
// starting it. After a lease the reaper settles that River job and queues the job
// again, first in line; before the lease it leaves it alone.
func TestFetchedButNeverStarted(t *testing.T) {
	t.Parallel() // its own database (testdb.DSN) and service
	base, owner := newTestService(t, 0)
	ctx := context.Background()
	s, err := NewService(base.db, Config{Workers: 0, LeaseDuration: 300 * time.Millisecond, StatusCheckInterval: 10 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	j, err := s.Create(ctx, owner, CreateRequest{Website: "https://example.com/", Prompt: "council minutes", Params: DefaultParams()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(ctx, `UPDATE river_job SET state = 'running', attempt = 1 WHERE id = ?`, j.RiverJobID); err != nil {
		t.Fatal(err)
	}
	if err := s.reapOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Get(ctx, owner, j.ID); got.RiverJobID != j.RiverJobID {
		t.Fatal("requeued before a lease passed")
	}
	time.Sleep(350 * time.Millisecond)
	if err := s.reapOnce(ctx); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Get(ctx, owner, j.ID)
	if got.Status != StatusPending || got.RiverJobID == j.RiverJobID {
		t.Fatalf("after a lease: %s, River job %d (was %d)", got.Status, got.RiverJobID, j.RiverJobID)
	}
	if st, _ := s.store.riverState(ctx, s.db, j.RiverJobID); st != "cancelled" {
		t.Errorf("the dead River job is %q, want cancelled", st)
	}
	if st, _ := s.store.riverState(ctx, s.db, got.RiverJobID); st != "available" {
		t.Errorf("the new River job is %q, want available", st)
	}
}

// TestCorruptParametersFailTheJob: a job whose stored parameters cannot be read is
// failed with a clear error by the worker, not retried for ever.
func TestCorruptParametersFailTheJob(t *testing.T) {
	t.Parallel() // its own database (testdb.DSN) and service
	base, owner := newTestService(t, 0)
	ctx := context.Background()
	j, err := base.Create(ctx, owner, CreateRequest{Website: "https://example.com/", Prompt: "council minutes", Params: DefaultParams()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := base.db.Exec(ctx, `UPDATE skop_jobs SET params = ? WHERE id = ?`, `{not json`, j.ID); err != nil {
		t.Fatal(err)
	}
	serviceOn(t, base.db, 1)
	deadline := time.Now().Add(10 * time.Second)
	for {
		var status, errs string
		if err := base.db.QueryRow(ctx, `SELECT status, errors FROM skop_jobs WHERE id = ?`, j.ID).Scan(&status, &errs); err != nil {
			t.Fatal(err)
		}
		if status == string(StatusFailed) {
			if !strings.Contains(errs, "stored params cannot be read") {
				t.Errorf("errors = %s", errs)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the job is still %s", status)
		}
		time.Sleep(20 * time.Millisecond)
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		st, _ := base.store.riverState(ctx, base.db, j.RiverJobID)
		if st == "cancelled" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("River job is %q, want cancelled", st)
		}
	}
}

// TestEndedJobsFromMemory: an ended job's status and results are answered from
// memory, for its owner only, and an active job's never are.
func TestEndedJobsFromMemory(t *testing.T) {
	t.Parallel() // its own database (testdb.DSN) and service
	s, owner := newTestService(t, 0)
	ctx := context.Background()
	j, err := s.Create(ctx, owner, CreateRequest{Website: "https://example.com/", Prompt: "council minutes", Params: DefaultParams()})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Get(ctx, owner, j.ID); got.Status != StatusPending {
		t.Fatal(got.Status)
	}
	if _, ok := s.ended.get(owner, j.ID); ok {
		t.Error("a pending job was kept in memory")
	}
	if _, err := s.Cancel(ctx, owner, j.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Results(ctx, owner, j.ID); err != nil {
		t.Fatal(err)
	}
	// Change the row behind the cache's back: the cached answer stands, which is
	// only right because an ended job never changes.
	if _, err := s.db.Exec(ctx, `UPDATE skop_jobs SET message = 'changed' WHERE id = ?`, j.ID); err != nil {
		t.Fatal(err)
	}
	got, docs, err := s.Results(ctx, owner, j.ID)
	if err != nil || got.Message == "changed" || docs == nil {
		t.Errorf("results of an ended job: %v %q %v", err, got.Message, docs)
	}
	if again, err := s.Cancel(ctx, owner, j.ID); err != nil || again.Message == "changed" || again.Status != StatusCancelled {
		t.Errorf("repeat cancel of a cancelled job: %v %+v", err, again)
	}
	if _, err := s.Get(ctx, owner+1, j.ID); err != ErrNotFound {
		t.Errorf("another key read a cached job: %v", err)
	}
	if _, err := s.Cancel(ctx, owner+1, j.ID); err != ErrNotFound {
		t.Errorf("another key cancelled a cached job: %v", err)
	}
}

// TestFetchedNotStartedSkipsNoCorruptRow: a pending job whose stored parameters
// cannot be read does not hide the other jobs from the reaper; it comes back
// marked corrupt, for its worker to fail.
func TestFetchedNotStartedSkipsNoCorruptRow(t *testing.T) {
	t.Parallel() // its own database (testdb.DSN) and service
	s, owner := newTestService(t, 0)
	ctx := context.Background()
	var ids []string
	for range 2 {
		j, err := s.Create(ctx, owner, CreateRequest{Website: "https://example.com/", Prompt: "council minutes", Params: DefaultParams()})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec(ctx, `UPDATE river_job SET state = 'running', attempt = 1 WHERE id = ?`, j.RiverJobID); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, j.ID)
	}
	if _, err := s.db.Exec(ctx, `UPDATE skop_jobs SET params = ? WHERE id = ?`, `{not json`, ids[0]); err != nil {
		t.Fatal(err)
	}
	got, err := s.store.fetchedNotStarted(ctx, s.db, 10)
	if err != nil {
		t.Fatalf("one corrupt row failed the whole query: %v", err)
	}
	byID := map[string]fetched{}
	for _, f := range got {
		byID[f.id] = f
	}
	if len(byID) != 2 {
		t.Fatalf("got %d jobs, want 2", len(byID))
	}
	var corrupt *CorruptJobError
	if c := byID[ids[0]].corrupt; c == nil || !errors.As(error(c), &corrupt) || corrupt.Column != "params" {
		t.Errorf("corrupt row: %+v", byID[ids[0]])
	}
	if f := byID[ids[1]]; f.corrupt != nil || f.timeout != DefaultParams().Timeout {
		t.Errorf("sound row: %+v", f)
	}
}

// TestListSummariesOfEndedJobs: a list reads the page's ids and statuses, and the
// summaries of ended jobs from memory once read; an active job is read every
// time, so its end shows at once; another owner never sees them.
func TestListSummariesOfEndedJobs(t *testing.T) {
	t.Parallel() // its own database and service
	s, owner := newTestService(t, 0)
	ctx := context.Background()
	var ids []string
	for range 3 {
		j, err := s.Create(ctx, owner, CreateRequest{Website: "https://example.com/", Prompt: "council minutes", Params: DefaultParams()})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, j.ID)
	}
	if _, err := s.Cancel(ctx, owner, ids[0]); err != nil {
		t.Fatal(err)
	}
	statuses := func() map[string]Status {
		page, err := s.List(ctx, owner, "", 20, "")
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]Status{}
		for _, j := range page.Jobs {
			out[j.ID] = j.Status
		}
		return out
	}
	first := statuses()
	if len(first) != 3 || first[ids[0]] != StatusCancelled || first[ids[1]] != StatusPending {
		t.Fatalf("first list = %v", first)
	}
	if _, ok := s.summaries.get(owner, ids[0]); !ok {
		t.Error("the cancelled job's summary was not kept")
	}
	if _, ok := s.summaries.get(owner, ids[1]); ok {
		t.Error("a pending job's summary was kept")
	}
	if _, err := s.Cancel(ctx, owner, ids[1]); err != nil {
		t.Fatal(err)
	}
	if second := statuses(); second[ids[1]] != StatusCancelled || second[ids[0]] != StatusCancelled || len(second) != 3 {
		t.Errorf("after a second cancel: %v", second)
	}
	if _, ok := s.summaries.get(owner+1, ids[0]); ok {
		t.Error("another owner got a kept summary")
	}
	// Paging goes by the list's heads: two pages of one and two.
	page, err := s.List(ctx, owner, "", 1, "")
	if err != nil || len(page.Jobs) != 1 || page.Next == "" {
		t.Fatalf("page 1: %+v %v", page, err)
	}
	rest, err := s.List(ctx, owner, "", 5, page.Next)
	if err != nil || len(rest.Jobs) != 2 || rest.Next != "" || rest.Jobs[0].ID == page.Jobs[0].ID {
		t.Errorf("page 2: %+v %v", rest, err)
	}
}

// TestListVersions: a list is answered from memory while the key's list version
// stands still, and a change to anything a list shows — made by this service or
// behind its back, as another replica would — moves the version, so the next
// list shows it. A change a list does not show, or another key's, moves nothing.
func TestListVersions(t *testing.T) {
	t.Parallel() // its own database and service
	s, owner := newTestService(t, 0)
	ctx := context.Background()
	_, otherKey, err := apikeys.NewStore(s.db).Create(ctx, "other", apikeys.AllScopes)
	if err != nil {
		t.Fatal(err)
	}
	other := otherKey.ID
	list := func(o int64) *Page {
		t.Helper()
		p, err := s.List(ctx, o, "", 20, "")
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if p := list(owner); p.Version != 0 || len(p.Jobs) != 0 {
		t.Fatalf("empty list: %+v", p)
	}
	j, err := s.Create(ctx, owner, CreateRequest{Website: "https://example.com/", Prompt: "council minutes", Params: DefaultParams()})
	if err != nil {
		t.Fatal(err)
	}
	first := list(owner)
	if first.Version == 0 || len(first.Jobs) != 1 {
		t.Fatalf("after a create: %+v", first)
	}
	if again := list(owner); again != first {
		t.Error("an unchanged list was read again instead of answered from memory")
	}
	// Another key's job moves only that key's version.
	if _, err := s.Create(ctx, other, CreateRequest{Website: "https://example.com/", Prompt: "council minutes", Params: DefaultParams()}); err != nil {
		t.Fatal(err)
	}
	if again := list(owner); again != first {
		t.Error("another key's job changed this key's list")
	}
	if p := list(other); len(p.Jobs) != 1 || p.Jobs[0].ID == j.ID {
		t.Errorf("the other key's list: %+v", p)
	}
	// What a list does not show (the message) moves nothing.
	if _, err := s.db.Exec(ctx, `UPDATE skop_jobs SET message = 'working' WHERE id = ?`, j.ID); err != nil {
		t.Fatal(err)
	}
	if again := list(owner); again != first {
		t.Error("a change a list does not show moved the version")
	}
	// Each column a list shows, changed behind the service's back, shows at once.
	for _, change := range []struct{ set, check string }{
		{`documents_found = 7`, "found"},
		{`documents_matched = 3`, "matched"},
		{`status = 'in_progress', started_at = 1`, "status"},
		{`status = 'completed', completed_at = 2`, "completed"},
	} {
		before := list(owner)
		if _, err := s.db.Exec(ctx, `UPDATE skop_jobs SET `+change.set+` WHERE id = ?`, j.ID); err != nil {
			t.Fatal(err)
		}
		after := list(owner)
		if after.Version <= before.Version {
			t.Errorf("%s: version %d → %d", change.check, before.Version, after.Version)
		}
		got := after.Jobs[0]
		var ok bool
		switch change.check {
		case "found":
			ok = got.DocumentsFound == 7
		case "matched":
			ok = got.DocumentsMatched == 3
		case "status":
			ok = got.Status == StatusInProgress
		case "completed":
			ok = got.Status == StatusCompleted && got.CompletedAt != nil
		}
		if !ok {
			t.Errorf("%s: the list shows %+v", change.check, got)
		}
	}
}

// TestActiveStatusVersions: an active job's status is answered from memory while
// its row version stands still, and any change to the row — made by this
// service or behind its back, as another replica's worker would — shows in the
// very next read. Another key never gets it.
func TestActiveStatusVersions(t *testing.T) {
	t.Parallel() // its own database and service
	s, owner := newTestService(t, 0)
	ctx := context.Background()
	j, err := s.Create(ctx, owner, CreateRequest{Website: "https://example.com/", Prompt: "council minutes", Params: DefaultParams()})
	if err != nil {
		t.Fatal(err)
	}
	get := func() *Job {
		t.Helper()
		got, err := s.Get(ctx, owner, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	first := get()
	if again := get(); again != first {
		t.Error("an unchanged active job was read again instead of answered from memory")
	}
	if _, err := s.Get(ctx, owner+1, j.ID); err != ErrNotFound {
		t.Errorf("another key read a kept job: %v", err)
	}
	for _, change := range []struct{ set, check string }{
		{`message = 'Crawling: 3 pages'`, "message"},
		{`pages_crawled = 3`, "pages"},
		{`progress = 40`, "progress"},
		{`status = 'in_progress', started_at = 1`, "status"},
		{`warnings = '["slow site"]'`, "warnings"},
	} {
		before := get()
		if _, err := s.db.Exec(ctx, `UPDATE skop_jobs SET `+change.set+` WHERE id = ?`, j.ID); err != nil {
			t.Fatal(err)
		}
		got := get()
		var ok bool
		switch change.check {
		case "message":
			ok = got.Message == "Crawling: 3 pages"
		case "pages":
			ok = got.PagesCrawled == 3
		case "progress":
			ok = got.Progress != nil && *got.Progress == 40
		case "status":
			ok = got.Status == StatusInProgress
		case "warnings":
			ok = len(got.Warnings) == 1
		}
		if !ok || got == before {
			t.Errorf("%s: the change does not show: %+v", change.check, got)
		}
	}
	if _, err := s.Cancel(ctx, owner, j.ID); err != nil {
		t.Fatal(err)
	}
	if got := get(); got.Status != StatusCancelled {
		t.Errorf("after a cancel: %s", got.Status)
	}
	if _, ok := s.live.get(owner, j.ID); ok {
		t.Error("an ended job is still kept as active")
	}
}
