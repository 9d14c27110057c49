package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/skop-dev/skop/database"
	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/internal/metrics"
	"github.com/skop-dev/skop/internal/text"
)

// discoverArgs is the River job that runs one Skop job. It carries only the id (the
// jobs row holds everything else) and the timeout, which River needs before the
// worker runs.
type discoverArgs struct {
	JobID          string `json:"job_id"`
	TimeoutSeconds int    `json:"timeout_seconds"`
}

func (discoverArgs) Kind() string { return "skop.discover" }

// worker runs jobs for River. It holds only what a run needs — the database and
// the store for its guarded writes, the engine, River for watching its own row,
// and the registry through which the API's cancel reaches a running job — not
// the Service, so what a run may touch is visible here.
type worker struct {
	river.WorkerDefaults[discoverArgs]
	db     *database.DB
	store  *store
	engine *discovery.Engine
	queue  queue // set once the River client that runs this worker exists
	runs   runRegistry
	owner  string // this process's name in job leases
	lease  time.Duration
	// statusEvery is how often a run renews its lease and looks at its River row.
	statusEvery time.Duration
	log         *slog.Logger
}

// runRegistry is the part of the Service a running job reports to: a cancel
// through the API stops a registered run at once.
type runRegistry interface {
	register(id string, stop context.CancelCauseFunc)
	unregister(id string)
}

// Timeout is the job's own time limit: River cancels the work context when it ends.
func (w *worker) Timeout(job *river.Job[discoverArgs]) time.Duration {
	if job.Args.TimeoutSeconds <= 0 {
		return 30 * time.Minute
	}
	return time.Duration(job.Args.TimeoutSeconds) * time.Second
}

// finalWriteTimeout bounds the last write of a job whose own context has ended.
const finalWriteTimeout = 15 * time.Second

// River priorities: a job queued again after its worker died, or handed back at
// shutdown, runs before new jobs, so recovery does not wait behind a backlog.
const (
	priorityResumed = 1
	priorityNew     = 2
)

var (
	// errRiverCancelled stops a run whose River job was cancelled on River's side
	// (River UI, JobCancel) and whose signal did not arrive (SQLite polls).
	errRiverCancelled = errors.New("job cancelled through the job queue")
	// errDeadline stops a run at the job's deadline: creation plus its timeout,
	// however long it waited in the queue.
	errDeadline = errors.New("job deadline reached")
)

