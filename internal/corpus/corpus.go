// Package corpus reads a discovery benchmark corpus (README.md, cases.jsonl and
// sites/<site>/), serves its sites on 127.0.0.1 exactly as the corpus README
// specifies, and scores an engine's answers against the ground truth.
package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/skop-dev/skop/jobs"
)

// Case is one line of cases.jsonl.
type Case struct {
	ID         string     `json:"id"`
	Site       string     `json:"site"`
	Start      string     `json:"start"`
	Prompt     string     `json:"prompt"`
	Parameters Parameters `json:"parameters"`
	Relevant   []string   `json:"relevant"`
	Note       string     `json:"note"`
}

// Parameters are a case's job parameters; absent ones take the API defaults.
type Parameters struct {
	SinglePage          *bool    `json:"single_page"`
	ConfidenceThreshold *float64 `json:"confidence_threshold"`
	MaxFileSizeMB       *int     `json:"max_file_size_mb"`
}

// JobParams are the job parameters a case runs with: the case's own, and the API
// defaults for the rest.
func (c Case) JobParams() jobs.Params {
	p := jobs.DefaultParams()
	if c.Parameters.SinglePage != nil {
		p.SinglePage = *c.Parameters.SinglePage
	}
	if c.Parameters.ConfidenceThreshold != nil {
		p.ConfidenceThreshold = *c.Parameters.ConfidenceThreshold
	}
	if c.Parameters.MaxFileSizeMB != nil {
		p.MaxFileSizeMB = *c.Parameters.MaxFileSizeMB
	}
	return p
}

// LoadCases reads dir/cases.jsonl.
func LoadCases(dir string) ([]Case, error) {
	f, err := os.Open(filepath.Join(dir, "cases.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var cases []Case
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c Case
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			return nil, fmt.Errorf("cases.jsonl line %d: %w", n, err)
		}
		cases = append(cases, c)
	}
	return cases, sc.Err()
}

type route struct {
	File        string `json:"file"`
	Type        string `json:"type"`
	Disposition string `json:"disposition"`
}

// contentTypes is the corpus README's table.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".htm":  "text/html; charset=utf-8",
	".pdf":  "application/pdf",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".doc":  "application/msword",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".txt":  "text/plain; charset=utf-8",
	".csv":  "text/csv; charset=utf-8",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".png":  "image/png",
	".css":  "text/css; charset=utf-8",
	".xml":  "application/xml",
}

// SiteHandler serves the web root root: routes from _routes.json by exact
// request-URI, otherwise the file the path names (index.html for a folder), never
// _routes.json or anything inside a _files folder, and 404 for the rest.
func SiteHandler(root string) (http.Handler, error) {
	routes := map[string]route{}
	if b, err := os.ReadFile(filepath.Join(root, "_routes.json")); err == nil {
		if err := json.Unmarshal(b, &routes); err != nil {
			return nil, fmt.Errorf("%s/_routes.json: %w", root, err)
		}
	} else if !os.IsNotExist(err) {
		return nil, err
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rt, ok := routes[r.URL.RequestURI()]; ok {
			serveFile(w, r, filepath.Join(root, filepath.FromSlash(rt.File)), rt.Type, rt.Disposition)
			return
		}
		p := r.URL.Path
		if strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		clean := path.Clean("/" + p)
		if clean == "/_routes.json" || strings.Contains(clean+"/", "/_files/") {
			http.NotFound(w, r)
			return
		}
		file := filepath.Join(root, filepath.FromSlash(clean))
		st, err := os.Stat(file)
		if err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		ct := contentTypes[strings.ToLower(path.Ext(clean))]
		if clean == "/robots.txt" {
			ct = "text/plain; charset=utf-8"
		}
		if clean == "/robots.txt" || strings.HasSuffix(clean, ".xml") {
			// Sitemaps and robots.txt may name the site's own absolute URLs, whose
			// port is known only when served: {{origin}} stands for it.
			b, err := os.ReadFile(file)
			if err != nil {
				http.NotFound(w, r)
				return
			}
			b = bytes.ReplaceAll(b, []byte("{{origin}}"), []byte("http://"+r.Host))
			w.Header().Set("Content-Type", ct)
			w.Header().Set("Content-Length", fmt.Sprint(len(b)))
			if r.Method != http.MethodHead {
				_, _ = w.Write(b)
			}
			return
		}
		serveFile(w, r, file, ct, "")
	}), nil
}

func serveFile(w http.ResponseWriter, r *http.Request, file, ct, disposition string) {
	b, err := os.ReadFile(file)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	if disposition != "" {
		w.Header().Set("Content-Disposition", disposition)
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(b)
}

// Server serves every site of a corpus, one per port on 127.0.0.1.
type Server struct {
	bases   map[string]string // site → http://127.0.0.1:port
	servers []*http.Server
}

// Serve starts one listener per site folder under dir/sites.
func Serve(dir string) (*Server, error) {
	entries, err := os.ReadDir(filepath.Join(dir, "sites"))
	if err != nil {
		return nil, err
	}
	s := &Server{bases: map[string]string{}}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		h, err := SiteHandler(filepath.Join(dir, "sites", e.Name()))
		if err != nil {
			s.Close()
			return nil, err
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			s.Close()
			return nil, err
		}
		srv := &http.Server{Handler: h}
		go func() { _ = srv.Serve(ln) }()
		s.servers = append(s.servers, srv)
		s.bases[e.Name()] = "http://" + ln.Addr().String()
	}
	return s, nil
}

// StartURL is where case c starts.
func (s *Server) StartURL(c Case) (string, error) {
	base, ok := s.bases[c.Site]
	if !ok {
		return "", fmt.Errorf("case %s: no site %q", c.ID, c.Site)
	}
	return base + c.Start, nil
}

// Close stops every site.
func (s *Server) Close() {
	for _, srv := range s.servers {
		_ = srv.Close()
	}
}

// Score is a case's (or a total's) counts and measures.
type Score struct {
	TP, FP, FN        int
	Precision, Recall float64
	F1                float64
	FalsePositives    []string `json:"-"`
	FalseNegatives    []string `json:"-"`
}

// Finish computes the measures from the counts; with nothing returned precision
// and F1 are 0, as the corpus README says.
func (s *Score) Finish() {
	s.Precision, s.Recall, s.F1 = 0, 0, 0
	if s.TP+s.FP > 0 {
		s.Precision = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		s.Recall = float64(s.TP) / float64(s.TP+s.FN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
}

// RequestURI is what a returned URL is judged by: its path and query string,
// without scheme, host, port or fragment (the corpus README's rule).
func RequestURI(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	u.Fragment = ""
	return u.RequestURI(), true
}

// Judge scores returned document URLs against the case's relevant request-URIs.
func Judge(c Case, returned []string) Score {
	want := map[string]bool{}
	for _, r := range c.Relevant {
		want[r] = true
	}
	got := map[string]bool{}
	var s Score
	for _, raw := range returned {
		uri, ok := RequestURI(raw)
		if !ok {
			continue
		}
		if got[uri] {
			continue
		}
		got[uri] = true
		if want[uri] {
			s.TP++
		} else {
			s.FP++
			s.FalsePositives = append(s.FalsePositives, uri)
		}
	}
	for _, r := range c.Relevant {
		if !got[r] {
			s.FN++
			s.FalseNegatives = append(s.FalseNegatives, r)
		}
	}
	s.Finish()
	return s
}
