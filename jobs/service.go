package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"riverqueue.com/riverui/uiendpoints"

	"github.com/skop-dev/skop/database"
	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/internal/ids"
	"github.com/skop-dev/skop/internal/metrics"
)

// Config sets up a Service.
type Config struct {
	// Workers is how many jobs this process runs at once; 0 runs no jobs (API only).
	Workers int
	// MaxActivePerKey is how many pending or in-progress jobs one API key may have.
	MaxActivePerKey int
	// MaxAttempts is how often River tries a job whose worker failed unexpectedly.
	MaxAttempts int
	// PricePerPage is the cost of a page that yielded at least one result.
	PricePerPage float64
	// StatusCheckInterval is how often a running job renews its lease and so
	// re-reads its own status: a cancel made by another process stops it within
	// this interval even when no signal arrives.
	StatusCheckInterval time.Duration
	// LeaseDuration is how long a running job stays with its process without a
	// renewal. When a process dies, its jobs are queued again (or failed, once
	// MaxAttempts are spent) within LeaseDuration plus ReapInterval.
	LeaseDuration time.Duration
	// ReapInterval is how often each process with workers looks for jobs whose
	// lease ran out.
	ReapInterval time.Duration
	// Discovery configures the engine the worker runs.
	Discovery discovery.Config
	Logger    *slog.Logger
}

func (c Config) withDefaults() Config {
	if c.Workers < 0 {
		c.Workers = 0
	}
	if c.MaxActivePerKey <= 0 {
		c.MaxActivePerKey = 5
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 3
	}
	if c.PricePerPage < 0 {
		c.PricePerPage = 0
	}
	if c.StatusCheckInterval <= 0 {
		c.StatusCheckInterval = time.Second
	}
	if c.LeaseDuration <= 0 {
		c.LeaseDuration = 30 * time.Second
	}
	if c.LeaseDuration < 3*c.StatusCheckInterval {
		c.LeaseDuration = 3 * c.StatusCheckInterval
	}
	if c.ReapInterval <= 0 {
		c.ReapInterval = 5 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// Service creates, reads, lists and cancels jobs, and (with Workers > 0) runs them.
type Service struct {
	cfg    Config
	db     *database.DB
	store  *store
	queue  queue
	engine *discovery.Engine
	log    *slog.Logger

	owner string // this process's name in job leases

	mu        sync.Mutex
	running   map[string]context.CancelCauseFunc // jobs this process is running
	stoppedAt map[string]time.Time               // when a running job was told to stop

	stopReaper context.CancelFunc
	reaperDone chan struct{}
	// fetchedPending remembers when the reaper first saw a pending job whose River
	// job is running: a worker that fetched it died before starting it.
	fetchedPending map[string]time.Time

	ended *endedCache // results of jobs that can no longer change
	// summaries are the list summaries of ended jobs, which never change.
	summaries *summaryCache
	pages     *pageCache // pages of lists, each with the list version it was read at
	live      *liveCache // active jobs, each with the row version it was read at

	ping pingMemo // the last database ping, shared by health checks
}

// pingMemo keeps the result of the last database ping for pingFresh: health is
// polled by load balancers, orchestrators and dashboards, often many times a
// second, and a ping per poll costs a round trip through the database's one
// connection. A failing database is still reported within pingFresh.
type pingMemo struct {
	mu sync.Mutex
	at time.Time
	ok bool
}

const pingFresh = time.Second

// errCancelled is the cause given to a running job's context when it is cancelled.
var errCancelled = errors.New("job cancelled")

// NewService wires a service over a migrated database.
func NewService(db *database.DB, cfg Config) (*Service, error) {
	cfg = cfg.withDefaults()
	s := &Service{
		cfg:       cfg,
		db:        db,
		store:     &store{db: db},
		engine:    discovery.New(cfg.Discovery),
		log:       cfg.Logger,
		running:   map[string]context.CancelCauseFunc{},
		stoppedAt: map[string]time.Time{},
		ended:     newEndedCache(),
		summaries: newSummaryCache(),
		pages:     newPageCache(),
		live:      newLiveCache(),
		owner:     processName(),
	}
	rc := &river.Config{
		Logger:            cfg.Logger.With("component", "river"),
		MaxAttempts:       cfg.MaxAttempts,
		FetchCooldown:     20 * time.Millisecond,
		FetchPollInterval: 100 * time.Millisecond,
		// Above the largest job timeout (3600 s), so River never rescues a job that
		// is still within its time.
		RescueStuckJobsAfter: time.Hour + 5*time.Minute,
		JobTimeout:           time.Hour,
	}
	var w *worker
	if cfg.Workers > 0 {
		workers := river.NewWorkers()
		w = &worker{db: db, store: s.store, engine: s.engine, runs: s, owner: s.owner,
			lease: cfg.LeaseDuration, statusEvery: cfg.StatusCheckInterval, log: s.log}
		river.AddWorker(workers, w)
		rc.Workers = workers
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers}}
	}
	q, err := newQueue(db, rc)
	if err != nil {
		return nil, fmt.Errorf("jobs: river client: %w", err)
	}
	s.queue = q
	if w != nil {
		w.queue = q
	}
	return s, nil
}

