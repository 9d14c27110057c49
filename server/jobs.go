package server

import (
	"context"
	"errors"
	"fmt"
	"github.com/skop-dev/skop/discovery"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/skop-dev/skop/gen"
	"github.com/skop-dev/skop/internal/text"
	"github.com/skop-dev/skop/jobs"
)

func notFound() *apiError { return newAPIError(http.StatusNotFound, "Job not found or access denied") }

// fromService maps the service's errors to API errors; anything else is a 500.
func fromService(err error) error {
	var (
		tm *jobs.TooManyActiveError
		nc *jobs.NotCancellableError
		ir *jobs.InvalidRequestError
	)
	switch {
	case errors.Is(err, jobs.ErrNotFound):
		return notFound()
	case errors.Is(err, jobs.ErrBadCursor):
		return &apiError{status: http.StatusBadRequest, message: "cursor is not valid: pass next_cursor from the previous page unchanged",
			details: &gen.ErrorDetails{Field: "cursor", Reason: "is not valid"}}
	case errors.As(err, &tm):
		return newAPIError(http.StatusTooManyRequests, tm.Error())
	case errors.As(err, &nc):
		return newAPIError(http.StatusBadRequest, nc.Error())
	case errors.As(err, &ir):
		return &apiError{status: http.StatusBadRequest, message: ir.Error(), details: &gen.ErrorDetails{Field: ir.Field, Reason: ir.Reason}}
	}
	return err
}

// effectiveParameters shows a job's parameters; the crawl controls of a job
// stored before they existed are left out.
func effectiveParameters(p jobs.Params) gen.EffectiveParameters {
	e := gen.EffectiveParameters{SinglePage: p.SinglePage, Timeout: p.Timeout, ConfidenceThreshold: p.ConfidenceThreshold,
		FileType: p.FileType, MaxFileSizeMb: p.MaxFileSizeMB}
	if p.MaxPages > 0 {
		e.MaxPages = &p.MaxPages
	}
	if p.MaxDepth > 0 {
		e.MaxDepth = &p.MaxDepth
	}
	if p.IncludePaths != nil {
		e.IncludePaths = &p.IncludePaths
	}
	if p.ExcludePaths != nil {
		e.ExcludePaths = &p.ExcludePaths
	}
	if p.AllowSubdomains {
		e.AllowSubdomains = &p.AllowSubdomains
	}
	return e
}

func invalid(field, reason string) *apiError {
	return &apiError{status: http.StatusBadRequest, message: field + ": " + reason, details: &gen.ErrorDetails{Field: field, Reason: reason}}
}

// checkWebsite enforces what the spec's pattern approximates: an absolute http(s)
// URL with a host.
func checkWebsite(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", invalid("website", "is not a valid URL")
	}
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return "", invalid("website", "must be an http or https URL")
	}
	if u.Hostname() == "" {
		return "", invalid("website", "must name a host")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "", invalid("website", fmt.Sprintf("port %s is not a TCP port (1-65535)", p))
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return "", invalid("website", "has an empty port")
	}
	if strings.ContainsAny(u.Hostname(), " \t%") {
		return "", invalid("website", "host name is not valid")
	}
	if u.User != nil {
		return "", invalid("website", "must not contain credentials")
	}
	return u.String(), nil
}

func (h *handlers) CreateJob(ctx context.Context, req gen.CreateJobRequestObject) (gen.CreateJobResponseObject, error) {
	if req.Body == nil {
		return nil, invalid("body", "is required")
	}
	website, err := checkWebsite(req.Body.Website)
	if err != nil {
		return nil, err
	}
	prompt := strings.TrimSpace(req.Body.Prompt)
	if n := len([]rune(prompt)); n < 10 {
		return nil, invalid("prompt", "must be at least 10 characters")
	}
	p := jobs.DefaultParams()
	if in := req.Body.Parameters; in != nil {
		if in.SinglePage != nil {
			p.SinglePage = *in.SinglePage
		}
		if in.Timeout != nil {
			p.Timeout = *in.Timeout
		}
		if in.ConfidenceThreshold != nil {
			p.ConfidenceThreshold = *in.ConfidenceThreshold
		}
		if in.FileType != nil {
			p.FileType = string(*in.FileType)
		}
		if in.MaxFileSizeMb != nil {
			p.MaxFileSizeMB = *in.MaxFileSizeMb
		}
	}
	if err := h.crawlControls(req.Body.Parameters, &p); err != nil {
		return nil, err
	}
	j, err := h.svc.Create(ctx, owner(ctx), jobs.CreateRequest{Website: website, Prompt: prompt, Params: p})
	if err != nil {
		return nil, fromService(err)
	}
	return gen.CreateJob201JSONResponse{Body: gen.JobCreateResponse{
		JobId:               j.ID,
		Status:              gen.JobCreateResponseStatusPending,
		Message:             "Job created and queued for processing",
		EstimatedCompletion: j.DeadlineAt,
		CreatedAt:           j.CreatedAt,
	}}, nil
}

