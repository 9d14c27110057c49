package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sync"

	"github.com/skop-dev/skop/jobs"
)

// encodedCache keeps JSON bodies already encoded: the results and statuses of
// ended jobs (an ended job never changes; they are polled by CI pipelines and
// dashboards) and pages of job lists at a list version (jobs.Page.Version: the
// same version is the same page). Encoding a body of many documents or jobs is
// most of the cost of answering it, so each is encoded once. Keys hold the owner's key id (access was
// checked before the cache is consulted). Bounded by total size: when full it
// starts over.
type encodedCache[K comparable] struct {
	mu    sync.Mutex
	m     map[K]encodedBody
	bytes int
}

// encodedBody is a body and the version of what it was encoded from (0 for what
// never changes).
type encodedBody struct {
	version int64
	body    []byte
}

// resultsKey is an ended job's results or status.
type resultsKey struct {
	owner int64
	job   string
}

// listKey is one list query of one key.
type listKey struct {
	owner  int64
	status jobs.Status
	limit  int
	cursor string
}

// maxEncodedBytes bounds each cache: 32 MiB holds some 800 results of 50 documents.
const maxEncodedBytes = 32 << 20

func newEncodedCache[K comparable]() *encodedCache[K] {
	return &encodedCache[K]{m: map[K]encodedBody{}}
}

// get returns k's body if it was encoded from version.
func (c *encodedCache[K]) get(k K, version int64) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	if !ok || e.version != version {
		return nil, false
	}
	return e.body, true
}

// put keeps b as k's body at version, in place of any other version's.
func (c *encodedCache[K]) put(k K, version int64, b []byte) {
	if len(b) > maxEncodedBytes/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bytes+len(b) > maxEncodedBytes {
		clear(c.m)
		c.bytes = 0
	}
	if old, ok := c.m[k]; ok {
		c.bytes -= len(old.body)
	}
	c.m[k] = encodedBody{version: version, body: b}
	c.bytes += len(b)
}

// encodedResults is a 200 results answer already encoded, written as the
// generated GetJobResults200JSONResponse would write it.
type encodedResults []byte

func (b encodedResults) VisitGetJobResultsResponse(w http.ResponseWriter) error {
	return writeJSON200(w, b)
}

// encodedStatus is a 200 status answer already encoded, written as the
// generated GetJobStatus200JSONResponse would write it.
type encodedStatus []byte

func (b encodedStatus) VisitGetJobStatusResponse(w http.ResponseWriter) error {
	return writeJSON200(w, b)
}

// encodedList is a 200 list answer already encoded, written as the generated
// ListJobs200JSONResponse would write it.
type encodedList []byte

func (b encodedList) VisitListJobsResponse(w http.ResponseWriter) error { return writeJSON200(w, b) }

// encodeBody encodes v as the generated Visit…Response methods encode a JSON
// body (json.Encoder: HTML escaped, a newline at the end), so that an answer
// kept encoded is byte for byte the one the generated code would write.
func encodeBody(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeJSON200(w http.ResponseWriter, b []byte) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(b)
	return err
}
