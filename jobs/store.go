package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/skop-dev/skop/database"
	"github.com/skop-dev/skop/internal/memo"
	"github.com/skop-dev/skop/internal/text"
)

// querier is a connection or a transaction, on either backend.
type querier = database.Querier

// store holds the SQL of the jobs and documents tables. Every method that changes a
// job's status names the statuses it may change from in its WHERE clause: that guard
// makes each transition atomic, whoever else is writing.
type store struct {
	db *database.DB
}

const jobColumns = `id, owner_key_id, status, website, prompt, params, message, progress, current_agent,
agents_completed, pages_crawled, documents_found, documents_downloaded, documents_matched, llm_tokens, pages_with_results,
errors, warnings, river_job_id, created_at, started_at, completed_at, cancelled_at, deadline_at`

func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := time.UnixMicro(v.Int64).UTC()
	return &t
}

// scanJob reads a row of jobColumns, followed by the columns of extra, if any.
func scanJob(row interface{ Scan(...any) error }, extra ...any) (*Job, error) {
	var (
		j                             Job
		params, agents, errs, warns   string
		progress, riverID             sql.NullInt64
		agent                         sql.NullString
		created, deadline             int64
		started, completed, cancelled sql.NullInt64
	)
	err := row.Scan(append([]any{&j.ID, &j.OwnerKeyID, &j.Status, &j.Website, &j.Prompt, &params, &j.Message, &progress, &agent,
		&agents, &j.PagesCrawled, &j.DocumentsFound, &j.DocumentsDownloaded, &j.DocumentsMatched, &j.LLMTokens, &j.PagesWithResults,
		&errs, &warns, &riverID, &created, &started, &completed, &cancelled, &deadline}, extra...)...)
	if err != nil {
		return nil, err
	}
	if j.Params, err = decodeParams(params); err != nil {
		return nil, &CorruptJobError{JobID: j.ID, Column: "params", Err: err}
	}
	if err := unmarshalList(agents, &j.AgentsCompleted); err != nil {
		return nil, &CorruptJobError{JobID: j.ID, Column: "agents_completed", Err: err}
	}
	if err := unmarshalList(errs, &j.Errors); err != nil {
		return nil, &CorruptJobError{JobID: j.ID, Column: "errors", Err: err}
	}
	if err := unmarshalList(warns, &j.Warnings); err != nil {
		return nil, &CorruptJobError{JobID: j.ID, Column: "warnings", Err: err}
	}
	if progress.Valid {
		p := int(progress.Int64)
		j.Progress = &p
	}
	if agent.Valid {
		j.CurrentAgent = &agent.String
	}
	j.RiverJobID = riverID.Int64
	j.CreatedAt = time.UnixMicro(created).UTC()
	j.DeadlineAt = time.UnixMicro(deadline).UTC()
	j.StartedAt, j.CompletedAt, j.CancelledAt = fromMicros(started), fromMicros(completed), fromMicros(cancelled)
	return &j, nil
}

// paramsMemo keeps params decoded, by their stored text. A job's params never
// change after it is created, and most jobs share a few spellings, while decoding
// them was a good part of reading a job for a status poll. Params holds no
// pointers, so the copies handed out are safe.
var paramsMemo = memo.New[string, Params](1024)

func decodeParams(s string) (Params, error) {
	if p, ok := paramsMemo.Get(s); ok {
		return p, nil
	}
	var p Params
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		return Params{}, err
	}
	paramsMemo.Put(s, p)
	return p, nil
}

// unmarshalList decodes a stored JSON list; the common empty one costs nothing.
func unmarshalList[T any](s string, dst *[]T) error {
	if s == "[]" {
		*dst = []T{}
		return nil
	}
	return json.Unmarshal([]byte(s), dst)
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain structs are marshalled here
	}
	return string(b)
}

// lockOwner takes the write lock that serialises job creation for one key: the
// UPDATE locks the key's row (PostgreSQL) or the database (SQLite) before the active
// jobs are counted, so two concurrent creates cannot both pass the limit.
func (s *store) lockOwner(ctx context.Context, q querier, owner int64) error {
	_, err := q.Exec(ctx, `UPDATE skop_api_keys SET id = id WHERE id = ?`, owner)
	return err
}

