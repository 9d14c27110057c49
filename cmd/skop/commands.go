package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/skop-dev/skop/client"
	"github.com/skop-dev/skop/internal/text"
)

type findCmd struct {
	Website   string        `arg:"" help:"Where discovery starts (an http or https URL; a bare host such as www.example.gov means https://)."`
	Prompt    string        `arg:"" help:"What to find, in plain language."`
	Crawl     bool          `help:"Follow links on the site (default: only the start page)."`
	MaxPages  *int          `name:"max-pages" help:"With --crawl, the most HTML pages to read (the server's default otherwise)."`
	MaxDepth  *int          `name:"max-depth" help:"With --crawl, the most links to follow from the start page."`
	Threshold *float64      `help:"Keep documents scoring at least this (0-1)."`
	Timeout   int           `help:"The job's time limit in seconds (60-3600)." default:"0"`
	Wait      bool          `help:"Follow the job with a progress bar until it ends, then list what it found."`
	Interval  time.Duration `help:"How often to read the job's status while waiting." default:"1s"`
}

func (f *findCmd) Run(e *env) error {
	p := &client.ScrapeParameters{SinglePage: client.Ptr(!f.Crawl), ConfidenceThreshold: f.Threshold, MaxPages: f.MaxPages, MaxDepth: f.MaxDepth}
	if f.Timeout != 0 {
		p.Timeout = client.Ptr(f.Timeout)
	}
	website := f.Website
	if !strings.Contains(website, "://") {
		website = "https://" + website // "www.example.gov", as people type it
	}
	job, err := e.sdk.Create(e.ctx, website, f.Prompt, p)
	if err != nil {
		return usageOr(err)
	}
	if !f.Wait {
		if e.json {
			return printJSON(e.out, job)
		}
		fmt.Fprintf(e.out, "created %s\nfollow it with: skop watch %s\n", job.JobId, job.JobId)
		return nil
	}
	if !e.json {
		fmt.Fprintf(e.out, "created %s\n", job.JobId)
	}
	return follow(e, job.JobId, f.Interval, true)
}

type statusCmd struct {
	JobID string `arg:"" name:"job-id"`
}

func (s *statusCmd) Run(e *env) error {
	st, err := e.sdk.Status(e.ctx, s.JobID)
	if err != nil {
		return usageOr(err)
	}
	if e.json {
		return printJSON(e.out, st)
	}
	fmt.Fprintln(e.out, statusLine(st))
	fmt.Fprintf(e.out, "  %s crawled, %d documents found, %d matching\n", text.Plural(st.TotalPagesCrawled, "page"), st.TotalDocumentsFound, st.DocumentsMatched)
	for _, w := range st.Warnings {
		fmt.Fprintln(e.out, "  warning: "+w) // a limit that cut the crawl short, documents skipped, …
	}
	return exitFor(st)
}

type watchCmd struct {
	JobID    string        `arg:"" name:"job-id"`
	Interval time.Duration `help:"How often to read the job's status." default:"1s"`
}

func (w *watchCmd) Run(e *env) error { return follow(e, w.JobID, w.Interval, true) }

type cancelCmd struct {
	JobID string `arg:"" name:"job-id"`
}

func (c *cancelCmd) Run(e *env) error {
	r, err := e.sdk.Cancel(e.ctx, c.JobID)
	if err != nil {
		return usageOr(err)
	}
	if e.json {
		return printJSON(e.out, r)
	}
	fmt.Fprintf(e.out, "%s cancelled at %s\n", r.JobId, r.CancelledAt.Format(time.RFC3339))
	return nil
}

type listCmd struct {
	Status string `help:"Only jobs in this status (pending, in_progress, completed, failed, cancelled)."`
	Limit  int    `help:"At most this many jobs (0 for all)." default:"20"`
}

