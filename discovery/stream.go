package discovery

import (
	"context"
)

// This file reads and judges documents while the crawl goes on: each new
// candidate is downloaded and read at once, sharing the site's request slots
// with the page fetches, and one whose score clears the threshold by a wide
// margin is kept (and reported) then and there. So results appear during the
// crawl, and a cancel or a timeout keeps every document already judged.
//
// The final judgment is the scraper's, after the crawl, with every candidate
// known (a topic word's weight depends on how many of the site's links carry
// it): a document kept early is one that matches the whole topic (so those
// weights do not enter its score) and clears the threshold by earlyMargin; the
// rest wait for it. Early keeping is off when the
// intent may still change (a language model reads the prompt, a fiscal year
// waits for the site's start month), when only the latest documents are kept,
// and in single-page runs (every candidate is known at once).

// earlyMargin is how far, in log-odds, a score must clear the threshold to be
// kept before the crawl ends. With the whole topic matched, what the rest of the
// crawl can change is little: more links to the document (its score is the
// best of them, so it can only rise) and a span of years that another
// document's name may turn into a name (scorer.spanName).
const earlyMargin = 0.5

type streamRead struct {
	c   *candidate
	res inspected
}

// stream is the crawl's document pipeline. It is used from the crawl's own
// goroutine only; the reads run on their own and answer on done.
type stream struct {
	r        *run
	ctx      context.Context
	on, keep bool // reading during the crawl; keeping early
	queue    []*candidate
	inflight int
	done     chan streamRead
	evs      []*evidence // the links found so far, as evidence
	sc       *scorer
	scFor    int // the links the scorer was built over
	kept     int // documents kept since the last report
}

func (r *run) newStream(ctx context.Context) *stream {
	on := !r.req.SinglePage && len(r.req.Known) == 0
	keep := on && r.e.cfg.LLM.URL == "" && !r.intent.Latest && !r.intent.Fiscal
	return &stream{r: r, ctx: ctx, on: on, keep: keep, done: make(chan streamRead, max(r.e.cfg.PerHostConcurrency, 1))}
}

// scorer is a scorer over the links found so far, rebuilt as they grow by a
// tenth.
func (st *stream) scorer() *scorer {
	if st.sc == nil || len(st.evs) > st.scFor+st.scFor/10 {
		st.sc, st.scFor = newScorer(st.r.intent, st.evs, st.r.siteWords), len(st.evs)
	}
	return st.sc
}

// link records a link to a candidate, for the scorer.
func (st *stream) link(l link) {
	if st.keep || st.on {
		st.evs = append(st.evs, newEvidence(l, "", content{}))
	}
}

// add queues a new candidate to be read.
func (st *stream) add(cands []*candidate, c *candidate) {
	if !st.on || len(cands) > st.r.e.cfg.MaxCandidates {
		return // past the budget, keepBest chooses after the crawl
	}
	st.queue = append(st.queue, c)
	st.start()
}

// start launches reads while the site has room for them: at most the host's
// concurrency in flight (the host gate shares it with page fetches).
func (st *stream) start() {
	for st.inflight < max(st.r.e.cfg.PerHostConcurrency, 1) && len(st.queue) > 0 {
		c := st.queue[0]
		st.queue = st.queue[1:]
		st.inflight++
		cc := *c // the read sees a copy: the crawl may add links to c meanwhile
		cc.links = append([]link(nil), c.links...)
		cc.ocrBy = st.scorer()
		go func() { st.done <- streamRead{c, st.r.read(st.ctx, &cc)} }()
	}
}

// finished takes a read's answer: the candidate keeps what was read (the
// scraper will not fetch it again), and is judged.
func (st *stream) finished(cands []*candidate, d streamRead) {
	st.inflight--
	d.res.c = d.c
	if d.res.err == nil || st.ctx.Err() == nil {
		d.c.read = &d.res
		d.c.streamed = true
		st.r.progress.DocumentsInspected++
		if d.res.err == nil && !d.res.tooLarge && !d.res.notDocument {
			st.r.progress.DocumentsDownloaded++
		}
	}
	st.judge(cands, d.c)
	st.start()
}

// judge keeps a read candidate now when its score clears the threshold by
// earlyMargin, with a scorer over the candidates found so far.
func (st *stream) judge(cands []*candidate, c *candidate) {
	res := c.read
	if !st.keep || res == nil || c.kept || res.err != nil || res.tooLarge || res.notDocument || res.known {
		return
	}
	h, ok := st.r.judge(st.scorer(), *res)
	// A partial topic match is weighed by how many of the site's links carry
	// each word, which only the whole crawl knows: such a document waits.
	if !ok || h.doc.Factors.Topic < 1 || logOdds(h.score) < logOdds(st.r.req.ConfidenceThreshold)+earlyMargin {
		return
	}
	c.kept, c.keptAs = true, h.doc.Confidence
	st.kept++
	st.r.progress.DocumentsMatched++
	st.r.pending.NewDocuments = append(st.r.pending.NewDocuments, h.doc)
}

// flush reports the documents kept since the last report at once: a cancel
// that comes next keeps them.
func (st *stream) flush() error {
	if st.kept == 0 {
		return nil
	}
	st.kept = 0
	return st.r.report(st.ctx)
}

// drain waits for the reads in flight and judges them; the queue left is the
// scraper's.
func (st *stream) drain(cands []*candidate) error {
	st.queue = nil
	for st.inflight > 0 {
		select {
		case d := <-st.done:
			st.finished(cands, d)
		case <-st.ctx.Done():
			return st.ctx.Err()
		}
	}
	return st.flush()
}