// crawlControls fills the job's crawl controls from the request and the
// server's defaults, and refuses a value above a ceiling or a malformed path
// pattern, naming the field.
func (h *handlers) crawlControls(in *gen.ScrapeParameters, p *jobs.Params) error {
	p.MaxPages, p.MaxDepth = h.crawl.MaxPages, h.crawl.MaxDepth
	if in == nil {
		return nil
	}
	if in.MaxPages != nil {
		if *in.MaxPages > h.crawl.MaxPagesCeiling {
			return invalid("parameters.max_pages", fmt.Sprintf("must be at most %d (this server's --max-pages-ceiling)", h.crawl.MaxPagesCeiling))
		}
		p.MaxPages = *in.MaxPages
	}
	if in.MaxDepth != nil {
		if *in.MaxDepth > h.crawl.MaxDepthCeiling {
			return invalid("parameters.max_depth", fmt.Sprintf("must be at most %d (this server's --max-depth-ceiling)", h.crawl.MaxDepthCeiling))
		}
		p.MaxDepth = *in.MaxDepth
	}
	for _, f := range []struct {
		name string
		in   *[]string
		out  *[]string
	}{{"include_paths", in.IncludePaths, &p.IncludePaths}, {"exclude_paths", in.ExcludePaths, &p.ExcludePaths}} {
		if f.in == nil {
			continue
		}
		for i, s := range *f.in {
			if _, err := discovery.CompilePathPattern(s); err != nil {
				return invalid(fmt.Sprintf("parameters.%s[%d]", f.name, i), fmt.Sprintf("%q %v", s, err))
			}
		}
		*f.out = *f.in
	}
	if in.AllowSubdomains != nil {
		p.AllowSubdomains = *in.AllowSubdomains
	}
	return nil
}

func (h *handlers) GetJobStatus(ctx context.Context, req gen.GetJobStatusRequestObject) (gen.GetJobStatusResponseObject, error) {
	j, err := h.svc.Get(ctx, owner(ctx), req.JobId)
	if err != nil {
		return nil, fromService(err)
	}
	// An ended job's status never changes (its estimated completion is its end):
	// it is encoded once.
	ended := !j.Status.Active()
	if ended {
		if b, ok := h.statuses.get(resultsKey{owner(ctx), j.ID}, 0); ok {
			return encodedStatus(b), nil
		}
	}
	resp := statusResponse(j)
	if !ended {
		return resp, nil
	}
	b, err := encodeBody(resp.Body)
	if err != nil {
		return nil, err
	}
	h.statuses.put(resultsKey{owner(ctx), j.ID}, 0, b)
	return encodedStatus(b), nil
}

// statusResponse is the status answer for a job, now.
func statusResponse(j *jobs.Job) gen.GetJobStatus200JSONResponse {
	return gen.GetJobStatus200JSONResponse{Body: gen.JobStatusResponse{
		JobId:               j.ID,
		Status:              gen.JobStatus(j.Status),
		Message:             j.Message,
		Progress:            j.Progress,
		CreatedAt:           j.CreatedAt,
		StartedAt:           j.StartedAt,
		CompletedAt:         j.CompletedAt,
		CancelledAt:         j.CancelledAt,
		EstimatedCompletion: j.EstimatedCompletion(time.Now()),
		Deadline:            j.DeadlineAt,
		CurrentAgent:        j.CurrentAgent,
		AgentsCompleted:     text.NonNil(j.AgentsCompleted),
		TotalPagesCrawled:   j.PagesCrawled,
		TotalDocumentsFound: j.DocumentsFound,
		DocumentsMatched:    j.DocumentsMatched,
		Errors:              apiErrors(j.Errors),
		Warnings:            text.NonNil(j.Warnings),
		IsActive:            j.Status.Active(),
		HasErrors:           len(j.Errors) > 0,
	}}
}

func apiErrors(es []jobs.JobError) []gen.JobError {
	out := make([]gen.JobError, len(es))
	for i, e := range es {
		out[i] = gen.JobError{
			ErrorId: e.ErrorID, AgentName: e.AgentName, ErrorType: e.ErrorType, ErrorMessage: e.ErrorMessage,
			PageUrl: e.PageURL, Timestamp: e.Timestamp, IsRecoverable: e.IsRecoverable,
		}
	}
	return out
}

