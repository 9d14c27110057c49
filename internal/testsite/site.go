package testsite

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Resource is one URL of a site.
type Resource struct {
	ContentType string
	Body        []byte
	Status      int           // 0 means 200
	Delay       time.Duration // wait before answering (cut short when the client goes away)
	// Hang makes the answer wait until the client gives up.
	Hang bool
	// NoLength sends the body without a Content-Length (chunked).
	NoLength bool
	// Header holds extra response headers, such as Content-Disposition.
	Header map[string]string
}

// Request is one request the site received.
type Request struct {
	Method string
	Path   string // path and query
	At     time.Time
}

// Site is a website on 127.0.0.1.
type Site struct {
	*httptest.Server
	mu        sync.Mutex
	resources map[string]Resource
	requests  []Request
	inFlight  int
	peak      int
}

// New starts a site serving resources, keyed by path (and query, when present).
func New(resources map[string]Resource) *Site {
	s := &Site{resources: resources}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// NewTLS is New over HTTPS, with httptest's self-signed certificate.
func NewTLS(resources map[string]Resource) *Site {
	s := &Site{resources: resources}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(s.serve))
	return s
}

// Handler serves the site's resources, for tests that put their own server or
// middleware in front of them.
func (s *Site) Handler() http.Handler { return http.HandlerFunc(s.serve) }

// Count returns how many requests the site received for path (with query).
func (s *Site) Count(method, path string) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

// HTML is a text/html resource.
func HTML(body string) Resource {
	return Resource{ContentType: "text/html; charset=utf-8", Body: []byte(body)}
}

// PDFFile is an application/pdf resource made by PDF.
func PDFFile(title, text string) Resource {
	return Resource{ContentType: "application/pdf", Body: PDF(title, text, 0)}
}

func (s *Site) serve(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Path
	if r.URL.RawQuery != "" {
		key += "?" + r.URL.RawQuery
	}
	s.mu.Lock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: key, At: time.Now()})
	res, ok := s.resources[key]
	s.inFlight++
	s.peak = max(s.peak, s.inFlight)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	if !ok {
		http.NotFound(w, r)
		return
	}
	if res.Hang {
		<-r.Context().Done()
		return
	}
	if res.Delay > 0 {
		select {
		case <-time.After(res.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if res.ContentType != "" {
		w.Header().Set("Content-Type", res.ContentType)
	}
	for k, v := range res.Header {
		w.Header().Set(k, v)
	}
	status := res.Status
	if status == 0 {
		status = http.StatusOK
	}
	if r.Method == http.MethodHead {
		w.Header().Set("Content-Length", strconv.Itoa(len(res.Body)))
		w.WriteHeader(status)
		return
	}
	if !res.NoLength {
		w.Header().Set("Content-Length", strconv.Itoa(len(res.Body)))
	}
	w.WriteHeader(status)
	if res.NoLength {
		// Two writes with a flush between force chunked encoding.
		half := len(res.Body) / 2
		_, _ = w.Write(res.Body[:half])
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		_, _ = w.Write(res.Body[half:])
		return
	}
	_, _ = w.Write(res.Body)
}

// PeakConcurrency is the largest number of requests the site served at once.
func (s *Site) PeakConcurrency() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}

// Requests returns a copy of the requests received so far.
func (s *Site) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// RequestsAfter returns the requests that started after t.
func (s *Site) RequestsAfter(t time.Time) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.At.After(t) {
			out = append(out, r)
		}
	}
	return out
}

// Set adds or replaces a resource while the site runs.
func (s *Site) Set(path string, r Resource) {
	s.mu.Lock()
	s.resources[path] = r
	s.mu.Unlock()
}

// URL returns the absolute URL of path on the site.
func (s *Site) URLOf(path string) string {
	return s.Server.URL + "/" + strings.TrimPrefix(path, "/")
}
