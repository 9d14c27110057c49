package main

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is what the log's lines reach: stderr, here readable.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestLogOutput: lines are written out together — within flushEvery of being
// logged, at once after a warning or an error, and all of them at Close — in the
// order they were logged; --log-level leaves out what is below it.
func TestLogOutput(t *testing.T) {
	var dst lockedBuffer
	out := newLogOutput(&dst)
	log := newLogger("text", slog.LevelInfo, out)
	log.Info("request", "n", 1)
	log.Debug("probe")
	if got := dst.String(); got != "" {
		t.Errorf("an info line was written at once: %q", got)
	}
	deadline := time.Now().Add(10 * flushEvery)
	for !strings.Contains(dst.String(), "n=1") {
		if time.Now().After(deadline) {
			t.Fatalf("an info line was not written within %s", 10*flushEvery)
		}
		time.Sleep(flushEvery / 4)
	}
	log.Info("request", "n", 2)
	log.With("component", "river").Warn("something is wrong")
	got := dst.String()
	if !strings.Contains(got, "something is wrong") || !strings.Contains(got, "component=river") {
		t.Fatalf("a warning was not written at once: %q", got)
	}
	if i, j := strings.Index(got, "n=2"), strings.Index(got, "something is wrong"); i < 0 || i > j {
		t.Errorf("lines out of order: %q", got)
	}
	if strings.Contains(got, "probe") {
		t.Error("a debug line was written at level info")
	}
	log.Info("stopped")
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dst.String(), "msg=stopped") {
		t.Error("Close lost the last line")
	}
	// A burst larger than the buffer is written as it comes.
	var big lockedBuffer
	out2 := newLogOutput(&big)
	defer out2.Close()
	log2 := newLogger("json", slog.LevelInfo, out2)
	for range maxBuffered/40 + 10 {
		log2.Info("request", "path", "/scrape/status/job_0123456789")
	}
	if big.String() == "" {
		t.Error("a full buffer was not written out")
	}
	for _, bad := range []string{"verbose", ""} {
		if _, err := parseLevel(bad); err == nil {
			t.Errorf("--log-level %q accepted", bad)
		}
	}
	if l, err := parseLevel("WARN"); err != nil || l != slog.LevelWarn {
		t.Errorf("--log-level WARN: %v %v", l, err)
	}
}
