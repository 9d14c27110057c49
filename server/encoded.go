package server

import (
	"net/http"
	"sync"
)

// encodedCache keeps the JSON of results of ended jobs. An ended job never
// changes, and its results are polled by CI pipelines and dashboards; encoding a
// results body of many documents is most of the cost of answering it, so each is
// encoded once. Entries are keyed by the owner's key id and the job id (access was
// checked before the cache is consulted), and bounded by total size: when full it
// starts over.
type encodedCache struct {
	mu    sync.Mutex
	m     map[encodedKey][]byte
	bytes int
}

type encodedKey struct {
	owner int64
	job   string
}

// maxEncodedBytes bounds the cache: 32 MiB holds some 800 results of 50 documents.
const maxEncodedBytes = 32 << 20

func newEncodedCache() *encodedCache { return &encodedCache{m: map[encodedKey][]byte{}} }

func (c *encodedCache) get(owner int64, job string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[encodedKey{owner, job}]
	return b, ok
}

func (c *encodedCache) put(owner int64, job string, b []byte) {
	if len(b) > maxEncodedBytes/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bytes+len(b) > maxEncodedBytes {
		clear(c.m)
		c.bytes = 0
	}
	k := encodedKey{owner, job}
	if old, ok := c.m[k]; ok {
		c.bytes -= len(old)
	}
	c.m[k] = b
	c.bytes += len(b)
}

// encodedResults is a 200 results answer already encoded, written as the
// generated GetJobResults200JSONResponse would write it.
type encodedResults []byte

func (b encodedResults) VisitGetJobResultsResponse(w http.ResponseWriter) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(b)
	return err
}
