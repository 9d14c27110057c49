package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/skop-dev/skop/database"
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
agents_completed, pages_crawled, documents_found, documents_downloaded, pages_with_results,
errors, warnings, river_job_id, created_at, started_at, completed_at, cancelled_at, deadline_at`

func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := time.UnixMicro(v.Int64).UTC()
	return &t
}

func scanJob(row interface{ Scan(...any) error }) (*Job, error) {
	var (
		j                             Job
		params, agents, errs, warns   string
		progress, riverID             sql.NullInt64
		agent                         sql.NullString
		created, deadline             int64
		started, completed, cancelled sql.NullInt64
	)
	err := row.Scan(&j.ID, &j.OwnerKeyID, &j.Status, &j.Website, &j.Prompt, &params, &j.Message, &progress, &agent,
		&agents, &j.PagesCrawled, &j.DocumentsFound, &j.DocumentsDownloaded, &j.PagesWithResults,
		&errs, &warns, &riverID, &created, &started, &completed, &cancelled, &deadline)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(params), &j.Params); err != nil {
		return nil, fmt.Errorf("job %s: params: %w", j.ID, err)
	}
	if err := json.Unmarshal([]byte(agents), &j.AgentsCompleted); err != nil {
		return nil, fmt.Errorf("job %s: agents_completed: %w", j.ID, err)
	}
	if err := json.Unmarshal([]byte(errs), &j.Errors); err != nil {
		return nil, fmt.Errorf("job %s: errors: %w", j.ID, err)
	}
	if err := json.Unmarshal([]byte(warns), &j.Warnings); err != nil {
		return nil, fmt.Errorf("job %s: warnings: %w", j.ID, err)
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

// getAny returns job id whoever owns it; for the worker.
func (s *store) getAny(ctx context.Context, q querier, id string) (*Job, error) {
	j, err := scanJob(q.QueryRow(ctx, `SELECT `+jobColumns+` FROM skop_jobs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return j, err
}

// list returns up to limit+1 jobs of owner older than the cursor position, newest
// first; the extra row tells the caller whether there is a next page.
func (s *store) list(ctx context.Context, q querier, owner int64, status Status, limit int, after *listCursor) ([]*Job, error) {
	query := `SELECT ` + jobColumns + ` FROM skop_jobs WHERE owner_key_id = ?`
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
	args = append(args, limit+1)
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
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
// leaseUntil. A job already in progress may be started again (a retry) only when
// nobody holds its lease: the reaper released it, or it ran out. It keeps its start
// time. It reports whether the job may run.
func (s *store) start(ctx context.Context, q querier, id, owner string, at, leaseUntil time.Time) (bool, error) {
	n, err := q.Exec(ctx, `UPDATE skop_jobs
SET status = 'in_progress', started_at = COALESCE(started_at, ?), message = ?, progress = COALESCE(progress, 0),
    current_agent = 'navigator', agents_completed = '[]', pages_crawled = 0, documents_found = 0,
    documents_downloaded = 0, pages_with_results = 0, lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1
WHERE id = ? AND (status = 'pending' OR (status = 'in_progress' AND (lease_owner IS NULL OR lease_expires_at < ?)))`,
		micros(at), "Job started: crawling the website", owner, micros(leaseUntil), id, micros(at))
	if err != nil {
		return false, err
	}
	return n == 1, nil
}

// renew extends owner's lease on a running job. It reports false when the job is
// no longer running under that lease: it was cancelled, or another process took it
// over after the lease ran out. Either way the caller must stop.
func (s *store) renew(ctx context.Context, q querier, id, owner string, until time.Time) (bool, error) {
	n, err := q.Exec(ctx, `UPDATE skop_jobs SET lease_expires_at = ?
WHERE id = ? AND status = 'in_progress' AND lease_owner = ?`, micros(until), id, owner)
	return n == 1, err
}

// release gives up owner's lease, so that a retry may start at once.
func (s *store) release(ctx context.Context, q querier, id, owner string) error {
	_, err := q.Exec(ctx, `UPDATE skop_jobs SET lease_owner = NULL, lease_expires_at = NULL
WHERE id = ? AND status = 'in_progress' AND lease_owner = ?`, id, owner)
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
		_ = json.Unmarshal([]byte(errs), &l.errors)
		_ = json.Unmarshal([]byte(paramStr), &p)
		l.timeout = p.Timeout
		out = append(out, l)
	}
	return out, rows.Err()
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
	PagesWithResults    int
	Errors              []JobError
	Warnings            []string
}

// saveProgress writes the worker's account while the job is in progress under
// owner's lease. It reports false when that is no longer so (the job was cancelled,
// or its lease was lost): the caller must stop.
func (s *store) saveProgress(ctx context.Context, q querier, id, owner string, p *progressUpdate) (bool, error) {
	n, err := q.Exec(ctx, `UPDATE skop_jobs
SET message = ?, progress = ?, current_agent = ?, agents_completed = ?, pages_crawled = ?, documents_found = ?,
    documents_downloaded = ?, pages_with_results = ?, errors = ?, warnings = ?
WHERE id = ? AND status = 'in_progress' AND lease_owner = ?`,
		p.Message, p.Progress, p.CurrentAgent, mustJSON(nonNil(p.AgentsCompleted)), p.PagesCrawled, p.DocumentsFound,
		p.DocumentsDownloaded, p.PagesWithResults, mustJSON(nonNil(p.Errors)), mustJSON(nonNil(p.Warnings)), id, owner)
	if err != nil {
		return false, err
	}
	return n == 1, nil
}

// finish moves an in-progress job that owner holds to completed or failed, with
// its final account.
func (s *store) finish(ctx context.Context, q querier, id, owner string, status Status, at time.Time, p *progressUpdate) (bool, error) {
	n, err := q.Exec(ctx, `UPDATE skop_jobs
SET status = ?, completed_at = ?, message = ?, progress = ?, current_agent = NULL, agents_completed = ?,
    pages_crawled = ?, documents_found = ?, documents_downloaded = ?, pages_with_results = ?, errors = ?, warnings = ?,
    lease_owner = NULL, lease_expires_at = NULL
WHERE id = ? AND status = 'in_progress' AND lease_owner = ?`,
		status, micros(at), p.Message, p.Progress, mustJSON(nonNil(p.AgentsCompleted)), p.PagesCrawled, p.DocumentsFound,
		p.DocumentsDownloaded, p.PagesWithResults, mustJSON(nonNil(p.Errors)), mustJSON(nonNil(p.Warnings)), id, owner)
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

// clearDocuments removes what an earlier attempt of the job stored, before a retry
// runs discovery again.
func (s *store) clearDocuments(ctx context.Context, q querier, id string) error {
	_, err := q.Exec(ctx, `DELETE FROM skop_documents WHERE job_id = ?`, id)
	return err
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

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
