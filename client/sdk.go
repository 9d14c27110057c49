package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// This file is the hand-written side of the client: an SDK over the generated
// ClientWithResponses that turns every answer other than the hoped-for one into an
// *APIError, waits for jobs, pages through lists, and retries what may be retried.

// APIError is an answer other than the one a call asked for: the HTTP status, the
// server's ErrorResponse (nil when the body was not one), and the request id to
// quote when asking the operator about it.
type APIError struct {
	StatusCode int
	RequestID  string
	Response   *ErrorResponse
	Body       []byte
}

// Error is "400 website: is not a valid URL (request …)", without a prefix: the
// caller says where it came from (the skop command adds "skop:").
func (e *APIError) Error() string {
	msg := http.StatusText(e.StatusCode)
	if e.Response != nil && e.Response.Message != "" {
		msg = e.Response.Message
	}
	if e.RequestID != "" {
		return fmt.Sprintf("%d %s (request %s)", e.StatusCode, msg, e.RequestID)
	}
	return fmt.Sprintf("%d %s", e.StatusCode, msg)
}

func apiError(resp *http.Response, body []byte) *APIError {
	e := &APIError{StatusCode: resp.StatusCode, RequestID: resp.Header.Get("X-Request-ID"), Body: body}
	var er ErrorResponse
	if json.Unmarshal(body, &er) == nil && er.Error {
		e.Response = &er
	}
	return e
}

// answer is an operation's expected body, or, when the answer was another one
// (an error status), the *APIError made from it.
func answer[T any](want *T, resp *http.Response, body []byte) (*T, error) {
	if want == nil {
		return nil, apiError(resp, body)
	}
	return want, nil
}

// Ptr returns a pointer to v, for the optional fields of requests:
// &ScrapeParameters{SinglePage: client.Ptr(false)}.
func Ptr[T any](v T) *T { return &v }

// RetryPolicy says how calls are retried: after a 429, 502, 503 or 504, or a
// connection error, up to MaxRetries times, after an exponential backoff with
// jitter starting at BaseDelay, or after the server's Retry-After when it asks
// for longer (up to MaxDelay). Creating a job is not retried unless RetryCreate is
// set: a retried create may create two jobs.
type RetryPolicy struct {
	MaxRetries  int
	BaseDelay   time.Duration
	MaxDelay    time.Duration
	RetryCreate bool
}

// DefaultRetryPolicy retries three times, from half a second up to 30 s.
var DefaultRetryPolicy = RetryPolicy{MaxRetries: 3, BaseDelay: 500 * time.Millisecond, MaxDelay: 30 * time.Second}

// SDK is a Skop client for programs: typed answers, *APIError for every other
// one, retries, waiting and paging. Its Raw field is the generated client, for
// anything else.
type SDK struct {
	Raw *ClientWithResponses
}

// SDKOption configures NewSDK.
type SDKOption func(*sdkConfig)

type sdkConfig struct {
	http  HttpRequestDoer
	retry RetryPolicy
	opts  []ClientOption
}

// WithRetryPolicy replaces DefaultRetryPolicy.
func WithRetryPolicy(p RetryPolicy) SDKOption { return func(c *sdkConfig) { c.retry = p } }

// WithHTTP sends requests through doer (an *http.Client with a timeout, a proxy …).
func WithHTTP(doer HttpRequestDoer) SDKOption { return func(c *sdkConfig) { c.http = doer } }

// WithClientOptions passes options to the generated client.
func WithClientOptions(opts ...ClientOption) SDKOption {
	return func(c *sdkConfig) { c.opts = append(c.opts, opts...) }
}

// NewSDK returns an SDK for the server at baseURL ("http://127.0.0.1:8080"),
// authenticated with apiKey.
func NewSDK(baseURL, apiKey string, opts ...SDKOption) (*SDK, error) {
	cfg := sdkConfig{http: &http.Client{Timeout: time.Minute}, retry: DefaultRetryPolicy}
	for _, o := range opts {
		o(&cfg)
	}
	doer := &retryingDoer{next: cfg.http, policy: cfg.retry}
	copts := append([]ClientOption{WithHTTPClient(doer), WithAPIKey(apiKey)}, cfg.opts...)
	raw, err := NewClientWithResponses(baseURL, copts...)
	if err != nil {
		return nil, err
	}
	return &SDK{Raw: raw}, nil
}

// Create creates a job; params may be nil for the server's defaults.
func (s *SDK) Create(ctx context.Context, website, prompt string, params *ScrapeParameters) (*JobCreateResponse, error) {
	r, err := s.Raw.CreateJobWithResponse(ctx, ScrapeRequest{Website: website, Prompt: prompt, Parameters: params})
	if err != nil {
		return nil, err
	}
	return answer(r.JSON201, r.HTTPResponse, r.Body)
}

