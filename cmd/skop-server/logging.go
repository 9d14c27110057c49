package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// logOutput buffers the log's lines and writes them out together: at most
// flushEvery after they were logged, when the buffer passes maxBuffered, and at
// once after a record at warning level or above (see urgentHandler), so that
// what explains a failure is never waiting in memory. Writing each line with its
// own system call cost a busy API server a good part of its time: every request
// is logged.
type logOutput struct {
	mu   sync.Mutex
	w    io.Writer
	buf  []byte
	stop chan struct{}
	done chan struct{}
}

const (
	flushEvery  = 100 * time.Millisecond
	maxBuffered = 64 << 10
)

func newLogOutput(w io.Writer) *logOutput {
	o := &logOutput{w: w, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(o.done)
		t := time.NewTicker(flushEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				_ = o.Flush()
			case <-o.stop:
				return
			}
		}
	}()
	return o
}

// Write keeps p (one record: slog handlers write each in one call) for the next
// flush.
func (o *logOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.buf = append(o.buf, p...)
	if len(o.buf) >= maxBuffered {
		if err := o.flushLocked(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes out what is buffered.
func (o *logOutput) Flush() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.flushLocked()
}

func (o *logOutput) flushLocked() error {
	if len(o.buf) == 0 {
		return nil
	}
	_, err := o.w.Write(o.buf)
	if cap(o.buf) > 4*maxBuffered {
		o.buf = nil // a burst grew it: let it go
	} else {
		o.buf = o.buf[:0]
	}
	return err
}

// Close stops the periodic flush and writes out the rest.
func (o *logOutput) Close() error {
	close(o.stop)
	<-o.done
	return o.Flush()
}

// urgentHandler writes out the buffered log after each record at warning level
// or above.
type urgentHandler struct {
	slog.Handler
	out *logOutput
}

func (h urgentHandler) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if r.Level >= slog.LevelWarn {
		if ferr := h.out.Flush(); err == nil {
			err = ferr
		}
	}
	return err
}

func (h urgentHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return urgentHandler{h.Handler.WithAttrs(as), h.out}
}

func (h urgentHandler) WithGroup(name string) slog.Handler {
	return urgentHandler{h.Handler.WithGroup(name), h.out}
}

// newLogger is the process's logger: format "text" or "json" at level, through
// out.
func newLogger(format string, level slog.Level, out *logOutput) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(out, opts)
	if format == "json" {
		h = slog.NewJSONHandler(out, opts)
	}
	return slog.New(urgentHandler{h, out})
}

// parseLevel reads --log-level.
func parseLevel(s string) (slog.Level, error) {
	switch strings.ToLower(s) {
	case "debug":
		return slog.LevelDebug, nil
	case "info":
		return slog.LevelInfo, nil
	case "warn", "warning":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return 0, fmt.Errorf("--log-level must be debug, info, warn or error, not %q", s)
}