// Start starts the workers and the reaper of lost jobs, if this process runs jobs.
// The workers run until Stop: ending ctx does not stop them (River would take that
// as an abrupt stop and interrupt every running job).
func (s *Service) Start(ctx context.Context) error {
	if s.cfg.Workers == 0 {
		return nil
	}
	if err := s.queue.Start(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	rctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.stopReaper, s.reaperDone = cancel, make(chan struct{})
	go s.reap(rctx)
	return nil
}

// Stop stops the workers gracefully: no new job starts, running jobs get until
// ctx ends to finish, then their contexts are cancelled and each is handed back
// (lease released, its River job available again at once, the attempt not
// counted) for another process, or this one after a restart, to resume.
func (s *Service) Stop(ctx context.Context) error {
	if s.cfg.Workers == 0 {
		return nil
	}
	if s.stopReaper != nil {
		s.stopReaper()
		<-s.reaperDone
	}
	err := s.queue.Stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return s.queue.StopAndCancel(sctx)
	}
	return err
}

// Healthy reports whether the database answers and whether this process's workers
// run (workersOK is true, and workersEnabled false, when it runs none).
func (s *Service) Healthy(ctx context.Context) (dbOK, workersEnabled, workersOK bool) {
	dbOK = s.pingDB(ctx)
	if s.cfg.Workers == 0 {
		return dbOK, false, true
	}
	select {
	case <-s.queue.Stopped():
		return dbOK, true, false
	default:
	}
	return dbOK, true, true
}

// pingDB pings the database, or answers from a ping less than pingFresh old. The
// lock is held across the ping, so concurrent checks wait for one ping instead of
// each sending theirs.
func (s *Service) pingDB(ctx context.Context) bool {
	s.ping.mu.Lock()
	defer s.ping.mu.Unlock()
	if !s.ping.at.IsZero() && time.Since(s.ping.at) < pingFresh {
		return s.ping.ok
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	s.ping.ok = s.db.Ping(ctx) == nil
	s.ping.at = time.Now()
	return s.ping.ok
}

// PricePerPage is the configured cost of a page that yielded a result.
func (s *Service) PricePerPage() float64 { return s.cfg.PricePerPage }

// LLMPricePer1KTokens is the configured cost of 1,000 language-model tokens.
func (s *Service) LLMPricePer1KTokens() float64 { return s.cfg.Discovery.LLM.PricePer1KTokens }

// newJobID returns `job_` and 20 base-36 characters from crypto/rand (103 bits).
func newJobID() string { return ids.Job() }

// CreateRequest is what a caller asks for.
type CreateRequest struct {
	Website string
	Prompt  string
	Params  Params
}

// Create stores a new pending job and its River job in one transaction.
func (s *Service) Create(ctx context.Context, owner int64, req CreateRequest) (*Job, error) {
	if err := req.Params.Validate(); err != nil {
		return nil, &InvalidRequestError{Field: "parameters", Reason: err.Error()}
	}
	now := time.Now().UTC().Truncate(time.Microsecond) // the precision the database keeps
	j := &Job{
		ID:         newJobID(),
		OwnerKeyID: owner,
		Status:     StatusPending,
		Website:    req.Website,
		Prompt:     req.Prompt,
		Params:     req.Params,
		Message:    "Job created and queued for processing",
		CreatedAt:  now,
		DeadlineAt: now.Add(time.Duration(req.Params.Timeout) * time.Second),
	}
	err := s.queue.inTx(ctx, func(tx querier, rq riverTx) error {
		if err := s.store.lockOwner(ctx, tx, owner); err != nil {
			return err
		}
		active, err := s.store.countActive(ctx, tx, owner)
		if err != nil {
			return err
		}
		if active >= s.cfg.MaxActivePerKey {
			return &TooManyActiveError{Active: active, Max: s.cfg.MaxActivePerKey}
		}
		if err := s.store.insert(ctx, tx, j); err != nil {
			return err
		}
		if j.RiverJobID, err = rq.insert(ctx, discoverArgs{JobID: j.ID, TimeoutSeconds: req.Params.Timeout}, priorityNew); err != nil {
			return err
		}
		return s.store.setRiverID(ctx, tx, j.ID, j.RiverJobID)
	})
	if err != nil {
		var tm *TooManyActiveError
		if errors.As(err, &tm) {
			return nil, err
		}
		return nil, fmt.Errorf("jobs: create: %w", err)
	}
	metrics.JobsCreated.Inc()
	s.log.Info("job created", "job_id", j.ID, "key", s.store.keyName(ctx, s.db, owner), "river_job_id", j.RiverJobID, "website", j.Website)
	return j, nil
}

// Get returns owner's job id. Callers must not change it: it may be answered
// again to others.
//
// Statuses are polled. An ended job is answered from memory. An active job read
// before is answered from memory while its row version — one column, which a
// database trigger moves on every change to the row, whoever makes it — is the
// one it was read at; otherwise the row is read whole.
func (s *Service) Get(ctx context.Context, owner int64, id string) (*Job, error) {
	if e, ok := s.ended.get(owner, id); ok {
		return e.job, nil
	}
	r := s.db.Reader()
	if l, ok := s.live.get(owner, id); ok {
		if v, err := s.store.rowVersion(ctx, r, owner, id); err == nil && v == l.version {
			return l.job, nil
		}
	}
	j, v, err := s.store.getVersioned(ctx, r, owner, id)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("jobs: get %s: %w", id, err)
	}
	if err == nil {
		s.ended.put(j, nil)
		s.live.put(j, v)
	}
	return j, err
}