func (l *listCmd) Run(e *env) error {
	p := &client.ListJobsParams{}
	if l.Status != "" {
		p.Status = client.Ptr(client.JobStatus(l.Status))
	}
	var jobs []client.JobSummary
	for j, err := range e.sdk.Jobs(e.ctx, p) {
		if err != nil {
			return usageOr(err)
		}
		jobs = append(jobs, j)
		if l.Limit > 0 && len(jobs) >= l.Limit {
			break
		}
	}
	if e.json {
		return printJSON(e.out, client.JobListResponse{Jobs: text.NonNil(jobs)})
	}
	w := tabwriter.NewWriter(e.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "JOB\tSTATUS\tCREATED\tFOUND\tKEPT\tWEBSITE")
	for _, j := range jobs {
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%s\n", j.JobId, j.Status, j.CreatedAt.Local().Format("2006-01-02 15:04"), j.TotalDocumentsFound, j.DocumentsMatched, j.Website)
	}
	return w.Flush()
}

type resultsCmd struct {
	JobID    string `arg:"" name:"job-id"`
	Download string `help:"Download the kept documents into this folder (skipping those already there)." type:"path"`
	MaxSize  int64  `help:"Skip documents larger than this many MiB when downloading." default:"100"`
}

func (r *resultsCmd) Run(e *env) error {
	res, err := e.sdk.Results(e.ctx, r.JobID)
	if err != nil {
		return usageOr(err)
	}
	if e.json && r.Download == "" {
		return printJSON(e.out, res)
	}
	if !e.json {
		printDocuments(e.out, res)
	}
	if r.Download != "" {
		if err := download(e, res, r.Download, r.MaxSize<<20); err != nil {
			return err
		}
	}
	return nil
}

// follow reads the job's status until it ends, drawing a progress bar, then
// prints what it kept. Ctrl-C asks whether to cancel the job.
func follow(e *env, id string, interval time.Duration, table bool) error {
	last := ""
	st, err := e.sdk.WaitForJob(e.ctx, id, client.WaitOptions{Interval: interval, OnProgress: func(s *client.JobStatusResponse) {
		if e.json {
			return
		}
		line := progressBar(s)
		switch {
		case e.tty:
			fmt.Fprintf(e.out, "\r\033[K%s", line)
		case line != last:
			fmt.Fprintln(e.out, line)
		}
		last = line
	}})
	if e.tty && !e.json {
		fmt.Fprintln(e.out)
	}
	if errors.Is(err, context.Canceled) {
		return interrupted(e, id)
	}
	if err != nil {
		return usageOr(err)
	}
	if e.json {
		if err := printJSON(e.out, st); err != nil {
			return err
		}
		return exitFor(st)
	}
	fmt.Fprintln(e.out, statusLine(st))
	if table {
		if res, err := e.sdk.Results(context.Background(), id); err == nil {
			printDocuments(e.out, res)
		}
	}
	return exitFor(st)
}

// interrupted handles Ctrl-C while following a job: on a terminal it asks whether
// to cancel the job; otherwise the job goes on.
func interrupted(e *env, id string) error {
	fmt.Fprintln(e.errOut)
	if isTerminal(os.Stdin) {
		fmt.Fprintf(e.errOut, "cancel job %s? [y/N] ", id)
		answer, _ := bufio.NewReader(os.Stdin).ReadString('\n')
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(answer)), "y") {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if _, err := e.sdk.Cancel(ctx, id); err != nil {
				return &exitError{exitFailed, err}
			}
			return &exitError{exitCancelled, fmt.Errorf("job %s cancelled", id)}
		}
	}
	return &exitError{exitFailed, fmt.Errorf("stopped following; job %s goes on (skop watch %s)", id, id)}
}

// progressBar draws one line: a bar of the job's progress, its stage and counters.
func progressBar(s *client.JobStatusResponse) string {
	p := 0
	if s.Progress != nil {
		p = *s.Progress
	}
	const width = 24
	filled := p * width / 100
	stage := string(s.Status)
	if s.CurrentAgent != nil && s.IsActive {
		stage = *s.CurrentAgent
	}
	return fmt.Sprintf("[%s%s] %3d%%  %-11s %s, %d found, %d matching", strings.Repeat("#", filled), strings.Repeat("-", width-filled), p, stage,
		text.Plural(s.TotalPagesCrawled, "page"), s.TotalDocumentsFound, s.DocumentsMatched)
}

