// Package jobs is Skop's job engine: the job model and its state machine, the jobs
// table (the source of truth for a job's status), and the River worker that runs
// discovery. River only schedules and signals; every change of a job's status is
// one guarded UPDATE on the jobs row, so the row decides every race.
package jobs

import (
	"errors"
	"fmt"
	"github.com/skop-dev/skop/discovery"
	"math"
	"time"
)

// Status is a job's status.
type Status string

// The statuses. pending → in_progress → completed | failed; pending and in_progress
// → cancelled. The final three never change.
const (
	StatusPending    Status = "pending"
	StatusInProgress Status = "in_progress"
	StatusCompleted  Status = "completed"
	StatusFailed     Status = "failed"
	StatusCancelled  Status = "cancelled"
)

// Active reports whether a job in status s may still change.
func (s Status) Active() bool { return s == StatusPending || s == StatusInProgress }

// Params are a job's effective parameters, defaults filled in.
type Params struct {
	SinglePage          bool    `json:"single_page"`
	Timeout             int     `json:"timeout"` // seconds
	ConfidenceThreshold float64 `json:"confidence_threshold"`
	FileType            string  `json:"file_type"`
	MaxFileSizeMB       int     `json:"max_file_size_mb"`
	// The crawl's controls. MaxPages and MaxDepth are 0 in jobs stored before
	// they could be set: the engine's defaults apply.
	MaxPages        int      `json:"max_pages,omitempty"`
	MaxDepth        int      `json:"max_depth,omitempty"`
	IncludePaths    []string `json:"include_paths,omitempty"`
	ExcludePaths    []string `json:"exclude_paths,omitempty"`
	AllowSubdomains bool     `json:"allow_subdomains,omitempty"`
}

// DefaultParams are the parameters of a job that sets none.
func DefaultParams() Params {
	return Params{SinglePage: true, Timeout: 1800, ConfidenceThreshold: 0.1, FileType: "document", MaxFileSizeMB: 100}
}

// Validate checks the ranges the API promises. The HTTP layer validates against the
// spec first; this guards callers that do not go through it.
func (p Params) Validate() error {
	switch {
	case p.Timeout < 60 || p.Timeout > 3600:
		return fmt.Errorf("timeout must be between 60 and 3600 seconds, got %d", p.Timeout)
	case p.ConfidenceThreshold < 0 || p.ConfidenceThreshold > 1:
		return fmt.Errorf("confidence_threshold must be between 0 and 1, got %g", p.ConfidenceThreshold)
	case p.FileType != "document":
		return fmt.Errorf("file_type must be \"document\", got %q", p.FileType)
	case p.MaxFileSizeMB < 1 || p.MaxFileSizeMB > 500:
		return fmt.Errorf("max_file_size_mb must be between 1 and 500, got %d", p.MaxFileSizeMB)
	case p.MaxPages < 0 || p.MaxPages > 100000:
		return fmt.Errorf("max_pages must be between 1 and 100000, got %d", p.MaxPages)
	case p.MaxDepth < 0 || p.MaxDepth > 100:
		return fmt.Errorf("max_depth must be between 1 and 100, got %d", p.MaxDepth)
	case len(p.IncludePaths) > 50 || len(p.ExcludePaths) > 50:
		return fmt.Errorf("include_paths and exclude_paths hold at most 50 patterns each")
	}
	for _, ps := range [][]string{p.IncludePaths, p.ExcludePaths} {
		for _, s := range ps {
			if _, err := discovery.CompilePathPattern(s); err != nil {
				return fmt.Errorf("path pattern %q %v", s, err)
			}
		}
	}
	return nil
}

// JobError is a failure recorded on a job, as the API shows it.
type JobError struct {
	ErrorID       string    `json:"error_id"`
	AgentName     string    `json:"agent_name"`
	ErrorType     string    `json:"error_type"`
	ErrorMessage  string    `json:"error_message"`
	PageURL       *string   `json:"page_url"`
	Timestamp     time.Time `json:"timestamp"`
	IsRecoverable bool      `json:"is_recoverable"`
}

// Job is one row of the jobs table.
type Job struct {
	ID                  string
	OwnerKeyID          int64
	Status              Status
	Website             string
	Prompt              string
	Params              Params
	Message             string
	Progress            *int
	CurrentAgent        *string
	AgentsCompleted     []string
	PagesCrawled        int
	DocumentsFound      int
	DocumentsDownloaded int
	DocumentsMatched    int // documents kept so far
	LLMTokens           int // tokens the language-model stage used
	PagesWithResults    int
	Errors              []JobError
	Warnings            []string
	RiverJobID          int64
	CreatedAt           time.Time
	StartedAt           *time.Time
	CompletedAt         *time.Time // when it completed or failed
	CancelledAt         *time.Time
	DeadlineAt          time.Time // CreatedAt + timeout: the latest it can end
}