// Results returns owner's job id and the documents it kept so far, read in one
// transaction so the counters and the list agree.
func (s *Service) Results(ctx context.Context, owner int64, id string) (*Job, []Document, error) {
	if e, ok := s.ended.get(owner, id); ok && e.docs != nil {
		return e.job, e.docs, nil
	}
	var (
		j    *Job
		docs []Document
	)
	err := s.db.InReadTx(ctx, func(tx querier) error {
		var err error
		if j, err = s.store.get(ctx, tx, owner, id); err != nil {
			return err
		}
		docs, err = s.store.documents(ctx, tx, id)
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return nil, nil, err
	}
	if err != nil {
		return nil, nil, fmt.Errorf("jobs: results %s: %w", id, err)
	}
	s.ended.put(j, docs)
	return j, docs, nil
}

// Page is one page of a key's job list, newest first.
type Page struct {
	Jobs []*Job
	Next string // the cursor of the next page, "" on the last
	// Version is the key's list version read before the page: the page is at
	// least as new as it. While the version stands still, nothing the page shows
	// has changed, on any process sharing the database.
	Version int64
}

// List returns one page of owner's jobs, newest first. The jobs carry what a
// list shows: id, status, website, prompt, times and document counts. Callers
// must not change the page: it may be answered again to others.
//
// Lists are polled by dashboards. The key's list version is read first — one
// row, which database triggers move whenever a job of the key is created or
// anything a list shows changes — and a page read at the same version is
// answered from memory.
func (s *Service) List(ctx context.Context, owner int64, status Status, limit int, cursor string) (*Page, error) {
	if limit < 1 || limit > 100 {
		limit = 20
	}
	var after *listCursor
	if cursor != "" {
		c, err := decodeCursor(cursor)
		if err != nil {
			return nil, err
		}
		after = c
	}
	r := s.db.Reader()
	version, err := s.store.listVersion(ctx, r, owner)
	if err != nil {
		return nil, fmt.Errorf("jobs: list: %w", err)
	}
	key := pageKey{owner: owner, status: status, limit: limit, cursor: cursor}
	if p, ok := s.pages.Get(key); ok && p.Version == version {
		return p, nil
	}
	// The page's ids and statuses first; then the summaries of the jobs not
	// already known ended — an ended job's summary never changes, and most of a
	// list is ended jobs.
	heads, err := s.store.listHeads(ctx, r, owner, status, limit, after)
	if err != nil {
		return nil, fmt.Errorf("jobs: list: %w", err)
	}
	p := &Page{Version: version}
	if len(heads) > limit {
		heads = heads[:limit]
		last := heads[len(heads)-1]
		p.Next = listCursor{createdAt: last.createdAt, id: last.id}.encode()
	}
	jobs := make([]*Job, len(heads))
	var need []string
	for i, h := range heads {
		if !h.status.Active() {
			if j, ok := s.summaries.get(owner, h.id); ok {
				jobs[i] = j
				continue
			}
		}
		need = append(need, h.id)
	}
	if len(need) > 0 {
		got, err := s.store.summaries(ctx, r, owner, need)
		if err != nil {
			return nil, fmt.Errorf("jobs: list: %w", err)
		}
		for i, h := range heads {
			if jobs[i] != nil {
				continue
			}
			if j, ok := got[h.id]; ok {
				jobs[i] = j
				s.summaries.put(j)
			}
		}
	}
	p.Jobs = slices.DeleteFunc(jobs, func(j *Job) bool { return j == nil })
	s.pages.Put(key, p)
	return p, nil
}

// Cancel cancels owner's job id. An active job becomes cancelled atomically with the
// cancel of its River job; a job already cancelled is returned as it is (a repeated
// DELETE is safe); a completed or failed one gives *NotCancellableError. The change
// is committed before Cancel returns, and a job running in this process has its
// context cancelled before Cancel returns, so no new request of it starts afterwards.
func (s *Service) Cancel(ctx context.Context, owner int64, id string) (*Job, error) {
	// A job already cancelled is answered from a read: a repeated DELETE (a
	// client retrying) takes no write lock. A cancelled job never changes again,
	// so once read it is answered from memory like any ended job.
	if e, ok := s.ended.get(owner, id); ok && e.job.Status == StatusCancelled {
		return e.job, nil
	}
	if cur, err := s.store.get(ctx, s.db.Reader(), owner, id); err == nil && cur.Status == StatusCancelled {
		s.ended.put(cur, nil)
		return cur, nil
	}
	var j *Job
	now := time.Now().UTC().Truncate(time.Microsecond)
	err := s.queue.inTx(ctx, func(tx querier, rq riverTx) error {
		var err error
		j, err = s.store.cancel(ctx, tx, owner, id, "Job "+id+" cancelled by request", now)
		if err != nil {
			return err
		}
		if j == nil {
			cur, err := s.store.get(ctx, tx, owner, id)
			if err != nil {
				return err
			}
			if cur.Status == StatusCancelled {
				j = cur
				return nil
			}
			return &NotCancellableError{JobID: id, Status: cur.Status}
		}
		if j.RiverJobID != 0 {
			// On PostgreSQL this also notifies the replica running the job,
			// which cancels its context at once.
			return rq.cancel(ctx, j.RiverJobID)
		}
		return nil
	})
	var nc *NotCancellableError
	switch {
	case errors.Is(err, ErrNotFound), errors.As(err, &nc):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("jobs: cancel %s: %w", id, err)
	}
	s.stopLocal(id)
	if j.CancelledAt != nil && j.CancelledAt.Equal(now) { // this call cancelled it (a repeat finds it cancelled before)
		metrics.JobsEnded.WithLabelValues(string(StatusCancelled)).Inc()
		s.log.Info("job cancelled", "job_id", id, "key", s.store.keyName(ctx, s.db, owner), "river_job_id", j.RiverJobID, "by", "api",
			"pages", j.PagesCrawled, "documents_matched", j.DocumentsMatched)
	}
	return j, nil
}

// stopLocal cancels the context of job id if this process runs it, and notes
// when, for the cancel-to-stop metric.
func (s *Service) stopLocal(id string) {
	s.mu.Lock()
	stop := s.running[id]
	if stop != nil {
		s.stoppedAt[id] = time.Now()
	}
	s.mu.Unlock()
	if stop != nil {
		stop(errCancelled)
	}
}

func (s *Service) register(id string, stop context.CancelCauseFunc) {
	s.mu.Lock()
	s.running[id] = stop
	s.mu.Unlock()
}

func (s *Service) unregister(id string) {
	s.mu.Lock()
	delete(s.running, id)
	if at, ok := s.stoppedAt[id]; ok {
		metrics.CancelToStop.Observe(time.Since(at).Seconds())
		delete(s.stoppedAt, id)
	}
	s.mu.Unlock()
}

// RiverUIEndpoints are River UI's API over this service's River client, for the
// operators' view at /ops/.
func (s *Service) RiverUIEndpoints() uiendpoints.Bundle { return s.queue.uiEndpoints() }

// QueueDepth is the number of runs waiting in River's queue, for the
// skop_queue_depth gauge; -1 when the database cannot say.
func (s *Service) QueueDepth(ctx context.Context) float64 {
	var n int
	err := s.db.Reader().QueryRow(ctx, `SELECT count(*) FROM river_job WHERE CAST(state AS TEXT) IN ('available', 'scheduled', 'retryable')`).Scan(&n)
	if err != nil {
		return -1
	}
	return float64(n)
}

// processName names this process in job leases: host, pid and a random suffix, so
// a restarted process never mistakes a dead one's lease for its own.
func processName() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), ids.Short(8))
}

// newErrorID is the id of a JobError: "err_" and 12 lower-case random characters.
func newErrorID() string { return ids.Error() }
