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
}

// New starts a site serving resources, keyed by path (and query, when present).
func New(resources map[string]Resource) *Site {
	s := &Site{resources: resources}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
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
	s.mu.Unlock()
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
	status := res.Status
	if status == 0 {
		status = http.StatusOK
	}
	if r.Method == http.MethodHead {
		w.Header().Set("Content-Length", strconv.Itoa(len(res.Body)))
		w.WriteHeader(status)
		return
	}
	w.WriteHeader(status)
	_, _ = w.Write(res.Body)
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