// Work runs one job. Every write it makes is guarded by `status = 'in_progress'`
// and its lease; when a guard matches no row the job was cancelled, and the worker
// stops and tells River so with JobCancel, having changed nothing. A run that
// resumes an earlier one (its process died, or handed it back at shutdown) keeps
// the documents already found and does not fetch them again.
func (w *worker) Work(ctx context.Context, job *river.Job[discoverArgs]) error {
	s := w
	id := job.Args.JobID
	var started bool
	err := s.db.InTx(ctx, func(tx querier) error {
		var err error
		now := time.Now().UTC()
		started, err = s.store.start(ctx, tx, id, s.owner, now, now.Add(s.lease))
		return err
	})
	if err != nil {
		return fmt.Errorf("start job %s: %w", id, err)
	}
	if !started {
		// The job ended, was cancelled, or another process holds it: this River
		// job has nothing left to do.
		return river.JobCancel(fmt.Errorf("job %s is not startable here: it ended or another worker holds it", id))
	}
	j, err := s.store.getAny(ctx, s.db, id)
	var corrupt *CorruptJobError
	if errors.As(err, &corrupt) {
		// Retrying cannot help: fail the job, saying why, and end its River job.
		now := time.Now().UTC()
		errs := []JobError{{ErrorID: newErrorID(), AgentName: "coordinator", ErrorType: "internal", ErrorMessage: corrupt.Error(), Timestamp: now}}
		if _, ferr := s.store.failAny(ctx, s.db, id, now, "Job failed: its stored record cannot be read", errs); ferr != nil {
			return fmt.Errorf("fail corrupt job %s: %w", id, ferr)
		}
		s.log.Error("job failed: corrupt record", "job_id", id, "river_job_id", job.ID, "error", corrupt)
		return river.JobCancel(corrupt)
	}
	if err != nil {
		return fmt.Errorf("load job %s: %w", id, err)
	}
	kept, err := s.store.documents(ctx, s.db, id)
	if err != nil {
		return fmt.Errorf("load documents of job %s: %w", id, err)
	}
	lg := s.log.With("job_id", id, "key", s.store.keyName(ctx, s.db, j.OwnerKeyID), "river_job_id", job.ID, "attempt", job.Attempt)
	if len(kept) > 0 {
		lg.Info("job resumed", "documents_kept", len(kept))
	} else {
		lg.Info("job started", "website", j.Website)
	}
	startedAt := time.Now()

	runCtx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	runCtx, stopAtDeadline := context.WithDeadlineCause(runCtx, j.DeadlineAt, errDeadline)
	defer stopAtDeadline()
	s.runs.register(id, stop)
	defer s.runs.unregister(id)
	go w.watch(runCtx, stop, id, job.ID)

	acc := &account{job: j}
	known := make(map[string]bool, len(kept))
	for _, d := range kept {
		known[d.URL] = true
		acc.notePage(d.SourcePage)
	}
	acc.kept = len(kept)
	obs := func(ctx context.Context, p discovery.Progress) error {
		acc.apply(p)
		var ok bool
		err := s.db.InTx(ctx, func(tx querier) error {
			var err error
			if ok, err = s.store.saveProgress(ctx, tx, id, s.owner, acc.update()); err != nil || !ok {
				return err
			}
			return s.store.addDocuments(ctx, tx, id, acc.documents(append(p.NewDocuments, p.UpdatedDocuments...)))
		})
		if err != nil {
			return err
		}
		if !ok {
			stop(errCancelled)
			return errCancelled
		}
		return nil
	}
	req := DiscoveryRequest(j.Website, j.Prompt, j.Params, j.CreatedAt)
	req.Known = known
	runErr := s.engine.Run(runCtx, req, obs)

	ended := func(status Status, err error) error {
		if err == nil {
			metrics.JobsEnded.WithLabelValues(string(status)).Inc()
		}
		attrs := []any{"status", status, "duration", time.Since(startedAt).Round(time.Millisecond),
			"pages", acc.p.PagesCrawled, "documents_found", acc.p.DocumentsFound, "documents_matched", acc.kept}
		if err != nil {
			attrs = append(attrs, "error", err)
		}
		lg.Info("job ended", attrs...)
		return err
	}
	cause := context.Cause(runCtx)
	var fatal *discovery.FatalError
	switch {
	case runErr == nil:
		acc.message = fmt.Sprintf("Job completed: found %s", plural(acc.kept, "matching document"))
		return ended(StatusCompleted, w.finish(ctx, job, StatusCompleted, acc))
	case errors.Is(cause, errCancelled) || errors.Is(runErr, errCancelled):
		lg.Info("job ended", "status", StatusCancelled, "duration", time.Since(startedAt).Round(time.Millisecond), "by", "api")
		return river.JobCancel(fmt.Errorf("job %s: %w", id, errCancelled))
	case errors.Is(cause, errRiverCancelled) || errors.Is(context.Cause(ctx), river.ErrJobCancelledRemotely):
		w.cancelFromRiver(ctx, id)
		metrics.JobsEnded.WithLabelValues(string(StatusCancelled)).Inc()
		lg.Info("job ended", "status", StatusCancelled, "duration", time.Since(startedAt).Round(time.Millisecond), "by", "river")
		return river.JobCancel(fmt.Errorf("job %s: %w", id, errRiverCancelled))
	case errors.Is(cause, errDeadline) || errors.Is(ctx.Err(), context.DeadlineExceeded):
		acc.addError(discovery.Problem{Stage: acc.stage(), Kind: "timeout",
			Message: fmt.Sprintf("The job ran out of time after %d seconds; the documents found so far are kept", j.Params.Timeout), At: time.Now().UTC()})
		acc.message = fmt.Sprintf("Job failed: timed out after %d seconds (found %s)", j.Params.Timeout, plural(acc.kept, "matching document"))
		return ended(StatusFailed, w.finish(ctx, job, StatusFailed, acc))
	case ctx.Err() != nil:
		// The process is shutting down and its grace ran out: hand the job back
		// (lease released, attempt not counted). River makes its River job
		// available again at once, and the next process resumes it.
		w.release(ctx, id, "Job paused: its worker is shutting down; another worker resumes it, keeping the documents found", true)
		lg.Info("job handed back at shutdown", "duration", time.Since(startedAt).Round(time.Millisecond), "documents_matched", acc.kept)
		return fmt.Errorf("job %s interrupted by shutdown: %w", id, ctx.Err())
	case errors.As(runErr, &fatal):
		acc.addError(fatal.Problem)
		acc.message = "Job failed: " + fatal.Message
		return ended(StatusFailed, w.finish(ctx, job, StatusFailed, acc))
	case job.Attempt >= job.MaxAttempts:
		acc.addError(discovery.Problem{Stage: acc.stage(), Kind: "internal", Message: "internal error: " + runErr.Error(), At: time.Now().UTC()})
		acc.message = "Job failed: internal error"
		return ended(StatusFailed, w.finish(ctx, job, StatusFailed, acc))
	default:
		w.release(ctx, id, "Job interrupted by an error; it will be retried", false)
		lg.Warn("job run failed; River retries it", "error", runErr)
		return fmt.Errorf("job %s: %w", id, runErr) // River retries
	}
}

