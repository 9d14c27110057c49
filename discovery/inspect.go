package discovery

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/skop-dev/skop/internal/metrics"
	"github.com/skop-dev/skop/internal/text"
)

// This file is the scraper and the judge: reading each candidate within the
// limits, extracting its text, and scoring it against the intent.

// inspected is the outcome of reading one candidate.
type inspected struct {
	c           *candidate
	size        int64
	docType     string
	disposition string
	content     content
	tooLarge    bool
	notDocument bool
	known       bool // kept by an earlier attempt: not fetched again
	abandoned   bool // its text could not be read in time: scored on its links alone
	err         error
}

// inspect downloads and reads the candidates concurrently, scores each as soon as it
// is read, and reports each kept document at once, so a run that is stopped keeps
// what it found.
func (r *run) inspect(ctx context.Context, cands []*candidate) error {
	evidences := make([]*evidence, 0, len(cands))
	for _, c := range cands {
		for _, l := range c.links {
			evidences = append(evidences, newEvidence(l, "", content{}))
		}
	}
	sc := newScorer(r.intent, evidences, r.siteWords)
	// OCR is spent where the links leave a chance: a scan whose every link
	// says another year, another body or another kind, and leaves it little
	// chance, stays unread. Links that say nothing ("Download") never skip it:
	// the text is all there is.
	for _, c := range cands {
		c.ocrBy = sc
	}

	results := make(chan inspected)
	ictx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(results)
		fanOut(ictx, len(cands), r.e.cfg.PerHostConcurrency, func(i int) {
			res := r.read(ictx, cands[i])
			select {
			case results <- res:
			case <-ictx.Done():
			}
		})
	}()

	tooLarge, invalid, lost, done, abandoned := 0, 0, 0, 0, 0
	var waiting, pool []held
	const lostNamed = 10                       // lost documents named one by one; the rest are counted
	inspected := r.progress.DocumentsInspected // those read while the crawl went on
	for res := range results {
		done++
		if !res.c.streamed {
			inspected++
		}
		r.progress.DocumentsInspected = inspected
		if err := ctx.Err(); err != nil {
			return err
		}
		switch {
		case res.c.kept:
			// Kept while the crawl went on: judged again now, with every
			// candidate and every link known, so its confidence is the one a
			// run that kept it only now would give (unless that would drop it
			// under the threshold: what was reported stays).
			if !res.c.streamed {
				r.progress.DocumentsDownloaded++ // read by the navigator
			}
			if h, ok := r.judge(sc, res); ok && h.score >= r.req.ConfidenceThreshold && h.doc.Confidence != res.c.keptAs {
				r.pending.UpdatedDocuments = append(r.pending.UpdatedDocuments, h.doc)
			}
		case res.known:
			r.progress.DocumentsDownloaded++
			r.progress.DocumentsMatched++
		case res.err != nil && classify(res.err) == "blocked_address":
			r.problem(StageScraper, "blocked_address", fmt.Sprintf("cannot fetch %s: %v", res.c.url, res.err), res.c.links[0].source)
		case res.err != nil:
			// A document lost (after retries) is a warning: the job goes on and
			// its other documents stand.
			lost++
			if lost <= lostNamed {
				r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("could not fetch %s (linked from %s): %v", res.c.url, res.c.links[0].source, res.err))
			}
		case res.tooLarge:
			tooLarge++
		case res.notDocument:
			invalid++
		default:
			if !res.c.streamed {
				r.progress.DocumentsDownloaded++
			}
			if res.abandoned {
				abandoned++
			}
			h, ok := r.judge(sc, res)
			switch {
			case !ok:
			case r.nearThreshold(h.score):
				waiting = append(waiting, h) // the language model decides, after the others
			case h.score >= r.req.ConfidenceThreshold && r.intent.Latest:
				pool = append(pool, h) // only the latest are kept, once all are read
			case h.score >= r.req.ConfidenceThreshold:
				r.progress.DocumentsMatched++
				r.pending.NewDocuments = append(r.pending.NewDocuments, h.doc)
			}
		}
		r.progress.Percent = 40 + 55*done/max(1, len(cands))
		if err := r.report(ctx); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(waiting) > 0 {
		keep, err := r.judgeHeld(ctx, waiting)
		if err != nil {
			return err
		}
		if r.intent.Latest {
			pool = append(pool, keep...)
		} else {
			for _, h := range keep {
				r.progress.DocumentsMatched++
				r.pending.NewDocuments = append(r.pending.NewDocuments, h.doc)
			}
		}
	}
	if r.intent.Latest && len(pool) > 0 {
		latest := latestOnly(pool)
		r.progress.DocumentsMatched += len(latest)
		r.pending.NewDocuments = append(r.pending.NewDocuments, latest...)
	}
	if len(waiting) > 0 || len(pool) > 0 {
		if err := r.report(ctx); err != nil {
			return err
		}
	}
	if abandoned > 0 {
		r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("the text of %s could not be read within %s and %s judged on %s links alone",
			plural(abandoned, "document"), extractTimeout, map[bool]string{true: "was", false: "were"}[abandoned == 1], map[bool]string{true: "its", false: "their"}[abandoned == 1]))
	}
	if n := r.scans.Load() - r.ocrSkipped.Load(); n > 0 && r.ocrRead.Load() == 0 && r.ocrFailed.Load() == 0 {
		why := errOCRUnavailable.Error()
		if r.e.cfg.OCR == OCROff {
			why = "OCR is off on this server (--ocr off)"
		}
		r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("%s had no text layer and %s judged on %s links alone: %s",
			plural(int(n), "scanned document"), map[bool]string{true: "was", false: "were"}[n == 1], map[bool]string{true: "its", false: "their"}[n == 1], why))
	}
	if n := r.ocrFailed.Load(); n > 0 {
		r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("OCR could not read %s within %s; %s judged on %s links alone",
			plural(int(n), "scanned document"), ocrTimeout, map[bool]string{true: "it was", false: "they were"}[n == 1], map[bool]string{true: "its", false: "their"}[n == 1]))
	}
	if lost > lostNamed {
		r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("%s more could not be fetched", plural(lost-lostNamed, "document")))
	}
	if tooLarge > 0 {
		r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("%s exceeded max_file_size_mb (%d MiB) and %s skipped",
			plural(tooLarge, "document"), r.req.MaxFileSizeBytes>>20, map[bool]string{true: "was", false: "were"}[tooLarge == 1]))
	}
	if invalid > 0 {
		r.pending.NewWarnings = append(r.pending.NewWarnings, fmt.Sprintf("%s did not contain the document type their link or server declared and %s skipped",
			plural(invalid, "link"), map[bool]string{true: "was", false: "were"}[invalid == 1]))
	}
	return nil
}