// EstimatedCompletion estimates when an active job will end, from the work done
// so far: the time since it started, stretched by the share of the work left,
// never past its deadline. It is nil while there is no basis yet (the job has not
// started, or has done under 5 %), and the end time once the job ended.
func (j *Job) EstimatedCompletion(now time.Time) *time.Time {
	if !j.Status.Active() {
		return j.EndedAt()
	}
	if j.StartedAt == nil || j.Progress == nil || *j.Progress < 5 {
		return nil
	}
	if *j.Progress >= 100 {
		return &now
	}
	elapsed := max(now.Sub(*j.StartedAt), 0)
	est := j.StartedAt.Add(time.Duration(float64(elapsed) * 100 / float64(*j.Progress))).UTC().Truncate(time.Second)
	if est.Before(now) {
		est = now.UTC().Truncate(time.Second)
	}
	if est.After(j.DeadlineAt) {
		est = j.DeadlineAt
	}
	return &est
}

// Runtime is how long the job has run, in seconds (to 3 places) and in minutes
// (to 2): from its start to its end, or to now while it runs; both nil before it
// started.
func (j *Job) Runtime(now time.Time) (seconds, minutes *float64) {
	if j.StartedAt == nil {
		return nil, nil
	}
	end := now
	if t := j.EndedAt(); t != nil {
		end = *t
	}
	secs := roundTo(max(0, end.Sub(*j.StartedAt).Seconds()), 3)
	mins := roundTo(secs/60, 2)
	return &secs, &mins
}

// SuccessRate is documents downloaded (or inspected) over documents found, in
// [0, 1]; 0 when none were found.
func (j *Job) SuccessRate() float64 {
	if j.DocumentsFound == 0 {
		return 0
	}
	return roundTo(min(1, float64(j.DocumentsDownloaded)/float64(j.DocumentsFound)), 4)
}

// Cost is the price of the pages that yielded a result plus that of the
// language-model tokens the job used.
func (j *Job) Cost(pricePerPage, pricePer1KTokens float64) float64 {
	return roundTo(float64(j.PagesWithResults)*pricePerPage+float64(j.LLMTokens)/1000*pricePer1KTokens, 4)
}

func roundTo(f float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(f*p) / p
}

// EndedAt is when the job reached a final status, or nil.
func (j *Job) EndedAt() *time.Time {
	if j.CancelledAt != nil {
		return j.CancelledAt
	}
	return j.CompletedAt
}

// Document is a document a job kept.
type Document struct {
	URL         string
	Name        string
	SourcePage  string
	Type        string
	Confidence  float64
	FileSizeMB  *float64
	ExtractedAt time.Time
	Order       int // the crawl's order; ties in confidence are listed in it
}

// Errors the service returns; the HTTP layer maps them to status codes.
var (
	// ErrNotFound covers both an unknown job and another key's job, so that nothing
	// tells one tenant about another's jobs.
	ErrNotFound  = errors.New("job not found or access denied")
	ErrBadCursor = errors.New("invalid cursor")
)

// TooManyActiveError is returned by Create when the key has its maximum of active jobs.
type TooManyActiveError struct {
	Active, Max int
}

func (e *TooManyActiveError) Error() string {
	return fmt.Sprintf("Too many active jobs: this API key already has %d pending or in-progress jobs (the maximum is %d)", e.Active, e.Max)
}

// NotCancellableError is returned by Cancel for a job that already completed or failed.
type NotCancellableError struct {
	JobID  string
	Status Status
}

func (e *NotCancellableError) Error() string {
	return fmt.Sprintf("Cannot cancel job %s: already %s", e.JobID, e.Status)
}

// CorruptJobError is a stored job whose JSON columns cannot be read: written by
// something other than this program, or damaged. A worker fails such a job with
// this error instead of retrying it.
type CorruptJobError struct {
	JobID, Column string
	Err           error
}

func (e *CorruptJobError) Error() string {
	return fmt.Sprintf("job %s: its stored %s cannot be read: %v", e.JobID, e.Column, e.Err)
}

func (e *CorruptJobError) Unwrap() error { return e.Err }

// InvalidRequestError is a create request that breaks a rule the spec cannot express.
type InvalidRequestError struct {
	Field, Reason string
}

func (e *InvalidRequestError) Error() string { return e.Field + ": " + e.Reason }