func (s *store) countActive(ctx context.Context, q querier, owner int64) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT count(*) FROM skop_jobs WHERE owner_key_id = ? AND status IN ('pending', 'in_progress')`, owner).Scan(&n)
	return n, err
}

func (s *store) insert(ctx context.Context, q querier, j *Job) error {
	_, err := q.Exec(ctx, `INSERT INTO skop_jobs
(id, owner_key_id, status, website, prompt, params, message, created_at, deadline_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		j.ID, j.OwnerKeyID, j.Status, j.Website, j.Prompt, mustJSON(j.Params), j.Message, micros(j.CreatedAt), micros(j.DeadlineAt))
	return err
}

func (s *store) setRiverID(ctx context.Context, q querier, id string, riverID int64) error {
	_, err := q.Exec(ctx, `UPDATE skop_jobs SET river_job_id = ? WHERE id = ?`, riverID, id)
	return err
}

// get returns the job id of owner; ErrNotFound for an unknown job or another owner's.
func (s *store) get(ctx context.Context, q querier, owner int64, id string) (*Job, error) {
	j, err := scanJob(q.QueryRow(ctx, `SELECT `+jobColumns+` FROM skop_jobs WHERE id = ? AND owner_key_id = ?`, id, owner))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return j, err
}

// getVersioned is get, with the row's version (migration 007): a counter that
// moves on every change to the row.
func (s *store) getVersioned(ctx context.Context, q querier, owner int64, id string) (*Job, int64, error) {
	var v int64
	j, err := scanJob(q.QueryRow(ctx, `SELECT `+jobColumns+`, row_version FROM skop_jobs WHERE id = ? AND owner_key_id = ?`, id, owner), &v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, ErrNotFound
	}
	return j, v, err
}

// rowVersion returns the version of owner's job id.
func (s *store) rowVersion(ctx context.Context, q querier, owner int64, id string) (int64, error) {
	var v int64
	err := q.QueryRow(ctx, `SELECT row_version FROM skop_jobs WHERE id = ? AND owner_key_id = ?`, id, owner).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return v, err
}