func statusLine(s *client.JobStatusResponse) string {
	return fmt.Sprintf("%s: %s — %s", s.JobId, s.Status, s.Message)
}

func printDocuments(w io.Writer, res *client.JobResultsResponse) {
	if len(res.Documents) == 0 {
		fmt.Fprintln(w, "no documents kept")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCORE\tTYPE\tNAME\tURL")
	for _, d := range res.Documents {
		fmt.Fprintf(tw, "%.2f\t%s\t%s\t%s\n", d.ConfidenceScore, d.DocumentType, text.ClipMark(d.Name, 60), d.Url)
	}
	_ = tw.Flush()
}

// exitFor maps a final status to the exit code.
func exitFor(s *client.JobStatusResponse) error {
	switch s.Status {
	case client.JobStatusFailed:
		return &exitError{code: exitFailed}
	case client.JobStatusCancelled:
		return &exitError{code: exitCancelled}
	}
	return nil
}

// usageOr turns a 400 into a usage error (exit 2); other errors stay (exit 1).
func usageOr(err error) error {
	var ae *client.APIError
	if errors.As(err, &ae) && ae.StatusCode == http.StatusBadRequest {
		return &exitError{exitUsage, err}
	}
	return err
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// download fetches each kept document into dir: safe file names, at most max
// bytes each, a document already there (same size) skipped, written through a
// .part file so an interrupted run resumes cleanly.
func download(e *env, res *client.JobResultsResponse, dir string, max int64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	hc := &http.Client{Timeout: 5 * time.Minute}
	used := map[string]bool{}
	failed := 0
	for _, d := range res.Documents {
		name := safeName(d, used)
		dst := filepath.Join(dir, name)
		err := fetchTo(e.ctx, hc, d.Url, dst, max)
		switch {
		case errors.Is(err, errAlreadyThere):
			fmt.Fprintf(e.errOut, "have     %s\n", name)
		case err != nil:
			failed++
			fmt.Fprintf(e.errOut, "failed   %s: %v\n", name, err)
		default:
			fmt.Fprintf(e.errOut, "saved    %s\n", name)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%s could not be downloaded", text.Plural(failed, "document"))
	}
	return nil
}

var errAlreadyThere = errors.New("already downloaded")

func fetchTo(ctx context.Context, hc *http.Client, rawURL, dst string, max int64) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	if resp.ContentLength > max {
		return fmt.Errorf("larger than %d MiB", max>>20)
	}
	if st, err := os.Stat(dst); err == nil && resp.ContentLength >= 0 && st.Size() == resp.ContentLength {
		return errAlreadyThere
	}
	part := dst + ".part"
	f, err := os.Create(part)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, io.LimitReader(resp.Body, max+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > max {
		err = fmt.Errorf("larger than %d MiB", max>>20)
	}
	if err != nil {
		os.Remove(part)
		return err
	}
	return os.Rename(part, dst)
}

// safeName is a file name for d: the URL's last segment (or the document's name),
// letters, digits, dot, dash and underscore only, with the type's extension, and
// never one already used in this run.
func safeName(d client.ExtractedDocument, used map[string]bool) string {
	base := ""
	if u, err := url.Parse(d.Url); err == nil {
		base = path.Base(u.Path)
	}
	if base == "" || base == "/" || base == "." || !strings.Contains(base, ".") {
		base = d.Name
	}
	var b strings.Builder
	for _, r := range base {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := strings.Trim(text.Clip(b.String(), 120), "._")
	if name == "" {
		name = "document"
	}
	if ext := "." + d.DocumentType; d.DocumentType != "" && !strings.HasSuffix(strings.ToLower(name), ext) {
		name += ext
	}
	candidate := name
	for i := 2; used[candidate]; i++ {
		ext := filepath.Ext(name)
		candidate = fmt.Sprintf("%s-%d%s", strings.TrimSuffix(name, ext), i, ext)
	}
	used[candidate] = true
	return candidate
}
