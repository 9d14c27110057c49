package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
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
	out, err := exec.Command(bin, "keys", "create", "--create", "--db", db, "--name", "ci", "--scopes", "scrape:read,scrape:create").Output()
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

// TestCommandLine: -h exits 0 on every command; unknown commands are named and exit
// 2; an unreadable environment variable stops the start and is named; keys refuse
// a SQLite file that does not exist unless --create.
func TestCommandLine(t *testing.T) {
	bin := buildBinary(t)
	run := func(env []string, args ...string) (int, string) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, string(out)
	}
	for _, args := range [][]string{{"-h"}, {"help"}, {"serve", "-h"}, {"worker", "-h"}, {"keys", "-h"}, {"keys", "create", "-h"}, {"keys", "list", "-h"}} {
		if code, out := run(nil, args...); code != 0 || !strings.Contains(strings.ToLower(out), "usage") {
			t.Errorf("%v: exit %d, output %q; want 0 and a usage text", args, code, out)
		}
	}
	if code, out := run(nil, "serv"); code != 2 || !strings.Contains(out, `unknown command "serv"`) {
		t.Errorf("unknown command: exit %d, %q", code, out)
	}
	if code, out := run(nil, "keys", "rotate"); code != 2 || !strings.Contains(out, `unknown command "rotate"`) {
		t.Errorf("unknown keys command: exit %d, %q", code, out)
	}
	dir := t.TempDir()
	for _, env := range []string{"SKOP_WORKERS=four", "SKOP_LEASE=soon", "SKOP_ALLOW_PRIVATE_NETWORKS=maybe", "SKOP_PRICE_PER_PAGE=free"} {
		name := strings.SplitN(env, "=", 2)[0]
		code, out := run([]string{env}, "serve", "--addr", "127.0.0.1:0", "--db", filepath.Join(dir, "env.db"))
		if code != 2 || !strings.Contains(out, name) {
			t.Errorf("%s: exit %d, %q; want 2 naming the variable", env, code, out)
		}
	}
	if code, out := run(nil, "serve", "--addr", "127.0.0.1:0", "--db", filepath.Join(dir, "level.db"), "--log-level", "verbose"); code != 2 || !strings.Contains(out, "--log-level") {
		t.Errorf("--log-level verbose: exit %d, %q; want 2 naming the flag", code, out)
	}
	missing := filepath.Join(dir, "typo.db")
	if code, out := run(nil, "keys", "list", "--db", missing); code == 0 || !strings.Contains(out, "--create") {
		t.Errorf("keys list on a missing file: exit %d, %q", code, out)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("keys list created %s", missing)
	}
	if code, out := run(nil, "keys", "create", "--db", missing, "--name", "x", "--create"); code != 0 {
		t.Errorf("keys create --create: exit %d, %q", code, out)
	}
}