// cancelFromRiver ends a job cancelled on River's side as cancelled in Skop too.
func (w *worker) cancelFromRiver(ctx context.Context, id string) {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), finalWriteTimeout)
	defer cancel()
	if _, err := w.store.cancelAny(cctx, w.db, id, "Job "+id+" cancelled through the job queue", time.Now().UTC().Truncate(time.Microsecond)); err != nil {
		w.log.Warn("cancel job cancelled through River", "job_id", id, "error", err)
	}
}

// DiscoveryRequest is the engine request a job with these parameters runs. The
// benchmark builds its requests here too, so it measures exactly what jobs do.
func DiscoveryRequest(website, prompt string, p Params, created time.Time) discovery.Request {
	return discovery.Request{
		StartURL:            website,
		Prompt:              prompt,
		SinglePage:          p.SinglePage,
		MaxFileSizeBytes:    int64(p.MaxFileSizeMB) << 20,
		ConfidenceThreshold: p.ConfidenceThreshold,
		Now:                 created,
		MaxPages:            p.MaxPages,
		MaxDepth:            p.MaxDepth,
		IncludePaths:        p.IncludePaths,
		ExcludePaths:        p.ExcludePaths,
		AllowSubdomains:     p.AllowSubdomains,
	}
}

// finish writes the job's final status and completes its River job in one
// transaction. When the guard matches no row, a cancel won the race: nothing is
// written and River is told the job was cancelled.
func (w *worker) finish(ctx context.Context, job *river.Job[discoverArgs], status Status, acc *account) error {
	s := w
	// The work context may have ended (timeout); the final write still must happen.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), finalWriteTimeout)
	defer cancel()
	var ok bool
	err := s.queue.inTx(fctx, func(tx querier, rq riverTx) error {
		var err error
		u := acc.update()
		if status == StatusCompleted {
			u.Progress = 100
		}
		if ok, err = s.store.finish(fctx, tx, job.Args.JobID, s.owner, status, time.Now().UTC(), u); err != nil || !ok {
			return err
		}
		return rq.complete(fctx, job)
	})
	if err != nil {
		return fmt.Errorf("finish job %s: %w", job.Args.JobID, err)
	}
	if !ok {
		return river.JobCancel(fmt.Errorf("job %s: %w", job.Args.JobID, errCancelled))
	}
	return nil
}

// watch renews the job's lease every StatusCheckInterval and stops the run when the
// job is no longer in progress under this process's lease, or when its River job
// was cancelled on River's side. In one process Cancel stops the run directly, and
// across replicas River's notification does; this covers a notification that was
// missed (riverqueue/river#1358) or never sent (SQLite has no LISTEN), and a lease
// that another process took over, at the latest one interval later.
func (w *worker) watch(ctx context.Context, stop context.CancelCauseFunc, id string, riverID int64) {
	t := time.NewTicker(w.statusEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			ok, err := w.store.renew(ctx, w.db, id, w.owner, time.Now().Add(w.lease))
			if err == nil && !ok {
				stop(errCancelled)
				return
			}
			if rj, err := w.queue.JobGet(ctx, riverID); err == nil && cancelAttempted(rj) {
				stop(errRiverCancelled)
				return
			}
		}
	}
}

// cancelAttempted reports whether River was asked to cancel a running job: River
// records the request in the job's metadata and leaves the state to the worker.
func cancelAttempted(rj *rivertype.JobRow) bool {
	if rj.State == rivertype.JobStateCancelled {
		return true
	}
	var md struct {
		CancelAttemptedAt *time.Time `json:"cancel_attempted_at"`
	}
	return json.Unmarshal(rj.Metadata, &md) == nil && md.CancelAttemptedAt != nil
}