// getAny returns job id whoever owns it; for the worker.
func (s *store) getAny(ctx context.Context, q querier, id string) (*Job, error) {
	j, err := scanJob(q.QueryRow(ctx, `SELECT `+jobColumns+` FROM skop_jobs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return j, err
}

// summaryColumns are what a list shows of each job: no JSON columns to decode.
const summaryColumns = `id, owner_key_id, status, website, prompt, created_at, completed_at, cancelled_at, documents_found, documents_matched`

// listVersion returns owner's list version: a counter that database triggers
// (migration 006) move whenever a job of owner is created or deleted or anything
// a list shows of it changes. 0 before the first change.
func (s *store) listVersion(ctx context.Context, q querier, owner int64) (int64, error) {
	var v int64
	err := q.QueryRow(ctx, `SELECT version FROM skop_list_versions WHERE owner_key_id = ?`, owner).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return v, err
}

// listHead is a job's place in a list: enough to page, and to know whether its
// summary can change.
type listHead struct {
	id        string
	status    Status
	createdAt int64
}

// listHeads returns the heads of up to limit+1 jobs of owner older than the
// cursor position, newest first; the extra one tells the caller whether there is
// a next page.
func (s *store) listHeads(ctx context.Context, q querier, owner int64, status Status, limit int, after *listCursor) ([]listHead, error) {
	query, args := listQuery(`id, status, created_at`, owner, status, limit, after)
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []listHead
	for rows.Next() {
		var h listHead
		if err := rows.Scan(&h.id, &h.status, &h.createdAt); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// summaries returns the summaries (summaryColumns) of owner's jobs ids, by id.
func (s *store) summaries(ctx context.Context, q querier, owner int64, ids []string) (map[string]*Job, error) {
	out := make(map[string]*Job, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := []any{owner}
	marks := make([]string, len(ids))
	for i, id := range ids {
		marks[i] = "?"
		args = append(args, id)
	}
	rows, err := q.Query(ctx, `SELECT `+summaryColumns+` FROM skop_jobs WHERE owner_key_id = ? AND id IN (`+strings.Join(marks, ", ")+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		j, err := scanSummary(rows)
		if err != nil {
			return nil, err
		}
		out[j.ID] = j
	}
	return out, rows.Err()
}

func listQuery(columns string, owner int64, status Status, limit int, after *listCursor) (string, []any) {
	query := `SELECT ` + columns + ` FROM skop_jobs WHERE owner_key_id = ?`
	args := []any{owner}
	if status != "" {
		query += ` AND status = ?`
		args = append(args, status)
	}
	if after != nil {
		query += ` AND (created_at < ? OR (created_at = ? AND id < ?))`
		args = append(args, after.createdAt, after.createdAt, after.id)
	}
	query += ` ORDER BY created_at DESC, id DESC LIMIT ?`
	return query, append(args, limit+1)
}

func scanSummary(row interface{ Scan(...any) error }) (*Job, error) {
	var (
		j                    Job
		created              int64
		completed, cancelled sql.NullInt64
	)
	if err := row.Scan(&j.ID, &j.OwnerKeyID, &j.Status, &j.Website, &j.Prompt, &created, &completed, &cancelled,
		&j.DocumentsFound, &j.DocumentsMatched); err != nil {
		return nil, err
	}
	j.CreatedAt = time.UnixMicro(created).UTC()
	j.CompletedAt, j.CancelledAt = fromMicros(completed), fromMicros(cancelled)
	return &j, nil
}

// cancel moves an active job of owner to cancelled. It returns the cancelled job, or
// nil when the guard matched no row (unknown job, or not active any more).
func (s *store) cancel(ctx context.Context, q querier, owner int64, id, message string, at time.Time) (*Job, error) {
	j, err := scanJob(q.QueryRow(ctx, `UPDATE skop_jobs
SET status = 'cancelled', cancelled_at = ?, message = ?, current_agent = NULL, lease_owner = NULL, lease_expires_at = NULL
WHERE id = ? AND owner_key_id = ? AND status IN ('pending', 'in_progress')
RETURNING `+jobColumns, micros(at), message, id, owner))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return j, err
}

// start moves a job from pending to in_progress and leases it to owner until
// leaseUntil. A job already in progress may be started again (a resumed run) only
// when nobody holds its lease: it was handed back, or the reaper released it. It
// keeps its start time, progress and counters: a resumed run goes on from them.
// It reports whether the job may run.
func (s *store) start(ctx context.Context, q querier, id, owner string, at, leaseUntil time.Time) (bool, error) {
	n, err := q.Exec(ctx, `UPDATE skop_jobs
SET message = CASE WHEN status = 'pending' THEN ? ELSE ? END,
    status = 'in_progress', started_at = COALESCE(started_at, ?), progress = COALESCE(progress, 0),
    current_agent = 'navigator', lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1
WHERE id = ? AND (status = 'pending' OR (status = 'in_progress' AND (lease_owner IS NULL OR lease_expires_at < ?)))`,
		"Job started: crawling the website", "Job resumed: crawling the website again, keeping the documents already found",
		micros(at), owner, micros(leaseUntil), id, micros(at))
	if err != nil {
		return false, err
	}
	return n == 1, nil
}

// keyName is the name of the API key that owns job id, for logs.
func (s *store) keyName(ctx context.Context, q querier, owner int64) string {
	var name string
	if err := q.QueryRow(ctx, `SELECT name FROM skop_api_keys WHERE id = ?`, owner).Scan(&name); err != nil {
		return ""
	}
	return name
}

// renew extends owner's lease on a running job. It reports false when the job is
// no longer running under that lease: it was cancelled, or another process took it
// over after the lease ran out. Either way the caller must stop.
func (s *store) renew(ctx context.Context, q querier, id, owner string, until time.Time) (bool, error) {
	n, err := q.Exec(ctx, `UPDATE skop_jobs SET lease_expires_at = ?
WHERE id = ? AND status = 'in_progress' AND lease_owner = ?`, micros(until), id, owner)
	return n == 1, err
}

// release gives up owner's lease, so that a retry may start at once. A run
// handed back at shutdown does not count as an attempt: its process did not fail.
func (s *store) release(ctx context.Context, q querier, id, owner, message string, handback bool) error {
	dec := 0
	if handback {
		dec = 1
	}
	_, err := q.Exec(ctx, `UPDATE skop_jobs SET lease_owner = NULL, lease_expires_at = NULL, message = ?,
    attempts = CASE WHEN attempts >= ? THEN attempts - ? ELSE attempts END
WHERE id = ? AND status = 'in_progress' AND lease_owner = ?`, message, dec, dec, id, owner)
	return err
}

// lostJob is a running job whose lease ran out: its process died.
type lostJob struct {
	id       string
	attempts int
	errors   []JobError
	timeout  int
}

// lost returns up to limit running jobs whose lease ran out before now.
func (s *store) lost(ctx context.Context, q querier, now time.Time, limit int) ([]lostJob, error) {
	rows, err := q.Query(ctx, `SELECT id, attempts, errors, params FROM skop_jobs
WHERE status = 'in_progress' AND lease_expires_at < ? ORDER BY lease_expires_at LIMIT ?`, micros(now), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []lostJob
	for rows.Next() {
		var (
			l              lostJob
			errs, paramStr string
			p              Params
		)
		if err := rows.Scan(&l.id, &l.attempts, &errs, &paramStr); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(errs), &l.errors); err != nil {
			return nil, fmt.Errorf("job %s: errors: %w", l.id, err)
		}
		if err := json.Unmarshal([]byte(paramStr), &p); err != nil {
			return nil, fmt.Errorf("job %s: params: %w", l.id, err)
		}
		l.timeout = p.Timeout
		out = append(out, l)
	}
	return out, rows.Err()
}

// riverJobID is the River job that currently runs job id (0 when none).
func (s *store) riverJobID(ctx context.Context, q querier, id string) (int64, error) {
	var v sql.NullInt64
	err := q.QueryRow(ctx, `SELECT river_job_id FROM skop_jobs WHERE id = ?`, id).Scan(&v)
	return v.Int64, err
}

// riverState is the state of River job id ("" when the row is gone).
func (s *store) riverState(ctx context.Context, q querier, id int64) (string, error) {
	var st string
	err := q.QueryRow(ctx, `SELECT CAST(state AS TEXT) FROM river_job WHERE id = ?`, id).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return st, err
}

// settleDeadRiverJob ends River job id, left `running` by a process that died, as
// cancelled: River's own rescuer would only look at it after RescueStuckJobsAfter
// (over an hour). It touches River's row only in that one state.
func (s *store) settleDeadRiverJob(ctx context.Context, q querier, id int64) error {
	now := `datetime('now', 'subsec')`
	if s.db.Dialect == database.Postgres {
		now = `now()`
	}
	_, err := q.Exec(ctx, `UPDATE river_job SET state = 'cancelled', finalized_at = `+now+` WHERE id = ? AND state = 'running'`, id)
	return err
}

// orphan is an active job whose River job ended (or is gone) without the job
// ending: cancelled or discarded on River's side.
type orphan struct {
	id, status, riverState string
	riverJobID             int64
	errors                 []JobError
}

// fetched is a pending job whose River job is running.
type fetched struct {
	id         string
	riverJobID int64
	timeout    int
	corrupt    *CorruptJobError // its stored parameters cannot be read
}

// fetchedNotStarted returns up to limit pending jobs whose River job is running.
func (s *store) fetchedNotStarted(ctx context.Context, q querier, limit int) ([]fetched, error) {
	rows, err := q.Query(ctx, `SELECT j.id, j.river_job_id, j.params FROM skop_jobs j JOIN river_job r ON r.id = j.river_job_id
WHERE j.status = 'pending' AND CAST(r.state AS TEXT) = 'running' LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []fetched
	for rows.Next() {
		var (
			f      fetched
			params string
			p      Params
		)
		if err := rows.Scan(&f.id, &f.riverJobID, &params); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(params), &p); err != nil {
			// One unreadable row must not stop the reaper for every other job:
			// it is requeued with the default timeout, and the worker that runs
			// it fails it with this error (getAny returns the same).
			f.corrupt = &CorruptJobError{JobID: f.id, Column: "params", Err: err}
		}
		f.timeout = p.Timeout
		out = append(out, f)
	}
	return out, rows.Err()
}

// setRiverIDIfPending points a still-pending job at a new River job, if its River
// job is still old.
func (s *store) setRiverIDIfPending(ctx context.Context, q querier, id string, old, riverID int64) error {
	_, err := q.Exec(ctx, `UPDATE skop_jobs SET river_job_id = ? WHERE id = ? AND status = 'pending' AND river_job_id = ?`, riverID, id, old)
	return err
}

// orphans returns up to limit active jobs whose River job is final or missing.
func (s *store) orphans(ctx context.Context, q querier, limit int) ([]orphan, error) {
	return scanOrphans(q.Query(ctx, `SELECT j.id, j.status, j.river_job_id, COALESCE(CAST(r.state AS TEXT), ''), j.errors
FROM skop_jobs j LEFT JOIN river_job r ON r.id = j.river_job_id
WHERE j.status IN ('pending', 'in_progress') AND j.river_job_id IS NOT NULL
  AND (r.id IS NULL OR r.state IN ('cancelled', 'discarded', 'completed'))
LIMIT ?`, limit))
}

// overdue returns up to limit active jobs whose deadline passed before cutoff.
func (s *store) overdue(ctx context.Context, q querier, cutoff time.Time, limit int) ([]orphan, error) {
	return scanOrphans(q.Query(ctx, `SELECT id, status, COALESCE(river_job_id, 0), '', errors FROM skop_jobs
WHERE status IN ('pending', 'in_progress') AND deadline_at < ? ORDER BY deadline_at LIMIT ?`, micros(cutoff), limit))
}

// scanOrphans reads rows of (id, status, river job, River state, errors).
func scanOrphans(rows database.Rows, err error) ([]orphan, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []orphan
	for rows.Next() {
		var (
			o    orphan
			errs string
		)
		if err := rows.Scan(&o.id, &o.status, &o.riverJobID, &o.riverState, &errs); err != nil {
			return nil, err
		}
		if err := unmarshalList(errs, &o.errors); err != nil {
			return nil, &CorruptJobError{JobID: o.id, Column: "errors", Err: err}
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// cancelAny moves an active job, whoever owns it, to cancelled: for a cancel made
// on River's side. It reports whether the guard matched.
func (s *store) cancelAny(ctx context.Context, q querier, id, message string, at time.Time) (bool, error) {
	n, err := q.Exec(ctx, `UPDATE skop_jobs
SET status = 'cancelled', cancelled_at = ?, message = ?, current_agent = NULL, lease_owner = NULL, lease_expires_at = NULL
WHERE id = ? AND status IN ('pending', 'in_progress')`, micros(at), message, id)
	return n == 1, err
}

// failAny moves an active job, whoever holds it, to failed with errs.
func (s *store) failAny(ctx context.Context, q querier, id string, at time.Time, message string, errs []JobError) (bool, error) {
	n, err := q.Exec(ctx, `UPDATE skop_jobs
SET status = 'failed', completed_at = ?, message = ?, current_agent = NULL, errors = ?, lease_owner = NULL, lease_expires_at = NULL
WHERE id = ? AND status IN ('pending', 'in_progress')`, micros(at), message, mustJSON(errs), id)
	return n == 1, err
}

// claimLost takes a lost job for requeueing: it clears the dead owner and holds the
// job until until, so that one replica's reaper requeues it, not several.
func (s *store) claimLost(ctx context.Context, q querier, id string, now, until time.Time) (bool, error) {
	n, err := q.Exec(ctx, `UPDATE skop_jobs SET lease_owner = NULL, lease_expires_at = ?
WHERE id = ? AND status = 'in_progress' AND lease_expires_at < ?`, micros(until), id, micros(now))
	return n == 1, err
}

// failLost fails a job whose attempts are spent, adding jerr to its errors.
func (s *store) failLost(ctx context.Context, q querier, id string, at time.Time, message string, errs []JobError) (bool, error) {
	n, err := q.Exec(ctx, `UPDATE skop_jobs
SET status = 'failed', completed_at = ?, message = ?, current_agent = NULL, errors = ?, lease_owner = NULL, lease_expires_at = NULL
WHERE id = ? AND status = 'in_progress' AND lease_owner IS NULL`, micros(at), message, mustJSON(errs), id)
	return n == 1, err
}

// progressUpdate is the worker's running account of a job.
type progressUpdate struct {
	Message             string
	Progress            int
	CurrentAgent        *string
	AgentsCompleted     []string
	PagesCrawled        int
	DocumentsFound      int
	DocumentsDownloaded int
	DocumentsMatched    int
	LLMTokens           int // of this run; added to what earlier runs used
	PagesWithResults    int
	Errors              []JobError
	Warnings            []string
}

// grow is the SQL that sets a counter column to the larger of its stored value and
// the new one: a resumed run counts again from zero, and what a person sees must
// never go back.
func grow(col string) string { return col + ` = CASE WHEN ` + col + ` > ? THEN ` + col + ` ELSE ? END` }

func (p *progressUpdate) counters() []any {
	return []any{p.Progress, p.Progress, p.PagesCrawled, p.PagesCrawled, p.DocumentsFound, p.DocumentsFound,
		p.DocumentsDownloaded, p.DocumentsDownloaded, p.DocumentsMatched, p.DocumentsMatched, p.PagesWithResults, p.PagesWithResults,
		p.LLMTokens}
}

// The counters, and the run's language-model tokens added to those of runs
// before it (the worker sends each run's running total once, on its last update,
// through llmTokensSQL).
var counterSQL = strings.Join([]string{grow("progress"), grow("pages_crawled"), grow("documents_found"),
	grow("documents_downloaded"), grow("documents_matched"), grow("pages_with_results"), "llm_tokens = llm_tokens + ?"}, ", ")

// saveProgress writes the worker's account while the job is in progress under
// owner's lease. It reports false when that is no longer so (the job was cancelled,
// or its lease was lost): the caller must stop.
func (s *store) saveProgress(ctx context.Context, q querier, id, owner string, p *progressUpdate) (bool, error) {
	args := append([]any{p.Message, p.CurrentAgent, mustJSON(text.NonNil(p.AgentsCompleted))}, p.counters()...)
	args = append(args, mustJSON(text.NonNil(p.Errors)), mustJSON(text.NonNil(p.Warnings)), id, owner)
	n, err := q.Exec(ctx, `UPDATE skop_jobs
SET message = ?, current_agent = ?, agents_completed = ?, `+counterSQL+`, errors = ?, warnings = ?
WHERE id = ? AND status = 'in_progress' AND lease_owner = ?`, args...)
	if err != nil {
		return false, err
	}
	return n == 1, nil
}

// finish moves an in-progress job that owner holds to completed or failed, with
// its final account.
func (s *store) finish(ctx context.Context, q querier, id, owner string, status Status, at time.Time, p *progressUpdate) (bool, error) {
	args := append([]any{status, micros(at), p.Message, mustJSON(text.NonNil(p.AgentsCompleted))}, p.counters()...)
	args = append(args, mustJSON(text.NonNil(p.Errors)), mustJSON(text.NonNil(p.Warnings)), id, owner)
	n, err := q.Exec(ctx, `UPDATE skop_jobs
SET status = ?, completed_at = ?, message = ?, current_agent = NULL, agents_completed = ?, `+counterSQL+`,
    errors = ?, warnings = ?, lease_owner = NULL, lease_expires_at = NULL
WHERE id = ? AND status = 'in_progress' AND lease_owner = ?`, args...)
	if err != nil {
		return false, err
	}
	return n == 1, nil
}

// addDocuments stores kept documents. The caller runs it in the transaction whose
// saveProgress returned true, so documents are never added to a job that stopped.
func (s *store) addDocuments(ctx context.Context, q querier, id string, docs []Document) error {
	for _, d := range docs {
		_, err := q.Exec(ctx, `INSERT INTO skop_documents
(job_id, url, seq, name, source_page, document_type, confidence, file_size_mb, extracted_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (job_id, url) DO UPDATE SET name = excluded.name, source_page = excluded.source_page,
    document_type = excluded.document_type, confidence = excluded.confidence,
    file_size_mb = excluded.file_size_mb, extracted_at = excluded.extracted_at`,
			id, d.URL, d.Order, d.Name, d.SourcePage, d.Type, d.Confidence, d.FileSizeMB, micros(d.ExtractedAt))
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *store) documents(ctx context.Context, q querier, id string) ([]Document, error) {
	rows, err := q.Query(ctx, `SELECT url, name, source_page, document_type, confidence, file_size_mb, extracted_at
FROM skop_documents WHERE job_id = ? ORDER BY confidence DESC, seq, url`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	docs := []Document{}
	for rows.Next() {
		var (
			d    Document
			size sql.NullFloat64
			at   int64
		)
		if err := rows.Scan(&d.URL, &d.Name, &d.SourcePage, &d.Type, &d.Confidence, &size, &at); err != nil {
			return nil, err
		}
		if size.Valid {
			d.FileSizeMB = &size.Float64
		}
		d.ExtractedAt = time.UnixMicro(at).UTC()
		docs = append(docs, d)
	}
	return docs, rows.Err()
}
