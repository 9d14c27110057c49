package server_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"net/http/httptest"

	"github.com/skop-dev/skop/server"
)

// chromium finds Debian's Chromium; without it the test is skipped, except in CI
// (.ci/run installs it).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed: CI must run the docs test (.ci/run installs it)")
	}
	t.Skip("skipping the browser test: chromium is not installed (apt-get install chromium)")
	return ""
}

// TestDocsPage opens /docs/ in headless Chromium, offline (the browser's own
// network traffic off; the page loads only from this server), waits for Swagger UI
// to render openapi.yaml, checks that every operation is listed, and saves a
// screenshot (its path is logged; SKOP_ARTIFACTS chooses the folder).
func TestDocsPage(t *testing.T) {
	t.Parallel() // no timing assertions that other tests' load could upset; its own database
	bin := chromium(t)
	h := start(t, options{})
	srv := httptest.NewServer(server.Mount(h.srv.Config.Handler, h.svc, false, nil))
	defer srv.Close()
	run := func(extra ...string) string {
		args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
			"--user-data-dir=" + t.TempDir(), "--virtual-time-budget=20000", "--window-size=1280,1600"}, extra...)
		args = append(args, srv.URL+"/docs/")
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, bin, args...).Output()
		if err != nil {
			t.Fatalf("chromium %v: %v", extra, err)
		}
		return string(out)
	}
	dom := run("--dump-dom")
	doc := loadSpec(t)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if !strings.Contains(dom, "-"+op.OperationID+`"`) { // id="operations-<tag>-<operationId>"
				t.Errorf("/docs/ does not list %s %s (%s)", method, path, op.OperationID)
			}
		}
	}
	if !strings.Contains(dom, "cancelJob") {
		t.Error("/docs/ does not list cancelJob")
	}
	dir := os.Getenv("SKOP_ARTIFACTS")
	if dir == "" {
		dir = os.TempDir()
	}
	shot := filepath.Join(dir, "skop-docs.png")
	run("--screenshot=" + shot)
	if st, err := os.Stat(shot); err != nil || st.Size() < 10_000 {
		t.Errorf("screenshot %s: %v", shot, err)
	} else {
		t.Logf("screenshot of /docs/: %s", shot)
	}
}
