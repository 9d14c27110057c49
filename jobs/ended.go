package jobs

import "sync"

// endedCache keeps the results of jobs that reached a final status. Such a job
// never changes again — every write to it is guarded by an active status — so its
// row and documents can be answered from memory: clients and dashboards poll
// results long after a job ended. Bounded: when full it starts over. Callers must
// not change what it returns.
type endedCache struct {
	mu sync.Mutex
	m  map[string]endedEntry
}

type endedEntry struct {
	job  *Job
	docs []Document
}

const maxEnded = 1024

func newEndedCache() *endedCache { return &endedCache{m: map[string]endedEntry{}} }

// get returns owner's ended job id, if cached. Another owner's job is a miss, so
// the database answers (with ErrNotFound), as for any other key.
func (c *endedCache) get(owner int64, id string) (endedEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[id]
	if !ok || e.job.OwnerKeyID != owner {
		return endedEntry{}, false
	}
	return e, true
}

// put keeps an ended job, with its documents when the caller read them (nil
// otherwise: a status read); active jobs are not kept.
func (c *endedCache) put(j *Job, docs []Document) {
	if j.Status.Active() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxEnded {
		clear(c.m)
	}
	if prev, ok := c.m[j.ID]; ok && docs == nil {
		docs = prev.docs
	}
	c.m[j.ID] = endedEntry{job: j, docs: docs}
}

// summaryCache keeps the list summaries of ended jobs by id. Bounded: when full it
// starts over.
type summaryCache struct {
	mu sync.Mutex
	m  map[string]*Job
}

const maxSummaries = 8192

func newSummaryCache() *summaryCache { return &summaryCache{m: map[string]*Job{}} }

// get returns owner's ended job id's summary, if cached; another owner's is a miss.
func (c *summaryCache) get(owner int64, id string) (*Job, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	j, ok := c.m[id]
	if !ok || j.OwnerKeyID != owner {
		return nil, false
	}
	return j, true
}

// put keeps an ended job's summary; active jobs are not kept.
func (c *summaryCache) put(j *Job) {
	if j.Status.Active() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxSummaries {
		clear(c.m)
	}
	c.m[j.ID] = j
}
