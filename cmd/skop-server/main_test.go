package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/skop-dev/skop/internal/testdb"
	"github.com/skop-dev/skop/internal/testsite"
)

var binary string

// TestMain builds skop-server once, without cgo, as users get it.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "skop-server-test")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "skop-server")
	cmd := exec.Command("go", "build", "-o", binary, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func buildBinary(*testing.T) string { return binary }

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func TestKeysCommands(t *testing.T) {
	bin := buildBinary(t)
	db := testdb.DSN(t)
	out, err := exec.Command(bin, "keys", "create", "--db", db, "--name", "ci", "--scopes", "scrape:read,scrape:create").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^sk-[A-Za-z0-9]{32,}\n$`).Match(out) {
		t.Errorf("keys create printed %q, want exactly one key line", out)
	}
	list, err := exec.Command(bin, "keys", "list", "--db", db).Output()
	if err != nil || !strings.Contains(string(list), "ci") || !strings.Contains(string(list), "scrape:read,scrape:create") || strings.Contains(string(list), strings.TrimSpace(string(out))) {
		t.Errorf("keys list: %v\n%s", err, list)
	}
	if err := exec.Command(bin, "keys", "revoke", "--db", db, "ci").Run(); err != nil {
		t.Errorf("revoke: %v", err)
	}
	if err := exec.Command(bin, "keys", "revoke", "--db", db, "ci").Run(); err == nil {
		t.Error("second revoke succeeded")
	}
}

// TestServeAsANewcomer follows the README: serve on a fresh database, take the key
// it prints, create a job against a local site, watch it, and stop with SIGTERM.
func TestServeAsANewcomer(t *testing.T) {
	bin := buildBinary(t)
	site := testsite.New(map[string]testsite.Resource{
		"/":      testsite.HTML(`<a href="/m.pdf">Board minutes 2025</a>`),
		"/m.pdf": testsite.PDFFile("Board minutes 2025", "minutes"),
	})
	defer site.Close()
	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve", "--addr", addr, "--db", testdb.DSN(t), "--allow-private-networks")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	keyRE := regexp.MustCompile(`sk-[A-Za-z0-9]{32,}`)
	var key string
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if m := keyRE.FindString(sc.Text()); m != "" && key == "" {
			key = m
		}
		if strings.Contains(sc.Text(), "listening") {
			break
		}
	}
	go func() {
		for sc.Scan() {
		}
	}()
	if key == "" {
		t.Fatal("serve printed no first key")
	}
	base := "http://" + addr
	do := func(method, path, body string) (int, map[string]any) {
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var v map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&v)
		return resp.StatusCode, v
	}
	code, created := do("POST", "/scrape/", fmt.Sprintf(`{"website":%q,"prompt":"Find board minutes from 2025"}`, site.URL+"/"))
	if code != 201 {
		t.Fatalf("create: %d %v", code, created)
	}
	id := created["job_id"].(string)
	deadline := time.Now().Add(20 * time.Second)
	for {
		_, st := do("GET", "/scrape/status/"+id, "")
		if st["status"] == "completed" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("job did not complete: %v", st)
		}
		time.Sleep(20 * time.Millisecond)
	}
	_, res := do("GET", "/scrape/results/"+id, "")
	if docs, _ := res["documents"].([]any); len(docs) != 1 {
		t.Errorf("results: %v", res)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve exited with %v after SIGTERM", err)
		}
	case <-ctx.Done():
		t.Error("serve did not stop after SIGTERM")
	}
}
