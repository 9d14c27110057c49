package jobs

import "sync"

// finalCache keeps, by job id, what was read of jobs that reached a final
// status. Such a job never changes again — every write to it is guarded by an
// active status — so it can be answered from memory: clients and dashboards poll
// results and lists long after a job ended. Bounded: when full it starts over.
// Callers must not change what it returns.
type finalCache[E any] struct {
	mu    sync.Mutex
	m     map[string]E
	max   int
	owner func(E) int64
}

func newFinalCache[E any](max int, owner func(E) int64) finalCache[E] {
	return finalCache[E]{m: map[string]E{}, max: max, owner: owner}
}

// get returns owner's entry for job id, if cached. Another owner's job is a miss,
// so the database answers (with ErrNotFound), as for any other key.
func (c *finalCache[E]) get(owner int64, id string) (E, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[id]
	if !ok || c.owner(e) != owner {
		var zero E
		return zero, false
	}
	return e, true
}

// store sets the entry of job id to what update makes of the one it had.
func (c *finalCache[E]) store(id string, update func(prev E, had bool) E) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	prev, had := c.m[id]
	c.m[id] = update(prev, had)
}

// endedCache keeps ended jobs' rows and, once read, their documents.
type endedCache struct{ finalCache[endedEntry] }

type endedEntry struct {
	job  *Job
	docs []Document
}

const maxEnded = 1024

func newEndedCache() *endedCache {
	return &endedCache{newFinalCache(maxEnded, func(e endedEntry) int64 { return e.job.OwnerKeyID })}
}

// put keeps an ended job, with its documents when the caller read them (nil
// otherwise: a status read); active jobs are not kept.
func (c *endedCache) put(j *Job, docs []Document) {
	if j.Status.Active() {
		return
	}
	c.store(j.ID, func(prev endedEntry, had bool) endedEntry {
		if had && docs == nil {
			docs = prev.docs
		}
		return endedEntry{job: j, docs: docs}
	})
}

// summaryCache keeps the list summaries of ended jobs.
type summaryCache struct{ finalCache[*Job] }

const maxSummaries = 8192

func newSummaryCache() *summaryCache {
	return &summaryCache{newFinalCache(maxSummaries, func(j *Job) int64 { return j.OwnerKeyID })}
}

// put keeps an ended job's summary; active jobs are not kept.
func (c *summaryCache) put(j *Job) {
	if j.Status.Active() {
		return
	}
	c.store(j.ID, func(*Job, bool) *Job { return j })
}

// pageCache keeps the last page read for each list query, with the list version
// it was read at; List answers from it only while the version is unchanged.
// Bounded: when full it starts over.
type pageCache struct {
	mu sync.Mutex
	m  map[pageKey]*Page
}

// pageKey is one list query of one key. The cursor is the client's string, so
// two spellings of one position are two entries; both are right.
type pageKey struct {
	owner  int64
	status Status
	limit  int
	cursor string
}

const maxPages = 4096

func newPageCache() *pageCache { return &pageCache{m: map[pageKey]*Page{}} }

func (c *pageCache) get(k pageKey) (*Page, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[k]
	return p, ok
}

func (c *pageCache) put(k pageKey, p *Page) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxPages {
		clear(c.m)
	}
	c.m[k] = p
}