// Status reads a job's status.
func (s *SDK) Status(ctx context.Context, id string) (*JobStatusResponse, error) {
	r, err := s.Raw.GetJobStatusWithResponse(ctx, id)
	if err != nil {
		return nil, err
	}
	return answer(r.JSON200, r.HTTPResponse, r.Body)
}

// Results reads the documents a job kept so far, with its figures.
func (s *SDK) Results(ctx context.Context, id string) (*JobResultsResponse, error) {
	r, err := s.Raw.GetJobResultsWithResponse(ctx, id)
	if err != nil {
		return nil, err
	}
	return answer(r.JSON200, r.HTTPResponse, r.Body)
}

// Cancel cancels a pending or running job; cancelling it again answers the same.
func (s *SDK) Cancel(ctx context.Context, id string) (*JobCancelResponse, error) {
	r, err := s.Raw.CancelJobWithResponse(ctx, id)
	if err != nil {
		return nil, err
	}
	return answer(r.JSON200, r.HTTPResponse, r.Body)
}

// Jobs iterates over the caller's jobs, newest first, following the cursors page
// after page; params may filter by status and set the page size. A failed page
// ends the iteration with its error.
func (s *SDK) Jobs(ctx context.Context, params *ListJobsParams) iter.Seq2[JobSummary, error] {
	return func(yield func(JobSummary, error) bool) {
		p := ListJobsParams{}
		if params != nil {
			p = *params
		}
		for {
			r, err := s.Raw.ListJobsWithResponse(ctx, &p)
			if err == nil && r.JSON200 == nil {
				err = apiError(r.HTTPResponse, r.Body)
			}
			if err != nil {
				yield(JobSummary{}, err)
				return
			}
			for _, j := range r.JSON200.Jobs {
				if !yield(j, nil) {
					return
				}
			}
			if !r.JSON200.HasMore || r.JSON200.NextCursor == nil {
				return
			}
			p.Cursor = r.JSON200.NextCursor
		}
	}
}

// WaitOptions tune WaitForJob.
type WaitOptions struct {
	// Interval between status reads (default 1 s).
	Interval time.Duration
	// OnProgress, when set, is called with every status read.
	OnProgress func(*JobStatusResponse)
}

// WaitForJob reads the job's status until it is no longer active and returns the
// last status: completed, failed or cancelled. It returns early with ctx's error;
// cancelling ctx does not cancel the job (call Cancel for that).
func (s *SDK) WaitForJob(ctx context.Context, id string, opts WaitOptions) (*JobStatusResponse, error) {
	if opts.Interval <= 0 {
		opts.Interval = time.Second
	}
	t := time.NewTicker(opts.Interval)
	defer t.Stop()
	for {
		st, err := s.Status(ctx, id)
		if err != nil {
			return nil, err
		}
		if opts.OnProgress != nil {
			opts.OnProgress(st)
		}
		if !st.IsActive {
			return st, nil
		}
		select {
		case <-ctx.Done():
			return st, ctx.Err()
		case <-t.C:
		}
	}
}

// retryingDoer retries requests by the policy. It needs to send a body again,
// which the generated client's requests allow (GetBody).
type retryingDoer struct {
	next   HttpRequestDoer
	policy RetryPolicy
}

func (d *retryingDoer) Do(req *http.Request) (*http.Response, error) {
	retryable := req.Method != http.MethodPost || d.policy.RetryCreate
	for attempt := 0; ; attempt++ {
		resp, err := d.next.Do(req)
		if !retryable || attempt >= d.policy.MaxRetries || req.Context().Err() != nil {
			return resp, err
		}
		wait := d.policy.BaseDelay << attempt
		wait = wait/2 + rand.N(wait/2+1)
		switch {
		case err != nil:
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusBadGateway ||
			resp.StatusCode == http.StatusServiceUnavailable || resp.StatusCode == http.StatusGatewayTimeout:
			if s, perr := strconv.Atoi(resp.Header.Get("Retry-After")); perr == nil && time.Duration(s)*time.Second > wait {
				wait = time.Duration(s) * time.Second
			}
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		default:
			return resp, nil
		}
		if d.policy.MaxDelay > 0 && wait > d.policy.MaxDelay {
			wait = d.policy.MaxDelay
		}
		if req.GetBody != nil {
			body, gerr := req.GetBody()
			if gerr != nil {
				return nil, gerr
			}
			req.Body = body
		} else if req.Body != nil && req.Body != http.NoBody {
			return nil, errors.New("skop: cannot retry a request whose body cannot be read again")
		}
		t := time.NewTimer(wait)
		select {
		case <-req.Context().Done():
			t.Stop()
			return nil, req.Context().Err()
		case <-t.C:
		}
	}
}
