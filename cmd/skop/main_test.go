package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/getkin/kin-openapi/openapi3"

	skop "github.com/skop-dev/skop"
	"github.com/skop-dev/skop/apikeys"
	"github.com/skop-dev/skop/client"
	"github.com/skop-dev/skop/database"
	"github.com/skop-dev/skop/discovery"
	"github.com/skop-dev/skop/internal/testdb"
	"github.com/skop-dev/skop/internal/testsite"
	"github.com/skop-dev/skop/jobs"
	"github.com/skop-dev/skop/server"
)

// startServer runs a real Skop server on loopback (a fresh database, one worker,
// full validation) and returns its URL and a key.
func startServer(t *testing.T) (string, string) {
	t.Helper()
	ctx := context.Background()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	db, err := database.Open(ctx, testdb.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := database.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	keys := apikeys.NewStore(db)
	secret, _, err := keys.Create(ctx, "cli", apikeys.AllScopes)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := jobs.NewService(db, jobs.Config{Workers: 1, StatusCheckInterval: 100 * time.Millisecond, Logger: quiet,
		Discovery: discovery.Config{AllowPrivateNetworks: true}})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	e, err := server.New(svc, keys, server.Config{ValidateResponses: true, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := server.HTTPServer(e, server.DefaultTimeouts(), quiet)
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() {
		_ = srv.Close()
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		_ = svc.Stop(sctx)
		db.Close()
	})
	return "http://" + ln.Addr().String(), secret
}

func minutesSite() *testsite.Site {
	return testsite.New(map[string]testsite.Resource{
		"/": testsite.HTML(`<a href="/meetings/">Meetings</a>`),
		"/meetings/": testsite.HTML(`<h2>Council minutes 2025</h2>
			<a href="/m/2025-01-14.pdf">Council minutes January 14, 2025</a>
			<a href="/m/2025-02-11.pdf">Council minutes February 11, 2025</a>
			<a href="/parks.pdf">Parks brochure</a>`),
		"/m/2025-01-14.pdf": testsite.PDFFile("Council Minutes 2025-01-14", "MINUTES OF THE CITY COUNCIL\nJanuary 14, 2025"),
		"/m/2025-02-11.pdf": testsite.PDFFile("Council Minutes 2025-02-11", "MINUTES OF THE CITY COUNCIL\nFebruary 11, 2025"),
		"/parks.pdf":        testsite.PDFFile("Parks", "PARKS"),
	})
}

// skopCLI runs the CLI in-process with the server and key in its environment.
func skopCLI(t *testing.T, base, key string, args ...string) (int, string, string) {
	t.Helper()
	t.Setenv("SKOP_URL", base)
	t.Setenv("SKOP_API_KEY", key)
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// schema validates JSON output against a component schema of openapi.yaml.
func schema(t *testing.T, name, body string) {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(skop.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("--json printed %q: %v", body, err)
	}
	if err := doc.Components.Schemas[name].Value.VisitJSON(v, openapi3.EnableJSONSchema2020()); err != nil {
		t.Errorf("--json output is not a %s: %v\n%s", name, err, body)
	}
}

// TestJSONOutput: every --json output is the API's own JSON, valid against
// openapi.yaml; exit codes say how the job ended.
func TestJSONOutput(t *testing.T) {
	site := minutesSite()
	defer site.Close()
	base, key := startServer(t)
	code, out, errOut := skopCLI(t, base, key, "--json", "find", site.URL+"/meetings/", "Find all council minutes from 2025", "--threshold", "0.5", "--wait", "--interval", "50ms")
	if code != exitOK {
		t.Fatalf("find --wait --json: exit %d: %s %s", code, out, errOut)
	}
	schema(t, "JobStatusResponse", out)
	var st struct {
		JobID string `json:"job_id"`
	}
	_ = json.Unmarshal([]byte(out), &st)
	for cmd, name := range map[string]string{"status": "JobStatusResponse", "results": "JobResultsResponse"} {
		code, out, _ := skopCLI(t, base, key, "--json", cmd, st.JobID)
		if code != exitOK {
			t.Errorf("%s: exit %d", cmd, code)
		}
		schema(t, name, out)
	}
	code, out, _ = skopCLI(t, base, key, "--json", "list")
	if code != exitOK {
		t.Errorf("list: exit %d", code)
	}
	schema(t, "JobListResponse", out)

	// A job cancelled: status exits 3. A bad id: exit 2. Unknown flag: exit 2.
	hang := testsite.New(map[string]testsite.Resource{"/": {Hang: true}})
	defer hang.Close()
	code, out, _ = skopCLI(t, base, key, "--json", "find", hang.URL+"/", "Find all council minutes from 2025")
	schema(t, "JobCreateResponse", out)
	var created struct {
		JobID string `json:"job_id"`
	}
	_ = json.Unmarshal([]byte(out), &created)
	if code, out, _ = skopCLI(t, base, key, "--json", "cancel", created.JobID); code != exitOK {
		t.Errorf("cancel: exit %d", code)
	}
	schema(t, "JobCancelResponse", out)
	if code, _, _ = skopCLI(t, base, key, "status", created.JobID); code != exitCancelled {
		t.Errorf("status of a cancelled job: exit %d, want %d", code, exitCancelled)
	}
	// A bare host means https://; --max-pages reaches the job's parameters.
	if code, out, _ = skopCLI(t, base, key, "--json", "find", "www.example.invalid", "Find all council minutes from 2025", "--crawl", "--max-pages", "7"); code != exitOK {
		t.Errorf("find with a bare host: exit %d %s", code, out)
	} else {
		_ = json.Unmarshal([]byte(out), &created)
		if code, out, _ = skopCLI(t, base, key, "--json", "results", created.JobID); !strings.Contains(out, `"original_website": "https://www.example.invalid"`) || !strings.Contains(out, `"max_pages": 7`) {
			t.Errorf("results of a bare-host job: exit %d %s", code, out)
		}
	}
	// A job cut short by its page budget: status shows the counts and says so.
	c, err := client.NewSDK(base, key)
	if err != nil {
		t.Fatal(err)
	}
	one, no := 1, false
	short, err := c.Create(context.Background(), site.URL+"/", "Find all council minutes from 2025", &client.ScrapeParameters{SinglePage: &no, MaxPages: &one})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.WaitForJob(context.Background(), short.JobId, client.WaitOptions{Interval: 50 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	if code, out, _ = skopCLI(t, base, key, "status", short.JobId); code != exitOK || !strings.Contains(out, "1 page crawled, 0 documents found, 0 matching") ||
		!strings.Contains(out, "warning: stopped at 1 page; 1 link not followed") {
		t.Errorf("status of a job cut short: exit %d, %q", code, out)
	}
	if code, _, errOut := skopCLI(t, base, key, "status", "JOB-1"); code != exitUsage || !strings.HasPrefix(errOut, "skop: 400 ") || strings.Contains(errOut, "skop: skop:") {
		t.Errorf("status of a malformed id: exit %d (want %d), stderr %q", code, exitUsage, errOut)
	}
	if code, _, _ = skopCLI(t, base, key, "find", "--bogus"); code != exitUsage {
		t.Errorf("unknown flag: exit %d, want %d", code, exitUsage)
	}
	if code, out, _ = skopCLI(t, base, key, "results", "-h"); code != exitOK || !strings.Contains(out, "Usage") {
		t.Errorf("-h: exit %d, %q", code, out)
	}
}

// TestDownload: documents land under safe names; a second run skips them.
func TestDownload(t *testing.T) {
	site := minutesSite()
	defer site.Close()
	base, key := startServer(t)
	code, out, _ := skopCLI(t, base, key, "--json", "find", site.URL+"/meetings/", "Find all council minutes from 2025", "--threshold", "0.5", "--wait", "--interval", "50ms")
	if code != exitOK {
		t.Fatal(code, out)
	}
	var st struct {
		JobID string `json:"job_id"`
	}
	_ = json.Unmarshal([]byte(out), &st)
	dir := t.TempDir()
	code, _, errOut := skopCLI(t, base, key, "results", st.JobID, "--download", dir)
	if code != exitOK || strings.Count(errOut, "saved") != 2 {
		t.Fatalf("download: exit %d\n%s", code, errOut)
	}
	for _, name := range []string{"2025-01-14.pdf", "2025-02-11.pdf"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
			t.Errorf("%s: %v", name, err)
		}
	}
	code, _, errOut = skopCLI(t, base, key, "results", st.JobID, "--download", dir)
	if code != exitOK || strings.Count(errOut, "have") != 2 {
		t.Errorf("second download: exit %d\n%s", code, errOut)
	}
}

// TestFindWaitInATerminal drives `skop find --wait` in a pseudo-terminal: the
// progress bar is drawn in place, and the final table lists the documents.
func TestFindWaitInATerminal(t *testing.T) {
	site := minutesSite()
	defer site.Close()
	base, key := startServer(t)
	bin := filepath.Join(t.TempDir(), "skop")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "find", site.URL+"/", "Find all council minutes from 2025", "--crawl", "--threshold", "0.5", "--wait", "--interval", "50ms")
	cmd.Env = append(os.Environ(), "SKOP_URL="+base, "SKOP_API_KEY="+key)
	tty, err := pty.Start(cmd)
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	var screen bytes.Buffer
	done := make(chan struct{})
	go func() { _, _ = io.Copy(&screen, tty); close(done) }()
	werr := make(chan error, 1)
	go func() { werr <- cmd.Wait() }()
	select {
	case err := <-werr:
		if err != nil {
			t.Fatalf("skop exited with %v\n%s", err, screen.String())
		}
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("skop find --wait did not end")
	}
	select {
	case <-done:
	case <-time.After(2 * time.Second):
	}
	out := screen.String()
	if !regexp.MustCompile(`\r\x1b\[K\[#+-*\] +\d+%`).MatchString(out) {
		t.Errorf("no progress bar drawn in place:\n%q", out)
	}
	if !strings.Contains(out, "completed") || !strings.Contains(out, "SCORE") ||
		!strings.Contains(out, "/m/2025-01-14.pdf") || !strings.Contains(out, "/m/2025-02-11.pdf") || strings.Contains(out, "/parks.pdf") {
		t.Errorf("the final table is not there:\n%s", out)
	}
}