func (h *handlers) GetJobResults(ctx context.Context, req gen.GetJobResultsRequestObject) (gen.GetJobResultsResponseObject, error) {
	j, docs, err := h.svc.Results(ctx, owner(ctx), req.JobId)
	if err != nil {
		return nil, fromService(err)
	}
	ended := !j.Status.Active()
	if ended {
		if b, ok := h.encoded.get(resultsKey{owner(ctx), j.ID}, 0); ok {
			return encodedResults(b), nil
		}
	}
	resp := h.resultsResponse(j, docs)
	if !ended {
		return resp, nil
	}
	b, err := encodeBody(resp.Body)
	if err != nil {
		return nil, err
	}
	h.encoded.put(resultsKey{owner(ctx), j.ID}, 0, b)
	return encodedResults(b), nil
}

// resultsResponse is the results answer for a job and its documents.
func (h *handlers) resultsResponse(j *jobs.Job, docs []jobs.Document) gen.GetJobResults200JSONResponse {
	out := make([]gen.ExtractedDocument, len(docs))
	for i, d := range docs {
		out[i] = gen.ExtractedDocument{
			Name: d.Name, Url: d.URL, SourcePage: d.SourcePage, DocumentType: d.Type,
			ConfidenceScore: d.Confidence, FileSizeMb: d.FileSizeMB, ExtractedAt: d.ExtractedAt,
		}
	}
	runtime, minutes := j.Runtime(time.Now())
	return gen.GetJobResults200JSONResponse{Body: gen.JobResultsResponse{
		JobId:     j.ID,
		Status:    gen.JobStatus(j.Status),
		Message:   j.Message,
		Documents: out,
		Metadata: gen.JobMetadata{
			OriginalWebsite: j.Website,
			OriginalPrompt:  j.Prompt,
			Parameters:      effectiveParameters(j.Params),
			CreatedAt:       j.CreatedAt,
			StartedAt:       j.StartedAt,
			CompletedAt:     j.CompletedAt,
			CancelledAt:     j.CancelledAt,
		},
		TotalDocumentsFound:      j.DocumentsFound,
		TotalDocumentsDownloaded: j.DocumentsDownloaded,
		TotalPagesCrawled:        j.PagesCrawled,
		SuccessRate:              j.SuccessRate(),
		Cost:                     j.Cost(h.svc.PricePerPage(), h.svc.LLMPricePer1KTokens()),
		LlmTokens:                j.LLMTokens,
		TotalRuntimeSeconds:      runtime,
		RuntimeMinutes:           minutes,
		Errors:                   apiErrors(j.Errors),
		Warnings:                 text.NonNil(j.Warnings),
		HasErrors:                len(j.Errors) > 0,
	}}
}

func (h *handlers) ListJobs(ctx context.Context, req gen.ListJobsRequestObject) (gen.ListJobsResponseObject, error) {
	var status jobs.Status
	if req.Params.Status != nil {
		status = jobs.Status(*req.Params.Status)
	}
	limit := 20
	if req.Params.Limit != nil {
		limit = *req.Params.Limit
	}
	cursor := ""
	if req.Params.Cursor != nil {
		cursor = *req.Params.Cursor
	}
	page, err := h.svc.List(ctx, owner(ctx), status, limit, cursor)
	if err != nil {
		return nil, fromService(err)
	}
	// A page read at an unchanged list version is the same page: its JSON is
	// kept, keyed by the query (access was checked, and the owner is in the key).
	key := listKey{owner: owner(ctx), status: status, limit: limit, cursor: cursor}
	if b, ok := h.lists.get(key, page.Version); ok {
		return encodedList(b), nil
	}
	resp := gen.JobListResponse{Jobs: make([]gen.JobSummary, len(page.Jobs)), HasMore: page.Next != ""}
	for i, j := range page.Jobs {
		resp.Jobs[i] = gen.JobSummary{
			JobId: j.ID, Status: gen.JobStatus(j.Status), Website: j.Website, Prompt: j.Prompt,
			CreatedAt: j.CreatedAt, CompletedAt: j.CompletedAt, CancelledAt: j.CancelledAt,
			TotalDocumentsFound: j.DocumentsFound, DocumentsMatched: j.DocumentsMatched,
		}
	}
	if page.Next != "" {
		resp.NextCursor = &page.Next
	}
	b, err := encodeBody(resp)
	if err != nil {
		return nil, err
	}
	h.lists.put(key, page.Version, b)
	return encodedList(b), nil
}

func (h *handlers) CancelJob(ctx context.Context, req gen.CancelJobRequestObject) (gen.CancelJobResponseObject, error) {
	j, err := h.svc.Cancel(ctx, owner(ctx), req.JobId)
	if err != nil {
		return nil, fromService(err)
	}
	if j.CancelledAt == nil {
		return nil, fmt.Errorf("job %s cancelled without a cancel time", j.ID)
	}
	return gen.CancelJob200JSONResponse{Body: gen.JobCancelResponse{
		JobId:       j.ID,
		Status:      gen.JobCancelResponseStatusCancelled,
		Message:     "Job " + j.ID + " cancelled successfully",
		CancelledAt: *j.CancelledAt,
	}}, nil
}
