package jobs

import "github.com/skop-dev/skop/internal/memo"

// ownedCache keeps, by job id, what was read of jobs, for their owner only.
// Jobs that reached a final status never change again — every write to one is
// guarded by an active status — so they can be answered from memory: clients and
// dashboards poll results and lists long after a job ended. Active jobs are kept
// with the row version they were read at (liveCache), and answered only while it
// holds. Bounded: when full it starts over. Callers must not change what it
// returns.
type ownedCache[E any] struct {
	m     *memo.Map[string, E]
	owner func(E) int64
}

func newOwnedCache[E any](max int, owner func(E) int64) ownedCache[E] {
	return ownedCache[E]{m: memo.New[string, E](max), owner: owner}
}

// get returns owner's entry for job id, if cached. Another owner's job is a miss,
// so the database answers (with ErrNotFound), as for any other key.
func (c *ownedCache[E]) get(owner int64, id string) (E, bool) {
	e, ok := c.m.Get(id)
	if !ok || c.owner(e) != owner {
		var zero E
		return zero, false
	}
	return e, true
}

// store sets the entry of job id to what update makes of the one it had.
func (c *ownedCache[E]) store(id string, update func(prev E, had bool) E) { c.m.Update(id, update) }

// drop forgets job id.
func (c *ownedCache[E]) drop(id string) { c.m.Delete(id) }

// endedCache keeps ended jobs' rows and, once read, their documents.
type endedCache struct{ ownedCache[endedEntry] }

type endedEntry struct {
	job  *Job
	docs []Document
}

const maxEnded = 1024

func newEndedCache() *endedCache {
	return &endedCache{newOwnedCache(maxEnded, func(e endedEntry) int64 { return e.job.OwnerKeyID })}
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
type summaryCache struct{ ownedCache[*Job] }

const maxSummaries = 8192

func newSummaryCache() *summaryCache {
	return &summaryCache{newOwnedCache(maxSummaries, func(j *Job) int64 { return j.OwnerKeyID })}
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
type pageCache = memo.Map[pageKey, *Page]

// pageKey is one list query of one key. The cursor is the client's string, so
// two spellings of one position are two entries; both are right.
type pageKey struct {
	owner  int64
	status Status
	limit  int
	cursor string
}

const maxPages = 4096

func newPageCache() *pageCache { return memo.New[pageKey, *Page](maxPages) }

// liveCache keeps active jobs as last read, with the row version they were read
// at; Get answers from it only while the row's version is unchanged.
type liveCache struct{ ownedCache[liveEntry] }

type liveEntry struct {
	job     *Job
	version int64
}

const maxLive = 4096

func newLiveCache() *liveCache {
	return &liveCache{newOwnedCache(maxLive, func(e liveEntry) int64 { return e.job.OwnerKeyID })}
}

// put keeps an active job read at version; an ended one is dropped (the ended
// cache has it).
func (c *liveCache) put(j *Job, version int64) {
	if !j.Status.Active() {
		c.drop(j.ID)
		return
	}
	c.store(j.ID, func(liveEntry, bool) liveEntry { return liveEntry{job: j, version: version} })
}