// release gives up the lease on a job this process stops running without ending it.
func (w *worker) release(ctx context.Context, id, message string, handback bool) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), finalWriteTimeout)
	defer cancel()
	if err := w.store.release(rctx, w.db, id, w.owner, message, handback); err != nil {
		w.log.Warn("release job lease", "job_id", id, "error", err)
	}
}

// account is the worker's running view of a job, written with every progress report.
type account struct {
	tokensSaved int // language-model tokens already written
	job         *Job
	p           discovery.Progress
	errors      []JobError
	warnings    []string
	kept        int
	sourcePages map[string]bool
	message     string
}

func (a *account) stage() discovery.Stage {
	if a.p.Stage == "" {
		return discovery.StageCoordinator
	}
	return a.p.Stage
}

func (a *account) apply(p discovery.Progress) {
	a.p = p
	for _, pr := range p.NewProblems {
		a.addError(pr)
	}
	a.warnings = append(a.warnings, p.NewWarnings...)
	if a.sourcePages == nil {
		a.sourcePages = map[string]bool{}
	}
	for _, d := range p.NewDocuments {
		a.sourcePages[d.SourcePage] = true
	}
	for _, d := range p.UpdatedDocuments {
		a.sourcePages[d.SourcePage] = true
	}
	a.kept += len(p.NewDocuments)
	switch p.Stage {
	case discovery.StageNavigator:
		a.message = fmt.Sprintf("Crawling the website: %s crawled", plural(p.PagesCrawled, "page"))
		if p.DocumentsFound > 0 {
			// Documents are read while the crawl goes on.
			a.message += fmt.Sprintf("; %d of %d documents checked, %d matching", p.DocumentsInspected, p.DocumentsFound, a.kept)
		}
	case discovery.StageScraper:
		a.message = fmt.Sprintf("Inspecting documents: %d of %d checked, %d matching", p.DocumentsInspected, p.DocumentsFound, a.kept)
	case discovery.StageCoordinator:
		a.message = "Scoring documents"
	default:
		a.message = fmt.Sprintf("Finishing: found %s", plural(a.kept, "matching document"))
	}
}

// newTokens returns the language-model tokens not yet written, and counts them
// as written.
func (a *account) newTokens() int {
	n := a.p.LLMTokens - a.tokensSaved
	a.tokensSaved = a.p.LLMTokens
	return max(n, 0)
}

func (a *account) notePage(page string) {
	if a.sourcePages == nil {
		a.sourcePages = map[string]bool{}
	}
	a.sourcePages[page] = true
}

func (a *account) addError(p discovery.Problem) {
	var page *string
	if p.PageURL != "" {
		page = &p.PageURL
	}
	a.errors = append(a.errors, JobError{
		ErrorID:       newErrorID(),
		AgentName:     string(p.Stage),
		ErrorType:     p.Kind,
		ErrorMessage:  p.Message,
		PageURL:       page,
		Timestamp:     p.At,
		IsRecoverable: p.Recoverable,
	})
}

func (a *account) update() *progressUpdate {
	var agent *string
	if a.p.Stage != "" {
		st := string(a.p.Stage)
		agent = &st
	}
	done := make([]string, len(a.p.StagesDone))
	for i, s := range a.p.StagesDone {
		done[i] = string(s)
	}
	return &progressUpdate{
		Message:             a.message,
		Progress:            a.p.Percent,
		CurrentAgent:        agent,
		AgentsCompleted:     done,
		PagesCrawled:        a.p.PagesCrawled,
		DocumentsFound:      a.p.DocumentsFound,
		DocumentsDownloaded: a.p.DocumentsDownloaded,
		DocumentsMatched:    a.kept,
		LLMTokens:           a.newTokens(),
		PagesWithResults:    len(a.sourcePages),
		Errors:              a.errors,
		Warnings:            a.warnings,
	}
}

func (a *account) documents(ds []discovery.Document) []Document {
	out := make([]Document, len(ds))
	for i, d := range ds {
		var size *float64
		if d.SizeBytes >= 0 {
			mb := float64(int64(float64(d.SizeBytes)/(1<<20)*1000+0.5)) / 1000
			size = &mb
		}
		out[i] = Document{URL: d.URL, Name: d.Name, SourcePage: d.SourcePage, Type: d.Type, Confidence: d.Confidence, FileSizeMB: size, ExtractedAt: d.FoundAt, Order: d.Order}
	}
	return out
}

func plural(n int, noun string) string { return text.Plural(n, noun) }