func plural(n int, noun string) string { return text.Plural(n, noun) }

// ocrWorthless reports whether every link to a candidate contradicts the
// prompt and leaves it under ocrFloorLogit: if it is a scan, OCR is not spent
// on it. Links that say nothing never make it worthless.
func ocrWorthless(sc *scorer, links []link) bool {
	for _, l := range links {
		f := sc.factors(newEvidence(l, "", content{}))
		if !f.contradicts() || fitted.Logit(f) >= ocrFloorLogit {
			return false
		}
	}
	return len(links) > 0
}

// read fetches one candidate within the size limit and extracts its text; a
// candidate the navigator already read, or an earlier attempt kept, is not
// fetched again.
func (r *run) read(ctx context.Context, c *candidate) inspected {
	if r.req.Known[c.url.String()] {
		return inspected{c: c, known: true}
	}
	if c.read != nil {
		return *c.read
	}
	resp, err := r.fetch(ctx, http.MethodGet, c.url)
	if err != nil {
		return inspected{c: c, size: -1, docType: c.docType, err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		return inspected{c: c, size: -1, docType: c.docType, err: &httpStatusError{resp.StatusCode}}
	}
	return r.readResponse(ctx, c, resp)
}

// readResponse reads a document from an answer, within the size limit, and
// extracts its text. The caller closes the body.
func (r *run) readResponse(ctx context.Context, c *candidate, resp *http.Response) inspected {
	res := inspected{c: c, size: -1, docType: c.docType}
	limit := r.req.MaxFileSizeBytes
	if resp.ContentLength >= 0 {
		res.size = resp.ContentLength
		if limit > 0 && res.size > limit {
			res.tooLarge = true
			return res
		}
	}
	res.disposition = dispositionName(resp.Header.Get("Content-Disposition"))
	ct := resp.Header.Get("Content-Type")
	if isHTML(ct) {
		res.notDocument = true
		return res
	}
	if dt := docTypeFromContentType(ct); dt != "" && dt != "txt" {
		res.docType = dt
	} else if dt := docTypeFromName(res.disposition); dt != "" {
		res.docType = dt
	}
	readCap := r.e.cfg.MaxDocumentBytes
	if limit > 0 && limit < readCap {
		readCap = limit
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, readCap+1))
	if err != nil {
		res.err = err
		return res
	}
	if int64(len(data)) > readCap {
		// Larger than what is read for text: learn its size without keeping it.
		rest, err := io.Copy(io.Discard, io.LimitReader(resp.Body, max(limit, readCap)))
		if err != nil {
			res.err = err
			return res
		}
		total := int64(len(data)) + rest
		if limit > 0 && total > limit {
			res.tooLarge = true
			return res
		}
		res.size = total
		data = data[:readCap]
	} else if res.size < 0 {
		res.size = int64(len(data))
	}
	kind := sniff(data, res.docType)
	if kind == "" {
		res.notDocument = true
		return res
	}
	if res.docType == "" || (kind != res.docType && !(kind == "txt" && res.docType == "csv")) {
		res.docType = kind
	}
	res.content, res.abandoned = extractWithin(ctx, data, res.docType, extractTimeout)
	if res.docType == "pdf" && !res.abandoned && len(res.content.lines) == 0 && ctx.Err() == nil {
		// A scan: no text layer. Its first page is read by OCR.
		r.scans.Add(1)
		switch {
		case r.e.cfg.OCR == OCROff:
			// judged by its links, as the operator chose
		case c.ocrBy != nil && ocrWorthless(c.ocrBy, c.links):
			r.ocrSkipped.Add(1)
		default:
			if lines, err := ocrPDF(ctx, data); err == nil {
				res.content.lines = lines
				r.ocrRead.Add(1)
			} else if !errors.Is(err, errOCRUnavailable) && ctx.Err() == nil {
				r.ocrFailed.Add(1)
			}
		}
	}
	metrics.DocumentsFetched.Inc()
	metrics.BytesFetched.Add(float64(len(data)))
	return res
}

// extractTimeout bounds the time spent reading one document's text.
var extractTimeout = 5 * time.Second

// parseText is extract; tests replace it with a parser that spins.
var parseText = extract

// extractSlots bounds the parsers running in the whole process: every run's
// documents share them, so many jobs at once cannot start more parsers than the
// machine has cores for (an abandoned, spinning parser keeps its slot until it
// returns).
var extractSlots = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))

// AbandonedParsers counts, process-wide, the parsers given up on after
// extractTimeout: a hostile file that made one spin. Each run reports its own in
// its warnings.
var AbandonedParsers atomic.Int64

// extractWithin extracts a document's text, giving up after d or when ctx ends: a
// hostile file may make a parser spin, and the run must go on (or stop) regardless.
// An abandoned parser finishes in the background and its result is dropped. It
// reports whether the parser was abandoned on its timeout.
func extractWithin(ctx context.Context, data []byte, kind string, d time.Duration) (content, bool) {
	select {
	case extractSlots <- struct{}{}:
	case <-ctx.Done():
		return content{}, false
	}
	done := make(chan content, 1)
	go func() {
		defer func() { <-extractSlots }()
		c, _ := parseText(data, kind)
		done <- c
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case c := <-done:
		return c, false
	case <-t.C:
		AbandonedParsers.Add(1)
		return content{}, true
	case <-ctx.Done():
		return content{}, false
	}
}

// judge scores every link context of a read document and keeps the best.
func (r *run) judge(sc *scorer, res inspected) (held, bool) {
	best := -1.0
	var bestEv *evidence
	var bestF Factors
	for _, l := range res.c.links {
		ev := newEvidence(l, res.disposition, res.content)
		if s, f := sc.score(ev); s > best {
			best, bestF, bestEv = s, f, ev
		}
	}
	if bestEv == nil {
		return held{}, false
	}
	h := held{score: best}
	if r.nearThreshold(best) {
		h.anchor, h.file, h.snippet = bestEv.link.anchor, fileName(res.c.url), snippetOf(res.content)
	}
	if r.intent.Latest {
		p, _, dated := bestEv.period()
		h.from, h.dated = p.From, dated
	}
	h.doc = Document{
		URL:        res.c.url.String(),
		Name:       bestEv.name(),
		SourcePage: bestEv.link.source,
		Type:       res.docType,
		Confidence: float64(int(best*1000+0.5)) / 1000,
		SizeBytes:  res.size,
		FoundAt:    now(),
		Why:        bestF.String(),
		Factors:    bestF,
		Order:      res.c.order,
	}
	return h, true
}
